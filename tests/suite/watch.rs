//! `plan watch`: start it, edit a chapter, see a new PDF with the edit, break the plan and
//! see the good PDF kept, then stop it.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::common::{copy_of_basic, pdf_text};

/// Kills the watcher when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits for a line of the watcher's output that contains `text`; returns the lines read.
fn wait_for(lines: &mpsc::Receiver<String>, text: &str) -> Vec<String> {
    let mut seen = Vec::new();
    loop {
        match lines.recv_timeout(Duration::from_secs(120)) {
            Ok(line) => {
                let found = line.contains(text);
                seen.push(line);
                if found {
                    return seen;
                }
            }
            Err(_) => panic!(
                "no {text:?} from plan watch; it printed:\n{}",
                seen.join("\n")
            ),
        }
    }
}

/// Starts `plan watch` on a plan folder: the running watcher and its lines of output.
fn start(plan: &std::path::Path, out: &std::path::Path) -> (Running, mpsc::Receiver<String>) {
    let (dir, out) = (plan.as_os_str(), out.as_os_str());
    start_in(std::path::Path::new("/"), &[dir, "-o".as_ref(), out])
}

/// Starts `plan watch ARGS` in the folder `cwd`, as a user would type it there.
fn start_in(cwd: &std::path::Path, args: &[&std::ffi::OsStr]) -> (Running, mpsc::Receiver<String>) {
    let child = Command::new(env!("CARGO_BIN_EXE_plan"))
        .arg("watch")
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start plan watch");
    let mut running = Running(child);
    let stderr = running.0.stderr.take().expect("stderr");
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (running, lines)
}

#[test]
fn watch_rebuilds_on_save_and_keeps_the_last_good_pdf() {
    let plan = copy_of_basic();
    let out = tempfile::tempdir().expect("output");
    let (mut running, lines) = start(plan.path(), out.path());
    wait_for(&lines, "watching");
    let pdf = out.path().join("plan.pdf");
    assert!(!pdf_text(&pdf).contains("Edited while watching"));

    // Save a chapter: a new PDF with the edit.
    edit_intro(plan.path());
    let printed = wait_for(&lines, "built in");
    assert!(
        printed
            .iter()
            .any(|l| l.contains("changed: chapters/intro.md")),
        "{printed:?}"
    );
    assert!(pdf_text(&pdf).contains("Edited while watching."));

    // Break the plan: the error is printed, the watcher keeps running, the PDF stays.
    let before = std::fs::read(&pdf).expect("PDF");
    let plan_toml = plan.path().join("plan.toml");
    let good = std::fs::read_to_string(&plan_toml).expect("plan.toml");
    std::fs::write(&plan_toml, good.replacen("[plan]", "[plan\n", 1)).expect("break");
    let printed = wait_for(&lines, "build failed");
    assert!(
        printed.iter().any(|l| l.contains("plan.toml")),
        "{printed:?}"
    );
    assert_eq!(std::fs::read(&pdf).expect("PDF"), before);

    // Fix it again: built again.
    std::fs::write(&plan_toml, good).expect("fix");
    wait_for(&lines, "built in");
    assert!(
        running.0.try_wait().expect("status").is_none(),
        "still running"
    );
}

/// A template that computes for minutes (typst has no deadline for `for` loops) does not
/// stop the watcher: it says the build is slow, and the fix saved meanwhile is built at
/// once beside it.
#[test]
fn a_slow_build_does_not_hold_up_the_next() {
    let plan = copy_of_basic();
    let templates = plan.path().join("templates");
    std::fs::create_dir_all(&templates).expect("templates");
    let template = templates.join("links.typ");
    std::fs::write(
        &template,
        "#let render(data, texts) = {\n  let n = 0\n  for i in range(50000) { for j in range(10000) { n += 1 } }\n  [#n]\n}\n",
    )
    .expect("slow template");
    let out = tempfile::tempdir().expect("output");
    let (mut running, lines) = start(plan.path(), out.path());
    wait_for(&lines, "still building after");
    std::fs::write(&template, "#let render(data, texts) = [Quick links]\n").expect("fix");
    wait_for(&lines, "built in");
    assert!(pdf_text(&out.path().join("plan.pdf")).contains("Quick links"));
    assert!(
        running.0.try_wait().expect("status").is_none(),
        "still running"
    );
}

/// The lines the watcher prints within `time`.
fn lines_for(lines: &mpsc::Receiver<String>, time: Duration) -> Vec<String> {
    let end = std::time::Instant::now() + time;
    let mut seen = Vec::new();
    while let Some(left) = end.checked_duration_since(std::time::Instant::now()) {
        match lines.recv_timeout(left) {
            Ok(line) => seen.push(line),
            Err(_) => break,
        }
    }
    seen
}

fn builds(lines: &[String]) -> usize {
    lines.iter().filter(|l| l.starts_with("built in")).count()
}

/// A new user's first steps: `plan watch` in a fresh plan folder, or on it by a relative
/// path, with no `build/` yet. Its own PDFs must not start the next build.
#[test]
fn watch_on_a_fresh_plan_by_a_relative_path_builds_once() {
    let parent = tempfile::tempdir().expect("folder");
    let plan = parent.path().join("p");
    crate::common::copy_dir(&crate::common::fixture("basic"), &plan);
    for (cwd, arg) in [(plan.as_path(), None), (parent.path(), Some("p"))] {
        let _ = std::fs::remove_dir_all(plan.join("build"));
        let args: Vec<&std::ffi::OsStr> = arg.iter().map(|a| a.as_ref()).collect();
        let (_running, lines) = start_in(cwd, &args);
        wait_for(&lines, "watching");
        let more = lines_for(&lines, Duration::from_secs(5));
        assert_eq!(builds(&more), 0, "rebuilt with no edit: {more:?}");
        assert!(plan.join("build/plan.pdf").exists());
        // An edit is built once, and named as the user knows it.
        let chapter = plan.join("chapters/intro.md");
        let text = std::fs::read_to_string(&chapter).expect("chapter") + "\nOne more line.\n";
        std::fs::write(&chapter, text).expect("save");
        let printed = lines_for(&lines, Duration::from_secs(6));
        assert_eq!(builds(&printed), 1, "{printed:?}");
        assert!(
            printed.iter().any(|l| l == "changed: chapters/intro.md"),
            "{printed:?}"
        );
        assert!(!printed.iter().any(|l| l.contains("/./")), "{printed:?}");
    }
}

/// git's own files (a commit, `git status` refreshing the index) are not plan files.
#[test]
fn git_s_files_do_not_start_builds() {
    let plan = copy_of_basic();
    let out = tempfile::tempdir().expect("output");
    // A repository there already, as when the plan is kept in git.
    let git = plan.path().join(".git");
    std::fs::create_dir_all(git.join("objects/ab")).expect(".git");
    let (_running, lines) = start(plan.path(), out.path());
    wait_for(&lines, "watching");
    std::fs::write(git.join("index"), "index").expect("index");
    std::fs::write(git.join("objects/ab/cdef"), "object").expect("object");
    let printed = lines_for(&lines, Duration::from_secs(3));
    assert_eq!(builds(&printed), 0, "{printed:?}");
}

/// `-o` the plan folder itself: the PDFs written there are ignored, edits are not.
#[test]
fn output_into_the_plan_folder_still_rebuilds_on_edits() {
    let plan = copy_of_basic();
    let (_running, lines) = start(plan.path(), plan.path());
    wait_for(&lines, "watching");
    assert_eq!(builds(&lines_for(&lines, Duration::from_secs(3))), 0);
    let chapter = plan.path().join("chapters/intro.md");
    let text = std::fs::read_to_string(&chapter).expect("chapter") + "\nWritten beside.\n";
    std::fs::write(&chapter, text).expect("save");
    let printed = lines_for(&lines, Duration::from_secs(5));
    assert_eq!(builds(&printed), 1, "{printed:?}");
    assert!(pdf_text(&plan.path().join("plan.pdf")).contains("Written beside."));
}

/// `--document X` and an edit that renames X: the problem is shown and the watcher goes
/// on, so that the next edit (naming it back) builds again.
#[test]
fn a_document_renamed_while_watching_does_not_stop_the_watcher() {
    let plan = copy_of_basic();
    let out = tempfile::tempdir().expect("output");
    let (dir, out_arg) = (plan.path().as_os_str(), out.path().as_os_str());
    let args = [
        dir,
        "-o".as_ref(),
        out_arg,
        "--document".as_ref(),
        "actions".as_ref(),
    ];
    let (mut running, lines) = start_in(std::path::Path::new("/"), &args);
    wait_for(&lines, "watching");
    let plan_toml = plan.path().join("plan.toml");
    let good = std::fs::read_to_string(&plan_toml).expect("plan.toml");
    let renamed = good.replacen("id = \"actions\"", "id = \"action-plan\"", 1);
    std::fs::write(&plan_toml, renamed).expect("rename");
    let printed = wait_for(&lines, "build stopped");
    assert!(
        printed.iter().any(|l| l.contains("no document `actions`")),
        "{printed:?}"
    );
    std::fs::write(&plan_toml, good).expect("name it back");
    wait_for(&lines, "built in");
    assert!(
        running.0.try_wait().expect("status").is_none(),
        "still running"
    );
}

/// A plan folder removed and put back (restored from a copy) is watched again.
#[test]
fn a_plan_folder_removed_and_put_back_is_watched_again() {
    let parent = tempfile::tempdir().expect("folder");
    let plan = parent.path().join("p");
    crate::common::copy_dir(&crate::common::fixture("basic"), &plan);
    let out = tempfile::tempdir().expect("output");
    let (_running, lines) = start(&plan, out.path());
    wait_for(&lines, "watching");
    let saved = parent.path().join("saved");
    crate::common::copy_dir(&plan, &saved);
    std::fs::remove_dir_all(&plan).expect("remove");
    std::thread::sleep(Duration::from_millis(1500));
    crate::common::copy_dir(&saved, &plan);
    wait_for(&lines, "built in");
    lines_for(&lines, Duration::from_secs(3));
    let chapter = plan.join("chapters/intro.md");
    let text = std::fs::read_to_string(&chapter).expect("chapter") + "\nBack again.\n";
    std::fs::write(&chapter, text).expect("save");
    let printed = wait_for(&lines, "built in");
    assert!(
        printed.iter().any(|l| l == "changed: chapters/intro.md"),
        "{printed:?}"
    );
    assert!(pdf_text(&out.path().join("plan.pdf")).contains("Back again."));
}

/// A save that changes one document's inputs typesets that document again; the others
/// are left as they are and said to be unchanged.
#[test]
fn a_save_typesets_again_only_the_documents_it_changes() {
    let plan = copy_of_basic();
    let out = tempfile::tempdir().expect("output");
    let (_running, lines) = start(plan.path(), out.path());
    let first = wait_for(&lines, "watching");
    let actions = out.path().join("actions.pdf");
    let wrote = |name: &str| format!("wrote {}", out.path().join(name).display());
    let unchanged = |name: &str| format!("unchanged {}", out.path().join(name).display());
    assert!(
        first.iter().any(|l| l.starts_with(&wrote("actions.pdf"))),
        "{first:?}"
    );
    let before = std::fs::metadata(&actions)
        .expect("PDF")
        .modified()
        .expect("time");

    // `intro.md` is only in `plan`.
    edit_intro(plan.path());
    let printed = wait_for(&lines, "built in");
    assert!(
        printed.iter().any(|l| l.starts_with(&wrote("plan.pdf"))),
        "{printed:?}"
    );
    assert!(
        printed
            .iter()
            .any(|l| l.starts_with(&unchanged("actions.pdf"))),
        "{printed:?}"
    );
    let after = std::fs::metadata(&actions)
        .expect("PDF")
        .modified()
        .expect("time");
    assert_eq!(before, after, "the action plan's PDF was not written again");
}

/// Saves `chapters/intro.md` of the plan in `dir` with a sentence added at its end.
fn edit_intro(dir: &Path) {
    let chapter = dir.join("chapters/intro.md");
    let mut text = std::fs::read_to_string(&chapter).expect("chapter");
    text.push_str("\nEdited while watching.\n");
    std::fs::write(&chapter, text).expect("save chapter");
}
