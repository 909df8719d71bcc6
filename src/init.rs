//! `plan init`: a small starter plan (one priority, two goals, a few measures, two chapters,
//! every key commented) that builds at once without warnings, in Lithuanian or English,
//! with CI files for GitHub and GitLab that install this very version of `plan`.

use std::path::Path;

use crate::diag::{Diagnostic, codes};
use crate::model::Language;

/// Declares the starter files of one language from `starter/<lang>/`.
macro_rules! starter {
    ($lang:literal: $($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../starter/", $lang, "/", $path)))),*]
    };
}

/// The starter plan's files, by path in the new plan folder.
pub fn files(language: Language) -> &'static [(&'static str, &'static str)] {
    match language {
        Language::Lt => starter!("lt":
            ".gitignore",
            ".github/workflows/plan.yml",
            ".gitlab-ci.yml",
            "plan.toml",
            "analysis.toml",
            "strategy/1-patogus-miestas.toml",
            "chapters/01-ivadas.md",
            "chapters/02-igyvendinimas.md",
        ),
        Language::En => starter!("en":
            ".gitignore",
            ".github/workflows/plan.yml",
            ".gitlab-ci.yml",
            "plan.toml",
            "analysis.toml",
            "strategy/1-convenient-town.toml",
            "chapters/01-introduction.md",
            "chapters/02-implementation.md",
        ),
    }
}

/// Writes the starter plan into `dir`, which must be missing or empty: a folder holding
/// only `.git` (`git init` just made it) counts as empty, since no starter file can
/// replace anything there. A folder that is not is a usage problem; a file that cannot be
/// written, an `io` one.
pub fn init(dir: &Path, language: Language) -> Result<Vec<String>, Box<Diagnostic>> {
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut entries = entries.filter(|e| !e.as_ref().is_ok_and(|e| e.file_name() == ".git"));
        if entries.next().is_some() {
            return Err(Box::new(
                Diagnostic::usage(format!("`{}` is not empty", dir.display()))
                    .hint("`plan init` only writes into a new or empty folder, so that it never replaces a file; name a new folder"),
            ));
        }
    } else if dir.exists() {
        return Err(Box::new(Diagnostic::usage(format!(
            "`{}` exists and is not a folder",
            dir.display()
        ))));
    }
    let io = |message: String| Box::new(Diagnostic::error(message).code(codes::IO));
    let mut written = Vec::new();
    for (path, text) in files(language) {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| io(format!("cannot create `{}`: {e}", parent.display())))?;
        }
        // The CI files install the plan this binary is.
        let text = text.replace("@PLAN_VERSION@", env!("CARGO_PKG_VERSION"));
        std::fs::write(&target, text)
            .map_err(|e| io(format!("cannot write `{}`: {e}", target.display())))?;
        written.push(path.to_string());
    }
    // The editor's help, which the `#:schema` line atop each TOML file names.
    written.extend(crate::schema::write(dir)?);
    Ok(written)
}
