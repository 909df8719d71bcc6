//! Confinement: every file `plan` reads from a plan folder must really lie inside it. A
//! symbolic link (or a `..`) that leads elsewhere is refused, so a plan can never make
//! `plan` read, print or embed a file from outside its folder.

use std::path::{Path, PathBuf};

/// The real path of `path`, absolute, with links and `..` resolved; a path that does not
/// exist yet is resolved through its nearest existing parent.
pub(crate) fn real(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut existing = absolute.as_path();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |p: PathBuf, c| p.join(c));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// Why a path was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refused {
    /// Nothing is there (or it cannot be resolved).
    Missing,
    /// It resolves to somewhere outside the folder.
    Outside,
}

/// A plan folder, with its real (symlink-free) path to compare against.
#[derive(Debug, Clone)]
pub(crate) struct Folder {
    real: PathBuf,
}

impl Folder {
    pub(crate) fn new(root: &Path) -> Folder {
        Folder {
            real: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// The real path of `path` (absolute, or relative to the working directory), if it
    /// exists and lies inside the folder.
    pub(crate) fn resolve(&self, path: &Path) -> Result<PathBuf, Refused> {
        let real = path.canonicalize().map_err(|_| Refused::Missing)?;
        if real.starts_with(&self.real) {
            Ok(real)
        } else {
            Err(Refused::Outside)
        }
    }

    /// Whether `path`, which need not exist yet (a file about to be written), would lie
    /// inside the folder once every link on its way is followed.
    pub(crate) fn holds(&self, path: &Path) -> bool {
        real(path).starts_with(&self.real)
    }
}

/// Why [`read_regular`] read nothing.
#[derive(Debug)]
pub(crate) enum Unreadable {
    /// A symbolic link, pipe, device, socket or folder: reading it could follow the link
    /// elsewhere, wait for ever or never end.
    NotRegular,
    /// Larger than the limit (its size in bytes).
    TooLarge(u64),
    Io(std::io::Error),
}

/// Reads a regular file of at most `limit` bytes, without following a symbolic link at
/// `path` itself and without waiting on a pipe: it is opened without following links and
/// without blocking, and checked for what it is after opening, so that nothing swapped
/// in between a check and the read is read.
pub(crate) fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, Unreadable> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Unreadable::NotRegular);
    }
    let file = options.open(path).map_err(|e| match e.raw_os_error() {
        #[cfg(unix)]
        Some(libc::ELOOP) => Unreadable::NotRegular,
        _ => Unreadable::Io(e),
    })?;
    let meta = file.metadata().map_err(Unreadable::Io)?;
    if !meta.is_file() {
        return Err(Unreadable::NotRegular);
    }
    if meta.len() > limit {
        return Err(Unreadable::TooLarge(meta.len()));
    }
    // A file that grows while it is read stops at the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Unreadable::Io)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > limit {
        return Err(Unreadable::TooLarge(read));
    }
    Ok(bytes)
}

/// Whether `path` is a real folder or nothing yet, and so is each of its `depth` parents:
/// never a symbolic link, which would lead reads and writes elsewhere.
pub(crate) fn no_links(path: &Path, depth: usize) -> bool {
    path.ancestors().take(depth + 1).all(|folder| {
        std::fs::symlink_metadata(folder).map_or_else(
            |e| e.kind() == std::io::ErrorKind::NotFound,
            |meta| meta.is_dir(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_out_of_the_folder_are_refused() {
        let outside = tempfile::tempdir().expect("temporary folder");
        let root = tempfile::tempdir().expect("temporary folder");
        std::fs::write(outside.path().join("secret.md"), "secret").expect("write");
        std::fs::write(root.path().join("own.md"), "own").expect("write");
        let folder = Folder::new(root.path());
        assert!(folder.resolve(&root.path().join("own.md")).is_ok());
        assert_eq!(
            folder.resolve(&root.path().join("../nowhere.md")),
            Err(Refused::Missing)
        );
        let escape = root.path().join("..").join(
            outside
                .path()
                .file_name()
                .expect("a temporary folder has a name"),
        );
        assert_eq!(
            folder.resolve(&escape.join("secret.md")),
            Err(Refused::Outside)
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(
                outside.path().join("secret.md"),
                root.path().join("link.md"),
            )
            .expect("symlink");
            assert_eq!(
                folder.resolve(&root.path().join("link.md")),
                Err(Refused::Outside)
            );
        }
    }
}
