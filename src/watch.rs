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

/// A build running longer than this is slow: the watcher says so, and a change saved
/// meanwhile starts a new build at once instead of waiting for it.
const SLOW: Duration = Duration::from_secs(5);

/// What the watch loop hears: a file event, or a build finished on its thread.
enum Message {
    Event(notify::Result<notify::Event>),
    Built(u64, Box<Build>),
}

/// The build in progress.
struct Running {
    generation: u64,
    started: Instant,
    superseded: std::sync::Arc<std::sync::atomic::AtomicBool>,
    warned: bool,
}

/// Builds once, then again after every change in the plan folder, handing each build to
/// `report`, until `report` returns false or the watcher fails.
///
/// Builds run on a thread of their own, so the watcher keeps listening while one runs.
/// typst cannot stop a build half-way (a template's `for` loops and recursion have no
/// deadline), so a build running longer than [`SLOW`] is reported to `slow`, and a change
/// saved meanwhile starts a new build beside it: the slow one is left to finish and
/// writes nothing.
pub fn watch(
    options: &BuildOptions,
    mut report: impl FnMut(Build) -> bool,
    mut slow: impl FnMut(Duration),
) -> Result<(), String> {
    let outputs = output_folders(options);
    // Watch before the first build, so that a change saved while it runs is not missed.
    let (tx, rx) = mpsc::channel();
    let events = tx.clone();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = events.send(Message::Event(event));
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    watcher
        .watch(&options.dir, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch `{}`: {e}", options.dir.display()))?;
    let mut generation = 0;
    let mut running = Some(start(options, generation, Vec::new(), &tx)?);
    let mut changed: Vec<PathBuf> = Vec::new();
    let mut last_change = Instant::now();
    loop {
        let wait = if !changed.is_empty() {
            DEBOUNCE
        } else if running.as_ref().is_some_and(|r| !r.warned) {
            Duration::from_millis(500)
        } else {
            Duration::from_secs(3600)
        };
        match rx.recv_timeout(wait) {
            Ok(Message::Event(event)) => {
                let event = event.map_err(|e| format!("watching files failed: {e}"))?;
                if matches!(event.kind, EventKind::Access(_) | EventKind::Other) {
                    continue;
                }
                changed.extend(event.paths.into_iter().filter(|p| relevant(p, &outputs)));
                // A tool's temporary file that is already gone (sed -i, some editors)
                // says nothing.
                changed.retain(|p| p.exists() || plan_file(p));
                last_change = Instant::now();
            }
            Ok(Message::Built(done, build)) => {
                // A build a newer one replaced is dropped unseen.
                if running.as_ref().is_some_and(|r| r.generation == done) {
                    running = None;
                    if !report(*build) {
                        return Ok(());
                    }
                    // Bound the memo cache: results unused for a few builds are dropped.
                    typst::comemo::evict(10);
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        }
        if let Some(r) = running.as_mut()
            && !r.warned
            && r.started.elapsed() >= SLOW
        {
            r.warned = true;
            slow(r.started.elapsed());
        }
        // Once the folder is quiet: build, unless a build that is not slow yet runs.
        let quiet = !changed.is_empty() && last_change.elapsed() >= DEBOUNCE;
        let free = running.as_ref().is_none_or(|r| r.started.elapsed() >= SLOW);
        if quiet && free {
            if let Some(r) = running.take() {
                r.superseded
                    .store(true, std::sync::atomic::Ordering::SeqCst);
            }
            changed.sort();
            changed.dedup();
            generation += 1;
            running = Some(start(
                options,
                generation,
                std::mem::take(&mut changed),
                &tx,
            )?);
        }
    }
}

/// Starts a build on a thread of its own; its result comes back as [`Message::Built`].
fn start(
    options: &BuildOptions,
    generation: u64,
    changed: Vec<PathBuf>,
    tx: &mpsc::Sender<Message>,
) -> Result<Running, String> {
    let superseded = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let options = BuildOptions {
        superseded: Some(superseded.clone()),
        ..options.clone()
    };
    let tx = tx.clone();
    // typst recurses deeply on nested content: the main thread's stack size, not the
    // 2 MiB of a spawned thread.
    std::thread::Builder::new()
        .name(format!("build {generation}"))
        .stack_size(8 * 1024 * 1024)
        .spawn(move || {
            let _ = tx.send(Message::Built(
                generation,
                Box::new(build(&options, changed)),
            ));
        })
        .map_err(|e| format!("cannot start a build: {e}"))?;
    Ok(Running {
        generation,
        started: Instant::now(),
        superseded,
        warned: false,
    })
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
