//! Every declared generated part (`plan::parts`) typesets with its built-in template and
//! its title from the word list, in both languages.

use std::path::Path;

use crate::common::{contains_squashed, copy_dir, pdf_text, render};
use plan::Outcome;
use plan::parts;

/// A copy of the example plan in `language` with one more document, `every-part`, that
/// holds every declared part (as the 2024 report, so that the report parts have a year).
/// The documents made of chapters are left out: the example's chapters are Lithuanian
/// prose (their nouns agree in Lithuanian's three forms), not what an English plan holds.
fn every_part(language: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("plan"),
        dir.path(),
    );
    let file = dir.path().join("plan.toml");
    let mut table: toml::Table = std::fs::read_to_string(&file)
        .expect("plan.toml")
        .parse()
        .expect("the example's plan.toml");
    let meta = table
        .get_mut("plan")
        .and_then(|p| p.as_table_mut())
        .expect("[plan]");
    assert_eq!(meta.get("language").and_then(|l| l.as_str()), Some("lt"));
    meta.insert("language".into(), language.into());
    let documents = table
        .get_mut("document")
        .and_then(|d| d.as_array_mut())
        .expect("[[document]]");
    let generated_only = |d: &toml::Value| {
        d.get("parts").and_then(|p| p.as_array()).is_some_and(|p| {
            p.iter()
                .all(|p| p.as_str().is_some_and(|p| p.starts_with('@')))
        })
    };
    documents.retain(generated_only);
    assert!(
        !documents.is_empty(),
        "the example's annexes are generated parts"
    );
    let names: Vec<toml::Value> = parts::ALL
        .iter()
        .map(|p| format!("@{}", p.name).into())
        .collect();
    let mut every = toml::Table::new();
    every.insert("id".into(), "every-part".into());
    every.insert("report".into(), 2024.into());
    every.insert(
        "date".into(),
        toml::Value::Datetime("2025-03-27".parse().expect("a date")),
    );
    every.insert("parts".into(), names.into());
    documents.push(every.into());
    std::fs::write(&file, toml::to_string(&table).expect("TOML")).expect("write plan.toml");
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
