//! `pip install plan-compiler` gives the `plan` command: the wheel for this machine is built
//! with maturin from pyproject.toml, installed into a fresh virtual environment, and the
//! installed `plan` builds the example plan. maturin reuses the crates compiled for the
//! tests (dev profile, same build folder); only those whose features the tests'
//! dev-dependencies change are compiled once more, the first time.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common;

/// maturin: `PLAN_MATURIN` if set, else `maturin` on PATH, else the one this test installs
/// from PyPI into a virtual environment in the target folder (once; needs Python 3 with
/// venv, Debian's python3-venv).
fn maturin() -> PathBuf {
    if let Some(path) = std::env::var_os("PLAN_MATURIN") {
        return PathBuf::from(path);
    }
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("maturin"))
            .find(|path| path.is_file())
    });
    found.unwrap_or_else(|| {
        let bin = |dir: &Path| dir.join(if cfg!(windows) { "Scripts" } else { "bin" });
        let exe = |dir: &Path| {
            bin(dir).join(if cfg!(windows) {
                "maturin.exe"
            } else {
                "maturin"
            })
        };
        let dir = common::tool(
            "maturin",
            |dir| exe(dir).is_file(),
            |dir| {
                let needs = "Python 3 with venv (Debian: python3-venv) and PyPI";
                common::run_ok(Command::new("python3").args(["-m", "venv"]).arg(dir), needs);
                common::run_ok(
                    Command::new(bin(dir).join("python")).args([
                        "-m",
                        "pip",
                        "install",
                        "--quiet",
                        "maturin>=1.9,<2",
                    ]),
                    needs,
                );
            },
        );
        exe(&dir)
    })
}

/// Runs one step of the test, which must succeed.
fn run(command: &mut Command) -> Output {
    common::run_ok(command, "maturin and Python 3 with venv")
}

#[test]
fn pip_install_gives_the_plan_command_that_builds_the_example() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The wheel is built in the tests' target folder, dev profile.
    let target = common::target_dir();
    let target = target.as_path();
    let work = target.join("wheel-test");
    for old in ["dist", "venv", "build"] {
        let old = work.join(old);
        if old.exists() {
            std::fs::remove_dir_all(&old).expect("the last run's files are removed");
        }
    }
    let dist = work.join("dist");
    let maturin = maturin();
    // Cargo's intermediate files in the tests' target folder (compiled crates are reused);
    // the finished binary in a folder of its own, so the `plan` the other tests run is never
    // replaced while they run.
    run(Command::new(&maturin)
        .current_dir(root)
        .env("CARGO_BUILD_BUILD_DIR", target)
        .env("CARGO_TARGET_DIR", work.join("target"))
        .args(["build", "--profile", "dev", "--locked", "--out"])
        .arg(&dist));
    let manifest: toml::Table = std::fs::read_to_string(root.join("Cargo.toml"))
        .expect("Cargo.toml")
        .parse()
        .expect("Cargo.toml parses");
    let version = manifest["package"]["version"].as_str().expect("a version");
    let wheels: Vec<PathBuf> = std::fs::read_dir(&dist)
        .expect("maturin wrote its folder")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    assert_eq!(wheels.len(), 1, "{wheels:?}");
    let wheel = &wheels[0];
    let name = wheel.file_name().and_then(|n| n.to_str()).expect("a name");
    assert!(
        name.starts_with(&format!("plan_compiler-{version}-py3-none-")) && name.ends_with(".whl"),
        "{name}"
    );

    let venv = work.join("venv");
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv));
    let bin = venv.join(if cfg!(windows) { "Scripts" } else { "bin" });
    run(Command::new(bin.join("python"))
        .args(["-m", "pip", "install", "--no-index", "--no-deps", "--quiet"])
        .arg(wheel));
    let plan = bin.join(if cfg!(windows) { "plan.exe" } else { "plan" });
    assert!(plan.is_file(), "pip put `plan` into the environment");

    let shown = run(Command::new(&plan).arg("--version"));
    assert_eq!(
        String::from_utf8_lossy(&shown.stdout).trim(),
        format!("plan {version}")
    );
    let out = work.join("build");
    run(Command::new(&plan)
        .arg("build")
        .arg(root.join("plan"))
        .arg("-o")
        .arg(&out));
    for pdf in [
        "strateginis-planas.pdf",
        "veiksmu-planas.pdf",
        "rodikliu-aprasai.pdf",
        "ataskaita-2024.pdf",
    ] {
        let bytes = std::fs::read(out.join(pdf)).unwrap_or_else(|e| panic!("{pdf}: {e}"));
        assert!(bytes.starts_with(b"%PDF-"), "{pdf} is a PDF");
    }
    for done in [&dist, &venv, &out] {
        std::fs::remove_dir_all(done).expect("the test's files are removed");
    }
}
