//! Where the loader reads a plan's files from: the plan folder on disk, or (for `plan diff`
//! and `--changes-since`) a git revision's tree straight from the repository
//! ([`crate::revision`]), so that a revision is never copied to disk and only the files the
//! loader asks for are read.

use std::io;
use std::path::{Path, PathBuf};

/// What a path of the plan folder is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Entry {
    Missing,
    /// A regular file of this many bytes.
    File(u64),
    Folder,
    /// A symbolic link (or `..`) leading outside the plan folder.
    Outside,
    /// Something that is neither a file nor a folder, said in the user's words ("a named
    /// pipe"); reading it could wait for ever.
    Other(&'static str),
}

/// A plan folder's files, by their paths relative to it (`/`-separated).
pub(crate) trait Files {
    /// The plan folder on disk (for a revision, the working tree's, which pictures and
    /// templates would be read from; a comparison reads neither).
    fn root(&self) -> &Path;
    fn entry(&self, relative: &str) -> io::Result<Entry>;
    /// The names in a folder of the plan, in any order; none when there is no such folder.
    fn names(&self, folder: &str) -> io::Result<Vec<String>>;
    /// The content of a file [`Files::entry`] said is a regular one.
    fn read(&self, relative: &str) -> io::Result<Vec<u8>>;
    /// How a file is named where the user needs its place: its path on disk, or
    /// `REV:folder/file` for a revision.
    fn place(&self, relative: &str) -> PathBuf;
    /// Where a file that cannot be read is, in a message ("", or " of `HEAD~1`").
    fn whence(&self) -> String {
        String::new()
    }
    /// Checks the plan's own templates, which typesetting reads later; a revision is only
    /// compared, so nothing of it is typeset.
    fn check_templates(&self, _diags: &mut crate::diag::Diagnostics) {}
}

/// The plan folder on disk; every file must lie inside it (see [`crate::confine`]).
pub(crate) struct Disk {
    root: PathBuf,
    folder: crate::confine::Folder,
}

impl Disk {
    pub(crate) fn new(root: &Path) -> Disk {
        Disk {
            root: root.to_path_buf(),
            folder: crate::confine::Folder::new(root),
        }
    }
}

impl Files for Disk {
    fn root(&self) -> &Path {
        &self.root
    }

    fn entry(&self, relative: &str) -> io::Result<Entry> {
        let path = self.root.join(relative);
        if self.folder.resolve(&path) == Err(crate::confine::Refused::Outside) {
            return Ok(Entry::Outside);
        }
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => Ok(Entry::Folder),
            Ok(meta) if meta.is_file() => Ok(Entry::File(meta.len())),
            Ok(meta) => Ok(Entry::Other(kind_of(&meta.file_type()))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Entry::Missing),
            Err(e) => Err(e),
        }
    }

    fn names(&self, folder: &str) -> io::Result<Vec<String>> {
        match std::fs::read_dir(self.root.join(folder)) {
            Ok(entries) => Ok(entries
                .filter_map(Result::ok)
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .collect()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    fn read(&self, relative: &str) -> io::Result<Vec<u8>> {
        std::fs::read(self.root.join(relative))
    }

    fn place(&self, relative: &str) -> PathBuf {
        match relative {
            "" => self.root.clone(),
            _ => self.root.join(relative),
        }
    }

    fn check_templates(&self, diags: &mut crate::diag::Diagnostics) {
        super::own_templates(&self.root, diags);
    }
}

/// Files of another source with some replaced by texts given here (relative path, text):
/// `plan import` checks the plan as it would be with the merged monitoring file before it
/// writes anything.
pub(crate) struct Overlay<'a> {
    under: &'a dyn Files,
    texts: &'a [(String, String)],
}

impl<'a> Overlay<'a> {
    pub(crate) fn new(under: &'a dyn Files, texts: &'a [(String, String)]) -> Self {
        Overlay { under, texts }
    }

    fn text(&self, relative: &str) -> Option<&'a str> {
        let found = self.texts.iter().find(|(name, _)| name == relative);
        found.map(|(_, text)| text.as_str())
    }
}

impl Files for Overlay<'_> {
    fn root(&self) -> &Path {
        self.under.root()
    }

    fn entry(&self, relative: &str) -> io::Result<Entry> {
        match self.text(relative) {
            Some(text) => Ok(Entry::File(text.len() as u64)),
            None => self.under.entry(relative),
        }
    }

    fn names(&self, folder: &str) -> io::Result<Vec<String>> {
        let mut names = self.under.names(folder)?;
        let prefix = format!("{folder}/");
        for (name, _) in self.texts {
            let inside = name.strip_prefix(&prefix).filter(|n| !n.contains('/'));
            if let Some(name) = inside
                && !names.iter().any(|n| n == name)
            {
                names.push(name.to_string());
            }
        }
        Ok(names)
    }

    fn read(&self, relative: &str) -> io::Result<Vec<u8>> {
        match self.text(relative) {
            Some(text) => Ok(text.as_bytes().to_vec()),
            None => self.under.read(relative),
        }
    }

    fn place(&self, relative: &str) -> PathBuf {
        self.under.place(relative)
    }

    fn whence(&self) -> String {
        self.under.whence()
    }

    fn check_templates(&self, diags: &mut crate::diag::Diagnostics) {
        self.under.check_templates(diags);
    }
}

/// What a file that is neither a regular file nor a folder is, in the user's words.
#[cfg(unix)]
pub(crate) fn kind_of(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

/// What a file that is neither a regular file nor a folder is, in the user's words.
#[cfg(not(unix))]
pub(crate) fn kind_of(_: &std::fs::FileType) -> &'static str {
    "a special file (a pipe or a device)"
}
