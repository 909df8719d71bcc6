//! Confinement: every file `plan` reads from a plan folder must really lie inside it. A
//! symbolic link (or a `..`) that leads elsewhere is refused, so a plan can never make
//! `plan` read, print or embed a file from outside its folder.

use std::path::{Path, PathBuf};

/// The real path of `path`, absolute, with links and `..` resolved; a path that does not
/// exist yet is resolved through its nearest existing parent.
pub fn real(path: &Path) -> PathBuf {
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
pub enum Refused {
    /// Nothing is there (or it cannot be resolved).
    Missing,
    /// It resolves to somewhere outside the folder.
    Outside,
}

/// A plan folder, with its real (symlink-free) path to compare against.
#[derive(Debug, Clone)]
pub struct Folder {
    real: PathBuf,
}

impl Folder {
    pub fn new(root: &Path) -> Folder {
        Folder {
            real: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// The real path of `path` (absolute, or relative to the working directory), if it
    /// exists and lies inside the folder.
    pub fn resolve(&self, path: &Path) -> Result<PathBuf, Refused> {
        let real = path.canonicalize().map_err(|_| Refused::Missing)?;
        if real.starts_with(&self.real) {
            Ok(real)
        } else {
            Err(Refused::Outside)
        }
    }

    /// Whether `path`, which need not exist yet (a file about to be written), would lie
    /// inside the folder once every link on its way is followed.
    pub fn holds(&self, path: &Path) -> bool {
        real(path).starts_with(&self.real)
    }
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
