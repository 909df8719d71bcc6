//! What published plans contain beyond the basic format (issue 18): codes given from
//! outside, indicators on the vision and on priorities, SWOT items that goals answer,
//! horizontal principles and indicative needs. Each is added to a copy of the basic plan,
//! built, and read back from the PDF, the JSON export and `plan diff`.

use std::path::Path;
use std::process::Command;

use crate::common::{build_ok, contains_squashed, copy_of_basic, page_texts, pdf_text, render};
use plan::diag::{Diagnostics, Sources};
use plan::export::{ExportOptions, Format};

/// Replaces `from` (which must occur) with `to` in the plan's `file`.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{file} lacks {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

/// Adds `text` at the end of the plan's `file`.
fn append(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    let before = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, format!("{before}\n{text}\n")).expect("write");
}

/// The basic plan with every key of this module: codes beside numbers, vision and
/// priority indicators, SWOT ids answered by a goal, two principles (one part lists
/// them) and indicative needs equal to the measures' sums.
fn featured() -> tempfile::TempDir {
    let dir = copy_of_basic();
    let d = dir.path();
    edit(
        d,
        "plan.toml",
        "[numbering]",
        "[[vision.indicator]]\nid = \"headcount\"\nname = \"Residents\"\nunit = \"thousand\"\n\
         baseline = { year = 2021, value = 41.2 }\ntargets = { 2024 = 41.5, 2027 = 42 }\n\n[numbering]",
    );
    edit(
        d,
        "plan.toml",
        "\"@strategy\",",
        "\"@strategy\", \"@principles\", \"@indicator-cards\",",
    );
    append(
        d,
        "plan.toml",
        "[[principle]]\nid = \"smart\"\nname = \"Smart town\"\ntext = \"Services are *digital* first.\"\n\n\
         [[principle]]\nid = \"equal\"\nname = \"Equal opportunities\"",
    );
    let green = "strategy/a-green.toml";
    edit(
        d,
        green,
        "text = \"Cleaner air and safer water for every household.\"",
        "text = \"Cleaner air and safer water for every household.\"\nneed = 4734.75\n\n\
         [[priority.indicator]]\nid = \"green-index\"\nname = \"Green town index\"\nunit = \"points\"\n\
         baseline = { year = 2021, value = 51 }\ntargets = { 2024 = 60, 2027 = 70 }\n\
         source = \"Annual survey\"",
    );
    edit(
        d,
        green,
        "contributes = [\"NPP-1.1\"]",
        "contributes = [\"NPP-1.1\"]\ncode = \"RG-1\"\nanswers = [\"w-boilers\", \"t-floods\"]\n\
         principles = [\"smart\", \"equal\"]",
    );
    edit(
        d,
        green,
        "title = \"Install heat pumps in schools\"",
        "title = \"Install heat pumps in schools\"\ncode = \"LT029-01-01-01\"\nprinciples = [\"smart\"]",
    );
    edit(
        d,
        green,
        "title = \"Provide safe drinking water\"",
        "title = \"Provide safe drinking water\"\nneed = 750",
    );
    edit(
        d,
        "strategy/b-open.toml",
        "title = \"Open town\"",
        "title = \"Open town\"\nneed = 80",
    );
    edit(
        d,
        "analysis.toml",
        "weaknesses = [\"Ageing water mains\", \"Coal-fired school boilers\"]",
        "weaknesses = [\"Ageing water mains\", { id = \"w-boilers\", text = \"Coal-fired school boilers\" }]",
    );
    edit(
        d,
        "analysis.toml",
        "\"Floods on the river\"",
        "{ id = \"t-floods\", text = \"Floods on the river\" }",
    );
    // Cards print every indicator: each says how it is calculated, how often and by whom
    // (else `card-incomplete`).
    for file in ["plan.toml", "strategy/a-green.toml", "strategy/b-open.toml"] {
        let path = d.join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        let described = text.replace(
            "\nunit = ",
            "\nmethod = \"As published\"\nfrequency = \"Yearly\"\nreporter = \"Town administration\"\nunit = ",
        );
        std::fs::write(&path, described).expect("write");
    }
    dir
}

/// Builds a plan that must build without any warning; the text of `plan.pdf`.
fn plan_text(dir: &Path) -> (tempfile::TempDir, String) {
    let (out, outcome, sources, diags) = crate::common::build(dir);
    assert!(
        matches!(outcome, plan::Outcome::Built(_)) && diags.iter().next().is_none(),
        "the build failed or warned:\n{}",
        render(&sources, &diags)
    );
    let text = pdf_text(&out.path().join("plan.pdf"));
    (out, text)
}

/// The JSON export of a plan that must export.
fn json(dir: &Path) -> serde_json::Value {
    let out = tempfile::tempdir().expect("temporary folder");
    let options = ExportOptions {
        dir: dir.to_path_buf(),
        out: Some(out.path().to_path_buf()),
        format: Format::Json,
        deny_warnings: false,
        collect: None,
        per_institution: false,
    };
    let (mut sources, mut diags) = (Sources::default(), Diagnostics::default());
    let written = plan::export::export(&options, &mut sources, &mut diags);
    assert!(written.is_some(), "{}", render(&sources, &diags));
    let bytes = std::fs::read(out.path().join("plan.json")).expect("plan.json");
    serde_json::from_slice(&bytes).expect("JSON")
}

#[test]
fn codes_from_outside_stand_beside_the_numbers() {
    let dir = featured();
    let (_out, text) = plan_text(dir.path());
    // The goal's heading and the measure's title carry their codes; numbers stay.
    assert!(
        text.contains("Goal 1. Improve air quality (RG-1)"),
        "{text}"
    );
    assert!(
        contains_squashed(
            &text,
            "1.1.1 Install heat pumps in schools (LT029-01-01-01)"
        ),
        "{text}"
    );
    assert!(
        text.contains("P-1.1.1-1"),
        "indicator codes still follow numbers"
    );
    let json = json(dir.path());
    let measure = &json["measures"][0];
    assert_eq!(measure["number"], "1.1.1");
    assert_eq!(measure["code"], "LT029-01-01-01");
    let goal = json["strategy"]
        .as_array()
        .expect("strategy")
        .iter()
        .find(|i| i["id"] == "clean-air")
        .expect("the goal");
    assert_eq!(goal["code"], "RG-1");
}

#[test]
fn codes_from_outside_can_replace_the_numbers() {
    let dir = featured();
    edit(
        dir.path(),
        "plan.toml",
        "goal = \"flat\"",
        "goal = \"flat\"\ncodes = \"instead\"",
    );
    let (_out, text) = plan_text(dir.path());
    assert!(text.contains("Goal RG-1. Improve air quality"), "{text}");
    assert!(!text.contains("(RG-1)"), "a code is not shown twice");
    // What the goal holds extends its code; the measure with its own code shows that.
    assert!(text.contains("Objective RG-1.1. "), "{text}");
    assert!(
        contains_squashed(&text, "LT029-01-01-01 Install heat pumps"),
        "{text}"
    );
    assert!(text.contains("P-LT029-01-01-01-1"), "{text}");
    assert!(text.contains("E-RG-1-1"), "{text}");
    let json = json(dir.path());
    assert_eq!(json["measures"][0]["number"], "LT029-01-01-01");
}

#[test]
fn the_vision_and_priorities_have_indicators() {
    let dir = featured();
    let (out, text) = plan_text(dir.path());
    let pages = page_texts(&out.path().join("plan.pdf"));
    let vision = pages
        .iter()
        .find(|p| p.contains("Riverton – a green and open town"))
        .expect("the vision's page");
    assert!(vision.contains("Vision indicators"), "{vision}");
    assert!(vision.contains("V-1 Residents"), "{vision}");
    // Under the priority's heading, with its code from the priority's number.
    assert!(text.contains("Impact indicators"), "{text}");
    assert!(text.contains("I-I-1 Green town index"), "{text}");
    // Cards of every level by default, the vision's first.
    assert!(
        contains_squashed(&text, "V-1 Residents Belongs to Vision"),
        "{text}"
    );
    assert!(
        contains_squashed(
            &text,
            "I-I-1 Green town index Belongs to Priority I. Green town"
        ),
        "{text}"
    );
    let json = json(dir.path());
    let levels: Vec<&str> = json["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .map(|i| i["level"].as_str().expect("level"))
        .collect();
    // Level by level from the vision down: 1 vision, 1 impact, 3 effect …
    assert_eq!(&levels[..3], ["vision", "impact", "effect"], "{levels:?}");
    assert_eq!(levels.len(), 12);
    assert_eq!(json["indicators"][0]["code"], "V-1");
    assert_eq!(json["indicators"][1]["item"]["id"], "green");
}

#[test]
fn swot_items_with_ids_are_coded_and_answered() {
    let dir = featured();
    edit(
        dir.path(),
        "chapters/intro.md",
        "\n",
        "\nThe boilers ([](#w-boilers)) come first.\n\n",
    );
    let (_out, text) = plan_text(dir.path());
    // Every item has its code once any has an id; goals name what they answer.
    assert!(contains_squashed(&text, "W1 Ageing water mains"), "{text}");
    assert!(
        contains_squashed(&text, "W2 Coal-fired school boilers"),
        "{text}"
    );
    assert!(contains_squashed(&text, "T2 Floods on the river"), "{text}");
    assert!(text.contains("Answers SWOT: W2, T2"), "{text}");
    assert!(
        text.contains("SWOT factors and the goals answering them"),
        "{text}"
    );
    assert!(text.contains("The boilers (W2) come first."), "{text}");
    let json = json(dir.path());
    let swot = json["swot"].as_array().expect("swot");
    assert_eq!(swot.len(), 8);
    let boilers = swot.iter().find(|i| i["id"] == "w-boilers").expect("item");
    assert_eq!(boilers["code"], "W2");
    assert_eq!(boilers["quadrant"], "weaknesses");
}

#[test]
fn horizontal_principles_have_a_part_and_a_matrix() {
    let dir = featured();
    let (_out, text) = plan_text(dir.path());
    assert!(text.contains("Horizontal principles"), "{text}");
    assert!(text.contains("Services are digital first."), "{text}");
    assert!(text.contains("2 items serve this principle."), "{text}");
    assert!(text.contains("1 item serves this principle."), "{text}");
    assert!(
        text.contains("Horizontal principles and the items serving them"),
        "{text}"
    );
    // On the goal, by name.
    assert!(
        text.contains("Horizontal principles: Smart town; Equal opportunities"),
        "{text}"
    );
    let json = json(dir.path());
    assert_eq!(json["principles"][1]["name"], "Equal opportunities");
    assert_eq!(json["measures"][0]["principles"][0], "smart");
}

#[test]
fn indicative_needs_are_shown_beside_the_funding() {
    let dir = featured();
    let (_out, text) = plan_text(dir.path());
    assert!(text.contains("Indicative funding need: 4,734.75"), "{text}");
    // The funding table's need column: priority I, priority II and their sum.
    assert!(text.contains("Need"), "{text}");
    assert!(text.contains("4,814.75"), "{text}");
    let json = json(dir.path());
    let open = json["strategy"]
        .as_array()
        .expect("strategy")
        .iter()
        .find(|i| i["id"] == "open")
        .expect("priority II");
    assert_eq!(open["need"], 80.0);
}

#[test]
fn a_need_the_measures_do_not_match_is_a_warning() {
    let dir = featured();
    edit(dir.path(), "strategy/b-open.toml", "need = 80", "need = 95");
    let (_out, outcome, sources, diags) = crate::common::build(dir.path());
    assert!(matches!(outcome, plan::Outcome::Built(_)));
    let printed = render(&sources, &diags);
    assert!(
        printed.contains(
            "the indicative need of priority `open` is 95 EUR thousand, but its measures are costed at 80 EUR thousand"
        ),
        "{printed}"
    );
    assert_eq!(diags.iter().count(), 1, "{printed}");
}

/// A measure dropped by an error (its objective misspelt) is missing from the sums: the
/// need above it is not compared with them, which would only echo the error.
#[test]
fn a_need_is_not_compared_with_sums_an_error_left_short() {
    let dir = tempfile::tempdir().expect("folder");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    crate::common::copy_dir(&example, dir.path());
    edit(
        dir.path(),
        "strategy/1-patogus-miestas.toml",
        "objective = \"energijos-efektyvumas\"",
        "objective = \"energijos-efektyvumasx\"",
    );
    let (_out, _outcome, sources, diags) = crate::common::build(dir.path());
    let printed = render(&sources, &diags);
    assert!(
        printed.contains("did you mean `energijos-efektyvumas`?"),
        "the misspelling is reported: {printed}"
    );
    assert!(diags.iter().all(|d| d.code != "need-mismatch"), "{printed}");
}

#[test]
fn plan_diff_reports_the_new_keys() {
    let old = featured();
    let new = featured();
    let d = new.path();
    edit(
        d,
        "strategy/a-green.toml",
        "code = \"RG-1\"",
        "code = \"RG-2\"",
    );
    edit(
        d,
        "strategy/a-green.toml",
        "principles = [\"smart\", \"equal\"]",
        "principles = [\"equal\"]",
    );
    edit(
        d,
        "strategy/a-green.toml",
        "name = \"Days with PM10 above the limit\"\nmethod = \"As published\"",
        "name = \"Days with PM10 above the limit\"\nmethod = \"Days counted at station 3\"",
    );
    edit(
        d,
        "plan.toml",
        "name = \"Infrastructure working group\"",
        "name = \"Infrastructure working group\"\n\n[[group.member]]\nname = \"Ann Lee\"\nrole = \"chair\"",
    );
    edit(
        d,
        "analysis.toml",
        "\"Ageing water mains\"",
        "\"Old water mains\"",
    );
    let output = Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(["diff", "--format", "json"])
        .arg(old.path())
        .arg(new.path())
        .output()
        .expect("plan diff runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let diff: serde_json::Value = serde_json::from_str(&stdout).expect("JSON diff");
    let goal = diff["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["id"] == "clean-air")
        .expect("the goal changed");
    let changes = goal["changes"].as_array().expect("changes");
    let field = |name: &str| {
        changes
            .iter()
            .find(|c| c["change"] == "field" && c["field"] == name)
            .unwrap_or_else(|| panic!("no {name} change in {changes:?}"))
    };
    assert_eq!(field("code")["old"], "RG-1");
    assert_eq!(field("code")["new"], "RG-2");
    assert_eq!(
        field("principles")["old"],
        "Smart town, Equal opportunities"
    );
    assert_eq!(field("principles")["new"], "Equal opportunities");
    let indicator = diff["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["id"] == "pm10-days")
        .expect("the indicator changed");
    assert_eq!(indicator["changes"][0]["field"], "method");
    assert_eq!(indicator["changes"][0]["new"], "Days counted at station 3");
    let members = diff["plan"]
        .as_array()
        .expect("plan fields")
        .iter()
        .find(|f| f["field"] == "members")
        .expect("members changed");
    assert_eq!(members["old"], "");
    assert_eq!(
        members["new"],
        "Infrastructure working group: Ann Lee (chair)"
    );
    // The terminal text names them in words.
    let output = Command::new(env!("CARGO_BIN_EXE_plan"))
        .arg("diff")
        .arg(old.path())
        .arg(new.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("plan diff runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("code: RG-1 → RG-2"), "{text}");
    assert!(
        text.contains("calculation: As published → Days counted at station 3"),
        "{text}"
    );
}

#[test]
fn the_example_plan_uses_every_new_key() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let out = build_ok(&example);
    let text = pdf_text(&out.path().join("strateginis-planas.pdf"));
    for needle in [
        "Vizijos rodikliai",
        "Poveikio rodikliai",
        "Orientacinis finansavimo poreikis",
        "Atliepia SSGG",
        "SSGG veiksnių ir plano tikslų sąsajos",
        "Horizontaliųjų principų ir plano elementų sąsajos",
    ] {
        assert!(text.contains(needle), "the example lacks {needle:?}");
    }
    let json = json(&example);
    assert!(
        json["measures"]
            .as_array()
            .expect("measures")
            .iter()
            .any(|m| m["code"].is_string()),
        "no measure of the example has a code"
    );
}

#[test]
fn needs_above_uncosted_measures_must_add_up() {
    let dir = featured();
    let open = "strategy/b-open.toml";
    edit(dir.path(), open, "funding = { MB = 80 }\n", "");
    edit(
        dir.path(),
        open,
        "title = \"Bring municipal services online\"",
        "title = \"Bring municipal services online\"\nneed = 50",
    );
    edit(
        dir.path(),
        open,
        "title = \"Offer permits and requests online\"",
        "title = \"Offer permits and requests online\"\nneed = 40",
    );
    let (_out, _outcome, sources, diags) = crate::common::build(dir.path());
    let printed = render(&sources, &diags);
    // The priority's one goal has a need, so the two must be equal; so must the goal's
    // and its one objective's.
    for expected in [
        "the indicative need of priority `open` is 80 EUR thousand, but the needs under it add up to 50 EUR thousand",
        "the indicative need of goal `services` is 50 EUR thousand, but the needs under it add up to 40 EUR thousand",
    ] {
        assert!(printed.contains(expected), "{printed}");
    }
    let mismatches = diags.iter().filter(|d| d.code == "need-mismatch").count();
    assert_eq!(mismatches, 2, "{printed}");
}

/// Ids of any valid form build, in every part: long ids with underscores (too long a word
/// to set without break opportunities) on a measure with a text and on a horizontal
/// principle the matrix matches on, in a copy of the example plan.
#[test]
fn long_ids_with_underscores_build_in_every_part() {
    builds_with_ids(&[
        (
            "daugiabuciu-renovacija",
            "atsinaujinanciuju_energijos_saltiniu_diegimas_daugiabuciuose",
        ),
        (
            "darnus-vystymasis",
            "darnus.vystymasis_visose_miesto_gyvenimo_srityse_ąžuolynuose",
        ),
    ]);
}

/// Ids at the limits of what `plan check` accepts build too: one character, a digit first,
/// and a thousand characters of letters (Lithuanian first), digits, `_`, `.` and `-`.
#[test]
fn ids_at_the_limits_of_the_format_build() {
    let long: String = std::iter::once('ą')
        .chain("x_.-9".chars().cycle().take(998))
        .chain(std::iter::once('ž'))
        .collect();
    assert_eq!(long.chars().count(), 1000);
    builds_with_ids(&[
        ("daugiabuciu-renovacija", long.as_str()),
        ("darnus-vystymasis", "7"),
    ]);
}

/// Builds a copy of the example plan with the ids `renames` changed (in every plan file
/// and chapter reference), and checks that the plan and the measure's text are set.
fn builds_with_ids(renames: &[(&str, &str)]) {
    let dir = tempfile::tempdir().expect("folder");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    crate::common::copy_dir(&example, dir.path());
    let mut files = vec![dir.path().join("plan.toml")];
    for folder in ["strategy", "chapters", "monitoring"] {
        for entry in std::fs::read_dir(dir.path().join(folder)).expect("folder") {
            files.push(entry.expect("entry").path());
        }
    }
    for file in files {
        let mut text = std::fs::read_to_string(&file).expect("plan file");
        for (from, to) in renames {
            text = text
                .replace(&format!("\"{from}\""), &format!("\"{to}\""))
                .replace(&format!("#{from})"), &format!("#{to})"));
        }
        std::fs::write(&file, text).expect("write");
    }
    let (out, outcome, sources, diags) = crate::common::build(dir.path());
    assert!(
        matches!(outcome, plan::Outcome::Built(_)) && !diags.has_errors(),
        "the build failed:\n{}",
        render(&sources, &diags)
    );
    let text = pdf_text(&out.path().join("strateginis-planas.pdf"));
    assert!(
        contains_squashed(&text, "kvartalines renovacijos programas"),
        "the measure's text is set"
    );
}
