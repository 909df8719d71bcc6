//! `plan diff` and `plan build --changes-since`: a git repository with two commits of the
//! basic plan (a measure added, one moved, a funding change, an indicator target change),
//! compared in every output format and as the annex of the built PDF.

use std::path::Path;
use std::process::Command;

pub use crate::common::git;
use crate::common::{contains_squashed, copy_of_basic, pdf_text, render};
use plan::diag::{Diagnostics, Sources};
use plan::{BuildOptions, Outcome};

/// Replaces `from` (which must occur) with `to` in a file.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

/// A repository whose `plan/` folder holds the basic plan, committed once.
pub fn committed_basic() -> tempfile::TempDir {
    let repo = copy_of_basic();
    // The plan lives in a subfolder of the repository, as in a real project.
    let root = tempfile::tempdir().expect("repository");
    std::fs::rename(repo.path(), root.path().join("plan")).expect("move the plan");
    git(root.path(), &["init", "-q", "-b", "main"]);
    git(root.path(), &["add", "-A"]);
    git(root.path(), &["commit", "-q", "-m", "First draft"]);
    root
}

/// A repository whose `plan/` folder holds the basic plan at HEAD~1 and the revised plan
/// at HEAD (and in the working tree).
fn repository() -> tempfile::TempDir {
    let root = committed_basic();
    let strategy = root.path().join("plan/strategy/a-green.toml");
    // A new measure at the head of objective 1.1: the others there are renumbered.
    edit(
        &strategy,
        "# measure 1.1.1\n[[measure]]",
        "[[measure]]\nid = \"solar-roofs\"\nobjective = \"cleaner-heating\"\n\
         title = \"Put solar panels on school roofs\"\nresponsible = [\"ADM\"]\n\
         group = \"infra\"\nperiod = [2024, 2026]\nfunding = { EU = 400 }\n\n[[measure]]",
    );
    // District heating moves to objective 2.1.
    edit(
        &strategy,
        "id = \"district-heating\"\nobjective = \"cleaner-heating\"",
        "id = \"district-heating\"\nobjective = \"pipes\"",
    );
    // More municipal money for heat pumps.
    edit(
        &strategy,
        "funding = { MB = 1234.5, EU = 2000 }",
        "funding = { MB = 1300, EU = 2000 }",
    );
    // A higher 2027 target for clean heating.
    edit(
        &strategy,
        "targets = { 2024 = 30, 2027 = 45 }",
        "targets = { 2024 = 30, 2027 = 50 }",
    );
    git(
        root.path(),
        &["commit", "-q", "-a", "-m", "Working group revision"],
    );
    root
}

pub fn plan_diff(repo: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_plan"))
        .arg("diff")
        .args(args)
        .current_dir(repo)
        .env("NO_COLOR", "1")
        .output()
        .expect("run plan diff");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn diff_reports_every_kind_of_change_as_text_and_markdown() {
    let repo = repository();
    let text = plan_diff(repo.path(), &["HEAD~1", "HEAD", "plan"]);
    insta::assert_snapshot!("diff_text", text);
    let markdown = plan_diff(
        repo.path(),
        &["--format", "markdown", "HEAD~1", "HEAD", "plan"],
    );
    insta::assert_snapshot!("diff_markdown", markdown);
    // HEAD against the working tree: nothing has changed since the last commit.
    let clean = plan_diff(repo.path(), &["plan"]);
    assert!(clean.contains("has not changed"), "{clean}");
}

#[test]
fn diff_as_json_names_numbers_and_amounts() {
    let repo = repository();
    let json = plan_diff(repo.path(), &["--format", "json", "HEAD~1", "HEAD", "plan"]);
    let diff: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let item = |id: &str| {
        diff["items"]
            .as_array()
            .and_then(|items| items.iter().find(|i| i["id"] == id))
            .unwrap_or_else(|| panic!("no change for {id}: {json}"))
            .clone()
    };
    let added = item("solar-roofs");
    assert_eq!(added["new-number"], "1.1.1");
    assert_eq!(added["changes"][0]["change"], "added");
    let moved = item("district-heating");
    assert_eq!(
        (moved["old-number"].as_str(), moved["new-number"].as_str()),
        (Some("1.1.2"), Some("2.1.1"))
    );
    assert_eq!(moved["changes"][0]["change"], "moved");
    assert_eq!(moved["changes"][0]["old-parent"], "1.1");
    assert_eq!(moved["changes"][0]["new-parent"], "2.1");
    let renumbered = item("heat-pumps");
    assert_eq!(renumbered["changes"][0]["change"], "renumbered");
    assert_eq!(item("pipe-renewal")["changes"][0]["change"], "renumbered");

    // The plan total first: +65.50 MB and +400.00 EU.
    let plan_total = &diff["funding"][0];
    assert_eq!(plan_total["kind"], "plan");
    assert_eq!(plan_total["old-total"]["text"], "4,814.75");
    assert_eq!(plan_total["new-total"]["text"], "5,280.25");
    assert_eq!(plan_total["delta"]["value"], 465.5);
    let heat_pumps = diff["funding"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["id"] == "heat-pumps"))
        .expect("heat pump funding changed");
    assert_eq!(heat_pumps["sources"][0]["source"], "MB");
    assert_eq!(heat_pumps["sources"][0]["old"]["value"], 1234.5);
    assert_eq!(heat_pumps["sources"][0]["new"]["value"], 1300.0);

    let indicator = diff["indicators"]
        .as_array()
        .and_then(|i| i.iter().find(|i| i["id"] == "clean-heat-share"))
        .expect("indicator change");
    assert_eq!(indicator["changes"][0]["change"], "target");
    assert_eq!(indicator["changes"][0]["year"], 2027);
    assert_eq!(
        (
            indicator["changes"][0]["old"].as_str(),
            indicator["changes"][0]["new"].as_str()
        ),
        (Some("45"), Some("50"))
    );
}

/// Builds the plan in `repo`'s `plan/` folder with the annex of changes since HEAD~1, into
/// a new folder; returns it and the options of the build.
fn build_with_annex(repo: &Path) -> (tempfile::TempDir, BuildOptions) {
    let out = tempfile::tempdir().expect("output");
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let options = BuildOptions {
        dir: repo.join("plan"),
        out: Some(out.path().to_path_buf()),
        changes_since: Some("HEAD~1".into()),
        ..Default::default()
    };
    let outcome = plan::build(&options, &mut sources, &mut diags);
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    (out, options)
}

#[test]
fn changes_since_adds_an_annex_to_the_strategic_plan() {
    let repo = repository();
    let (out, options) = build_with_annex(repo.path());
    let plan = pdf_text(&out.path().join("plan.pdf"));
    for expected in [
        "Summary of changes",
        "differs from the earlier one (version 2.0 of 30 November 2021)",
        "read from the repository's revision HEAD~1",
        "Put solar panels on school roofs",
        "moved from 1.1 to 2.1",
        "1.1.1 → 1.1.2",
        "target for 2027: 45 → 50",
        "4,814.75",
        "5,280.25",
    ] {
        assert!(
            plan.contains(expected),
            "the annex lacks {expected:?}:\n{plan}"
        );
    }
    // It is the plan's first annex (the fixture has no other): marked, numbered on its own.
    assert!(
        plan.contains("Annex 1 to the Riverton Development Plan 2022–2027"),
        "{plan}"
    );
    // Only the strategic plan carries the annex.
    let actions = pdf_text(&out.path().join("actions.pdf"));
    assert!(!actions.contains("Summary of changes"));

    // A revision that does not exist is a usage error.
    let options = BuildOptions {
        changes_since: Some("no-such-tag".into()),
        ..options
    };
    let mut diags = Diagnostics::default();
    let outcome = plan::build(&options, &mut Sources::default(), &mut diags);
    let message = crate::common::usage_problem(&outcome, &diags);
    assert!(message.contains("no-such-tag"), "{message}");
}

/// A branch whose measure title holds escape sequences (cursor up, erase line) cannot hide
/// a line of the comparison from a reviewer: they are printed as visible characters, in
/// text and in Markdown.
#[test]
fn escape_sequences_in_compared_titles_are_printed_not_obeyed() {
    let old = copy_of_basic();
    let new = copy_of_basic();
    edit(
        &new.path().join("strategy/a-green.toml"),
        "title = \"Install heat pumps in schools\"",
        "title = \"Install heat pumps\\u001B[1A\\u001B[2K in schools\"",
    );
    let (a, b) = (
        old.path().to_str().expect("path"),
        new.path().to_str().expect("path"),
    );
    for format in ["text", "markdown"] {
        let out = plan_diff(old.path(), &[a, b, "--format", format]);
        assert!(!out.contains('\u{1b}'), "{format}: {out:?}");
        assert_eq!(out.matches("pumps\u{241b}").count(), 2, "{format}: {out}");
    }
}

/// A repository whose `plan/` holds the basic plan at HEAD~1 and, at HEAD, its chapters
/// revised: in the introduction a sentence changed and the next one deleted; in the
/// analysis, under "Energy", a sentence with English abbreviations inserted and then a
/// paragraph of fifteen new findings, more than the annex shows of one chapter.
fn chapter_repository() -> tempfile::TempDir {
    let root = committed_basic();
    edit(
        &root.path().join("plan/chapters/intro.md"),
        "will grow between 2022 and 2027. It was prepared by the\n\
         Town administration together with *Riverton Water*, local businesses and residents, and it\n\
         was approved by the **Riverton Municipal Council**.",
        "will grow and change between 2022 and 2027.",
    );
    let findings: Vec<String> = (1..=15)
        .map(|n| format!("Finding {n} of the survey is new."))
        .collect();
    edit(
        &root.path().join("plan/chapters/analysis.md"),
        "## Energy {#energy}\n\n",
        &format!(
            "## Energy {{#energy}}\n\n\
             Heat pumps halve emissions, e.g. in schools, i.e. in No. 3 school etc. and in the\n\
             town hall.\n\n{}\n\n",
            findings.join("\n")
        ),
    );
    git(
        root.path(),
        &["commit", "-q", "-a", "-m", "Chapters revised"],
    );
    root
}

const CHANGED: &str = "This plan sets out how Riverton will grow and change between 2022 and 2027.";
const DELETED: &str = "It was prepared by the Town administration together with Riverton Water, \
                       local businesses and residents, and it was approved by the Riverton \
                       Municipal Council.";
const INSERTED: &str =
    "Heat pumps halve emissions, e.g. in schools, i.e. in No. 3 school etc. and in the town hall.";

#[test]
fn diff_shows_changed_chapter_sentences_word_by_word() {
    let repo = chapter_repository();
    let text = plan_diff(repo.path(), &["HEAD~1", "HEAD", "plan"]);
    for expected in [
        "Introduction: changed (+",
        "Introduction, line 3: This plan sets out how Riverton will grow {+and change+} \
         between 2022 and 2027.\n",
        &format!("Introduction, old line 3: [-{DELETED}-]\n"),
        "Situation analysis: changed (+",
        &format!("Energy, line 25: {{+{INSERTED}+}}\n"),
        // The terminal shows every sentence; only the annex stops after a few.
        "Energy, line 28: {+Finding 15 of the survey is new.+}\n",
    ] {
        assert!(text.contains(expected), "lacks {expected:?}:\n{text}");
    }
    let markdown = plan_diff(
        repo.path(),
        &["--format", "markdown", "HEAD~1", "HEAD", "plan"],
    );
    for expected in [
        "- Introduction: changed (+",
        "  - Introduction, line 3: This plan sets out how Riverton will grow **and change** \
         between 2022 and 2027.\n",
        &format!("  - Introduction, old line 3: ~~{DELETED}~~\n"),
        &format!("  - Energy, line 25: **{INSERTED}**\n"),
    ] {
        assert!(
            markdown.contains(expected),
            "lacks {expected:?}:\n{markdown}"
        );
    }

    let json = plan_diff(repo.path(), &["--format", "json", "HEAD~1", "HEAD", "plan"]);
    let diff: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let chapter = |path: &str| {
        diff["chapters"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["path"] == path))
            .unwrap_or_else(|| panic!("no change of {path}: {json}"))
            .clone()
    };
    let intro = chapter("chapters/intro.md");
    assert_eq!(intro["title"], "Introduction");
    assert_eq!(intro["status"], "changed");
    assert!(intro["deleted-words"].as_u64() > Some(20), "{intro}");
    assert!(intro["inserted-words"].as_u64() >= Some(2), "{intro}");
    let sentences = intro["sentences"].as_array().expect("sentences");
    assert_eq!(sentences.len(), 2, "{intro}");
    let changed = &sentences[0];
    assert_eq!(changed["op"], "changed");
    assert_eq!(
        changed["old"],
        "This plan sets out how Riverton will grow between 2022 and 2027."
    );
    assert_eq!(changed["new"], CHANGED);
    assert_eq!(
        (changed["old-line"].as_u64(), changed["new-line"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(changed["heading"], "Introduction");
    let marked: Vec<(&str, &str)> = changed["words"]
        .as_array()
        .expect("words")
        .iter()
        .filter(|w| w["op"] != "equal")
        .map(|w| {
            (
                w["op"].as_str().unwrap_or(""),
                w["text"].as_str().unwrap_or("").trim(),
            )
        })
        .collect();
    assert_eq!(marked, [("insert", "and change")], "{changed}");
    let deleted = &sentences[1];
    assert_eq!(deleted["op"], "deleted");
    assert_eq!(deleted["old"], DELETED);
    assert!(
        deleted["new"].is_null() && deleted["new-line"].is_null(),
        "{deleted}"
    );
    assert_eq!(deleted["words"][0]["op"], "delete");

    let analysis = chapter("chapters/analysis.md");
    assert_eq!(analysis["title"], "Situation analysis");
    let sentences = analysis["sentences"].as_array().expect("sentences");
    // The abbreviations split nothing: one sentence, then the fifteen findings.
    assert_eq!(sentences.len(), 16, "{analysis}");
    assert!(
        sentences
            .iter()
            .all(|s| s["op"] == "inserted" && s["old"].is_null())
    );
    assert_eq!(sentences[0]["new"], INSERTED);
    assert_eq!(sentences[0]["heading"], "Energy");
    assert_eq!(sentences[0]["new-line"], 25);
    assert_eq!(sentences[15]["new"], "Finding 15 of the survey is new.");
}

#[test]
fn changes_annex_shows_changed_chapter_sentences_up_to_a_bound() {
    let repo = chapter_repository();
    let (out, _) = build_with_annex(repo.path());
    let plan = pdf_text(&out.path().join("plan.pdf"));
    let annex = &plan[plan
        .rfind("Chapters changed")
        .expect("a section of chapters")..];
    for expected in [
        // Each chapter by its title as the reader sees it.
        "Introduction",
        "Situation analysis",
        // Deleted words struck and inserted ones underlined, under their heading.
        "Introduction: This plan sets out how Riverton will grow and change between 2022 and 2027.",
        // (the deleted sentence is hyphenated where it breaks a line)
        "Introduction: It was prepared by the Town administration together with",
        &format!("Energy: {INSERTED}"),
        // Twelve sentences of a chapter, then how many more changed.
        "Finding 11 of the survey is new.",
        "and 4 more sentences changed",
    ] {
        assert!(
            contains_squashed(annex, expected),
            "the annex lacks {expected:?}:\n{annex}"
        );
    }
    assert!(!annex.contains("Finding 12 of"), "{annex}");
}

/// Issue 33: the annex of changes reads for a councillor, not a git user. The earlier
/// version by its version and date (or the label given), the revision only in a note;
/// working groups by name; chapters by title; every column headed and every table
/// captioned; increases signed; inserted words a space apart from the words around them,
/// in the PDF and in `plan diff`'s text and Markdown. A plan that changed but kept its
/// version and date is warned about.
#[test]
fn the_annex_of_changes_reads_for_a_councillor() {
    let root = committed_basic();
    let strategy = root.path().join("plan/strategy/a-green.toml");
    // Heat pumps move to the people's working group and get more money.
    edit(&strategy, "group = \"infra\"", "group = \"people\"");
    edit(
        &strategy,
        "funding = { MB = 1234.5, EU = 2000 }",
        "funding = { MB = 1300, EU = 2000 }",
    );
    edit(
        &root.path().join("plan/chapters/intro.md"),
        "will grow between",
        "will grow and change between",
    );
    git(root.path(), &["commit", "-q", "-a", "-m", "Revised"]);

    let out = tempfile::tempdir().expect("output");
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let options = BuildOptions {
        dir: root.path().join("plan"),
        out: Some(out.path().to_path_buf()),
        changes_since: Some("HEAD~1".into()),
        formats: vec![plan::FileFormat::Pdf, plan::FileFormat::Docx],
        ..Default::default()
    };
    let outcome = plan::build(&options, &mut sources, &mut diags);
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    // The Word edition's annex says the same.
    let xml = crate::docx_changes::document(&out.path().join("plan.docx"));
    // Its text: the XML's tags taken out, non-breaking spaces read as spaces.
    let mut word = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            '\u{a0}' if !in_tag => word.push(' '),
            c if !in_tag => word.push(c),
            _ => {}
        }
    }
    let annex = &word[word.rfind("Summary of changes").expect("the Word annex")..];
    for expected in [
        "version 2.0 of 30 November 2021",
        "Infrastructure working group → People and services working group",
        "Measure. Install heat pumps in schools",
        "+65.50",
        "MB: 1,234.50 → 1,300.00 (+65.50)",
        "Chapters changed",
    ] {
        assert!(
            annex.contains(expected),
            "the Word annex lacks {expected:?}"
        );
    }
    assert!(!annex.contains("intro.md"));
    // Version 2.0 of 30 November 2021 both times: a warning with a hint to bump them.
    let warned = render(&sources, &diags);
    insta::assert_snapshot!("version_unchanged", warned);

    let pages = crate::common::page_texts(&out.path().join("plan.pdf"));
    let start = pages
        .iter()
        .rposition(|p| p.contains("Summary of changes"))
        .expect("the annex");
    let annex = pages[start..].join(" ");
    for expected in [
        "differs from the earlier one (version 2.0 of 30 November 2021).",
        "read from the repository's revision HEAD~1",
        "working group: Infrastructure working group → People and services working group",
        "Measure. Install heat pumps in schools",
        "+65.50",
        "MB: 1,564.75 → 1,630.25 (+65.50)",
        // Every column headed: the chapters' third one too.
        "Chapter Change Words",
        "will grow and change between",
    ] {
        assert!(
            annex.contains(expected),
            "the annex lacks {expected:?}:\n{annex}"
        );
    }
    // Chapters by their title, not their file.
    assert!(!annex.contains("chapters/intro.md"), "{annex}");
    // Each table captioned and numbered with the document's tables.
    for caption in ["Strategy items", "Funding changes", "Chapters changed"] {
        let numbered = (1..200).any(|n| annex.contains(&format!("Table {n}. {caption}")));
        assert!(numbered, "no caption {caption:?}:\n{annex}");
    }

    // The annex's pages are numbered "1-1", … (it is the plan's first annex), and so are
    // they labelled in the PDF (what a viewer shows and "go to page" takes), although typst
    // cannot write such labels: no two pages of the PDF share a label, and the contents
    // point at the annex's own.
    let labels = crate::common::page_labels(&out.path().join("plan.pdf"));
    let own: Vec<String> = (1..=pages.len() - start)
        .map(|n| format!("1-{n}"))
        .collect();
    assert_eq!(labels[start..], own[..], "{labels:?}");
    assert!(!labels[start - 1].contains('-'), "{labels:?}");
    let shown: Vec<&String> = labels.iter().filter(|l| !l.is_empty()).collect();
    let unique: std::collections::BTreeSet<&&String> = shown.iter().collect();
    assert_eq!(unique.len(), shown.len(), "{labels:?}");
    // Still PDF/A-2a and PDF/UA-1 with the labels written into it.
    let failures = crate::pdf::validation_failures(out.path(), &["plan.pdf"]);
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(annex.contains("1-1 / 1"), "{annex}");
    let contents = pages
        .iter()
        .find(|p| p.contains("Contents"))
        .expect("the contents");
    assert!(
        contents.contains("Summary of changes") && contents.contains("1-1"),
        "{contents}"
    );

    // A label given for the earlier version takes its place.
    let options = BuildOptions {
        changes_label: Some("the draft the council discussed".into()),
        ..options
    };
    let mut diags = Diagnostics::default();
    let outcome = plan::build(&options, &mut Sources::default(), &mut diags);
    assert!(matches!(outcome, Outcome::Built(_)));
    let text = pdf_text(&out.path().join("plan.pdf"));
    assert!(
        contains_squashed(
            &text,
            "differs from the earlier one (the draft the council discussed)."
        ),
        "{text}"
    );

    // `plan diff` names the same, and keeps the words apart.
    let text = plan_diff(root.path(), &["HEAD~1", "HEAD", "plan"]);
    insta::assert_snapshot!("diff_text_for_a_councillor", text);
    for expected in [
        "Plan changes: version 2.0 of 30 November 2021 · HEAD~1",
        "working group: Infrastructure working group → People and services working group",
        "Introduction: changed",
        "will grow {+and change+} between",
        "(+65.50)",
    ] {
        assert!(
            text.contains(expected),
            "plan diff lacks {expected:?}:\n{text}"
        );
    }
    assert!(!text.contains("intro.md"), "{text}");
    let markdown = plan_diff(
        root.path(),
        &["--format", "markdown", "HEAD~1", "HEAD", "plan"],
    );
    insta::assert_snapshot!("diff_markdown_for_a_councillor", markdown);
    assert!(
        markdown.contains("will grow **and change** between"),
        "{markdown}"
    );
}

/// A measure becoming an investment project is a change of its own, named in words.
#[test]
fn a_measure_marked_as_an_investment_project_is_a_change() {
    let root = committed_basic();
    edit(
        &root.path().join("plan/strategy/a-green.toml"),
        "id = \"district-heating\"\n",
        "id = \"district-heating\"\ninvestment-project = true\n",
    );
    git(
        root.path(),
        &["commit", "-q", "-a", "-m", "An investment project"],
    );
    let json = plan_diff(root.path(), &["--format", "json", "HEAD~1", "HEAD", "plan"]);
    let diff: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let items = diff["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{json}");
    assert_eq!(items[0]["id"], "district-heating");
    let change = &items[0]["changes"][0];
    assert_eq!(change["field"], "investment-project", "{json}");
    assert_eq!(
        (change["old"].as_str(), change["new"].as_str()),
        (Some("No"), Some("Yes"))
    );
    let text = plan_diff(root.path(), &["HEAD~1", "HEAD", "plan"]);
    assert!(text.contains("investment project: No → Yes"), "{text}");
}
