//! Builds the `basic` fixture plan end to end and checks what a reader of the PDFs sees.

use crate::common::{build, build_ok, fixture, page_sizes, pdf_text, render};
use plan::Outcome;

/// Both documents are built; the full plan holds the vision, every measure with its number,
/// the indicator codes and the funding totals formatted for English.
#[test]
fn basic_plan_builds_both_documents_with_numbers_codes_and_totals() {
    let (out, outcome, sources, diags) = build(&fixture("basic"));
    let Outcome::Built(written) = outcome else {
        panic!("build failed:\n{}", render(&sources, &diags));
    };
    assert_eq!(written.len(), 2, "{}", render(&sources, &diags));
    assert!(
        diags.is_empty(),
        "unexpected diagnostics:\n{}",
        render(&sources, &diags)
    );

    let text = pdf_text(&out.path().join("plan.pdf"));
    for expected in [
        "Riverton – a green and open town",
        "1.1.1 Install heat pumps in schools",
        "1.1.2 Connect homes to district heating",
        "2.1.1 Renew water pipes",
        "3.1.1 Launch online permit forms",
        "E-1-1",
        "R-2.1-1",
        "P-1.1.2-1",
        "P-3.1.1-1",
        // Plan total, source totals and a measure total, in English number format.
        "4,814.75",
        "1,564.75",
        "3,250.00",
        "3,234.50",
        // The Markdown chapter keeps special characters literal.
        "Special characters stay literal: # $ @ < > * _ \\ [ ] ~ / = + -x and",
        // Dash typography: spaced hyphens and `--` become en dashes, as do year ranges.
        "the plan – its 2022–2027 measures – is short",
        "APPROVED",
        "D-7",
    ] {
        assert!(
            text.contains(expected),
            "plan.pdf lacks {expected:?}; text:\n{text}"
        );
    }

    let actions = pdf_text(&out.path().join("actions.pdf"));
    for title in [
        "Install heat pumps in schools",
        "Connect homes to district heating",
        "Renew water pipes",
        "Launch online permit forms",
    ] {
        assert!(actions.contains(title), "actions.pdf lacks {title:?}");
    }
}

/// The action plan is typeset on landscape pages; the other pages are portrait A4.
#[test]
fn action_plan_pages_are_landscape() {
    let out = build_ok(&fixture("basic"));
    let sizes = page_sizes(&out.path().join("actions.pdf"));
    assert!(
        sizes.len() >= 2,
        "title page and at least one action plan page"
    );
    let (w, h) = sizes[0];
    assert!(
        (w - 595.3).abs() < 1.0 && (h - 841.9).abs() < 1.0,
        "title page is portrait A4: {w}×{h}"
    );
    for &(w, h) in &sizes[1..] {
        assert!(w > h, "action plan page is landscape: {w}×{h}");
    }
    let plan_sizes = page_sizes(&out.path().join("plan.pdf"));
    assert!(
        plan_sizes.iter().any(|(w, h)| w > h),
        "the full plan has landscape pages"
    );
    assert!(
        plan_sizes.iter().any(|(w, h)| w < h),
        "the full plan has portrait pages"
    );
}

/// Building twice gives byte-identical PDFs.
#[test]
fn identical_input_gives_identical_bytes() {
    let (first, _, _, _) = build(&fixture("basic"));
    let (second, _, _, _) = build(&fixture("basic"));
    same_pdfs(first.path(), second.path(), &["plan.pdf", "actions.pdf"]);
}

/// Asserts that the PDFs `names` in the output folders `a` and `b` are the same bytes.
fn same_pdfs(a: &std::path::Path, b: &std::path::Path, names: &[&str]) {
    for name in names {
        let first = std::fs::read(a.join(name)).expect("a PDF");
        let second = std::fs::read(b.join(name)).expect("a PDF");
        assert!(first == second, "{name} differs between the two builds");
    }
}

/// The example plan in `plan/` checks without any warning and builds; its PDFs carry the
/// vision, nested measure numbers, indicator codes and Lithuanian-formatted totals.
#[test]
fn example_plan_builds_without_warnings() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let (out, outcome, sources, diags) = build(&dir);
    assert!(
        diags.is_empty(),
        "the example plan has diagnostics:\n{}",
        render(&sources, &diags)
    );
    assert!(matches!(outcome, Outcome::Built(ref w) if w.len() == 4));
    let text = pdf_text(&out.path().join("strateginis-planas.pdf"));
    for expected in [
        "Alytus – tvariai augantis galimybių miestas",
        "1.1.1.1",
        "E-1.1-1",
        "R-1.1.1-1",
        "P-1.1.1.1-1",
        "171 439,5",
        "2020 m. gruodžio 15 d.",
    ] {
        assert!(
            text.contains(expected),
            "strateginis-planas.pdf lacks {expected:?}"
        );
    }
    // The counts come from facts in chapters/04-vizija-prioritetai.md.
    assert!(text.contains("prioritetų – 2, tikslų – 6, uždavinių – 21, priemonių – 119"));
    let annex = pdf_text(&out.path().join("veiksmu-planas.pdf"));
    assert!(
        annex.contains("Iš viso plane 44 572,5 34 770,0 69 746,0 22 351,0 171 439,5"),
        "{annex}"
    );
    assert_adds_up_as_printed(&annex);
    // The 2024 report: its chapter's facts are the figures of monitoring/2024.toml.
    let report = pdf_text(&out.path().join("ataskaita-2024.pdf"));
    for expected in [
        // Judged by the plan's rule (`[monitoring] rule`, against the target, lagging from
        // 80 %), which the chapter states from its facts.
        "Rodiklis laikomas pasiektu, kai pasiekimas ne mažesnis kaip 100 %, iš dalies pasiektu – kai ne mažesnis kaip 80 %, kitaip – nepasiektu.",
        "pasiekta (ne mažiau kaip 100 %) – 107;",
        // Not 54: gyventoju-skaicius (51,3 → 51,1) and vt-keleiviai (4,1 → 3,95) should
        // rise and fell below their baselines, so they are off track whatever the rule.
        "iš dalies pasiekta (nuo 80 %) – 52;",
        "nepasiekta – 15;",
        "68,6 % numatytų lėšų",
        "Rodiklių pasiekimas 2024 m.",
    ] {
        assert!(
            report.contains(expected),
            "ataskaita-2024.pdf lacks {expected:?}"
        );
    }
}

/// The per-year funding table adds up as printed: each year's sources make its total, and
/// each column of years makes the "Iš viso" row (whole-period amounts are spread in steps
/// of the shown decimal, so no cell is rounded).
fn assert_adds_up_as_printed(annex: &str) {
    let table = annex
        .rsplit("Finansavimas pagal metus Metai")
        .next()
        .expect("the per-year table");
    let tokens: Vec<&str> = table.split_whitespace().collect();
    // The five amounts after `tokens[start]`, in tenths: "2 268,9" is two tokens and 22689.
    let amounts_after = |start: usize| -> Vec<i64> {
        let mut row = Vec::new();
        let mut digits = String::new();
        for token in &tokens[start + 1..] {
            if row.len() == 5 {
                break;
            }
            // The running footer and header of a page the table continues on are no
            // amounts (its rows are never split, so they come between rows).
            if !token.chars().all(|c| c.is_ascii_digit() || c == ',') {
                continue;
            }
            digits.push_str(&token.replace(',', ""));
            if token.contains(',') {
                row.push(digits.parse().expect("an amount"));
                digits.clear();
            }
        }
        row
    };
    let mut columns = [0_i64; 5];
    let mut at = 0;
    for year in 2021..=2030 {
        // After the row before: a page header ("Alytus 2030") may name a year too.
        let from = if year == 2021 { 0 } else { at + 1 };
        at = from
            + tokens[from..]
                .iter()
                .position(|t| *t == year.to_string())
                .expect("a year row");
        let row = amounts_after(at);
        assert_eq!(row[..4].iter().sum::<i64>(), row[4], "{year}: {row:?}");
        for (sum, cell) in columns.iter_mut().zip(&row) {
            *sum += cell;
        }
    }
    let total_row = at
        + tokens[at..]
            .windows(2)
            .position(|w| w == ["Iš", "viso"])
            .expect("the total row")
        + 1;
    let total = amounts_after(total_row);
    assert_eq!(columns.to_vec(), total);
}

/// Puts a template of the plan's own, `text`, in `dir`'s `templates/` folder.
fn own_template(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::create_dir_all(dir.join("templates")).expect("templates folder");
    std::fs::write(dir.join("templates").join(name), text).expect("own template");
}

/// The text of the `basic` plan's strategic plan, built with an own template `name`.
fn basic_with_own(name: &str, template: &str) -> String {
    let dir = crate::common::copy_of_basic();
    own_template(dir.path(), name, template);
    let out = build_ok(dir.path());
    pdf_text(&out.path().join("plan.pdf"))
}

/// A template in the plan's own `templates/` folder replaces the built-in one.
#[test]
fn plan_templates_override_built_in_ones() {
    let text = basic_with_own(
        "vision.typ",
        "#let render(data, texts) = [= Our own vision page\n#data.vision.statement]\n",
    );
    assert!(text.contains("Our own vision page"), "{text}");
}

/// A chapter with every Markdown construct the chapters' markup calls `md.…` for.
const EVERY_CONSTRUCT: &str = "# Skyrius\n\nTekstas su išnaša[^a].\n\n[^a]: Išnašos tekstas.\n\n\
    - vienas\n- du\n  - du a\n\n3. trečias\n4. ketvirtas\n\n- [x] atlikta\n- [ ] neatlikta\n\n\
    > Citata *su* pabrėžimu\n\n```\nkodas = 1\n```\n\n---\n\n\
    | Metai | Kiekis |\n|---|---:|\n| 2024 | 12 |\n\n![Paveikslas](images/chart.png)\n";

/// Asserts that a PDF's text holds each of `words`.
fn says_all(text: &str, words: &[&str]) {
    for words in words {
        assert!(
            crate::common::contains_squashed(text, words),
            "{words}: {text}"
        );
    }
}

/// A plan's own `markdown.typ` copied from an earlier version of `plan` lacks functions the
/// chapters' markup now calls (`md.quote`, `md.list`, `md.enum`): they come from the
/// built-in file, and the document is the one the built-in templates make.
#[test]
fn an_own_markdown_typ_from_an_earlier_version_still_builds() {
    let built_in = crate::common::chapter_plan(EVERY_CONSTRUCT, &[]);
    let own = crate::common::chapter_plan(EVERY_CONSTRUCT, &[]);
    let older = std::fs::read_to_string(fixture("older-templates/markdown.typ")).expect("fixture");
    own_template(own.path(), "markdown.typ", &older);
    let expected = std::fs::read(build_ok(built_in.path()).path().join("text.pdf")).expect("pdf");
    let out = build_ok(own.path());
    let text = pdf_text(&out.path().join("text.pdf"));
    says_all(
        &text,
        &[
            "du a",
            "ketvirtas",
            "Citata su pabrėžimu",
            "kodas = 1",
            "Išnašos tekstas",
        ],
    );
    let got = std::fs::read(out.path().join("text.pdf")).expect("pdf");
    assert!(
        got == expected,
        "the older copy's functions are today's: the same PDF"
    );
}

/// An own `markdown.typ` that defines only some functions keeps them; the rest are the
/// built-in ones.
#[test]
fn an_own_markdown_typ_keeps_its_own_functions() {
    let dir = crate::common::chapter_plan(EVERY_CONSTRUCT, &[]);
    own_template(
        dir.path(),
        "markdown.typ",
        "#let task(done) = if done [(padaryta)] else [(nepadaryta)]\n",
    );
    let out = build_ok(dir.path());
    let text = pdf_text(&out.path().join("text.pdf"));
    says_all(
        &text,
        &[
            "(padaryta) atlikta",
            "(nepadaryta) neatlikta",
            "du a",
            "Citata su pabrėžimu",
        ],
    );
}

/// A plan's own `style.typ` copied from an earlier version of `plan` lacks names that
/// today's built-in templates import from it (`unbroken`, `continued-text`): they come from
/// the built-in file, and the documents are the ones the built-in templates make.
#[test]
fn an_own_style_typ_from_an_earlier_version_still_builds() {
    let own = tempfile::tempdir().expect("temporary folder");
    crate::common::copy_dir(&fixture("monitoring"), own.path());
    let older = std::fs::read_to_string(fixture("older-templates/style.typ")).expect("fixture");
    assert!(!older.contains("#let unbroken"), "the older copy lacks it");
    own_template(own.path(), "style.typ", &older);
    let expected = build_ok(&fixture("monitoring"));
    let out = build_ok(own.path());
    same_pdfs(
        expected.path(),
        out.path(),
        &["report-2024.pdf", "report-2023.pdf"],
    );
}

/// An own template need hold only what it changes: a `style.typ` of one function keeps it
/// (the tables' headers in guillemets) and has every other name of the built-in file.
#[test]
fn an_own_style_typ_holds_only_what_it_changes() {
    let text = basic_with_own(
        "style.typ",
        "// Headers in guillemets.\n#let th(body) = table.cell(text(weight: \"bold\", [«#body»]))\n",
    );
    says_all(&text, &["«Code»", "Riverton"]);
}

/// A mistake in an own template is shown at its line and column in the plan's file, as
/// the user wrote it (typst reads the file after a line of `plan`'s own, on its first).
#[test]
fn a_mistake_in_an_own_template_is_at_the_users_line_and_column() {
    let dir = crate::common::copy_of_basic();
    own_template(dir.path(), "style.typ", "#let x = nope\n");
    let (_, outcome, sources, diags) = build(dir.path());
    assert!(!matches!(outcome, Outcome::Built(_)));
    let shown = render(&sources, &diags);
    assert!(shown.contains("templates/style.typ:1:10"), "{shown}");
    assert!(shown.contains("1 │ #let x = nope\n"), "{shown}");
    assert!(!shown.contains("built-in/style.typ"), "{shown}");
}

/// A built-in template that calls an own template's function as today's built-in one takes
/// it stops where it calls it, with a hint naming the plan's own templates and how to
/// compare them with the built-in ones.
#[test]
fn a_built_in_template_at_odds_with_an_own_one_names_the_own_one() {
    let dir = crate::common::copy_of_basic();
    // `captioned` as it was before it took `rows`, `whole` and `mark`.
    own_template(
        dir.path(),
        "style.typ",
        "#let captioned(caption, body) = figure(body, caption: caption, kind: table)\n",
    );
    let (_, outcome, sources, diags) = build(dir.path());
    assert!(!matches!(outcome, Outcome::Built(_)));
    let shown = render(&sources, &diags);
    assert!(shown.contains("unexpected argument"), "{shown}");
    assert!(
        shown.contains("the plan has its own templates/style.typ")
            && shown.contains("DIR/templates/built-in/"),
        "{shown}"
    );
}

/// The action plan annex lists every one of the example plan's 119 measures with its number.
#[test]
fn example_action_plan_lists_all_119_measures() {
    // As a publication: its running header carries the continuation mark (an act's header
    // holds only the page number).
    let copy = crate::common::example_edited(&[("[plan]\n", "[plan]\nform = \"publication\"\n")]);
    let dir = copy.path().to_path_buf();
    let mut sources = plan::diag::Sources::default();
    let mut diags = plan::diag::Diagnostics::default();
    let checked = plan::check(&dir, &mut sources, &mut diags).expect("the example plan loads");
    let measures: Vec<_> = checked.plan.measures().map(|(_, _, _, m)| m).collect();
    assert_eq!(measures.len(), 119);
    let out = build_ok(&dir);
    let annex = pdf_text(&out.path().join("veiksmu-planas.pdf"));
    // The repeated header marks continuation pages, and only those.
    let pages = crate::common::page_texts(&out.path().join("veiksmu-planas.pdf"));
    let first = pages
        .iter()
        .position(|p| p.contains("Sumos nurodytos"))
        .expect("the action plan");
    assert!(
        !pages[first].contains("(tęsinys)"),
        "the first page is not a continuation"
    );
    assert!(
        pages[first + 1].contains("Priemonių planas (tęsinys)"),
        "{}",
        pages[first + 1]
    );
    for m in measures {
        let row = format!("{} {}", checked.numbers.of(&m.id), m.title);
        assert!(
            crate::common::contains_squashed(&annex, &row),
            "the action plan lacks {row:?}"
        );
    }
    // No title row is left alone at the foot of a page: each objective's title shares its
    // page with the objective's first measure.
    let objectives = checked
        .plan
        .priorities
        .iter()
        .flat_map(|p| &p.goals)
        .flat_map(|g| &g.objectives);
    for objective in objectives {
        let number = checked.numbers.of(&objective.id);
        let title = format!("{number} uždavinys");
        let first = format!("{number}.1 ");
        let page = pages
            .iter()
            .position(|p| p.contains(&title))
            .unwrap_or_else(|| panic!("no page has {title:?}"));
        assert!(
            pages[page].contains(&first),
            "{title:?} is on page {} without its first measure:\n{}",
            page + 1,
            pages[page]
        );
    }
}
