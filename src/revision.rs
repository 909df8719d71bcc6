//! A plan folder as it was at a git revision, read with gix straight from the repository:
//! the loader asks for the files it reads ([`crate::load::files::Files`]) and gets only
//! those, so a revision is never copied to disk (nothing is left in the temporary folder
//! when a run is killed) and pictures and fonts, which a comparison does not read, are never
//! read at all. The plan folder may be anywhere inside the repository.

use std::io;
use std::path::{Path, PathBuf};

use gix::bstr::ByteSlice;
use gix::object::tree::EntryMode;

use crate::diag::{Diagnostic, codes};
use crate::load::files::{Entry, Files};

/// The plan folder's tree at one revision.
pub(crate) struct Revision {
    repo: gix::Repository,
    /// The repository's root tree at the revision.
    tree: gix::ObjectId,
    /// The plan folder in the working tree.
    dir: PathBuf,
    /// The plan folder relative to the repository's root, `/`-separated, empty at the root.
    prefix: String,
    rev: String,
    /// The commit's short id.
    pub short: String,
}

/// The hint for a revision git does not know.
const REVISIONS: &str =
    "a revision is anything git names a commit by: `HEAD~1`, a tag, a branch, a commit id";

/// The plan folder `dir` as it was at `rev` (anything `git rev-parse` takes: `HEAD~2`, a
/// tag, a branch, a commit id). A revision that cannot be had is a usage problem saying
/// why in git's terms the user can act on; a repository that cannot be read, an `io` one.
pub(crate) fn open(dir: &Path, rev: &str) -> Result<Revision, Box<Diagnostic>> {
    let repo = gix::discover(dir).map_err(|_| {
        Diagnostic::usage(format!("`{}` is not inside a git repository", dir.display()))
            .hint("`plan diff` compares revisions of a plan kept in git; two plan folders compare as they are: `plan diff old-plan new-plan`")
    })?;
    let workdir = repo.workdir().ok_or_else(|| {
        Diagnostic::usage("the git repository has no working tree (it is a bare repository)")
    })?;
    let canonical = |p: &Path| {
        p.canonicalize().map_err(|e| {
            Box::new(
                Diagnostic::error(format!("cannot read `{}`: {e}", p.display())).code(codes::IO),
            )
        })
    };
    let (dir_abs, root) = (canonical(dir)?, canonical(workdir)?);
    let relative = dir_abs.strip_prefix(&root).map_err(|_| {
        Diagnostic::usage(format!("`{}` is outside its git repository", dir.display()))
    })?;
    let prefix = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    let id = repo
        .rev_parse_single(rev)
        .map_err(|e| unknown_revision(&repo, rev, &e))?;
    let short = id.shorten_or_id().to_string();
    let tree = id.object().and_then(|o| o.peel_to_tree()).map_err(|e| {
        Diagnostic::usage(format!("`{rev}` does not name a commit: {e}")).hint(REVISIONS)
    })?;
    let revision = Revision {
        tree: tree.id,
        repo: repo.clone(),
        dir: dir.to_path_buf(),
        prefix,
        rev: rev.to_string(),
        short,
    };
    match revision.entry("") {
        Ok(Entry::Folder) => Ok(revision),
        Ok(_) => Err(Box::new(Diagnostic::usage(format!(
            "`{}` did not exist at `{rev}`",
            relative.display()
        )))),
        Err(e) => Err(Box::new(
            Diagnostic::error(format!("cannot read `{rev}` from the git repository: {e}"))
                .code(codes::IO),
        )),
    }
}

/// Why git has no revision `rev`, in the user's terms: a repository without a commit, a
/// shallow clone that holds only the latest history, or a name git does not know.
fn unknown_revision(repo: &gix::Repository, rev: &str, e: &dyn std::fmt::Display) -> Diagnostic {
    if repo.head().is_ok_and(|head| head.is_unborn()) {
        return Diagnostic::usage(format!(
            "the git repository has no commits yet, so there is no revision `{rev}`"
        ))
        .hint("commit the plan first (`git add -A` and `git commit`); two plan folders compare as they are: `plan diff old-plan new-plan`");
    }
    if repo.is_shallow().unwrap_or(false) {
        return Diagnostic::usage(format!(
            "`{rev}` is not in this shallow clone: it holds only the latest commits of the history"
        ))
        .hint("fetch the rest of the history with `git fetch --unshallow`, then compare again")
        .hint(REVISIONS);
    }
    Diagnostic::usage(format!("no revision `{rev}` in the repository: {e}")).hint(REVISIONS)
}

impl Revision {
    /// A path of the plan folder as a path in the repository.
    fn in_repository(&self, relative: &str) -> String {
        [self.prefix.as_str(), relative]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The id and mode of the entry at `relative` (in the plan folder) in the revision's
    /// tree; `""` is the plan folder itself.
    fn lookup(&self, relative: &str) -> io::Result<Option<(gix::ObjectId, EntryMode)>> {
        let path = self.in_repository(relative);
        if path.is_empty() {
            return Ok(Some((self.tree, gix::object::tree::EntryKind::Tree.into())));
        }
        let tree = self.repo.find_tree(self.tree).map_err(io::Error::other)?;
        let entry = tree.lookup_entry_by_path(&path).map_err(io::Error::other)?;
        Ok(entry.map(|e| (e.object_id(), e.mode())))
    }
}

impl Files for Revision {
    fn root(&self) -> &Path {
        &self.dir
    }

    fn entry(&self, relative: &str) -> io::Result<Entry> {
        let Some((oid, mode)) = self.lookup(relative)? else {
            return Ok(Entry::Missing);
        };
        Ok(if mode.is_tree() {
            Entry::Folder
        } else if mode.is_blob() {
            let header = self.repo.find_header(oid).map_err(io::Error::other)?;
            Entry::File(header.size())
        } else if mode.is_link() {
            // Where a link in history leads cannot be checked: it is not followed.
            Entry::Other("a symbolic link, which is not followed in a git revision")
        } else {
            Entry::Other("a git submodule")
        })
    }

    fn names(&self, folder: &str) -> io::Result<Vec<String>> {
        let Some((oid, mode)) = self.lookup(folder)? else {
            return Ok(Vec::new());
        };
        if !mode.is_tree() {
            return Ok(Vec::new());
        }
        let tree = self.repo.find_tree(oid).map_err(io::Error::other)?;
        let decoded = tree.decode().map_err(io::Error::other)?;
        Ok(decoded
            .entries
            .iter()
            .filter_map(|e| e.filename.to_str().ok().map(str::to_string))
            .collect())
    }

    fn read(&self, relative: &str) -> io::Result<Vec<u8>> {
        let Some((oid, _)) = self.lookup(relative)? else {
            return Err(io::ErrorKind::NotFound.into());
        };
        let mut blob = self.repo.find_blob(oid).map_err(io::Error::other)?;
        Ok(std::mem::take(&mut blob.data))
    }

    fn place(&self, relative: &str) -> PathBuf {
        PathBuf::from(format!("{}:{}", self.rev, self.in_repository(relative)))
    }

    fn whence(&self) -> String {
        format!(" of `{}` from the git repository", self.rev)
    }
}
