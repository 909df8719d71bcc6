//! `plan watch`: start it, edit a chapter, see a new PDF with the edit, break the plan and
//! see the good PDF kept, then stop it.

use std::io::{BufRead, BufReader};
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
    let child = Command::new(env!("CARGO_BIN_EXE_plan"))
        .arg("watch")
        .arg(plan)
        .arg("-o")
        .arg(out)
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
    let chapter = plan.path().join("chapters/intro.md");
    let mut text = std::fs::read_to_string(&chapter).expect("chapter");
    text.push_str("\nEdited while watching.\n");
    std::fs::write(&chapter, text).expect("save chapter");
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
