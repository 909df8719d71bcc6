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
    /// The files whose change started this build, relative to the plan folder (empty for
    /// the first; an empty path when the folder itself was replaced).
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
    // Events name real paths under the folder watched: compare real paths only.
    let root = crate::confine::real(&options.dir);
    let outputs = Outputs::new(&root, options);
    // Watch before the first build, so that a change saved while it runs is not missed.
    let (tx, rx) = mpsc::channel();
    let events = tx.clone();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = events.send(Message::Event(event));
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    let watch_root = |watcher: &mut notify::RecommendedWatcher| {
        watcher
            .watch(&root, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch `{}`: {e}", options.dir.display()))
    };
    watch_root(&mut watcher)?;
    let mut folder = identity(&root);
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
            LOOK_AGAIN
        };
        match rx.recv_timeout(wait) {
            Ok(Message::Event(event)) => {
                // A watch on a folder that was removed fails; the look below renews it.
                let Ok(event) = event else { continue };
                if matches!(event.kind, EventKind::Access(_) | EventKind::Other) {
                    continue;
                }
                let before = changed.len();
                changed.extend(event.paths.into_iter().filter(|p| outputs.relevant(p)));
                // A tool's temporary file that is already gone (sed -i, some editors)
                // says nothing.
                changed.retain(|p| p.exists() || plan_file(p));
                if changed.len() > before {
                    last_change = Instant::now();
                }
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
        // A plan folder removed and put back (a branch switch by copying, a restore) is a
        // new folder: watch it and build.
        let now = identity(&root);
        if now != folder {
            folder = now;
            if folder.is_some() && watch_root(&mut watcher).is_ok() {
                changed.push(root.clone());
                last_change = Instant::now();
            }
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
            let changed = std::mem::take(&mut changed)
                .into_iter()
                .map(|p| p.strip_prefix(&root).map(Path::to_path_buf).unwrap_or(p))
                .collect();
            generation += 1;
            running = Some(start(options, generation, changed, &tx)?);
        }
    }
}

/// How often a quiet watcher looks whether the plan folder was removed or replaced.
const LOOK_AGAIN: Duration = Duration::from_secs(1);

/// What tells one folder from another at the same path (its device and inode), `None`
/// when nothing is there.
fn identity(path: &Path) -> Option<(u64, u64)> {
    let metadata = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((metadata.dev(), metadata.ino()))
    }
    #[cfg(not(unix))]
    {
        let created = metadata.created().ok()?;
        let since = created.duration_since(std::time::UNIX_EPOCH).ok()?;
        Some((since.as_secs(), u64::from(since.subsec_nanos())))
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

/// Where a build writes, as real paths, to tell our own output from the user's changes.
struct Outputs {
    /// The plan folder.
    root: PathBuf,
    /// `build/` in the plan folder (the picture cache is there even with `-o`), and `-o`.
    folders: Vec<PathBuf>,
}

impl Outputs {
    fn new(root: &Path, options: &BuildOptions) -> Self {
        let mut folders = vec![root.join("build")];
        folders.extend(options.out.as_deref().map(crate::confine::real));
        Self {
            root: root.to_path_buf(),
            folders,
        }
    }

    /// Whether a changed path can change the documents: inside the plan folder, not our
    /// output, not in a hidden folder (`.git`, an editor's) and not an editor's or our own
    /// temporary file.
    fn relevant(&self, path: &Path) -> bool {
        let Ok(inside) = path.strip_prefix(&self.root) else {
            return false;
        };
        if self.output(path) {
            return false;
        }
        let hidden = inside
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let temporary = name.ends_with('~')
            || name.starts_with('#')
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name.ends_with(".tmp")
            || name == "4913";
        !hidden && !temporary
    }

    /// Whether `path` is something a build writes: anything in an output folder apart
    /// from the plan's, or, when the output folder holds the plan folder (`-o .`), the
    /// documents and page images written straight into it.
    fn output(&self, path: &Path) -> bool {
        self.folders.iter().any(|folder| {
            if !path.starts_with(folder) {
                return false;
            }
            if !self.root.starts_with(folder) {
                return true;
            }
            let written = path.extension().is_some_and(|e| e == "pdf" || e == "png");
            path.parent() == Some(folder.as_path()) && written
        })
    }
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
    use super::Outputs;
    use crate::BuildOptions;
    use std::path::{Path, PathBuf};

    fn outputs(out: Option<&str>) -> Outputs {
        let options = BuildOptions {
            out: out.map(PathBuf::from),
            ..BuildOptions::default()
        };
        Outputs::new(Path::new("/p"), &options)
    }

    #[test]
    fn outputs_and_temporary_files_do_not_trigger_builds() {
        let outputs = outputs(None);
        assert!(outputs.relevant(Path::new("/p/chapters/01.md")));
        assert!(outputs.relevant(Path::new("/p/strategy/1.toml")));
        for ignored in [
            "/p/build/plan.pdf",
            "/p/build/.cache/images/x.png",
            "/p/chapters/.01.md.swp",
            "/p/chapters/01.md~",
            "/p/build/.plan-abc.tmp",
            "/p/chapters/4913",
            "/p/.git/index",
            "/p/.git/objects/ab/cdef",
            "/elsewhere/chapters/01.md",
        ] {
            assert!(!outputs.relevant(Path::new(ignored)), "{ignored}");
        }
    }

    #[test]
    fn output_into_the_plan_folder_ignores_only_what_a_build_writes() {
        let outputs = outputs(Some("/p"));
        assert!(outputs.relevant(Path::new("/p/chapters/01.md")));
        assert!(outputs.relevant(Path::new("/p/plan.toml")));
        assert!(outputs.relevant(Path::new("/p/images/chart.pdf")));
        assert!(!outputs.relevant(Path::new("/p/strateginis-planas.pdf")));
        assert!(!outputs.relevant(Path::new("/p/.plan-lock")));
    }
}
