//! Issue 29, round two: git revisions read without copying them, messages about git a user
//! can act on, and what a hostile tester tried that the loader must not take in silence.
//! Wrong values (`nan`, dates with a time, bidirectional controls) are bad fixtures
//! (`tests/fixtures/bad/not-a-number`, `date-not-plain`, `bidi-control`).

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{copy_of_basic, render};
use crate::diff::git;
use plan::diag::{Diagnostics, Sources};
use plan::{BuildOptions, Outcome};

/// Whether the `git` binary is there; the tests that need it say so and pass without it.
fn have_git() -> bool {
    let found = Command::new("git").arg("--version").output().is_ok();
    if !found {
        eprintln!("note: `git` is not on PATH; this test is skipped");
    }
    found
}

/// A repository holding the basic plan in `plan/` in two commits (the second changes a
/// title), with `extra` run on the tree before the first commit.
fn repository(extra: impl FnOnce(&Path)) -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("repository");
    let plan = copy_of_basic();
    crate::common::copy_dir(plan.path(), &root.path().join("plan"));
    extra(&root.path().join("plan"));
    git(root.path(), &["init", "-q", "-b", "main"]);
    git(root.path(), &["add", "-A"]);
    git(root.path(), &["commit", "-q", "-m", "First draft"]);
    let strategy = root.path().join("plan/strategy/a-green.toml");
    let text = std::fs::read_to_string(&strategy).expect("strategy");
    std::fs::write(&strategy, text.replacen("Green town", "Greener town", 1)).expect("edit");
    git(root.path(), &["commit", "-q", "-a", "-m", "Revision"]);
    root
}

/// Runs `plan <args>` in `dir` with `TMPDIR` set to `tmp`.
fn plan_in(dir: &Path, args: &[&str], tmp: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("TMPDIR", tmp)
        .output()
        .expect("run plan")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Item 1 and 2: `plan diff` of a revision holding a 50 MB picture reads only the files
/// the comparison needs, straight from git: nothing lands in the temporary folder (it need
/// not even exist), so a killed run leaves nothing behind, and the picture never reaches
/// memory.
#[cfg(unix)] // its peak memory comes from wait4, a Unix call
#[test]
fn diff_of_a_revision_with_a_big_picture_copies_nothing() {
    if !have_git() {
        return;
    }
    let repo = repository(|plan| {
        let big = vec![0x5a_u8; 50 * 1024 * 1024];
        std::fs::write(plan.join("images/big.png"), big).expect("picture");
    });
    let missing = repo.path().join("no-such-tmp");
    let output = plan_in(repo.path(), &["diff", "HEAD~1", "HEAD", "plan"], &missing);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Greener"));
    assert!(!missing.exists());

    // The peak memory of a run reading the revision is about that of one comparing two
    // folders on disk, far below the picture's size.
    let fresh = tempfile::tempdir().expect("tmp");
    let revision = peak_kib(repo.path(), &["diff", "HEAD~1", "plan"], fresh.path());
    let folders = peak_kib(repo.path(), &["diff", "plan", "plan"], fresh.path());
    assert!(
        revision < folders + 20 * 1024,
        "peak memory {revision} KiB reading the revision, {folders} KiB without"
    );
    let left: Vec<_> = std::fs::read_dir(fresh.path()).expect("tmp").collect();
    assert!(left.is_empty(), "left in TMPDIR: {left:?}");
}

/// The peak memory (resident) of `plan <args>` run in `dir`, which must succeed. (Linux
/// counts the forking test process's memory too, hence compare runs with each other.)
#[cfg(unix)] // named pipes, symbolic links or wait4: Unix calls
#[allow(
    clippy::zombie_processes,
    reason = "waited for with wait4, which gives its peak memory"
)]
fn peak_kib(dir: &Path, args: &[&str], tmp: &Path) -> i64 {
    let child = Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(args)
        .current_dir(dir)
        .env("TMPDIR", tmp)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run plan");
    let (mut status, mut usage) = (0, std::mem::MaybeUninit::<libc::rusage>::zeroed());
    let pid = libc::pid_t::try_from(child.id()).expect("pid");
    // SAFETY: waits for our own child; `status` and `usage` are valid for writing.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, usage.as_mut_ptr()) };
    assert_eq!(waited, pid);
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{args:?}"
    );
    // SAFETY: wait4 succeeded, so it filled `usage` in.
    unsafe { usage.assume_init() }.ru_maxrss
}

/// Item 4: `plan build --changes-since` reads the old revision the same way: a missing
/// temporary folder is no reason to fail.
#[test]
fn changes_since_needs_no_temporary_folder() {
    if !have_git() {
        return;
    }
    let repo = repository(|_| {});
    let out = tempfile::tempdir().expect("out");
    let missing = repo.path().join("no-such-tmp");
    let output = plan_in(
        repo.path(),
        &[
            "build",
            "plan",
            "--document",
            "plan",
            "--changes-since",
            "HEAD~1",
            "-o",
            out.path().to_str().expect("UTF-8"),
        ],
        &missing,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(out.path().join("plan.pdf").is_file());
}

/// Item 4: a revision a shallow clone does not hold is named as such, with the command
/// that fetches the rest of the history.
#[test]
fn a_revision_beyond_a_shallow_clone_says_how_to_fetch_it() {
    if !have_git() {
        return;
    }
    let repo = repository(|_| {});
    let clones = tempfile::tempdir().expect("clones");
    let url = format!("file://{}", repo.path().display());
    git(
        clones.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
    );
    let shallow = clones.path().join("shallow");
    let output = plan_in(&shallow, &["diff", "HEAD~1", "plan"], clones.path());
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains("`HEAD~1` is not in this shallow clone"),
        "{message}"
    );
    assert!(message.contains("git fetch --unshallow"), "{message}");
    assert!(!message.contains("delegate"), "{message}");
}

/// Item 4: a repository without a commit says so, not "rev-spec is malformed".
#[test]
fn a_repository_without_commits_says_so() {
    if !have_git() {
        return;
    }
    let root = tempfile::tempdir().expect("repository");
    crate::common::copy_dir(copy_of_basic().path(), &root.path().join("plan"));
    git(root.path(), &["init", "-q", "-b", "main"]);
    let output = plan_in(root.path(), &["diff", "plan"], root.path());
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains("the git repository has no commits yet"),
        "{message}"
    );
    assert!(!message.contains("malformed"), "{message}");
}

/// Item 4: a revision whose files git cannot read (an object lost from the repository) is
/// an I/O problem, exit 1, naming the file, not a usage error about revisions.
#[test]
fn an_unreadable_object_is_an_io_problem() {
    if !have_git() {
        return;
    }
    let repo = repository(|_| {});
    let blob = Command::new("git")
        .args(["rev-parse", "HEAD~1:plan/plan.toml"])
        .current_dir(repo.path())
        .output()
        .expect("git rev-parse");
    let blob = String::from_utf8(blob.stdout).expect("hex");
    let (dir, file) = blob.trim().split_at(2);
    std::fs::remove_file(repo.path().join(".git/objects").join(dir).join(file))
        .expect("remove the object");
    let output = plan_in(repo.path(), &["diff", "HEAD~1", "plan"], repo.path());
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message.contains("cannot read `plan.toml` of `HEAD~1` from the git repository"),
        "{message}"
    );
    assert!(
        !message.contains("a revision is anything git names"),
        "{message}"
    );
}

/// Item 4: a monitoring file that is a pipe is named for what it is (and not waited on),
/// instead of being skipped as if it were missing.
#[cfg(unix)] // named pipes, symbolic links or wait4: Unix calls
#[test]
fn a_pipe_as_a_monitoring_file_is_named() {
    let dir = copy_of_basic();
    std::fs::create_dir_all(dir.path().join("monitoring")).expect("monitoring");
    let pipe = dir.path().join("monitoring/2024.toml");
    let name = std::ffi::CString::new(pipe.to_string_lossy().as_bytes()).expect("path");
    // SAFETY: `name` is a valid NUL-terminated path; mkfifo only creates the file.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo");
    let mut child = Command::new(env!("CARGO_BIN_EXE_plan"))
        .arg("check")
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run plan");
    let start = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed().as_secs() > 20 {
            child.kill().expect("kill");
            panic!("plan check waits on the pipe");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let output = child.wait_with_output().expect("output");
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message.contains("`monitoring/2024.toml` is not a regular file: it is a named pipe"),
        "{message}"
    );
}

/// Item 4: an id given on the command line in NFD (a letter and a combining mark) is the
/// same id as the plan's NFC one: `--document` and `--group` simply match.
#[test]
fn decomposed_ids_on_the_command_line_match() {
    let dir = copy_of_basic();
    let edit = |file: &str, from: &str, to: &str| {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{file} lacks {from}");
        std::fs::write(&path, text.replace(from, to)).expect("write");
    };
    edit("plan.toml", "id = \"actions\"", "id = \"veiksmų\"");
    for file in ["plan.toml", "strategy/a-green.toml"] {
        edit(file, "\"infra\"", "\"infrą\"");
    }
    let (document, group) = ("veiksmu\u{328}", "infra\u{328}");
    let out = tempfile::tempdir().expect("out");
    let (mut sources, mut diags) = (Sources::default(), Diagnostics::default());
    let options = BuildOptions {
        dir: dir.path().to_path_buf(),
        out: Some(out.path().to_path_buf()),
        documents: vec![document.into()],
        groups: vec![group.into()],
        ..Default::default()
    };
    let outcome = plan::build(&options, &mut sources, &mut diags);
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    assert!(out.path().join("veiksmų-infrą.pdf").is_file());
}

/// Item 4: `git init x && plan init x` works: a folder holding only `.git` is empty.
#[test]
fn init_into_a_fresh_git_repository() {
    let dir = tempfile::tempdir().expect("folder");
    let target = dir.path().join("x");
    std::fs::create_dir_all(target.join(".git/objects")).expect(".git");
    let output = Command::new(env!("CARGO_BIN_EXE_plan"))
        .arg("init")
        .arg(&target)
        .output()
        .expect("run plan init");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(target.join("plan.toml").is_file());
    assert!(target.join(".git/objects").is_dir());
    // Anything else still makes the folder not empty.
    let other = dir.path().join("y");
    std::fs::create_dir_all(other.join(".git")).expect(".git");
    std::fs::write(other.join("notes.txt"), "mine").expect("file");
    let output = Command::new(env!("CARGO_BIN_EXE_plan"))
        .arg("init")
        .arg(&other)
        .output()
        .expect("run plan init");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("is not empty"));
    assert!(!other.join("plan.toml").exists());
}
