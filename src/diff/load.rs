//! A version read to be compared, from a plan folder or from git at a revision: its files,
//! the typed plan, its numbers and ledger, and no more (no Markdown conversion, pictures or
//! fonts).

use super::Version;
use crate::diag::{Diagnostic, Diagnostics, Sources, codes};
use crate::ledger::Ledger;
use crate::model::Plan;
use crate::number::Numbers;

/// Where a version of the plan comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A plan folder as it is on disk (the working tree, or another folder).
    Folder(std::path::PathBuf),
    /// The plan folder `dir` as it was at a git revision.
    Revision {
        dir: std::path::PathBuf,
        rev: String,
    },
}

/// A version read, ready to compare.
pub struct Loaded {
    pub label: String,
    pub plan: Plan,
    pub numbers: Numbers,
    pub ledger: Ledger,
    pub sources: Sources,
    /// The problems met reading it; a plan with errors compares as far as it was read.
    pub diags: Diagnostics,
}

impl Loaded {
    pub fn version(&self) -> Version<'_> {
        Version {
            label: self.label.clone(),
            plan: &self.plan,
            numbers: &self.numbers,
            ledger: &self.ledger,
            sources: &self.sources,
        }
    }
}

/// Why a version cannot be compared: `problem` says it in one line (a [`Diagnostic::usage`]
/// for a revision that cannot be read from git); `diags` holds what went wrong reading the
/// plan, pointing into `sources`.
pub struct Unreadable {
    pub problem: Diagnostic,
    pub sources: Sources,
    pub diags: Diagnostics,
}

/// Reads a version of the plan: its files, the typed plan, its numbers and ledger, which is
/// all a comparison needs (no Markdown conversion, pictures or fonts). `label` names it in
/// the output (empty: the working tree). A plan with errors still compares as far as it could
/// be read; one that cannot be read at all is [`Unreadable`].
pub fn load(source: &Source, mut label: String) -> Result<Loaded, Box<Unreadable>> {
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let raw = match source {
        Source::Folder(dir) => crate::load::load_plan(dir, &mut sources, &mut diags),
        Source::Revision { dir, rev } => {
            let revision = match crate::revision::open(dir, rev) {
                Ok(revision) => revision,
                Err(problem) => {
                    return Err(Box::new(Unreadable {
                        problem: *problem,
                        sources,
                        diags,
                    }));
                }
            };
            // A commit id shows as itself; a name also shows the commit it meant.
            if !revision.short.starts_with(rev.as_str()) {
                label = format!("{label} ({})", revision.short);
            }
            crate::load::load_from(&revision, &mut sources, &mut diags)
        }
    };
    let Some(raw) = raw else {
        let shown = match source {
            Source::Folder(dir) if label.is_empty() => dir.display().to_string(),
            _ => label,
        };
        return Err(Box::new(Unreadable {
            problem: Diagnostic::error(format!("the plan at `{shown}` cannot be read"))
                .code(codes::UNREADABLE),
            sources,
            diags,
        }));
    };
    let plan = crate::model::build_plan(raw, &sources, &mut diags);
    let numbers = crate::number::number(&plan);
    let ledger = Ledger::new(&plan);
    Ok(Loaded {
        label,
        plan,
        numbers,
        ledger,
        sources,
        diags,
    })
}
