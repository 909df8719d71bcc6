//! The footer stamp: the short commit id of the plan's git repository, with `*` when the
//! working tree has uncommitted changes, so a printed page can be traced to its source.

use std::path::Path;

/// The stamp for a plan folder, or `None` outside a git repository (or if git data cannot
/// be read: a stamp is a convenience, never a reason to fail a build).
pub(crate) fn stamp(dir: &Path) -> Option<String> {
    let repo = gix::discover(dir).ok()?;
    let head = repo.head_id().ok()?;
    let short = head.to_hex_with_len(7).to_string();
    let dirty = repo.is_dirty().unwrap_or(false);
    Some(if dirty { format!("{short}*") } else { short })
}
