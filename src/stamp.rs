//! The footer stamp: the short commit id of the plan's git repository, with `*` when the
//! working tree has uncommitted changes, so a printed page can be traced to its source.
//! What `plan` itself writes (the output folder) is no change to the plan: a `build/`
//! committed by mistake and written anew by every build must not mark each later build
//! uncommitted.

use std::path::{Path, PathBuf};

/// The stamp for a plan folder, or `None` outside a git repository (or if git data cannot
/// be read: a stamp is a convenience, never a reason to fail a build). Changes inside the
/// `outputs` folders do not count.
pub(crate) fn stamp(dir: &Path, outputs: &[PathBuf]) -> Option<String> {
    let repo = gix::discover(dir).ok()?;
    let head = repo.head_id().ok()?;
    let short = head.to_hex_with_len(7).to_string();
    let dirty = changed(&repo, outputs).unwrap_or(false);
    Some(if dirty { format!("{short}*") } else { short })
}

/// Whether a tracked file outside `outputs` differs from the last commit (in the index or
/// the working tree); untracked files do not count, as for `git describe --dirty`.
fn changed(repo: &gix::Repository, outputs: &[PathBuf]) -> Option<bool> {
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
    for item in items {
        let item = item.ok()?;
        if !in_output(&item.location().to_string()) {
            return Some(true);
        }
    }
    Some(false)
}
