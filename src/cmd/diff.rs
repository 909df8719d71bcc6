//! `plan diff`: what changed in the plan between two revisions or folders.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use plan::diag::{Diagnostic, Diagnostics, Severity, codes};
use plan::diff::{self, Source, Unreadable};

use crate::cli::{DiffArgs, DiffFormat, Format};

pub fn run(args: DiffArgs) -> u8 {
    // The diff is the standard output; problems go beside it, as JSON with `--format json`.
    let format = match args.format {
        DiffFormat::Json => Format::Json,
        DiffFormat::Text | DiffFormat::Markdown => Format::Human,
    };
    let (old, new) = match sides(&args.versions) {
        Ok(sides) => sides,
        Err(problem) => return report_one(*problem, format),
    };
    let mut loaded = Vec::new();
    for (source, label) in [old, new] {
        match diff::load(&source, label) {
            Ok(version) => loaded.push(version),
            Err(unreadable) => {
                let Unreadable {
                    problem,
                    sources,
                    mut diags,
                } = *unreadable;
                diags.push(problem);
                super::report_beside_output(&sources, &diags, format);
                return diags.exit_status(false);
            }
        }
    }
    for version in &mut loaded {
        let errors = version.diags.count(Severity::Error);
        if errors > 0 {
            let name = if version.label.is_empty() {
                "the working tree"
            } else {
                &version.label
            };
            let note = Diagnostic::warning(format!(
                "the plan at {name} has {errors} error(s); the comparison covers what could be read"
            ))
            .code(codes::COMPARED_WITH_ERRORS)
            .hint("`plan check` lists them");
            // Only the summary: the errors themselves are `plan check`'s to print.
            let mut diags = Diagnostics::default();
            diags.push(note);
            super::report_beside_output(&version.sources, &diags, format);
        }
    }
    let changes = diff::diff(&loaded[0].version(), &loaded[1].version());
    if diff::version_unchanged(&loaded[0].plan, &loaded[1].plan, &changes) {
        let mut diags = Diagnostics::default();
        diags.push(diff::version_warning(&changes, &loaded[1].plan));
        super::report_beside_output(&loaded[1].sources, &diags, format);
    }
    let out = match args.format {
        DiffFormat::Text => {
            diff::render::text(&changes, super::colour_for(std::io::stdout().is_terminal()))
        }
        DiffFormat::Markdown => diff::render::markdown(&changes),
        DiffFormat::Json => match serde_json::to_string_pretty(&changes) {
            Ok(json) => json + "\n",
            Err(e) => return report_one(Diagnostic::error(e.to_string()).code(codes::IO), format),
        },
    };
    print!("{out}");
    0
}

/// A problem printed beside the diff's output; its exit status.
fn report_one(problem: Diagnostic, format: Format) -> u8 {
    super::report_one_with(super::report_beside_output, problem, format)
}

/// A version to compare and how the output calls it (empty: the working tree).
type Side = (Source, String);

/// Reads `[OLD] [NEW] [DIR]`: two plan folders compare as they are; otherwise a trailing
/// plan folder is DIR (default `.`), and up to two revisions follow git's defaults: OLD is
/// HEAD, NEW is the working tree.
fn sides(args: &[String]) -> Result<(Side, Side), Box<Diagnostic>> {
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
        _ => Err(Box::new(
            Diagnostic::usage(
                "`plan diff` takes at most two revisions (OLD and NEW) and a plan folder",
            )
            .hint("e.g. `plan diff v1.0 HEAD plan`; two plan folders compare as they are"),
        )),
    }
}
