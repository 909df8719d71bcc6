//! A plan folder as it was at a git revision: the folder's tree at that commit, written to a
//! temporary folder, so that the usual loader reads it. The plan folder may be anywhere
//! inside the repository.

use std::path::Path;

use gix::bstr::ByteSlice;

/// The plan folder `dir` as it was at `rev` (anything `git rev-parse` takes: `HEAD~2`, a
/// tag, a branch, a commit id), written into a new temporary folder; with the commit's
/// short id.
pub fn checkout(dir: &Path, rev: &str) -> Result<(tempfile::TempDir, String), String> {
    let repo = gix::discover(dir)
        .map_err(|_| format!("`{}` is not inside a git repository", dir.display()))?;
    let workdir = repo
        .workdir()
        .ok_or("the git repository has no working tree")?;
    let canonical = |p: &Path| {
        p.canonicalize()
            .map_err(|e| format!("cannot read `{}`: {e}", p.display()))
    };
    let (dir_abs, root) = (canonical(dir)?, canonical(workdir)?);
    let relative = dir_abs
        .strip_prefix(&root)
        .map_err(|_| format!("`{}` is outside its git repository", dir.display()))?;
    let not_found =
        |e: &dyn std::fmt::Display| format!("no revision `{rev}` in the repository: {e}");
    let id = repo.rev_parse_single(rev).map_err(|e| not_found(&e))?;
    let short = id.shorten_or_id().to_string();
    let tree = id
        .object()
        .and_then(|o| o.peel_to_tree())
        .map_err(|e| not_found(&e))?;
    let tree = if relative.as_os_str().is_empty() {
        tree
    } else {
        let entry = tree
            .lookup_entry_by_path(relative)
            .map_err(|e| e.to_string())?
            .filter(|e| e.mode().is_tree())
            .ok_or_else(|| format!("`{}` did not exist at `{rev}`", relative.display()))?;
        repo.find_tree(entry.object_id())
            .map_err(|e| e.to_string())?
    };
    let out = tempfile::Builder::new()
        .prefix("plan-rev-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    extract(&repo, &tree, out.path()).map_err(|e| format!("cannot read `{rev}`: {e}"))?;
    Ok((out, short))
}

/// Writes a tree's files (recursively) into `to`. Symbolic links and submodules are left
/// out: a plan folder read from history must not point outside itself.
fn extract(repo: &gix::Repository, tree: &gix::Tree<'_>, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    let decoded = tree.decode().map_err(|e| e.to_string())?;
    for entry in &decoded.entries {
        let Ok(name) = entry.filename.to_str() else {
            continue;
        };
        if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\\']) {
            continue;
        }
        let path = to.join(name);
        if entry.mode.is_tree() {
            let subtree = repo.find_tree(entry.oid).map_err(|e| e.to_string())?;
            extract(repo, &subtree, &path)?;
        } else if entry.mode.is_blob() {
            let blob = repo.find_blob(entry.oid).map_err(|e| e.to_string())?;
            std::fs::write(&path, &blob.data).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}
