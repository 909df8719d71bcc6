//! `plan watch`: rebuild on every saved change. File events are debounced (an editor's save
//! often touches several files); each rebuild runs in the same process, so typst's memoised
//! layout of everything that did not change is reused and a rebuild costs a fraction of a
//! cold build. A failed build writes nothing, so the last good PDFs stay.
//!
//! Only events that change files count: a build reads every plan file, and those reads
//! raise access events that must not start another build.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::diag::{Diagnostics, Sources};
use crate::{BuildOptions, Outcome};

/// One build of the watch loop, as the command line reports it.
pub struct Build {
    pub outcome: Outcome,
    pub sources: Sources,
    pub diags: Diagnostics,
    pub elapsed: Duration,
    /// The files whose change started this build (empty for the first).
    pub changed: Vec<PathBuf>,
}

/// How long to wait after a change for more changes before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(120);

/// Builds once, then again after every change in the plan folder, handing each build to
/// `report`, until `report` returns false or the watcher fails.
pub fn watch(options: &BuildOptions, mut report: impl FnMut(Build) -> bool) -> Result<(), String> {
    let outputs = output_folders(options);
    // Watch before the first build, so that a change saved while it runs is not missed.
    let (tx, rx) = mpsc::channel();
    let mut watcher =
        notify::recommended_watcher(tx).map_err(|e| format!("cannot watch files: {e}"))?;
    watcher
        .watch(&options.dir, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch `{}`: {e}", options.dir.display()))?;
    if !report(build(options, Vec::new())) {
        return Ok(());
    }
    let mut changed: Vec<PathBuf> = Vec::new();
    loop {
        // Wait for a change; then, until the folder is quiet for a moment, collect more.
        let event = if changed.is_empty() {
            match rx.recv() {
                Ok(event) => event,
                Err(_) => return Ok(()),
            }
        } else {
            match rx.recv_timeout(DEBOUNCE) {
                Ok(event) => event,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    changed.sort();
                    changed.dedup();
                    let keep_going = report(build(options, std::mem::take(&mut changed)));
                    // Bound the memo cache: results unused for a few builds are dropped.
                    typst::comemo::evict(10);
                    if !keep_going {
                        return Ok(());
                    }
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            }
        };
        let event = event.map_err(|e| format!("watching files failed: {e}"))?;
        if matches!(event.kind, EventKind::Access(_) | EventKind::Other) {
            continue;
        }
        changed.extend(event.paths.into_iter().filter(|p| relevant(p, &outputs)));
        // A tool's temporary file that is already gone (sed -i, some editors) says nothing.
        changed.retain(|p| p.exists() || plan_file(p));
    }
}

fn build(options: &BuildOptions, changed: Vec<PathBuf>) -> Build {
    let start = Instant::now();
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let outcome = crate::build(options, &mut sources, &mut diags);
    Build {
        outcome,
        sources,
        diags,
        elapsed: start.elapsed(),
        changed,
    }
}

/// Folders whose changes are our own output, never a reason to rebuild.
fn output_folders(options: &BuildOptions) -> Vec<PathBuf> {
    let mut folders = vec![options.dir.join("build")];
    folders.extend(options.out.clone());
    folders
        .into_iter()
        .map(|f| f.canonicalize().unwrap_or(f))
        .collect()
}

/// Whether a changed path can change the documents: not our output, and not an editor's
/// or our own temporary file.
fn relevant(path: &Path, outputs: &[PathBuf]) -> bool {
    let canonical = path
        .parent()
        .and_then(|p| p.canonicalize().ok())
        .map(|p| p.join(path.file_name().unwrap_or_default()))
        .unwrap_or_else(|| path.to_path_buf());
    if outputs
        .iter()
        .any(|o| canonical.starts_with(o) || path.starts_with(o))
    {
        return false;
    }
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let temporary = name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913";
    !temporary
}

/// Whether a path names a kind of file a plan is made of (so its removal matters).
fn plan_file(path: &Path) -> bool {
    const KINDS: &[&str] = &[
        "toml", "md", "typ", "png", "jpg", "jpeg", "gif", "webp", "svg", "pdf", "bmp", "tif",
        "tiff", "otf", "ttf",
    ];
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| KINDS.contains(&e.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::relevant;
    use std::path::{Path, PathBuf};

    #[test]
    fn outputs_and_temporary_files_do_not_trigger_builds() {
        let outputs = [PathBuf::from("/p/build")];
        assert!(relevant(Path::new("/p/chapters/01.md"), &outputs));
        assert!(relevant(Path::new("/p/strategy/1.toml"), &outputs));
        for ignored in [
            "/p/build/plan.pdf",
            "/p/build/.cache/images/x.png",
            "/p/chapters/.01.md.swp",
            "/p/chapters/01.md~",
            "/p/build/.plan-abc.tmp",
            "/p/chapters/4913",
        ] {
            assert!(!relevant(Path::new(ignored), &outputs), "{ignored}");
        }
    }
}
