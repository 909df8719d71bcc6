//! Markdown nobody here wrote: every example of the CommonMark 0.31.2 and GFM 0.29
//! specifications (`tests/fixtures/spec/`) as a chapter of one plan. The plan builds, no
//! problem is reported in generated code, and at least 99 % of the examples read in the
//! PDF as an independent parser reads them (see `oracle`).
//!
//! The examples are valid Markdown, but some name pictures and `#id`s that a plan must
//! have: the test puts a picture at every relative path they name, and a heading for every
//! `#id` they link to, into the plan (a chapter of its own, after the examples). An
//! example that still makes an error (a picture on the web, say) is left out of the
//! plan and counts as not read right.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use plan::Outcome;
use plan::diag::{Diagnostics, Severity, Sources};
use pulldown_cmark::{Event, Parser, Tag};

use crate::common::{assert_user_places, raw_text, render, text_plan};
use crate::oracle::{Headings, Reader, normal, reads_loosely};

/// One example of a specification.
struct Example {
    number: usize,
    section: String,
    markdown: String,
}

/// The examples of a specification file: between a line of 32 backticks with
/// ` example` (and perhaps an extension's name) and the line `.`; `→` is a tab.
fn examples(file: &str) -> Vec<Example> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/spec")
        .join(file);
    let text = std::fs::read_to_string(path).expect("specification file");
    let fence = "`".repeat(32);
    let mut examples = Vec::new();
    let mut section = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some(heading) = line.strip_prefix('#') {
            section = heading.trim_start_matches('#').trim().to_string();
        }
        if !(line.starts_with(&fence) && line[fence.len()..].trim_start().starts_with("example")) {
            continue;
        }
        let mut markdown = String::new();
        for line in lines.by_ref() {
            if line == "." {
                break;
            }
            markdown.push_str(&line.replace('→', "\t"));
            markdown.push('\n');
        }
        for line in lines.by_ref() {
            if line.starts_with(&fence) {
                break;
            }
        }
        examples.push(Example {
            number: examples.len() + 1,
            section: section.clone(),
            markdown,
        });
    }
    examples
}

/// The marker each example's chapter starts with, to find its text in the PDF.
fn marker(number: usize) -> String {
    format!("§{number}§")
}

/// An example's chapter: its marker, then the example.
fn chapter(example: &Example) -> String {
    format!("{}\n\n{}", marker(example.number), example.markdown)
}

/// The pictures (relative paths, inside the plan folder) and `#id`s the examples name.
fn needs(examples: &[&Example]) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut pictures, mut ids) = (BTreeSet::new(), BTreeSet::new());
    for example in examples {
        for event in Parser::new_ext(&example.markdown, crate::oracle::options()) {
            match event {
                Event::Start(Tag::Image { dest_url, .. }) => {
                    let path = dest_url.strip_prefix('/').unwrap_or(&dest_url).to_string();
                    let inside = !path.is_empty()
                        && !path.contains(':')
                        && !path.contains('\\')
                        && !Path::new(&path)
                            .components()
                            .any(|c| !matches!(c, std::path::Component::Normal(_)));
                    if inside {
                        pictures.insert(path);
                    }
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    if let Some(id) = dest_url.strip_prefix('#')
                        && !id.is_empty()
                    {
                        ids.insert(id.to_string());
                    }
                }
                _ => {}
            }
        }
    }
    (pictures, ids)
}

/// A plan with one chapter per example, and the pictures and headings they name.
fn write_plan(dir: &Path, examples: &[&Example]) {
    let (pictures, ids) = needs(examples);
    let picture =
        std::fs::read(crate::common::fixture("basic").join("images/chart.png")).expect("a picture");
    for path in &pictures {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = std::fs::write(target, &picture);
    }
    let mut parts: Vec<String> = Vec::new();
    for example in examples {
        let name = format!("chapters/{}.md", example.number);
        std::fs::write(dir.join(&name), chapter(example)).expect("write chapter");
        parts.push(format!("{name:?}"));
    }
    let targets: String = ids
        .iter()
        .map(|id| format!("# Taikinys {{#{id}}}\n\n"))
        .collect();
    std::fs::write(
        dir.join("chapters/targets.md"),
        format!("# Taikiniai\n\n{targets}"),
    )
    .expect("write targets");
    parts.push("\"chapters/targets.md\"".into());
    let plan_toml = dir.join("plan.toml");
    let toml = std::fs::read_to_string(&plan_toml).expect("plan.toml");
    let toml = toml.replace(
        "parts = [\"chapters/text.md\"]",
        &format!("parts = [{}]", parts.join(", ")),
    );
    std::fs::write(&plan_toml, toml).expect("write plan.toml");
}

/// The examples whose chapters have errors, with the errors as printed.
fn with_errors(sources: &Sources, diags: &Diagnostics) -> BTreeMap<usize, String> {
    let mut found = BTreeMap::new();
    for d in diags.iter().filter(|d| d.severity == Severity::Error) {
        let Some(span) = &d.span else { continue };
        let name = sources.name(span.file);
        let file = name.rsplit('/').next().unwrap_or_default();
        if let Some(Ok(number)) = file.strip_suffix(".md").map(str::parse::<usize>) {
            let mut one = Diagnostics::default();
            one.push(d.clone());
            let printed: &mut String = found.entry(number).or_default();
            printed.push_str(&render(sources, &one));
        }
    }
    found
}

/// Builds the examples of `file` as one plan and returns the numbers of the examples that
/// do not read right (or had to be left out), with what was expected and found.
fn misread(file: &str) -> (usize, Vec<(usize, String)>) {
    let all = examples(file);
    let mut left_out: BTreeMap<usize, String> = BTreeMap::new();
    loop {
        let included: Vec<&Example> = all
            .iter()
            .filter(|e| !left_out.contains_key(&e.number))
            .collect();
        let dir = text_plan();
        write_plan(dir.path(), &included);
        let (out, outcome, sources, diags) = crate::common::build(dir.path());
        assert_user_places(&sources, &diags);
        if !matches!(outcome, Outcome::Built(_)) {
            let failing = with_errors(&sources, &diags);
            assert!(
                !failing.is_empty() && failing.keys().all(|n| !left_out.contains_key(n)),
                "the plan of {file} did not build, not for a chapter's error:\n{}",
                render(&sources, &diags)
            );
            left_out.extend(failing);
            continue;
        }
        let found = normal(&raw_text(&out.path().join("text.pdf")));
        let (mut headings, mut figures) = (Headings::default(), 0);
        let mut wrong: Vec<(usize, String)> = left_out
            .into_iter()
            .map(|(n, errors)| (n, format!("{n}: left out, for its errors:\n{errors}")))
            .collect();
        for example in &included {
            let expected =
                normal(&Reader::new(&mut headings, &mut figures).read(&chapter(example)));
            let start = found.find(&marker(example.number));
            let read = start.is_some_and(|at| reads_loosely(&expected, &found[at..]));
            if !read {
                let shown = start.map_or("(marker not found)", |at| {
                    let end = found[at..]
                        .char_indices()
                        .nth(300)
                        .map_or(found.len(), |(i, _)| at + i);
                    &found[at..end]
                });
                wrong.push((
                    example.number,
                    format!(
                        "{} ({}):\n{:?}\nexpected {:?}\nfound    {:?}",
                        example.number, example.section, example.markdown, expected, shown
                    ),
                ));
            }
        }
        wrong.sort_by_key(|(n, _)| *n);
        return (all.len(), wrong);
    }
}

/// Asserts that at least 99 % of a specification's examples read right, listing those
/// that do not.
fn check(file: &str) {
    let (count, wrong) = misread(file);
    let report: Vec<&str> = wrong.iter().map(|(_, r)| r.as_str()).collect();
    let right = count - wrong.len();
    eprintln!("{file}: {right} of {count} examples read right");
    assert!(
        right * 100 >= count * 99,
        "{file}: only {right} of {count} examples read right:\n\n{}",
        report.join("\n\n")
    );
}

#[test]
fn commonmark_examples_read_as_written() {
    check("commonmark-0.31.2.txt");
}

#[test]
fn gfm_examples_read_as_written() {
    check("gfm-0.29.txt");
}
