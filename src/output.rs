//! Writing outputs atomically: each file goes to a temporary file in the output folder and
//! is then renamed over the old one, so a failed or interrupted build never leaves a broken
//! PDF.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::codes::{self, PARTLY_WRITTEN};
use crate::typeset::Typeset;

/// A document that was written: its files, its page count and their size in bytes.
#[derive(Debug, Clone)]
pub struct Written {
    pub id: String,
    pub paths: Vec<PathBuf>,
    pub pages: usize,
    pub bytes: usize,
    /// Left as it was: made of the same inputs by an earlier build (`paths` names its files).
    pub kept: bool,
}

/// Writes every document's files into `out`, as one set (see [`write_set`]); a preview
/// (`pages`) also removes the written documents' earlier page images.
pub fn write_all(out: &Path, documents: &[Typeset], pages: bool) -> Result<Set, String> {
    let files: Vec<(String, &[u8])> = documents
        .iter()
        .flat_map(|d| &d.files)
        .map(|file| (file.name.clone(), file.bytes.as_slice()))
        .collect();
    // A document with no page in the selection keeps its earlier images.
    let replaced: Vec<&str> = documents
        .iter()
        .filter(|d| pages && !d.files.is_empty())
        .map(|d| d.id.as_str())
        .collect();
    // A document left as it was is what this build would write: current, whatever an
    // interrupted run left.
    let kept: Vec<String> = documents
        .iter()
        .flat_map(|d| d.kept_files.iter().cloned())
        .collect();
    let notes = write_set_keeping(out, &files, &kept, pages.then_some(replaced.as_slice()))?;
    let written = documents
        .iter()
        .map(|document| Written {
            id: document.id.clone(),
            paths: if document.kept {
                document.kept_files.iter().map(|f| out.join(f)).collect()
            } else {
                document.files.iter().map(|f| out.join(&f.name)).collect()
            },
            pages: document.pages,
            bytes: document.files.iter().map(|f| f.bytes.len()).sum(),
            kept: document.kept,
        })
        .collect();
    Ok(Set { written, notes })
}

/// What [`write_all`] wrote, and what it noticed of an earlier run that was interrupted.
#[derive(Debug)]
pub struct Set {
    pub written: Vec<Written>,
    pub notes: Vec<crate::diag::Diagnostic>,
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

/// Writes a set of files into `folder` (made if needed) so that they replace their earlier
/// versions together: every file is first written in full to a temporary file beside it,
/// and only when all are written are they renamed into place. A failed write (a full disk)
/// so leaves every earlier file as it was. A rename that fails (rare: the folder made
/// read-only meanwhile) leaves the files renamed before it new and the rest as they were,
/// and the error says which (it starts with [`PARTLY_WRITTEN`]).
///
/// The folder is held for the whole write ([`Held`]): a second run writing there waits, so
/// two sets never mix, and the temporary files of a run that was killed are removed. Its
/// renames are journalled, so that the next run can tell of a set a kill left half replaced
/// (the returned notes). `pages`, for a preview, names the documents whose earlier page
/// images go: only images a preview wrote there, never a file of the user's.
///
/// `PLAN_FAULT=write:N` or `rename:N` makes the N-th write or rename fail,
/// `PLAN_FAULT=kill:N` ends the process before the N-th rename and `pause:N` waits 3 s
/// there, so that tests can see what a user would.
pub fn write_set(
    folder: &Path,
    files: &[(String, &[u8])],
    pages: Option<&[&str]>,
) -> Result<Vec<crate::diag::Diagnostic>, String> {
    write_set_keeping(folder, files, &[], pages)
}

/// [`write_set`], the files named `kept` (in the folder already, as this run would write
/// them) not written.
fn write_set_keeping(
    folder: &Path,
    files: &[(String, &[u8])],
    kept: &[String],
    pages: Option<&[&str]>,
) -> Result<Vec<crate::diag::Diagnostic>, String> {
    let held = Held::take(folder)?;
    let notes = held.interrupted(files, kept);
    let fault = |stage: &str, n: usize| {
        std::env::var("PLAN_FAULT").is_ok_and(|f| f == format!("{stage}:{n}"))
    };
    let mut staged = Vec::new();
    for (n, (name, bytes)) in files.iter().enumerate() {
        let path = folder.join(name);
        let file = if fault("write", n + 1) {
            Err(std::io::Error::other("injected fault (PLAN_FAULT)"))
        } else {
            stage(&path, bytes)
        };
        staged.push(file.map_err(|e| format!("cannot write `{}`: {e}", path.display()))?);
    }
    held.journal(files.iter().map(|(name, _)| name.as_str()))?;
    let mut renamed: Vec<PathBuf> = Vec::new();
    for (n, (file, (name, _))) in staged.into_iter().zip(files).enumerate() {
        if fault("kill", n + 1) {
            std::process::exit(137);
        }
        if fault("pause", n + 1) {
            std::thread::sleep(std::time::Duration::from_secs(3));
        }
        let path = folder.join(name);
        let result = if fault("rename", n + 1) {
            Err(std::io::Error::other("injected fault (PLAN_FAULT)"))
        } else {
            file.persist(&path).map(drop).map_err(|e| e.error)
        };
        if let Err(e) = result {
            let list = |paths: &mut dyn Iterator<Item = PathBuf>| {
                paths
                    .map(|p| format!("`{}`", p.display()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let unchanged = list(&mut files[n..].iter().map(|(name, _)| folder.join(name)));
            if renamed.is_empty() {
                // Nothing was replaced: the set is whole, as the journal must not say.
                let _ = held.journal(std::iter::empty());
                return Err(format!("cannot replace `{}`: {e}", path.display()));
            }
            return Err(format!(
                "{PARTLY_WRITTEN}: cannot replace `{}`: {e}; these files are new: {}; these keep their earlier version: {unchanged}",
                path.display(),
                list(&mut renamed.into_iter()),
            ));
        }
        renamed.push(path);
    }
    if let Some(documents) = pages {
        held.replace_pages(files, documents)?;
    }
    held.journal(std::iter::empty())?;
    Ok(notes)
}

/// Locks `folder` (an existing one) for this process until the file returned is
/// dropped, waiting while another run holds it. The folder itself is locked where that
/// is possible, so that no file is added; elsewhere a `.plan-lock` file in it. A file
/// system without locks (some network shares) is not locked, and the work goes on.
pub fn lock_folder(folder: &Path) -> std::io::Result<std::fs::File> {
    #[cfg(unix)]
    let lock = std::fs::File::open(folder)?;
    #[cfg(not(unix))]
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(folder.join(".plan-lock"))?;
    let _ = lock.lock();
    Ok(lock)
}

/// An output folder held by this run. The lock (on the folder, or on a `.plan-lock` file
/// in it where folders cannot be locked) makes a second run wait; everything here is done
/// while it is held.
struct Held<'a> {
    folder: &'a Path,
    _lock: std::fs::File,
}

/// The journal of a set being renamed into place: its file names, one a line; removed once
/// every rename is done, so finding it means a run was killed half-way.
const JOURNAL: &str = ".plan-set";

/// The page images previews wrote into a folder, `<document id>\t<file name>` a line:
/// the only images a later preview may remove.
const PAGES: &str = ".plan-pages";

impl<'a> Held<'a> {
    /// Makes and locks `folder`, waiting for a run that holds it, then removes the
    /// temporary files a killed run left there (the picture cache sweeps its own).
    fn take(folder: &'a Path) -> Result<Self, String> {
        std::fs::create_dir_all(folder).map_err(|e| {
            format!(
                "cannot create the output folder `{}`: {e}",
                folder.display()
            )
        })?;
        let lock = lock_folder(folder).map_err(|e| {
            format!(
                "cannot write in the output folder `{}`: {e}",
                folder.display()
            )
        })?;
        remove_temporary_files(folder);
        Ok(Self {
            folder,
            _lock: lock,
        })
    }

    /// The note for a journal an interrupted run left, naming the files it may have left
    /// older than the rest; this run's `files` replace some or all of them, and the `kept`
    /// ones are current.
    fn interrupted(
        &self,
        files: &[(String, &[u8])],
        kept: &[String],
    ) -> Vec<crate::diag::Diagnostic> {
        let Ok(journal) = std::fs::read_to_string(self.folder.join(JOURNAL)) else {
            return Vec::new();
        };
        let names: Vec<&str> = journal.lines().filter(|l| !l.is_empty()).collect();
        let left: Vec<String> = names
            .iter()
            .filter(|name| !files.iter().any(|(n, _)| n == *name))
            .filter(|name| !kept.iter().any(|k| k == *name))
            .filter(|name| self.folder.join(name).exists())
            .map(|name| format!("`{name}`"))
            .collect();
        let message = format!(
            "the last run writing to `{}` was stopped while it replaced its files",
            self.folder.display()
        );
        let note = if left.is_empty() {
            crate::diag::Diagnostic::help(message).hint("this run replaces every one of them")
        } else {
            crate::diag::Diagnostic::warning(message).hint(format!(
                "these may be older than the others and are not written this time: {}; build them again",
                left.join(", ")
            ))
        };
        vec![note.code(codes::INTERRUPTED)]
    }

    /// Writes the journal of the files about to be renamed, or removes it when none are.
    fn journal<'n>(&self, names: impl Iterator<Item = &'n str>) -> Result<(), String> {
        let path = self.folder.join(JOURNAL);
        let text: String = names.map(|n| format!("{n}\n")).collect();
        let result = if text.is_empty() {
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            }
        } else {
            write_atomic(&path, text.as_bytes())
        };
        result.map_err(|e| format!("cannot write `{}`: {e}", path.display()))
    }

    /// Removes the page images earlier previews wrote of `documents` that this one did not
    /// write, and records what this one wrote.
    fn replace_pages(&self, files: &[(String, &[u8])], documents: &[&str]) -> Result<(), String> {
        let path = self.folder.join(PAGES);
        let earlier = std::fs::read_to_string(&path).unwrap_or_default();
        let mut kept = String::new();
        for line in earlier.lines() {
            let Some((id, name)) = line.split_once('\t') else {
                continue;
            };
            let written = files.iter().any(|(n, _)| n == name);
            if written || !documents.contains(&id) {
                if !written {
                    kept.push_str(&format!("{line}\n"));
                }
                continue;
            }
            let stale = self.folder.join(name);
            match std::fs::remove_file(&stale) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(format!("cannot remove `{}`: {e}", stale.display()));
                }
                _ => {}
            }
        }
        for (name, _) in files {
            if let Some(id) = documents.iter().find(|id| page_of(name, id)) {
                kept.push_str(&format!("{id}\t{name}\n"));
            }
        }
        write_atomic(&path, kept.as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))
    }
}

/// Whether `name` is a page image of document `id`: `<id>-<digits>.png`.
fn page_of(name: &str, id: &str) -> bool {
    name.strip_prefix(id)
        .and_then(|rest| rest.strip_prefix('-'))
        .and_then(|rest| rest.strip_suffix(".png"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Removes the temporary files (`.plan-*.tmp`) a killed run left in `dir`. Called with the
/// folder held, so none of them belongs to a run still going (the picture cache, written
/// after the set, may lose one of a build running beside it: that only costs time).
pub(crate) fn remove_temporary_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(".plan-") && name.ends_with(".tmp");
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The problem a failed [`write_set`] reports: an I/O error, or [`PARTLY_WRITTEN`] when
/// some files were replaced.
pub fn problem(err: String) -> crate::diag::Diagnostic {
    let partly = format!("{PARTLY_WRITTEN}: ");
    match err.strip_prefix(&partly) {
        Some(message) => crate::diag::Diagnostic::error(message).code(PARTLY_WRITTEN),
        None => crate::diag::Diagnostic::error(err).code(codes::IO),
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

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
/// The file gets the permissions of an ordinary new file (read-write for its owner,
/// readable by others as the umask allows), not a temporary file's owner-only ones: PDFs
/// go to shared folders and web servers.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    stage(path, bytes)?.persist(path).map_err(|e| e.error)?;
    Ok(())
}
