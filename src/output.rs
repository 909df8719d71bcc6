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

/// Writes every document's files into `out`, as one set (see [`write_set`]).
pub fn write_all(out: &Path, documents: &[Typeset]) -> Result<Vec<Written>, String> {
    std::fs::create_dir_all(out)
        .map_err(|e| format!("cannot create the output folder `{}`: {e}", out.display()))?;
    let files: Vec<(PathBuf, &[u8])> = documents
        .iter()
        .flat_map(|d| &d.files)
        .map(|file| (out.join(&file.name), file.bytes.as_slice()))
        .collect();
    write_set(&files)?;
    Ok(documents
        .iter()
        .map(|document| Written {
            id: document.id.clone(),
            paths: document.files.iter().map(|f| out.join(&f.name)).collect(),
            pages: document.pages,
            bytes: document.files.iter().map(|f| f.bytes.len()).sum(),
        })
        .collect())
}

/// The usage problem for an output folder (`-o`) that is a file, if it is one.
pub fn not_a_folder(out: Option<&Path>) -> Option<crate::diag::Diagnostic> {
    let out = out?;
    (out.exists() && !out.is_dir()).then(|| {
        crate::diag::Diagnostic::usage(format!("the output folder `{}` is a file", out.display()))
            .hint(
                "pass a folder with `-o` (it is made if it does not exist), or move the file away",
            )
    })
}

/// The code of the problem when some files of a set were replaced and others not.
pub const PARTLY_WRITTEN: &str = "partly-written";

/// Writes a set of files so that they replace their earlier versions together: every file
/// is first written in full to a temporary file beside it, and only when all are written
/// are they renamed into place. A failed write (a full disk) so leaves every earlier file
/// as it was. A rename that fails (rare: the folder made read-only meanwhile) leaves the
/// files renamed before it new and the rest as they were, and the error says which (it
/// starts with [`PARTLY_WRITTEN`]).
///
/// `PLAN_FAULT=write:N` or `rename:N` makes the N-th write or rename fail, so that tests
/// can see what a user would.
pub fn write_set(files: &[(PathBuf, &[u8])]) -> Result<(), String> {
    let fault = |stage: &str, n: usize| {
        std::env::var("PLAN_FAULT").is_ok_and(|f| f == format!("{stage}:{n}"))
    };
    let mut staged = Vec::new();
    for (n, (path, bytes)) in files.iter().enumerate() {
        let file = if fault("write", n + 1) {
            Err(std::io::Error::other("injected fault (PLAN_FAULT)"))
        } else {
            stage(path, bytes)
        };
        staged.push(file.map_err(|e| format!("cannot write `{}`: {e}", path.display()))?);
    }
    let mut renamed: Vec<&Path> = Vec::new();
    for (n, (file, (path, _))) in staged.into_iter().zip(files).enumerate() {
        let result = if fault("rename", n + 1) {
            Err(std::io::Error::other("injected fault (PLAN_FAULT)"))
        } else {
            file.persist(path).map(drop).map_err(|e| e.error)
        };
        if let Err(e) = result {
            let list = |paths: &mut dyn Iterator<Item = &Path>| {
                paths
                    .map(|p| format!("`{}`", p.display()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let unchanged = list(&mut files[n..].iter().map(|(p, _)| p.as_path()));
            if renamed.is_empty() {
                return Err(format!("cannot replace `{}`: {e}", path.display()));
            }
            return Err(format!(
                "{PARTLY_WRITTEN}: cannot replace `{}`: {e}; these files are new: {}; these keep their earlier version: {unchanged}",
                path.display(),
                list(&mut renamed.iter().copied()),
            ));
        }
        renamed.push(path);
    }
    Ok(())
}

/// The problem a failed [`write_set`] reports: an I/O error, or [`PARTLY_WRITTEN`] when
/// some files were replaced.
pub fn problem(err: String) -> crate::diag::Diagnostic {
    let partly = format!("{PARTLY_WRITTEN}: ");
    match err.strip_prefix(&partly) {
        Some(message) => crate::diag::Diagnostic::error(message).code(PARTLY_WRITTEN),
        None => crate::diag::Diagnostic::error(err).code("io"),
    }
}

/// `bytes` written and synced to a temporary file in `path`'s folder, with the
/// permissions of an ordinary new file (see [`write_atomic`]).
fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
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
    Ok(file)
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
    stage(path, bytes)?.persist(path).map_err(|e| e.error)?;
    Ok(())
}
