//! The footer stamp: the short commit id of the plan's git repository, with `*` when the
//! document's own files have uncommitted changes, so a printed page can be traced to its
//! source. A chapter only another document shows does not mark this one: its pages are
//! those of the commit (and a build after editing one chapter leaves the other documents'
//! PDFs as they were, [`crate::typeset::unchanged`]). Every other changed file (plan.toml,
//! the strategy, data, pictures, templates) may show in any document and marks them all.
//! What `plan` itself writes (the output folder) is no change to the plan: a `build/`
//! committed by mistake and written anew by every build must not mark each later build
//! uncommitted.

use std::path::{Path, PathBuf};

/// The commit a plan folder is at, and its files that differ from it.
#[derive(Debug, Clone)]
pub(crate) struct Stamp {
    /// The short commit id.
    commit: String,
    /// The changed files, as real paths.
    changed: Vec<PathBuf>,
    /// The plan folder, as a real path.
    root: PathBuf,
}

impl Stamp {
    /// The stamp of `document` of `plan`: the commit id, with `*` when a file it may show
    /// differs from the commit (every changed file but the chapters only other documents
    /// show).
    pub(crate) fn of(
        &self,
        plan: &crate::model::Plan,
        document: &crate::model::Document,
    ) -> String {
        let chapters = |d: &crate::model::Document| -> Vec<PathBuf> {
            d.parts
                .iter()
                .filter_map(|p| match p {
                    crate::model::Part::Chapter(path) => {
                        Some(crate::confine::real(&self.root.join(path)))
                    }
                    crate::model::Part::Generated(_) => None,
                })
                .collect()
        };
        let own = chapters(document);
        let others: Vec<PathBuf> = plan
            .documents
            .iter()
            .flat_map(chapters)
            .filter(|c| !own.contains(c))
            .collect();
        let dirty = self.changed.iter().any(|path| !others.contains(path));
        if dirty {
            format!("{}*", self.commit)
        } else {
            self.commit.clone()
        }
    }
}

/// The stamp for a plan folder, or `None` outside a git repository (or if git data cannot
/// be read: a stamp is a convenience, never a reason to fail a build). Changes inside the
/// `outputs` folders do not count.
pub(crate) fn stamp(dir: &Path, outputs: &[PathBuf]) -> Option<Stamp> {
    let repo = gix::discover(dir).ok()?;
    let head = repo.head_id().ok()?;
    let commit = head.to_hex_with_len(7).to_string();
    let changed = changed(&repo, outputs).unwrap_or_default();
    Some(Stamp {
        commit,
        changed,
        root: crate::confine::real(dir),
    })
}

/// The tracked files outside `outputs` that differ from the last commit (in the index or
/// the working tree), as real paths; untracked files do not count, as for
/// `git describe --dirty`.
fn changed(repo: &gix::Repository, outputs: &[PathBuf]) -> Option<Vec<PathBuf>> {
    let workdir = repo.workdir()?.canonicalize().ok()?;
    let skipped: Vec<String> = outputs
        .iter()
        .filter_map(|out| out.canonicalize().ok())
        .filter_map(|out| {
            let relative = out.strip_prefix(&workdir).ok()?;
            let relative = relative.to_string_lossy().replace('\\', "/");
            // An output folder that is the whole repository would hide every change.
            (!relative.is_empty()).then_some(relative)
        })
        .collect();
    let in_output = |path: &str| {
        skipped.iter().any(|out| {
            path.strip_prefix(out.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    };
    let items = repo
        .status(gix::progress::Discard)
        .ok()?
        .index_worktree_rewrites(None)
        .index_worktree_submodules(gix::status::Submodule::AsConfigured { check_dirty: true })
        .index_worktree_options_mut(|options| options.dirwalk_options = None)
        .into_iter(Vec::new())
        .ok()?;
    let mut changed = Vec::new();
    for item in items {
        let item = item.ok()?;
        let location = item.location().to_string();
        if !in_output(&location) {
            changed.push(crate::confine::real(&workdir.join(location)));
        }
    }
    Some(changed)
}
