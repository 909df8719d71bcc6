//! Writing PDFs atomically: each goes to a temporary file in the output folder and is then
//! renamed over the old one, so a failed or interrupted build never leaves a broken PDF.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::typeset::Pdf;

/// A PDF that was written.
#[derive(Debug, Clone)]
pub struct Written {
    pub path: PathBuf,
    pub pages: usize,
    pub bytes: usize,
}

/// Writes every PDF to `<out>/<id>.pdf`.
pub fn write_all(out: &Path, pdfs: &[Pdf]) -> Result<Vec<Written>, String> {
    std::fs::create_dir_all(out)
        .map_err(|e| format!("cannot create the output folder `{}`: {e}", out.display()))?;
    pdfs.iter()
        .map(|pdf| {
            let path = out.join(format!("{}.pdf", pdf.id));
            write_atomic(&path, &pdf.bytes)
                .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
            Ok(Written {
                path,
                pages: pdf.pages,
                bytes: pdf.bytes.len(),
            })
        })
        .collect()
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new()
        .prefix(".plan-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
