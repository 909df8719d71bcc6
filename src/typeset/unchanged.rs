//! A document whose inputs did not change is not typeset again. typst's output is decided by
//! the files it reads (the generated markup and data, the templates, the prepared pictures,
//! any plan file a template reads) and by the world's fixed settings (plan's version, the
//! document's date, its fonts, the PDF's metadata). A build records, beside its PDFs, what
//! each one read with a digest of every file, the settings' digest and the PDF's own digest
//! ([`MANIFEST`]). The next build, once plan's own stages have made the markup (1–2 % of a
//! build), compares: when every file read then is the same now, the settings are and the PDF
//! on disk is the one written, the document is left as it is.
//!
//! The record is a list of what typst read, so it is exact: a file a template reads only
//! for one document counts only for it, a template override added since counts (its path
//! resolves to other bytes), a file that was missing and now exists counts.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

/// A SHA-256 digest.
pub(crate) type Digest = [u8; 32];

/// The file beside the outputs that records what each PDF was made of.
pub const MANIFEST: &str = ".plan-inputs";

/// The digest of some bytes.
pub(crate) fn sha(bytes: &[u8]) -> Digest {
    Sha256::digest(bytes).into()
}

/// The digest of what typst got for a file: its bytes, or one digest for "no such file"
/// (a file that appears since then so counts as a change).
pub(crate) fn digest_of<E>(result: &Result<typst::foundations::Bytes, E>) -> Digest {
    match result {
        Ok(bytes) => sha(bytes.as_slice()),
        Err(_) => sha(b"\xff no file"),
    }
}

/// The digests of files of the plan folder (paths relative to it) as a record lists them,
/// for what reads them besides typst: the Word edition reads the pictures as they are (typst
/// reads prepared copies) and the plan's reference document.
pub(crate) fn plan_reads<'p>(
    root: &Path,
    paths: impl IntoIterator<Item = &'p str>,
) -> Vec<(String, Digest)> {
    let files = super::world::Files::new(root);
    let mut reads: Vec<(String, Digest)> = paths
        .into_iter()
        .filter_map(|path| {
            let id = super::world::file_id(&format!("/{}", path.trim_start_matches('/')))?;
            let path = id.vpath().get_with_slash().to_string();
            let digest = digest_of(&files.current(&path));
            Some((path, digest))
        })
        .collect();
    reads.sort();
    reads.dedup();
    reads
}

fn hex(digest: &Digest) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// What one typeset document was made of: its settings' digest and every file it read.
#[derive(Debug, Clone)]
pub struct Record {
    pub(crate) settings: Digest,
    pub(crate) reads: Vec<(String, Digest)>,
}

/// The record of one output file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct Entry {
    /// The digest of the settings the document was typeset with.
    settings: String,
    /// Every file typst read, by virtual path, with its digest.
    reads: BTreeMap<String, String>,
    /// The digest of the file written.
    output: String,
    /// Its page count, for the line that says it is unchanged.
    pages: usize,
}

/// The records of an output folder's files.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// The version of plan that wrote the files: another version typesets everything again
    /// (its templates, fonts or typst may differ).
    plan: String,
    files: BTreeMap<String, Entry>,
}

impl Manifest {
    /// The records of the folder `out`; none when there are none, they cannot be read, or
    /// another version of plan wrote them.
    pub fn read(out: &Path) -> Manifest {
        std::fs::read(out.join(MANIFEST))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
            .filter(|m| m.plan == env!("CARGO_PKG_VERSION"))
            .unwrap_or_default()
    }

    /// The page count of `name` in `out` when it was made with these `settings` from files
    /// that `current` still gives the same digests, and is on disk as written.
    pub(crate) fn unchanged(
        &self,
        out: &Path,
        name: &str,
        settings: &Digest,
        current: impl Fn(&str) -> Digest,
    ) -> Option<usize> {
        let entry = self.files.get(name)?;
        if entry.settings != hex(settings) {
            return None;
        }
        if !entry
            .reads
            .iter()
            .all(|(path, digest)| *digest == hex(&current(path)))
        {
            return None;
        }
        let on_disk = std::fs::read(out.join(name)).ok()?;
        (entry.output == hex(&sha(&on_disk))).then_some(entry.pages)
    }

    /// Records that `name` was written with these bytes and pages, made as `record` says.
    pub(crate) fn record(&mut self, name: &str, record: &Record, bytes: &[u8], pages: usize) {
        let entry = Entry {
            settings: hex(&record.settings),
            reads: record
                .reads
                .iter()
                .map(|(path, digest)| (path.clone(), hex(digest)))
                .collect(),
            output: hex(&sha(bytes)),
            pages,
        };
        self.files.insert(name.to_string(), entry);
    }

    /// Forgets `name`: it was written without a record (a Word edition).
    pub(crate) fn forget(&mut self, name: &str) {
        self.files.remove(name);
    }

    /// Writes the records into `out`, replacing the earlier ones.
    pub fn write(&mut self, out: &Path) -> std::io::Result<()> {
        self.plan = env!("CARGO_PKG_VERSION").to_string();
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        crate::output::write_atomic(&out.join(MANIFEST), &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(reads: &[(&str, &[u8])]) -> Record {
        Record {
            settings: sha(b"settings"),
            reads: reads.iter().map(|(p, b)| (p.to_string(), sha(b))).collect(),
        }
    }

    #[test]
    fn a_file_is_unchanged_only_while_its_reads_settings_and_bytes_are() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.pdf"), b"pdf").expect("write");
        let mut manifest = Manifest::default();
        manifest.record("a.pdf", &record(&[("/x.typ", b"x")]), b"pdf", 3);
        manifest.write(dir.path()).expect("write manifest");
        let manifest = Manifest::read(dir.path());
        let same = |_: &str| sha(b"x");
        let settings = sha(b"settings");
        assert_eq!(
            manifest.unchanged(dir.path(), "a.pdf", &settings, same),
            Some(3)
        );
        let other = |_: &str| sha(b"y");
        assert_eq!(
            manifest.unchanged(dir.path(), "a.pdf", &settings, other),
            None
        );
        assert_eq!(
            manifest.unchanged(dir.path(), "a.pdf", &sha(b"other"), same),
            None
        );
        assert_eq!(
            manifest.unchanged(dir.path(), "b.pdf", &settings, same),
            None
        );
        std::fs::write(dir.path().join("a.pdf"), b"edited").expect("write");
        assert_eq!(
            manifest.unchanged(dir.path(), "a.pdf", &settings, same),
            None
        );
    }
}
