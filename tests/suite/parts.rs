//! Every declared generated part (`plan::parts`) typesets with its built-in template and
//! its title from the word list, in both languages.

use std::path::Path;

use crate::common::{contains_squashed, copy_dir, pdf_text, render};
use plan::Outcome;
use plan::parts;

/// A copy of the example plan in `language` with one more document, `every-part`, that
/// holds every declared part (as the 2024 report, so that the report parts have a year).
fn every_part(language: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("plan"),
        dir.path(),
    );
    let file = dir.path().join("plan.toml");
    let text = std::fs::read_to_string(&file).expect("plan.toml");
    assert!(
        text.contains("\nlanguage = \"lt\"\n"),
        "the example plan's language"
    );
    let names: Vec<String> = parts::ALL
        .iter()
        .map(|p| format!("\"@{}\"", p.name))
        .collect();
    let text = format!(
        "{}\n[[document]]\nid = \"every-part\"\nreport = 2024\ndate = 2025-03-27\nparts = [{}]\n",
        text.replace(
            "\nlanguage = \"lt\"\n",
            &format!("\nlanguage = \"{language}\"\n")
        ),
        names.join(", ")
    );
    std::fs::write(&file, text).expect("write plan.toml");
    dir
}

#[test]
fn every_declared_part_typesets_with_its_title_in_both_languages() {
    for (code, language) in plan::words::LANGUAGES {
        let dir = every_part(code);
        let (out, outcome, sources, diags) = crate::common::build_with(dir.path(), |options| {
            options.documents = vec!["every-part".into()];
        });
        assert!(
            matches!(outcome, Outcome::Built(_)),
            "{code}: {}",
            render(&sources, &diags)
        );
        let text = pdf_text(&out.path().join("every-part.pdf"));
        let words: toml::Table = plan::words::source(language)
            .parse()
            .expect("the word list");
        for part in parts::ALL {
            let title = words
                .get(part.label)
                .and_then(|t| t.as_str())
                .unwrap_or_else(|| panic!("{code}: no title for @{}", part.name))
                .replace("{year}", "2024")
                .replace('\u{a0}', " ");
            assert!(
                contains_squashed(&text, &title),
                "{code}: @{} has no title \"{title}\"",
                part.name
            );
        }
    }
}
