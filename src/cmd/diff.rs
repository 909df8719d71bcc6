//! `plan diff`: what changed in the plan between two revisions or folders.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use plan::diff::{self, Source};

use crate::cli::{DiffArgs, DiffFormat};

pub fn run(args: DiffArgs) -> u8 {
    let (old, new) = match sides(&args.versions) {
        Ok(sides) => sides,
        Err(message) => {
            eprintln!("error: {message}");
            return 2;
        }
    };
    let mut loaded = Vec::new();
    for (source, label) in [old, new] {
        match diff::load(&source, label) {
            Ok(version) => loaded.push(version),
            Err((message, sources, diags)) => {
                super::report(&sources, &diags, crate::cli::Format::Human);
                eprintln!("error: {message}");
                return 1;
            }
        }
    }
    for version in &loaded {
        let errors = version.diags.count(plan::diag::Severity::Error);
        if errors > 0 {
            let name = if version.label.is_empty() {
                "the working tree"
            } else {
                &version.label
            };
            eprintln!(
                "warning: the plan at {name} has {errors} error(s) (`plan check` lists them); the comparison covers what could be read"
            );
        }
    }
    let changes = diff::diff(&loaded[0].version(), &loaded[1].version());
    let out = match args.format {
        DiffFormat::Text => {
            diff::render::text(&changes, super::colour_for(std::io::stdout().is_terminal()))
        }
        DiffFormat::Markdown => diff::render::markdown(&changes),
        DiffFormat::Json => match serde_json::to_string_pretty(&changes) {
            Ok(json) => json + "\n",
            Err(e) => {
                eprintln!("error: {e}");
                return 1;
            }
        },
    };
    print!("{out}");
    0
}

/// A version to compare and how the output calls it (empty: the working tree).
type Side = (Source, String);

/// Reads `[OLD] [NEW] [DIR]`: two plan folders compare as they are; otherwise a trailing
/// plan folder is DIR (default `.`), and up to two revisions follow git's defaults: OLD is
/// HEAD, NEW is the working tree.
fn sides(args: &[String]) -> Result<(Side, Side), String> {
    let is_plan = |a: &String| Path::new(a).join("plan.toml").is_file();
    if let [old, new] = args
        && is_plan(old)
        && is_plan(new)
    {
        return Ok((
            (Source::Folder(PathBuf::from(old)), old.clone()),
            (Source::Folder(PathBuf::from(new)), new.clone()),
        ));
    }
    let (dir, revisions) = match args.split_last() {
        Some((last, rest)) if is_plan(last) || Path::new(last).is_dir() => {
            (PathBuf::from(last), rest)
        }
        _ => (PathBuf::from("."), args),
    };
    let revision = |rev: &String| {
        (
            Source::Revision {
                dir: dir.clone(),
                rev: rev.clone(),
            },
            rev.clone(),
        )
    };
    match revisions {
        [] => Ok((
            revision(&"HEAD".to_string()),
            (Source::Folder(dir.clone()), String::new()),
        )),
        [old] => Ok((revision(old), (Source::Folder(dir.clone()), String::new()))),
        [old, new] => Ok((revision(old), revision(new))),
        _ => Err("`plan diff` takes at most two revisions (OLD and NEW) and a plan folder".into()),
    }
}
