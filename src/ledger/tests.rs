//! The ledger against sums worked out here by hand or added up straight from the measures'
//! amounts, never against the ledger itself.

use std::collections::BTreeMap;
use std::path::Path;

use super::*;
use crate::diag::{Diagnostics, Severity, Sources};

/// The typed plan of a folder, which must load without errors.
fn plan_in(dir: &Path) -> Plan {
    let mut diags = Diagnostics::default();
    let mut sources = Sources::default();
    let raw = crate::load::load_plan(dir, &mut sources, &mut diags).expect("the plan loads");
    let plan = crate::model::build_plan(raw, &sources, &mut diags);
    let errors: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.clone())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    plan
}

/// A plan written from these files into a temporary folder.
fn plan_of(files: &[(&str, &str)]) -> Plan {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
        std::fs::write(path, text).expect("write");
    }
    plan_in(dir.path())
}

const PLAN: &str = r#"
[plan]
title = "Ledger Test Plan"
short-title = "Ledger"
organisation = "Testville"
period = [2022, 2025]
milestones = [2025]
language = "en"
version = "1.0"
status = "draft"
date = 2021-11-30
money-unit = "EUR thousand"

[vision]
statement = "A town that adds up"

[[source]]
id = "MB"
name = "Municipal budget"

[[source]]
id = "EU"
name = "EU funds"

[[institution]]
id = "ADM"
name = "Administration"

[[group]]
id = "a"
name = "Group A"

[[group]]
id = "b"
name = "Group B"

[[group]]
id = "idle"
name = "A group without measures"

[[document]]
id = "plan"
parts = ["@strategy", "@funding"]
"#;

/// Priority `p1`: goal `g1` (objective `o1` with a whole-period amount and per-year ones,
/// objective `o2` whose measure has no funding) and goal `g2` without measures; priority
/// `p2` with one measure without a period of its own.
const FIRST: &str = r#"
[priority]
id = "p1"
title = "First"
need = 200

[[goal]]
id = "g1"
title = "Goal one"
need = 150

[[objective]]
id = "o1"
goal = "g1"
title = "Objective one"
need = 100

[[measure]]
id = "m1"
objective = "o1"
title = "Whole-period amounts"
responsible = ["ADM"]
group = "a"
period = [2022, 2024]
funding = { MB = 100.05, EU = 30 }

[[measure]]
id = "m2"
objective = "o1"
title = "Per-year amounts"
responsible = ["ADM"]
group = "b"
period = [2023, 2024]

[measure.funding.MB]
2023 = 10
2024 = 20.5

[measure.funding.EU]
2024 = 5

[[objective]]
id = "o2"
goal = "g1"
title = "Objective two"

[[measure]]
id = "m3"
objective = "o2"
title = "No funding"
responsible = ["ADM"]
group = "a"
period = [2022, 2025]

[[goal]]
id = "g2"
title = "Goal without measures"
need = 40
"#;

const SECOND: &str = r#"
[priority]
id = "p2"
title = "Second"

[[goal]]
id = "g3"
title = "Goal three"

[[objective]]
id = "o3"
goal = "g3"
title = "Objective three"

[[measure]]
id = "m4"
objective = "o3"
title = "No period of its own"
responsible = ["ADM"]
group = "b"
funding = { EU = 7 }
"#;

const REPORT_2023: &str = r#"
[[measure]]
id = "m1"
status = "in-progress"
spent = { MB = 30, EU = 5 }

[[measure]]
id = "m4"
status = "in-progress"
spent = { EU = 1.5 }
"#;

fn example() -> Plan {
    plan_of(&[
        ("plan.toml", PLAN),
        ("strategy/1.toml", FIRST),
        ("strategy/2.toml", SECOND),
        ("monitoring/2023.toml", REPORT_2023),
    ])
}

/// Totals from hundredths per source (MB, EU).
fn totals(mb: i64, eu: i64) -> Totals {
    Totals {
        by_source: vec![Money(mb), Money(eu)],
        total: Money(mb + eu),
    }
}

/// A per-year table from (year, MB, EU) rows, in hundredths.
fn years(rows: &[(i32, i64, i64)]) -> BTreeMap<i32, Totals> {
    rows.iter()
        .map(|(year, mb, eu)| (*year, totals(*mb, *eu)))
        .collect()
}

#[test]
fn funding_rolls_up_from_measures_to_the_plan() {
    let plan = example();
    let ledger = Ledger::new(&plan);
    // 100.05 shows two decimals, so whole-period amounts spread in hundredths:
    // m1's 100.05 and 30 over 2022–2024, m4's 7 over the plan period 2022–2025.
    let m1 = ledger.of("m1");
    assert_eq!(m1.funding, totals(10005, 3000));
    assert_eq!(
        m1.by_year,
        years(&[
            (2022, 3335, 1000),
            (2023, 3335, 1000),
            (2024, 3335, 1000),
            (2025, 0, 0)
        ])
    );
    assert!(m1.spread);
    let m2 = ledger.of("m2");
    assert_eq!(m2.funding, totals(3050, 500));
    assert!(!m2.spread);
    assert_eq!(
        ledger.of("m4").by_year,
        years(&[
            (2022, 0, 175),
            (2023, 0, 175),
            (2024, 0, 175),
            (2025, 0, 175)
        ])
    );

    assert_eq!(ledger.of("o1").funding, totals(10005 + 3050, 3000 + 500));
    assert_eq!(ledger.of("g1").funding, ledger.of("o1").funding);
    assert_eq!(ledger.of("p1").funding, totals(13055, 3500));
    assert_eq!(ledger.of("p2").funding, totals(0, 700));
    let whole = ledger.plan();
    assert_eq!(whole.funding, totals(13055, 4200));
    assert_eq!(
        whole.by_year,
        years(&[
            (2022, 3335, 1175),
            (2023, 3335 + 1000, 1175),
            (2024, 3335 + 2050, 1675),
            (2025, 0, 175)
        ])
    );
    assert!(whole.spread);
    assert_eq!(ledger.decimals(), 2);
}

#[test]
fn items_without_funded_measures_have_nothing_in_every_year() {
    let plan = example();
    let ledger = Ledger::new(&plan);
    let nothing = years(&[(2022, 0, 0), (2023, 0, 0), (2024, 0, 0), (2025, 0, 0)]);
    // A measure without funding, its objective, and a goal without measures.
    for id in ["m3", "o2", "g2"] {
        let sums = ledger.of(id);
        assert_eq!(sums.funding, totals(0, 0), "{id}");
        assert_eq!(sums.by_year, nothing, "{id}");
        assert!(!sums.spread, "{id}");
    }
    // An id the plan does not have holds nothing either.
    assert_eq!(ledger.of("no-such-item").funding, totals(0, 0));
}

#[test]
fn a_working_groups_book_holds_its_measures_alone() {
    let plan = example();
    let ledger = Ledger::new(&plan);
    let a = ledger.book(&plan, Some("a"));
    assert_eq!(a.plan().funding, totals(10005, 3000));
    assert_eq!(a.of("o1").funding, totals(10005, 3000));
    assert_eq!(a.of("p2").funding, totals(0, 0));
    assert_eq!(a.of("m2").funding, totals(0, 0), "another group's measure");
    let b = ledger.book(&plan, Some("b"));
    assert_eq!(b.plan().funding, totals(3050, 1200));
    assert!(b.plan().spread, "m4's amount is spread");
    assert!(!b.of("p1").spread, "m2 gives amounts per year");
    // The group's years add up to the group's funding.
    assert_eq!(b.plan().by_year[&2024], totals(2050, 500 + 175));
    // A group without measures, and one the plan does not have, have nothing.
    for group in ["idle", "unknown"] {
        let book = ledger.book(&plan, Some(group));
        assert_eq!(book.plan().funding, totals(0, 0), "{group}");
        assert_eq!(book.plan().by_year.len(), 4, "{group}");
    }
    assert_eq!(ledger.book(&plan, None).plan(), ledger.plan());
}

#[test]
fn spending_sets_what_was_spent_against_what_was_planned() {
    let plan = example();
    let ledger = Ledger::new(&plan);
    let m1 = ledger.of("m1").spending(2023);
    assert_eq!(m1.planned, totals(3335, 1000));
    assert_eq!(m1.spent, totals(3000, 500));
    let whole = ledger.plan();
    assert_eq!(whole.spent_in(2023), totals(3000, 500 + 150));
    assert_eq!(whole.spent_in(2022), totals(0, 0), "not reported");
    let reported = whole.spending(2023);
    assert_eq!(reported.planned, totals(4335, 1175));
    assert_eq!(
        reported.planned_to_date, reported.planned,
        "2022 is not reported"
    );
    assert_eq!(reported.spent_to_date, reported.spent);
    // A later year without a report: its plan counts to date with 2023's, nothing spent.
    let later = whole.spending(2024);
    assert_eq!(later.spent, totals(0, 0));
    assert_eq!(later.planned_to_date, totals(4335 + 5385, 1175 + 1675));
    assert_eq!(later.spent_to_date, totals(3000, 650));
    assert_eq!(rate(Money(650), Money(1300)), Some(50.0));
    assert_eq!(rate(Money(650), Money(0)), None);
}

#[test]
fn needs_below_an_item_add_up_what_it_holds() {
    let plan = example();
    let ledger = Ledger::new(&plan);
    let p1 = ledger.needs_below("p1");
    assert_eq!((p1.sum, p1.given, p1.of), (Money(19000), 2, 2));
    assert!(p1.all_given());
    let g1 = ledger.needs_below("g1");
    assert_eq!((g1.sum, g1.given, g1.of), (Money(10000), 1, 2));
    assert!(!g1.all_given());
    assert!(!ledger.needs_below("g2").all_given(), "it holds nothing");
    assert_eq!(ledger.need_total(), Some(Money(20000)), "p2 gives no need");
}

#[test]
fn decimals_are_those_of_the_finest_amount_and_at_least_one() {
    let whole = |first: &str| {
        let plan = plan_of(&[("plan.toml", PLAN), ("strategy/1.toml", first)]);
        Ledger::new(&plan).format()
    };
    // Only whole amounts, and no funding at all: one decimal.
    let unfunded = FIRST
        .replace("funding = { MB = 100.05, EU = 30 }", "")
        .replace("2024 = 20.5", "2024 = 20");
    let format = whole(&unfunded);
    assert_eq!(format.decimals, 1);
    assert_eq!(format.text(Money(1_234_500)), "12,345.0");
    // An indicative need counts too.
    let need = unfunded.replace("need = 40", "need = 40.25");
    assert_eq!(whole(&need).decimals, 2);
    let format = whole(FIRST);
    assert_eq!(format.decimals, 2);
    assert_eq!(format.plain(Money(123_456)), "1234.56");
    assert_eq!(format.spreadsheet(), "#,##0.00");
    assert_eq!(MoneyFormat::exact(Money(120_050), Language::En), "1,200.5");
    let lt = MoneyFormat {
        decimals: 1,
        language: Language::Lt,
    };
    assert_eq!(lt.text(Money(123_450)), "1\u{a0}234,5");
}

#[test]
fn a_plan_without_funding_sums_to_nothing() {
    let bare = FIRST
        .replace("funding = { MB = 100.05, EU = 30 }", "")
        .replace("[measure.funding.MB]\n2023 = 10\n2024 = 20.5", "")
        .replace("[measure.funding.EU]\n2024 = 5", "");
    let plan = plan_of(&[("plan.toml", PLAN), ("strategy/1.toml", &bare)]);
    assert!(plan.measures().all(|(.., m)| m.funding.is_empty()));
    let ledger = Ledger::new(&plan);
    assert_eq!(ledger.plan().funding, totals(0, 0));
    assert!(ledger.plan().by_year.values().all(|t| *t == totals(0, 0)));
    assert!(!ledger.plan().spread);
    assert_eq!(ledger.decimals(), 1);
}

/// A measure's funding per source, added up here from the amounts it gives.
fn own(plan: &Plan, measure: &Measure) -> Vec<i64> {
    let mut by_source = vec![0; plan.sources.len()];
    for funding in &measure.funding {
        let i = plan.sources.iter().position(|s| s.id == funding.source);
        by_source[i.expect("a source of the plan")] += match &funding.amount {
            Amount::Total(m) => m.0,
            Amount::PerYear(years) => years.iter().map(|(_, m)| m.0).sum(),
        };
    }
    by_source
}

/// Totals of some measures, added up here.
fn added<'a>(plan: &Plan, measures: impl Iterator<Item = &'a Measure>) -> Totals {
    let mut by_source = vec![0; plan.sources.len()];
    for m in measures {
        for (sum, amount) in by_source.iter_mut().zip(own(plan, m)) {
            *sum += amount;
        }
    }
    Totals {
        total: Money(by_source.iter().sum()),
        by_source: by_source.into_iter().map(Money).collect(),
    }
}

/// Years added up per source, as the per-year table's total row would be.
fn down_the_years(sums: &Sums) -> Vec<i64> {
    let mut by_source = vec![0; sums.funding.by_source.len()];
    for totals in sums.by_year.values() {
        for (sum, amount) in by_source.iter_mut().zip(&totals.by_source) {
            *sum += amount.0;
        }
    }
    by_source
}

/// The example plan: every priority's, goal's and objective's funding is its measures' rows
/// added up, every item's years add up to its funding, each working group's book is its
/// measures' rows, and the spending is what the reports say.
#[test]
fn the_example_plan_adds_up_as_its_measures_rows() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let plan = plan_in(&dir);
    let ledger = Ledger::new(&plan);
    let money = |totals: &Totals| totals.by_source.iter().map(|m| m.0).collect::<Vec<_>>();
    let rolled_up =
        |id: &str, measures: Totals| assert_eq!(ledger.of(id).funding, measures, "{id}");
    for p in &plan.priorities {
        rolled_up(&p.id, added(&plan, p.measures()));
        for g in &p.goals {
            rolled_up(&g.id, added(&plan, g.measures()));
            for o in &g.objectives {
                let sums = ledger.of(&o.id);
                assert_eq!(sums.funding, added(&plan, o.measures.iter()), "{}", o.id);
                assert_eq!(down_the_years(sums), money(&sums.funding), "{}", o.id);
                for m in &o.measures {
                    let sums = ledger.of(&m.id);
                    assert_eq!(money(&sums.funding), own(&plan, m), "{}", m.id);
                    assert_eq!(down_the_years(sums), own(&plan, m), "{}", m.id);
                }
            }
        }
    }
    let all = plan.measures().map(|(.., m)| m);
    assert_eq!(ledger.plan().funding, added(&plan, all));
    assert!(ledger.plan().funding.total.0 > 0);
    for group in &plan.groups {
        let mine = plan
            .measures()
            .map(|(.., m)| m)
            .filter(|m| m.group.as_deref() == Some(group.id.as_str()));
        let book = ledger.book(&plan, Some(&group.id));
        assert_eq!(book.plan().funding, added(&plan, mine), "{}", group.id);
        assert_eq!(down_the_years(book.plan()), money(&book.plan().funding));
    }
    assert!(!plan.monitoring.is_empty());
    for (year, report) in &plan.monitoring {
        let mut spent = vec![0; plan.sources.len()];
        for progress in report.measures.values() {
            for (source, amount, _) in &progress.spent {
                let i = plan.sources.iter().position(|s| s.id == *source);
                spent[i.expect("a source of the plan")] += amount.0;
            }
        }
        assert_eq!(money(&ledger.plan().spent_in(*year)), spent, "{year}");
    }
}

#[test]
fn spreading_keeps_every_hundredth() {
    let spread = spread(&Amount::Total(Money(1000)), (2021, 2023), Money(1));
    assert_eq!(
        spread,
        vec![(2021, Money(334)), (2022, Money(333)), (2023, Money(333))]
    );
    assert_eq!(spread.iter().map(|(_, m)| m.0).sum::<i64>(), 1000);
}

#[test]
fn spreading_uses_the_shown_step() {
    // 100.0 over three years, shown with one decimal: 33.4 + 33.3 + 33.3.
    let spread = spread(&Amount::Total(Money(10000)), (2021, 2023), Money(10));
    assert_eq!(
        spread,
        vec![
            (2021, Money(3340)),
            (2022, Money(3330)),
            (2023, Money(3330))
        ]
    );
    // An amount finer than the step keeps its odd hundredths in the first year.
    let odd = super::spread(&Amount::Total(Money(10005)), (2021, 2022), Money(10));
    assert_eq!(odd, vec![(2021, Money(5005)), (2022, Money(5000))]);
}
