//! `plan build --group`: a working group's review pack of each document, holding only the
//! group's measures (numbered as in the full plan) and the group's totals.

use std::path::{Path, PathBuf};

use crate::common::{contains_squashed, copy_of_basic, fixture, normalize, page_texts, pdf_text};
use crate::common::{render, usage_problem};
use plan::diag::{Diagnostics, Severity, Sources};
use plan::typeset::Export;
use plan::{BuildOptions, Checked, Outcome};

/// Builds `dir` with these `--group` and `--document` values into a fresh folder.
fn build_packs(
    dir: &Path,
    groups: &[&str],
    documents: &[&str],
) -> (tempfile::TempDir, Outcome, Sources, Diagnostics) {
    crate::common::build_with(dir, |options| {
        options.groups = groups.iter().map(|g| g.to_string()).collect();
        options.documents = documents.iter().map(|d| d.to_string()).collect();
    })
}

/// The names of the files a build wrote, in the order written.
fn written_names(outcome: &Outcome, sources: &Sources, diags: &Diagnostics) -> Vec<String> {
    let Outcome::Built(written) = outcome else {
        panic!("{outcome:?}\n{}", render(sources, diags));
    };
    written
        .iter()
        .flat_map(|w| &w.paths)
        .map(|p| {
            p.file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// The names of the files in a folder, sorted.
/// The outputs in a folder (not the hidden cache of converted pictures).
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("output folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    names.sort();
    names
}

fn example_plan() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("plan")
}

fn checked(dir: &Path) -> Checked {
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    plan::check(dir, &mut sources, &mut diags).expect("the plan loads")
}

/// "1.1.1.1 Title" of each measure, split into the group's and the others'.
fn measure_rows(checked: &Checked, group: &str) -> (Vec<String>, Vec<String>) {
    let row = |m: &plan::model::Measure| format!("{} {}", checked.numbers.of(&m.id), m.title);
    let (mine, others): (Vec<_>, Vec<_>) = checked
        .plan
        .measures()
        .map(|(_, _, _, m)| m)
        .partition(|m| m.group.as_deref() == Some(group));
    (
        mine.into_iter().map(row).collect(),
        others.into_iter().map(row).collect(),
    )
}

/// An amount as the templates print it, normalized like PDF text.
fn money(checked: &Checked, amount: plan::model::Money) -> String {
    normalize(&plan::format::money(
        amount,
        checked.ledger.decimals(),
        checked.plan.meta.language,
    ))
}

/// The funding of some measures per source and in total, added up here from the amounts
/// they give (independently of the ledger the documents read).
fn sum<'a>(
    checked: &Checked,
    measures: impl Iterator<Item = &'a plan::model::Measure>,
) -> plan::ledger::Totals {
    use plan::model::{Amount, Money};
    let sources = &checked.plan.sources;
    let mut by_source = vec![0_i64; sources.len()];
    for funding in measures.flat_map(|m| &m.funding) {
        let amount: i64 = match &funding.amount {
            Amount::Total(m) => m.0,
            Amount::PerYear(years) => years.iter().map(|(_, m)| m.0).sum(),
        };
        let i = sources.iter().position(|s| s.id == funding.source);
        by_source[i.expect("a source of the plan")] += amount;
    }
    plan::ledger::Totals {
        total: Money(by_source.iter().sum()),
        by_source: by_source.into_iter().map(Money).collect(),
    }
}

/// The example plan's pack for one working group: the file names, the title page, every
/// measure of the group with its full-plan number and none of another group's, and the
/// group's totals, which are not the plan's.
#[test]
fn example_plan_pack_holds_the_groups_measures_and_totals() {
    let dir = example_plan();
    let checked = checked(&dir);
    let group = "aplinka";
    let (out, outcome, sources, diags) = build_packs(&dir, &[group], &[]);
    assert_eq!(
        written_names(&outcome, &sources, &diags),
        [
            "strateginis-planas-aplinka.pdf",
            "veiksmu-planas-aplinka.pdf"
        ]
    );
    assert_eq!(
        files_in(out.path()),
        [
            "strateginis-planas-aplinka.pdf",
            "veiksmu-planas-aplinka.pdf"
        ],
        "only the packs are written"
    );

    let (mine, others) = measure_rows(&checked, group);
    assert_eq!(mine.len(), 21, "the example group has 21 measures");
    let measures = checked
        .plan
        .measures()
        .map(|(_, _, _, m)| m)
        .filter(|m| m.group.as_deref() == Some(group));
    let totals = sum(&checked, measures);
    let plan_total = sum(&checked, checked.plan.measures().map(|(_, _, _, m)| m));

    for name in [
        "strateginis-planas-aplinka.pdf",
        "veiksmu-planas-aplinka.pdf",
    ] {
        let path = out.path().join(name);
        let pages = page_texts(&path);
        let title = &pages[0];
        for expected in [
            "Aplinkos ir klimato darbo grupės peržiūros medžiaga",
            "Versija 0.9",
            "2020 m. gruodžio 15 d.",
            "Tikslų, uždavinių, priemonių ir rodiklių numeriai – tokie pat kaip visame plane.",
        ] {
            assert!(
                contains_squashed(title, expected),
                "{name}: the title page lacks {expected:?}:\n{title}"
            );
            // The group is not called "darbo grupė" twice.
            assert_eq!(title.matches("darbo grup").count(), 1, "{title}");
        }
        assert!(
            pages[1].contains("Peržiūros medžiaga: Aplinkos ir klimato darbo grupė"),
            "{name}: the running header names the group:\n{}",
            pages[1]
        );

        let text = pdf_text(&path);
        for row in &mine {
            assert!(contains_squashed(&text, row), "{name} lacks {row:?}");
        }
        for row in &others {
            assert!(
                !contains_squashed(&text, row),
                "{name} has {row:?} of another working group"
            );
        }
        let whole = money(&checked, plan_total.total);
        assert!(
            !text.contains(&whole),
            "{name} shows the whole plan's total {whole}"
        );
    }

    // The action plan and the funding are in annex 1, the action plan's pack: the group's
    // total row, its total, and its amount per source.
    let actions = pdf_text(&out.path().join("veiksmu-planas-aplinka.pdf"));
    assert!(actions.contains("Darbo grupės iš viso"), "group total row");
    let total = money(&checked, totals.total);
    assert!(
        actions.contains(&total),
        "the action plan's pack lacks the group's total {total}"
    );
    for (source, amount) in checked.plan.sources.iter().zip(&totals.by_source) {
        let row = format!("{} {} {}", source.name, source.id, money(&checked, *amount));
        assert!(actions.contains(&row), "no funding row {row:?}");
    }
    let strategic = pdf_text(&out.path().join("strateginis-planas-aplinka.pdf"));
    // Parts about the whole plan are left out; the strategy part is in.
    assert!(strategic.contains("Plano strateginė dalis"));
    for absent in ["SSGG analizė", "Vizija", "Paveikslų sąrašas"] {
        assert!(!strategic.contains(absent), "the pack has {absent:?}");
    }
}

/// The English `basic` fixture: its two groups' packs, with English wording and the
/// numbers of EXPECTED.md.
#[test]
fn basic_plan_packs_are_in_english_with_the_groups_numbers() {
    let dir = fixture("basic");
    let (out, outcome, sources, diags) = build_packs(&dir, &["infra"], &[]);
    assert_eq!(
        written_names(&outcome, &sources, &diags),
        ["plan-infra.pdf", "actions-infra.pdf"]
    );
    let pages = page_texts(&out.path().join("plan-infra.pdf"));
    for expected in [
        "Review pack of the Infrastructure working group",
        "Riverton Development Plan 2022–2027",
        // An approved plan's documents are dated by the decision.
        "Version 2.0 20 December 2021",
        "APPROVED",
    ] {
        assert!(
            contains_squashed(&pages[0], expected),
            "the title page lacks {expected:?}:\n{}",
            pages[0]
        );
    }
    assert!(pages[1].contains("Review pack: Infrastructure working group"));
    let text = pdf_text(&out.path().join("plan-infra.pdf"));
    for expected in [
        "1.1.1 Install heat pumps in schools",
        "1.1.2 Connect homes to district heating",
        "2.1.1 Renew water pipes",
        "P-2.1.1-1",
        "E-2-1",
        "R-1.1-1",
        // The group's totals: MB 1234.5 + 250.25, EU 2000 + 500 + 750.
        "Working group total 1,484.75 3,250.00 4,734.75",
        "Only the measures of the Infrastructure working group",
        // Goal 1 contributes to NPP-1.1.
        "Links to higher-level plans",
    ] {
        assert!(
            text.contains(expected),
            "plan-infra.pdf lacks {expected:?}:\n{text}"
        );
    }
    for absent in [
        "Launch online permit forms",
        "P-3.1.1-1",
        "E-3-1",
        "Open town",
        "4,814.75",
        "Introduction",
        "SWOT analysis",
    ] {
        assert!(!text.contains(absent), "plan-infra.pdf has {absent:?}");
    }

    // The other group's pack has its one measure, and no links part: nothing of it
    // contributes to a higher-level goal.
    let (out, outcome, sources, diags) = build_packs(&dir, &["people"], &["plan"]);
    assert_eq!(
        written_names(&outcome, &sources, &diags),
        ["plan-people.pdf"]
    );
    let text = pdf_text(&out.path().join("plan-people.pdf"));
    assert!(text.contains("3.1.1 Launch online permit forms"), "{text}");
    assert!(text.contains("Working group total 80.00 80.00"), "{text}");
    for absent in [
        "Install heat pumps",
        "Links to higher-level plans",
        "Green town",
    ] {
        assert!(!text.contains(absent), "plan-people.pdf has {absent:?}");
    }
}

/// `--group all` makes one pack per working group with measures; a group without
/// measures is skipped with a note. `--document` limits the packs to those documents.
#[test]
fn group_all_makes_a_pack_per_group_with_measures() {
    let dir = copy_of_basic();
    let path = dir.path().join("plan.toml");
    let toml = std::fs::read_to_string(&path).expect("plan.toml");
    let toml = toml.replacen(
        "[[higher-goal]]",
        "[[group]]\nid = \"finance\"\nname = \"Finance working group\"\n\n[[higher-goal]]",
        1,
    );
    std::fs::write(&path, toml).expect("plan.toml");

    let (out, outcome, sources, diags) = build_packs(dir.path(), &["all"], &[]);
    assert_eq!(
        written_names(&outcome, &sources, &diags),
        [
            "plan-infra.pdf",
            "actions-infra.pdf",
            "plan-people.pdf",
            "actions-people.pdf"
        ]
    );
    assert_eq!(files_in(out.path()).len(), 4);
    let note = diags
        .iter()
        .find(|d| d.code == "empty-group")
        .unwrap_or_else(|| panic!("no note:\n{}", render(&sources, &diags)));
    assert_eq!(note.severity, Severity::Help);
    assert!(note.message.contains("`finance`"), "{}", note.message);

    let (_, outcome, sources, diags) = build_packs(dir.path(), &["all"], &["actions"]);
    assert_eq!(
        written_names(&outcome, &sources, &diags),
        ["actions-infra.pdf", "actions-people.pdf"]
    );

    // Asked for by name, a group without measures has nothing to review.
    let (out, outcome, _, diags) = build_packs(dir.path(), &["finance"], &[]);
    let message = usage_problem(&outcome, &diags);
    assert!(message.contains("has no measures"), "{message}");
    assert!(files_in(out.path()).is_empty());
}

/// An unknown group is a usage error that suggests the nearest id and lists them all;
/// nothing is written.
#[test]
fn unknown_group_is_a_usage_error_with_a_suggestion() {
    let (out, outcome, _, diags) = build_packs(&fixture("basic"), &["infar"], &[]);
    let message = usage_problem(&outcome, &diags);
    assert!(message.contains("no working group `infar`"), "{message}");
    assert!(message.contains("did you mean `infra`?"), "{message}");
    assert!(message.contains("infra, people"), "{message}");
    assert!(files_in(out.path()).is_empty());

    // The start of a longer id is suggested too.
    let (_, outcome, _, diags) = build_packs(&example_plan(), &["infra"], &[]);
    let message = usage_problem(&outcome, &diags);
    assert!(
        message.contains("did you mean `infrastruktura`?"),
        "{message}"
    );

    // The annex of changes is about the whole plan, so it does not go into packs.
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let options = BuildOptions {
        dir: fixture("basic"),
        out: Some(out.path().to_path_buf()),
        groups: vec!["infra".into()],
        changes_since: Some("HEAD".into()),
        ..Default::default()
    };
    let outcome = plan::build(&options, &mut sources, &mut diags);
    let message = usage_problem(&outcome, &diags);
    assert!(
        message.contains("cannot be combined with --group"),
        "{message}"
    );
}

/// Previews of a pack are `<document>-<group>-<page>.png`, and a pack's preview and the
/// document's own replace only their own earlier images.
#[test]
fn pack_previews_are_named_by_document_group_and_page() {
    let out = tempfile::tempdir().expect("output folder");
    let preview = |groups: &[&str], pages: &str| {
        let mut sources = Sources::default();
        let mut diags = Diagnostics::default();
        let options = BuildOptions {
            dir: fixture("basic"),
            out: Some(out.path().to_path_buf()),
            documents: vec!["actions".into()],
            groups: groups.iter().map(|g| g.to_string()).collect(),
            export: Export::Png {
                pages: pages.parse().expect("page selection"),
                dpi: 20.0,
            },
            ..Default::default()
        };
        let outcome = plan::build(&options, &mut sources, &mut diags);
        assert!(
            matches!(outcome, Outcome::Built(_)),
            "{outcome:?}\n{}",
            render(&sources, &diags)
        );
    };
    preview(&[], "-");
    preview(&["infra"], "-");
    assert_eq!(
        files_in(out.path()),
        [
            "actions-01.png",
            "actions-02.png",
            "actions-infra-01.png",
            "actions-infra-02.png"
        ]
    );
    // A new preview of the pack replaces the pack's images only, and the other way round.
    // Pages by their printed numbers: the title page has none, so page 1 is the second.
    preview(&["infra"], "1");
    preview(&[], "1");
    assert_eq!(
        files_in(out.path()),
        ["actions-02.png", "actions-infra-02.png"]
    );
}
