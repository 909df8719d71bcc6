//! Writing outputs atomically: each file goes to a temporary file in the output folder and
//! is then renamed over the old one, so a failed or interrupted build never leaves a broken
//! PDF.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::typeset::Typeset;

/// A document that was written: its files, its page count and their size in bytes.
#[derive(Debug, Clone)]
pub struct Written {
    pub id: String,
    pub paths: Vec<PathBuf>,
    pub pages: usize,
    pub bytes: usize,
}

/// Writes every document's files into `out`.
pub fn write_all(out: &Path, documents: &[Typeset]) -> Result<Vec<Written>, String> {
    std::fs::create_dir_all(out)
        .map_err(|e| format!("cannot create the output folder `{}`: {e}", out.display()))?;
    documents
        .iter()
        .map(|document| {
            let mut paths = Vec::new();
            for file in &document.files {
                let path = out.join(&file.name);
                write_atomic(&path, &file.bytes)
                    .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
                paths.push(path);
            }
            Ok(Written {
                id: document.id.clone(),
                paths,
                pages: document.pages,
                bytes: document.files.iter().map(|f| f.bytes.len()).sum(),
            })
        })
        .collect()
}

/// Removes page images of `written`'s document left in its folder by an earlier preview
/// (`<id>-<digits>.png` not written this time), so the folder shows the document as it is
/// now, not pages that no longer exist.
pub fn remove_stale_pages(out: &Path, written: &Written) -> Result<(), String> {
    let entries = std::fs::read_dir(out)
        .map_err(|e| format!("cannot read the output folder `{}`: {e}", out.display()))?;
    let prefix = format!("{}-", written.id);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let page = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".png"));
        let is_page = page.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if is_page
            && !written
                .paths
                .iter()
                .any(|p| p.file_name() == Some(entry.file_name().as_os_str()))
        {
            std::fs::remove_file(entry.path())
                .map_err(|e| format!("cannot remove `{}`: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
/// The file gets the permissions of an ordinary new file (read-write for its owner,
/// readable by others as the umask allows), not a temporary file's owner-only ones: PDFs
/// go to shared folders and web servers.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".plan-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
