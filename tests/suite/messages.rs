//! Messages in a consultant's terms (issue 34): TOML slips with a hint at the right line,
//! no follow-on errors from a file that did not parse, the other place of a duplicate id,
//! undefined footnotes and chapters no document lists; and small things on the path.

use std::path::Path;

use crate::common::{broken, chapter_plan, check, copy_of_basic, git};
use plan::diag::{Diagnostics, Sources};

/// The decimal comma Excel and Word write is the commonest slip: the hint says to write a
/// point, at the value's line.
#[test]
fn a_decimal_comma_gets_a_hint_to_write_a_point() {
    let dir = broken(
        "strategy/b-open.toml",
        "funding = { MB = 80 }",
        "funding = { MB = 80,5 }",
    );
    let out = check(dir.path());
    assert!(out.contains("80.5"), "{out}");
    insta::assert_snapshot!(out);
}

/// The same slip as a plain `key = value` line.
#[test]
fn a_decimal_comma_on_its_own_line_gets_the_hint() {
    let dir = broken(
        "plan.toml",
        "decision = \"D-7\"",
        "decision = \"D-7\"\nbudget = 68,5",
    );
    let out = check(dir.path());
    assert!(out.contains("write decimals with a point: 68.5"), "{out}");
    assert!(out.contains("┌─ plan.toml:20:"), "{out}");
}

/// A missing `}` is reported on the line of the inline table, not on the next one.
#[test]
fn a_missing_brace_is_reported_on_its_own_line() {
    let dir = broken(
        "strategy/b-open.toml",
        "baseline = { year = 2021, value = 20 }",
        "baseline = { year = 2021, value = 20",
    );
    let out = check(dir.path());
    let line = std::fs::read_to_string(dir.path().join("strategy/b-open.toml"))
        .expect("file")
        .lines()
        .position(|l| l.contains("value = 20"))
        .expect("the line")
        + 1;
    assert!(
        out.contains(&format!("┌─ strategy/b-open.toml:{line}:")),
        "{out}"
    );
    insta::assert_snapshot!(out);
}

/// A missing `]` is reported on the line of the list, with the `[` it would close, not as
/// a missing comma on the next line.
#[test]
fn a_missing_bracket_is_reported_on_its_own_line() {
    let dir = broken(
        "strategy/a-green.toml",
        "period = [2022, 2025]",
        "period = [2022, 2025",
    );
    let out = check(dir.path());
    assert!(out.contains("no closing `]`"), "{out}");
    assert!(!out.contains("missing comma"), "{out}");
    insta::assert_snapshot!(out);
}

/// A misspelt table header is one error: its keys are not reported as unknown one by one
/// in the table before it, nor its item as missing what the table held.
#[test]
fn a_misspelt_table_header_is_one_error() {
    let dir = broken(
        "strategy/a-green.toml",
        "[[goal.indicator]]",
        "[[goal.indicatr]]",
    );
    let out = check(dir.path());
    assert!(out.contains("1 error, 0 warnings"), "{out}");
    insta::assert_snapshot!(out);
}

/// A misspelt header with sub-tables (`[[gaol]]` before `[[goal.indicator]]`) is reported
/// at the misspelt header, not as the "duplicate key" TOML finds at the next `[[goal]]`.
#[test]
fn a_misspelt_parent_header_is_reported_where_it_is() {
    let dir = broken("strategy/a-green.toml", "[[goal]]", "[[gaol]]");
    let out = check(dir.path());
    assert!(out.contains("┌─ strategy/a-green.toml:7:3"), "{out}");
    assert!(!out.contains("duplicate key"), "{out}");
    insta::assert_snapshot!(out);
}

/// A goal's header in one pair of brackets (`[goal]`) among `[[goal]]`s is reported at
/// the slip, whether it comes after a `[[goal]]` (where TOML finds its "duplicate key") or
/// before one (where TOML finds it at the `[[goal]]`).
#[test]
fn a_header_in_single_brackets_is_reported_where_it_is() {
    let second = broken(
        "strategy/a-green.toml",
        "[[goal]]\nid = \"water\"",
        "[goal]\nid = \"water\"",
    );
    let out = check(second.path());
    assert!(out.contains("┌─ strategy/a-green.toml:79:2"), "{out}");
    assert!(!out.contains("duplicate key"), "{out}");
    insta::assert_snapshot!(out);
    let first = broken(
        "strategy/a-green.toml",
        "[[goal]]\nid = \"clean-air\"",
        "[goal]\nid = \"clean-air\"",
    );
    let out = check(first.path());
    assert!(out.contains("┌─ strategy/a-green.toml:7:2"), "{out}");
    assert!(out.contains("1 error, 0 warnings"), "{out}");
}

/// The only objective of a file with its header in one pair of brackets (`[objective]`)
/// is one error that says so: not a wrong type, nor its measures' objective unknown.
#[test]
fn a_lone_table_for_a_list_is_one_error() {
    let dir = broken("strategy/b-open.toml", "[[objective]]", "[objective]");
    let out = check(dir.path());
    assert!(out.contains("write `[[objective]]`"), "{out}");
    assert!(out.contains("1 error, 0 warnings"), "{out}");
    insta::assert_snapshot!(out);
}

/// A text without quotes is named so, wherever TOML stumbles in it: a title (where TOML
/// says "unexpected key or value" at the comma), a list's item (where it takes `NPP-1.1`
/// for a misspelt `nan`), and "taip" for a yes is shown its `true`.
#[test]
fn a_text_without_quotes_is_named_so() {
    let title = broken(
        "strategy/a-green.toml",
        "title = \"Improve air quality\"",
        "title = Improve air, water and soil",
    );
    let out = check(title.path());
    assert!(out.contains("┌─ strategy/a-green.toml:9:9"), "{out}");
    insta::assert_snapshot!(out);
    let item = broken(
        "strategy/a-green.toml",
        "contributes = [\"NPP-1.1\"]",
        "contributes = [NPP-1.1]",
    );
    let out = check(item.path());
    assert!(out.contains("write \"NPP-1.1\""), "{out}");
    assert!(!out.contains("nan"), "{out}");
    let yes = broken(
        "strategy/a-green.toml",
        "title = \"Improve air quality\"",
        "title = \"Improve air quality\"\ninvestment-project = taip",
    );
    let out = check(yes.path());
    assert!(out.contains("did you mean `true`?"), "{out}");
    let curly = broken(
        "strategy/a-green.toml",
        "title = \"Improve air quality\"",
        "title = „Improve air quality“",
    );
    let out = check(curly.path());
    assert!(out.contains("typographic quotes"), "{out}");
    assert!(out.contains("write \"Improve air quality\""), "{out}");
}

/// A key and its value without `=`, a key with a space in it and words alone on a line
/// each say what they are, at the line.
#[test]
fn a_line_that_is_not_key_and_value_says_what_it_is() {
    let cases = [
        (
            "title \"Improve air quality\"",
            "the key `title` has no `=` after it",
        ),
        (
            "ti tle = \"Improve air quality\"",
            "the key `ti tle` has a space in it",
        ),
        (
            "Improve air quality",
            "this line is neither `key = value` nor a `[table]` header",
        ),
    ];
    for (line, message) in cases {
        let dir = broken(
            "strategy/a-green.toml",
            "title = \"Improve air quality\"",
            line,
        );
        let out = check(dir.path());
        assert!(out.contains(message), "{out}");
        assert!(out.contains("┌─ strategy/a-green.toml:9:1"), "{out}");
        assert!(out.contains("1 error, 0 warnings"), "{out}");
    }
}

/// A value in quotes that should be without gets the value to write: a period as text, a
/// number with its unit, a decimal comma or spaces between thousands.
#[test]
fn a_quoted_period_or_number_gets_the_value_to_write() {
    let cases = [
        (
            "period = [2022, 2025]",
            "period = \"2022–2025\"",
            "`[2022, 2025]`",
        ),
        (
            "targets = { 2024 = 120 }",
            "targets = { 2024 = \"120 %\" }",
            "`120`; the unit (`%`)",
        ),
        (
            "targets = { 2024 = 120 }",
            "targets = { 2024 = \"1 20,5\" }",
            "without quotes: `120.5`",
        ),
    ];
    for (from, to, hint) in cases {
        let dir = broken("strategy/a-green.toml", from, to);
        let out = check(dir.path());
        assert!(out.contains(hint), "{hint:?} not in {out}");
        assert!(out.contains("1 error, 0 warnings"), "{out}");
    }
}

/// A chapter named without its `.md` is not found, with the file meant; references to
/// what it defines are not reported again as unknown.
#[test]
fn a_chapter_named_without_its_extension_is_one_error() {
    let dir = broken(
        "plan.toml",
        "\"chapters/analysis.md\"",
        "\"chapters/analysis\"",
    );
    let intro = dir.path().join("chapters/intro.md");
    let text = std::fs::read_to_string(&intro).expect("intro");
    std::fs::write(&intro, format!("{text}\nSee [](#energy).\n")).expect("write intro");
    let out = check(dir.path());
    assert!(
        out.contains("did you mean `chapters/analysis.md`?"),
        "{out}"
    );
    assert!(out.contains("1 error, 0 warnings"), "{out}");
}

/// A number written with spaces between its thousands, as Lithuanian text writes it, says
/// so with the number to write, where TOML would ask for quotes.
#[test]
fn a_number_with_spaces_says_so() {
    let dir = broken(
        "strategy/a-green.toml",
        "targets = { 2024 = 120 }",
        "targets = { 2024 = 1 120 }",
    );
    let out = check(dir.path());
    assert!(out.contains("`1 120` is not a number"), "{out}");
    assert!(out.contains("write 1120"), "{out}");
    assert!(!out.contains("quoted"), "{out}");
}

/// A string without its closing quote says so, with a hint.
#[test]
fn an_unterminated_string_gets_a_hint() {
    let dir = broken(
        "strategy/b-open.toml",
        "title = \"Offer permits and requests online\"",
        "title = \"Offer permits and requests online",
    );
    let out = check(dir.path());
    assert!(out.contains("closing `\"`"), "{out}");
    insta::assert_snapshot!(out);
}

/// A strategy file that is not TOML is the one error: the chapters' facts about the items
/// it would have defined are not reported as unknown.
#[test]
fn a_file_that_did_not_parse_has_no_follow_on_errors() {
    let dir = broken(
        "strategy/b-open.toml",
        "title = \"Offer permits and requests online\"",
        "title = \"Offer permits and requests online",
    );
    let chapter = dir.path().join("chapters/intro.md");
    let text = std::fs::read_to_string(&chapter).expect("chapter");
    std::fs::write(
        &chapter,
        format!("{text}\nThe open town gets {{{{ funding.open }}}}.\n"),
    )
    .expect("write chapter");
    let out = check(dir.path());
    assert!(!out.contains("unknown fact"), "{out}");
    assert_eq!(out.matches("error:").count(), 1, "{out}");
    // A fact misspelt in a plan whose files all parse is still reported.
    let dir = copy_of_basic();
    let chapter = dir.path().join("chapters/intro.md");
    std::fs::write(&chapter, format!("{text}\n{{{{ funding.opne }}}}.\n")).expect("write");
    assert!(check(dir.path()).contains("unknown fact"));
}

/// A label in a chapter that takes a plan item's id names that item and where it is.
#[test]
fn a_duplicate_id_names_the_other_place() {
    let dir = chapter_plan("## Antraštė {#g}\n\nTekstas.\n", &[]);
    let out = check(dir.path());
    assert!(out.contains("the goal \"Tikslas\""), "{out}");
    assert!(out.contains("strategy/1.toml:6"), "{out}");
    insta::assert_snapshot!(out);
}

/// A footnote reference with no definition is warned at its place, with the near one.
#[test]
fn an_undefined_footnote_is_warned() {
    let dir = chapter_plan(
        "Tekstas[^saltini] ir kitas[^nera].\n\n[^saltinis]: Šaltinis.\n",
        &[],
    );
    let out = check(dir.path());
    assert!(out.contains("[^nera]"), "{out}");
    assert!(out.contains("did you mean `[^saltinis]`?"), "{out}");
    insta::assert_snapshot!(out);
}

/// A chapter file that no document lists is named, so that it is not forgotten.
#[test]
fn a_chapter_no_document_lists_is_warned() {
    let dir = copy_of_basic();
    std::fs::write(dir.path().join("chapters/summary.md"), "# Summary\n").expect("write");
    let out = check(dir.path());
    assert!(out.contains("chapters/summary.md"), "{out}");
    let out = out.replace(&dir.path().display().to_string(), "<plan>");
    insta::assert_snapshot!(out);
}

/// Builds the plan into its own `build/` with the stamp, and returns the action plan's text.
fn stamped_build(dir: &Path) -> String {
    let options = plan::BuildOptions {
        dir: dir.to_path_buf(),
        stamp: true,
        ..Default::default()
    };
    let outcome = plan::build(
        &options,
        &mut Sources::default(),
        &mut Diagnostics::default(),
    );
    assert!(matches!(outcome, plan::Outcome::Built(_)));
    crate::common::pdf_text(&dir.join("build/actions.pdf"))
}

/// A `build/` committed by mistake is written anew by every build: that is no change to the
/// plan, and the footer does not mark the next build uncommitted.
#[test]
fn the_stamp_ignores_the_output_folder() {
    let plan = copy_of_basic();
    git(plan.path(), &["init", "-q"]);
    stamped_build(plan.path());
    git(plan.path(), &["add", "."]);
    git(plan.path(), &["commit", "-q", "-m", "plan with its build"]);
    let commit = git(plan.path(), &["rev-parse", "--short=7", "HEAD"]);
    stamped_build(plan.path());
    let again = stamped_build(plan.path());
    assert!(again.contains(&commit), "{again}");
    assert!(!again.contains(&format!("{commit}*")), "{again}");
    // A change to the plan that may show in the action plan still marks it.
    let toml = plan.path().join("plan.toml");
    let text = std::fs::read_to_string(&toml).expect("plan.toml");
    std::fs::write(&toml, format!("{text}\n# A new comment.\n")).expect("edit");
    assert!(stamped_build(plan.path()).contains(&format!("{commit}*")));
}

/// `plan export --collect YEAR` writes the workbook without `--format xlsx`, its only
/// format.
#[test]
fn collect_needs_no_format() {
    let dir = tempfile::tempdir().expect("folder");
    crate::common::copy_dir(&crate::common::fixture("monitoring"), dir.path());
    let out = tempfile::tempdir().expect("output");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(["export", "--collect", "2024", "-o"])
        .arg(out.path())
        .arg(dir.path())
        .output()
        .expect("plan runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(out.path().join("collect-2024.xlsx").exists(), "{stderr}");
}

/// An id given twice in the plan's files names what has it first, and where.
#[test]
fn a_duplicate_id_in_the_strategy_names_the_first_item() {
    let dir = broken(
        "strategy/b-open.toml",
        "id = \"online-forms\"",
        "id = \"infra\"",
    );
    let out = check(dir.path());
    assert!(
        out.contains("the id `infra` is already used, by the working group in plan.toml:"),
        "{out}"
    );
}

/// What a build of a new plan writes stays out of git: `plan init`'s `.gitignore` keeps
/// the output folder out, so the first commit holds the plan only.
#[test]
fn a_new_plans_build_stays_out_of_git() {
    let dir = tempfile::tempdir().expect("folder");
    let root = dir.path().join("planas");
    plan::init::init(&root, plan::model::Language::Lt).expect("init");
    git(&root, &["init", "-q"]);
    let options = plan::BuildOptions {
        dir: root.clone(),
        ..Default::default()
    };
    let outcome = plan::build(
        &options,
        &mut Sources::default(),
        &mut Diagnostics::default(),
    );
    assert!(matches!(outcome, plan::Outcome::Built(_)));
    assert!(root.join("build").is_dir());
    let status = git(&root, &["status", "--porcelain", "--untracked-files=all"]);
    assert!(status.contains(".gitignore"), "{status}");
    assert!(!status.contains("build/"), "{status}");
}
