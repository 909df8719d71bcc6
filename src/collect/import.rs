//! `plan import <year> FILE`: reads a filled-in collection workbook and merges it into
//! `monitoring/<year>.toml`. The file keeps its comments, layout and line endings
//! (toml_edit), and no value already in it is lost: a cell that disagrees with one is an
//! error unless the user asks for the workbook's (`--replace`). The merged file is checked
//! with the rest of the plan, as `plan check` would, before anything is written; every
//! problem (bad cells, conflicts, what the plan rejects) is reported in one run, at its
//! sheet and cell where it comes from the workbook, and nothing is written while there is
//! one. The plan folder is locked from reading the file to writing it, so a second import
//! waits and merges into what the first wrote.
//!
//! This file holds the order of the import (the plan checked, the workbook's rows read, the
//! folder locked, the file merged, the merged plan checked, the file written); reading the
//! rows, the numbers in them, the merge and the check are in the modules below.

mod check;
mod merge;
mod numbers;
mod rows;

use std::path::PathBuf;

use crate::diag::{Diagnostic, Diagnostics, Sources, codes};

use check::Merged;
use merge::{Existing, Merge};
use rows::SheetReader;

/// What `plan import` was asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub dir: PathBuf,
    pub year: i32,
    pub file: PathBuf,
    pub replace: bool,
}

/// What an import changed.
#[derive(Debug)]
pub struct Imported {
    /// The monitoring file written.
    pub path: PathBuf,
    /// Values set (or replaced) in it.
    pub changed: usize,
    /// Whether the file is new.
    pub created: bool,
}

/// Reads `options.file` into the plan's monitoring file. `None` when nothing was written;
/// the diagnostics say why. What is written has been checked with the whole plan, and
/// the diagnostics then hold that check's warnings (spending above plan, missing values …).
pub fn import(
    options: &ImportOptions,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<Imported> {
    let checked = plan_as_it_is(options, sources, diags)?;
    let plan = &checked.plan;
    let year = options.year;
    let relative = format!("monitoring/{year}.toml");
    let path = options.dir.join(&relative);
    if !crate::confine::Folder::new(&options.dir).holds(&path) {
        diags.push(
            Diagnostic::error(format!("`{relative}` leads outside the plan folder"))
                .code(codes::OUTSIDE_FOLDER)
                .about(path.display().to_string())
                .hint("`monitoring` (or the file) is a symbolic link to somewhere else; make it a folder of the plan, then import again"),
        );
        return None;
    }
    let workbook = options.file.display().to_string();
    let mut reader = SheetReader {
        workbook: &workbook,
        year,
        language: plan.meta.language,
        diags: &mut *diags,
        errors: 0,
    };
    let (indicators, measures) = reader.read(plan, &options.file)?;
    let mut errors = reader.errors;

    // From reading the file to writing it, no other import may write it.
    let _lock = match crate::output::lock_folder(&options.dir) {
        Ok(lock) => lock,
        Err(e) => {
            diags.push(
                Diagnostic::error(format!(
                    "cannot lock the plan folder `{}`: {e}",
                    options.dir.display()
                ))
                .code(codes::IO),
            );
            return None;
        }
    };
    let created = !path.exists();
    let mut file = match Existing::read(&path, &relative, year) {
        Ok(file) => file,
        Err(problem) => {
            diags.push(*problem);
            return None;
        }
    };
    if std::env::var("PLAN_FAULT").is_ok_and(|f| f == "pause:import") {
        // For tests: a second import started now must wait for this one.
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
    let mut merge = Merge {
        workbook: &workbook,
        file: &relative,
        replace: options.replace,
        diags: &mut *diags,
        errors: 0,
        changed: 0,
        origins: Vec::new(),
    };
    for row in &indicators {
        merge.indicator(&mut file.document, row);
    }
    for row in &measures {
        merge.measure(&mut file.document, row);
    }
    errors += merge.errors;
    let (changed, origins) = (merge.changed, merge.origins);
    if changed == 0 {
        return (errors == 0).then_some(Imported {
            path,
            changed,
            created: false,
        });
    }
    let text = file.text();
    let merged = Merged {
        dir: &options.dir,
        relative: &relative,
        text: &text,
        workbook: &workbook,
        origins: &origins,
    };
    if !merged.check(errors > 0, sources, diags) || errors > 0 {
        return None;
    }
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| crate::output::write_atomic(&path, text.as_bytes()));
    if let Err(e) = written {
        diags.push(
            Diagnostic::error(format!("cannot write `{}`: {e}", path.display())).code(codes::IO),
        );
        return None;
    }
    Some(Imported {
        path,
        changed,
        created,
    })
}

/// The plan as it is, checked: its errors stop the import; its warnings are not the
/// workbook's business (the merged plan is checked, and they shown, before writing).
fn plan_as_it_is(
    options: &ImportOptions,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<crate::Checked> {
    let mut before = Diagnostics::default();
    let checked = crate::check(&options.dir, sources, &mut before);
    if before.has_errors() || checked.is_none() {
        diags.extend(before.iter().cloned());
        return None;
    }
    let checked = checked?;
    let (first, last) = checked.plan.meta.period;
    let year = options.year;
    if !(first..=last).contains(&year) {
        diags.push(
            Diagnostic::usage(format!("{year} is outside the plan period {first}–{last}"))
                .hint("import the values of a year of the plan period"),
        );
        return None;
    }
    Some(checked)
}

/// Text in Unicode NFC, as plan files are read: ids and text compare as they look.
fn nfc(text: &str) -> String {
    crate::load::nfc(text.to_string())
}
