//! The scale benchmark: `cargo bench --bench scale [-- --scales 1,10,30 --runs 5]`.
//!
//! For synthetic plans at each scale (the example plan `plan/` with its goals, objectives,
//! measures, indicators and chapters repeated; see `support/synthetic.rs`) it measures,
//! with the release binary run as a fresh process each time: `plan check` and `plan build`
//! (every document typeset anew, `--force`) wall time and CPU time (median of the runs),
//! peak memory and the layout passes per document; the rebuild time inside `plan watch`
//! after a chapter edit; and, when the typst CLI is on PATH, typst compiling the sources
//! `plan build --emit-typst` wrote, so that our own overhead shows. Prints Markdown for
//! BENCHMARKS.md, with time and memory per page (linear in size: the same at every scale).
//!
//! A last row measures the example with a chapter of 100 charts and 50 tables drawn from its
//! datasets (`support/synthetic.rs`, `data_heavy`).
//!
//! `cargo bench --bench scale -- generate SCALE OUT` only writes a synthetic plan;
//! `generate-data OUT` the one with charts and tables.

#[path = "support/synthetic.rs"]
mod synthetic;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PLAN: &str = env!("CARGO_BIN_EXE_plan");

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    if let [command, out] = args.as_slice()
        && command == "generate-data"
    {
        match synthetic::data_heavy(&example, 100, 50, &PathBuf::from(out)) {
            Ok(g) => println!(
                "{out}: 100 charts, 50 data tables, {} words of chapters",
                g.words
            ),
            Err(e) => eprintln!("cannot generate: {e}"),
        }
        return;
    }
    if let [command, scale, out] = args.as_slice()
        && command == "generate"
    {
        let scale: usize = scale.parse().unwrap_or(1);
        match synthetic::generate(&example, scale, &PathBuf::from(out)) {
            Ok(g) => println!(
                "{out}: {} goals, {} objectives, {} measures, {} chapters, {} words of chapters",
                g.goals, g.objectives, g.measures, g.chapters, g.words
            ),
            Err(e) => eprintln!("cannot generate: {e}"),
        }
        return;
    }
    let option = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let scales: Vec<usize> = option("--scales")
        .unwrap_or_else(|| "1,10,30".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let runs: usize = option("--runs").and_then(|r| r.parse().ok()).unwrap_or(5);

    println!("{}", machine());
    println!(
        "| scale | goals / objectives / measures | chapters (words) | pages | `plan check` | `plan build` | build CPU | build peak memory | per page: time, memory | layout passes | watch rebuild | typst CLI, same sources, one document after the other | ours: checks, Markdown, writing |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for scale in scales {
        let work = tempfile::tempdir().expect("temporary folder");
        let dir = work.path().join("plan");
        let generated = synthetic::generate(&example, scale, &dir).expect("generate a plan");
        let runs = if scale >= 30 { 1 } else { runs };
        row(&format!("{scale}×"), work.path(), &dir, generated, runs);
    }
    // A situation analysis drawn wholly from data: the example with a chapter of 100 charts
    // and 50 tables from its datasets.
    let work = tempfile::tempdir().expect("temporary folder");
    let dir = work.path().join("plan");
    let generated = synthetic::data_heavy(&example, 100, 50, &dir).expect("generate a plan");
    row(
        "1× + 100 charts, 50 data tables",
        work.path(),
        &dir,
        generated,
        runs,
    );
}

/// Measures one plan in `dir` (its outputs under `work`) and prints its row.
fn row(label: &str, work: &Path, dir: &Path, generated: synthetic::Generated, runs: usize) {
    let out = work.join("out");
    let check = measure(runs, || {
        plan(&[
            "check".as_ref(),
            dir.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ])
    });
    let build = measure(runs, || {
        plan(&[
            "build".as_ref(),
            "--no-stamp".as_ref(),
            "--force".as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
            dir.as_os_str(),
        ])
    });
    let pages = pages_of(&out);
    let total: usize = pages
        .split(" + ")
        .filter_map(|p| p.parse::<usize>().ok())
        .sum();
    let per_page = format!(
        "{:.1} ms, {:.2} MB",
        build.0.as_secs_f64() * 1000.0 / total.max(1) as f64,
        build.2 as f64 / 1024.0 / total.max(1) as f64
    );
    let (ours, passes) = our_part(dir, &out).unzip();
    let rebuild = watch_rebuild(dir, &work.join("watch-out"), 3);
    let typst = typst_cli(dir, &work.join("emitted"), runs);
    let share = ours.map(|ms| {
        let percent = 100.0 * ms as f64 / build.0.as_millis().max(1) as f64;
        format!("{ms} ms ({percent:.1} %)")
    });
    println!(
        "| {label} | {} / {} / {} | {} ({}) | {pages} | {} | {} | {} | {} MB | {per_page} | {} | {} | {} | {} |",
        generated.goals,
        generated.objectives,
        generated.measures,
        generated.chapters,
        generated.words,
        seconds(check.0),
        seconds(build.0),
        seconds(build.1),
        build.2 / 1024,
        passes.unwrap_or_else(|| "—".into()),
        rebuild.map_or("—".into(), seconds),
        typst.map_or("typst not on PATH".into(), seconds),
        share.unwrap_or_else(|| "—".into()),
    );
}

/// `plan` with these arguments.
fn plan(args: &[&std::ffi::OsStr]) -> Command {
    let mut command = Command::new(PLAN);
    command.args(args);
    command
}

fn seconds(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else {
        format!("{:.2} s", d.as_secs_f64())
    }
}

/// Runs a command `runs` times; the median wall time, the median CPU time (user and
/// system) and the largest peak memory (KiB).
fn measure(runs: usize, command: impl Fn() -> Command) -> (Duration, Duration, u64) {
    let mut times = Vec::new();
    let mut cpus = Vec::new();
    let mut peak = 0;
    for _ in 0..runs.max(1) {
        let (time, cpu, rss) = run(command());
        times.push(time);
        cpus.push(cpu);
        peak = peak.max(rss);
    }
    times.sort();
    cpus.sort();
    (times[times.len() / 2], cpus[cpus.len() / 2], peak)
}

/// Runs a command to its end: its wall time, CPU time and peak resident memory (KiB, from
/// wait4).
#[cfg(unix)]
fn run(mut command: Command) -> (Duration, Duration, u64) {
    command.stdout(Stdio::null()).stderr(Stdio::null());
    let start = Instant::now();
    // Reaped by wait4 below, which also reports the peak memory `Child::wait` cannot.
    #[allow(clippy::zombie_processes)]
    let child = command.spawn().expect("start the command");
    let mut status = 0;
    // SAFETY: `usage` is a plain C struct that wait4 fills in; the pid is our own child,
    // which nothing else waits for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert_eq!(waited, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{command:?} failed"
    );
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    let cpu = time(usage.ru_utime) + time(usage.ru_stime);
    (elapsed, cpu, usage.ru_maxrss as u64)
}

/// Elsewhere (Windows) the wall time alone: CPU time and peak memory come from wait4, a
/// Unix call.
#[cfg(not(unix))]
fn run(mut command: Command) -> (Duration, Duration, u64) {
    command.stdout(Stdio::null()).stderr(Stdio::null());
    let start = Instant::now();
    let status = command.status().expect("start the command");
    assert!(status.success(), "{command:?} failed");
    (start.elapsed(), Duration::ZERO, 0)
}

/// How many pages each built PDF has.
fn pages_of(out: &Path) -> String {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(out)
        .map(|e| e.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|pdf| {
            lopdf::Document::load(pdf).map_or("?".into(), |d| d.get_pages().len().to_string())
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Our own part of a build, from `plan build --timings`: checks, Markdown and writing, in
/// milliseconds (the rest is typst's layout and export), and the layout passes per document.
fn our_part(dir: &Path, out: &Path) -> Option<(u64, String)> {
    let output = plan(&[
        "build".as_ref(),
        "--timings".as_ref(),
        "--no-stamp".as_ref(),
        "--force".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
        dir.as_os_str(),
    ])
    .output()
    .ok()?;
    let text = String::from_utf8_lossy(&output.stderr);
    let line = text.lines().find(|l| l.starts_with("timings:"))?;
    let number_after = |label: &str| -> Option<u64> {
        let rest = &line[line.find(label)? + label.len()..];
        rest.split_whitespace().next()?.parse().ok()
    };
    let passes = line
        .split("layout passes ")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .unwrap_or("?")
        .to_string();
    Some((
        number_after("Markdown ")? + number_after("writing ")?,
        passes,
    ))
}

/// The median time `plan watch` reports for a rebuild after a chapter edit.
fn watch_rebuild(dir: &Path, out: &Path, edits: usize) -> Option<Duration> {
    let mut child = Command::new(PLAN)
        .args(["watch", "--no-stamp", "-o"])
        .arg(out)
        .arg(dir)
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .ok()?;
    let mut lines = BufReader::new(child.stderr.take()?).lines();
    let mut wait_for = |text: &str| -> Option<String> {
        lines
            .by_ref()
            .map_while(Result::ok)
            .find(|l| l.contains(text))
    };
    wait_for("watching")?;
    let chapter = std::fs::read_dir(dir.join("chapters"))
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .max()?;
    let mut times = Vec::new();
    for n in 0..edits {
        let mut text = std::fs::read_to_string(&chapter).ok()?;
        text.push_str(&format!(
            "\nPakeitimas {n} per susitikimą su darbo grupe.\n"
        ));
        std::fs::write(&chapter, text).ok()?;
        let line = wait_for("built in")?;
        let value = line.split_whitespace().nth(2)?.parse::<f64>().ok()?;
        times.push(Duration::from_secs_f64(value));
    }
    let _ = child.kill();
    let _ = child.wait();
    times.sort();
    times.get(times.len() / 2).copied()
}

/// The typst CLI compiling what `plan build --emit-typst` wrote, every document, if typst
/// is installed: the median of the summed document times.
fn typst_cli(dir: &Path, emitted: &Path, runs: usize) -> Option<Duration> {
    let version = Command::new("typst").arg("--version").output().ok()?;
    if !version.status.success() {
        return None;
    }
    let pdfs = emitted.join("pdf");
    run(plan(&[
        "build".as_ref(),
        "--no-stamp".as_ref(),
        "--emit-typst".as_ref(),
        emitted.as_os_str(),
        "-o".as_ref(),
        pdfs.as_os_str(),
        dir.as_os_str(),
    ]));
    let mains: Vec<PathBuf> = std::fs::read_dir(emitted.join(".plan"))
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path().join("main.typ"))
        .filter(|p| p.is_file())
        .collect();
    let command = |main: &Path| {
        let mut c = Command::new("typst");
        c.arg("compile")
            .arg("--root")
            .arg(emitted)
            .arg("--font-path")
            .arg(emitted.join(".plan/fonts"))
            .arg("--ignore-system-fonts")
            .args(["--features", "a11y-extras", "--pdf-standard", "a-2a,ua-1"])
            .arg(main)
            .arg(emitted.join("typst.pdf"));
        c
    };
    let mut total = Duration::ZERO;
    for main in &mains {
        total += measure(runs, || command(main)).0;
    }
    Some(total)
}

/// The machine the figures come from.
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .unwrap_or("unknown CPU")
        .trim()
        .to_string();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("MemTotal"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or("?".into(), |kb| format!("{} GiB", kb / 1024 / 1024));
    format!("Machine: {model}, {cores} cores available, {memory} RAM.\n")
}
