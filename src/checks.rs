//! Checks a careful reviewer makes on the whole plan once it is assembled, numbered and its
//! money added up: registry entries nobody uses, indicators whose targets go the wrong way
//! or are missing, measures without a period, needs against funding, spending against plan.
//! A stage of its own after [`crate::number`] and [`crate::ledger`], which it reads; checks
//! on single values happen while the plan is built (`model`), Markdown's while it is
//! understood (`understand`).

use std::collections::HashSet;

use crate::diag::{Diagnostic, Diagnostics, codes};

use crate::diag::Span;
use crate::ledger::{Ledger, MoneyFormat};
use crate::model::monitoring::{MeasureStatus, Report};
use crate::model::{CodeStyle, Direction, Indicator, Language, Money, Need, Plan};
use crate::number::Numbers;

/// Runs every whole-plan check; `numbers` and `ledger` are the plan's, as the documents
/// show them.
pub(crate) fn check_plan(plan: &Plan, numbers: &Numbers, ledger: &Ledger, diags: &mut Diagnostics) {
    // With items missing because of errors, "unused" would only repeat those errors, and
    // sums would lack the measures an error dropped ("costed at" less than the need).
    if plan.gaps.ids.is_empty() && !plan.gaps.unreadable {
        unused_entries(plan, diags);
        needs(plan, ledger, diags);
    }
    for owned in plan.indicators() {
        check_indicator(owned.indicator, diags);
    }
    // Dashes on a card are for a plan that is otherwise right: beside an error they are
    // noise (a misspelt `cards` level would add a warning per indicator).
    if !diags.has_errors() {
        incomplete_cards(plan, diags);
    }
    for report in plan.monitoring.values() {
        monitoring(plan, ledger, report, diags);
    }
    if plan.numbering.codes == CodeStyle::Instead {
        shown_codes(plan, numbers, diags);
    }
    chosen_scenario(plan, numbers, diags);
}

/// Indicators whose card a document prints (`@indicator-cards`, at a level its `cards`
/// names) with a dash for how the value is calculated, how often it is measured or who
/// reports it: one warning per indicator, naming what is missing.
fn incomplete_cards(plan: &Plan, diags: &mut Diagnostics) {
    use crate::model::{Generated, Part};
    let levels: HashSet<&str> = plan
        .documents
        .iter()
        .filter(|d| {
            d.parts
                .contains(&Part::Generated(Generated::IndicatorCards))
        })
        .flat_map(|d| d.cards.iter().map(String::as_str))
        .collect();
    for owned in plan
        .indicators()
        .filter(|o| levels.contains(o.level.name()))
    {
        let i = owned.indicator;
        let missing: Vec<(&str, &str)> = [
            ("method", &i.method, "how its value is calculated"),
            ("frequency", &i.frequency, "how often it is measured"),
            ("reporter", &i.reporter, "who reports it"),
        ]
        .into_iter()
        .filter(|(_, v, _)| v.as_deref().is_none_or(|t| t.trim().is_empty()))
        .map(|(key, _, what)| (key, what))
        .collect();
        if missing.is_empty() {
            continue;
        }
        let keys: Vec<String> = missing.iter().map(|(k, _)| format!("`{k}`")).collect();
        let hint: Vec<String> = missing
            .iter()
            .map(|(k, what)| format!("`{k} = \"…\"` ({what})"))
            .collect();
        diags.push(
            Diagnostic::warning(format!(
                "the card of indicator `{}` shows a dash for {}",
                i.id,
                keys.join(", ")
            ))
            .code(codes::CARD_INCOMPLETE)
            .at(i.span.clone())
            .label("indicator defined here")
            .hint(format!(
                "`@indicator-cards` prints this indicator's card; write {} in the indicator",
                hint.join(", ")
            )),
        );
    }
}

/// The chosen scenario against the plan's targets: a projection for a year an indicator
/// has a target in, other than the target, means the targets do not follow the scenario
/// the plan says it follows (as `need-mismatch` says of money).
fn chosen_scenario(plan: &Plan, numbers: &Numbers, diags: &mut Diagnostics) {
    let Some(chosen) = plan.scenarios.iter().find(|s| s.chosen) else {
        return;
    };
    let lang = plan.meta.language;
    for projection in &chosen.projections {
        let Some(owned) = plan
            .indicators()
            .find(|o| o.indicator.id == projection.indicator)
        else {
            continue;
        };
        let i = owned.indicator;
        for (year, value, at) in &projection.values {
            let Some(&(_, target)) = i.targets.iter().find(|(y, _)| y == year) else {
                continue;
            };
            if (value - target).abs() <= 1e-9 * target.abs().max(1.0) {
                continue;
            }
            let places = crate::format::decimals(*value).max(crate::format::decimals(target));
            let shown = |v: f64| crate::format::number(v, places, lang);
            diags.push(
                Diagnostic::warning(format!(
                    "the chosen scenario `{}` projects {} for {} {} in {year}, but the indicator's target for {year} is {}",
                    chosen.id,
                    shown(*value),
                    numbers.of(&i.id),
                    crate::format::quoted(&i.name, lang),
                    shown(target),
                ))
                .code(codes::SCENARIO_MISMATCH)
                .at(at.clone())
                .label("projected here")
                .related(i.span.clone(), format!("indicator `{}` and its targets", i.id))
                .hint("make the target follow the chosen scenario, or mark the scenario the targets follow with `chosen = true`"),
            );
        }
    }
}

/// Warns of each dataset no `{{ data.… }}` fact quotes; run once the Markdown is
/// understood, and only on a plan without errors (a misspelt fact would make its dataset
/// look unused).
pub(crate) fn unused_datasets(
    plan: &Plan,
    used: &std::collections::BTreeSet<String>,
    diags: &mut Diagnostics,
) {
    if diags.has_errors() {
        return;
    }
    for dataset in plan.datasets.iter().filter(|d| !used.contains(&d.id)) {
        let column = dataset
            .columns
            .iter()
            .enumerate()
            .find(|(i, c)| *i != dataset.key && c.kind.numeric())
            .or(dataset
                .columns
                .iter()
                .enumerate()
                .find(|(i, _)| *i != dataset.key))
            .map(|(_, c)| c);
        let row = dataset.rows.last().map_or("", |r| r.key.as_str());
        let example = column.map_or(String::new(), |c| {
            format!(", e.g. `{{{{ data.{}.{}[{row}] }}}}`", dataset.id, c.name)
        });
        diags.push(
            Diagnostic::warning(format!("no chapter quotes the dataset `{}`", dataset.id))
                .code(codes::UNUSED_DATASET)
                .at(dataset.span.clone())
                .label("declared here")
                .hint(format!(
                    "quote its values in a chapter{example}, or remove data/{}.toml and its file",
                    dataset.id
                )),
        );
    }
}

/// Indicative needs against what is below them: the measures' funding once they are
/// costed, and the needs of the items they hold.
fn needs(plan: &Plan, ledger: &Ledger, diags: &mut Diagnostics) {
    let shown = |m| money_text(plan, m);
    let mut check = |what: String, need: &Option<Need>, id: &str| {
        let Some(need) = need else { return };
        let measures = ledger.of(id).funding.total;
        let below = ledger.needs_below(id);
        let (given, all) = (below.sum, below.all_given());
        // The measures' sum once they are costed, else the needs of what it holds.
        let (what_below, sum, hint) = if measures.0 != 0 {
            if measures == need.money {
                return;
            }
            (
                "its measures are costed at",
                measures,
                "once the measures are costed, make the need their sum, or leave `need` out: the tables then show the measures' sums",
            )
        } else if (all && given != need.money) || given > need.money {
            (
                "the needs under it add up to",
                given,
                "the needs of the items it holds are parts of its need; correct one of them",
            )
        } else {
            return;
        };
        diags.push(
            Diagnostic::warning(format!(
                "the indicative need of {what} is {}, but {what_below} {}",
                shown(need.money),
                shown(sum)
            ))
            .code(codes::NEED_MISMATCH)
            .at(need.span.clone())
            .hint(hint),
        );
    };
    for p in &plan.priorities {
        check(format!("priority `{}`", p.id), &p.need, &p.id);
        for g in &p.goals {
            check(format!("goal `{}`", g.id), &g.need, &g.id);
            for o in &g.objectives {
                check(format!("objective `{}`", o.id), &o.need, &o.id);
            }
        }
    }
}

/// An amount as a message says it: "1,200.5 tūkst. Eur".
fn money_text(plan: &Plan, m: Money) -> String {
    format!(
        "{} {}",
        MoneyFormat::exact(m, Language::En),
        plan.meta.money_unit
    )
}

/// A year's report against the plan: spending above what was planned, measures done while
/// their product indicators fall short, and indicators with no value (one warning).
fn monitoring(plan: &Plan, ledger: &Ledger, report: &Report, diags: &mut Diagnostics) {
    let year = report.year;
    for (_, _, _, measure) in plan.measures() {
        let Some(progress) = report.measures.get(&measure.id) else {
            continue;
        };
        let sums = ledger.of(&measure.id);
        // Money from a source with none planned is warned on its own, not as overspending.
        let unplanned = sums.unplanned_in(year);
        for (source, amount, at) in &progress.spent {
            let index = ledger.sources().iter().position(|s| s == source);
            if index
                .and_then(|i| unplanned.by_source.get(i))
                .is_some_and(|m| m.0 != 0)
            {
                diags.push(
                    Diagnostic::warning(format!(
                        "measure `{}` spent {} from source `{source}` in {year}, but has no money planned from it",
                        measure.id,
                        money_text(plan, *amount),
                    ))
                    .code(codes::UNPLANNED_SOURCE)
                    .at(at.clone())
                    .hint("if the measure is now funded from this source, add it to the measure's `funding` in its strategy file; if the money came from another source, enter it under that one. The report leaves it out of the execution rates and says so"),
                );
            }
        }
        let (planned, spent) = (
            sums.planned_in(year).total,
            sums.spent_in(year).total - unplanned.total,
        );
        if spent > planned {
            let at = progress
                .spent
                .first()
                .map_or(progress.span.clone(), |s| s.2.clone());
            diags.push(
                Diagnostic::warning(format!(
                    "measure `{}` spent {} in {year}, more than the {} planned for that year",
                    measure.id,
                    money_text(plan, spent),
                    money_text(plan, planned)
                ))
                .code(codes::OVERSPENT)
                .at(at)
                .hint("check the amounts; if the plan changed, change the measure's funding in its strategy file too"),
            );
        }
        if progress.status != MeasureStatus::Done {
            continue;
        }
        // Done means delivered: each product indicator against what the measure was to
        // deliver (not the year's point on the straight path, "1,67 playgrounds").
        let end = measure.period.map(|(_, end)| end);
        for indicator in &measure.indicators {
            let Some(actual) = report.indicators.get(&indicator.id) else {
                continue;
            };
            let (Some(value), Some((target_year, target))) = (
                actual.value,
                crate::progress::delivery_target(indicator, end),
            ) else {
                continue;
            };
            if crate::progress::short_of(indicator, value, target) {
                diags.push(
                    Diagnostic::warning(format!(
                        "measure `{}` is done, but its product indicator `{}` has not reached what the measure was to deliver",
                        measure.id, indicator.id
                    ))
                    .code(codes::DONE_BELOW_TARGET)
                    .at(progress.span.clone())
                    .related(actual.span.clone(), format!("{} against its target of {} for {target_year}", crate::format::value(value, Language::En), crate::format::value(round(target), Language::En)))
                    .hint("a measure is done when its products are delivered: check the status or the value, and say why in `comment`"),
                );
            }
        }
    }
    let missing: Vec<&str> = plan
        .indicators()
        .map(|o| o.indicator.id.as_str())
        .filter(|id| {
            report
                .indicators
                .get(*id)
                .is_none_or(|a| a.value.is_none() && a.note.is_none())
        })
        .collect();
    if !missing.is_empty() {
        const SHOWN: usize = 8;
        let mut list = missing
            .iter()
            .take(SHOWN)
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ");
        if missing.len() > SHOWN {
            list.push_str(&format!(" and {} more", missing.len() - SHOWN));
        }
        let count = missing.len();
        let indicators = if count == 1 {
            "indicator has"
        } else {
            "indicators have"
        };
        diags.push(
            Diagnostic::warning(format!(
                "{count} {indicators} no actual value for {year}: {list}"
            ))
            .code(codes::NO_ACTUAL_VALUE)
            .at(Span::new(report.file, 0..0))
            .hint("add `[[indicator]]` with `id` and `value`; when there is no value yet, a `note` saying why silences this"),
        );
    }
}

/// With codes instead of numbers, what the documents show must still name one item each: a
/// code may not be the number from order of another item ("1.2").
fn shown_codes(plan: &Plan, numbers: &Numbers, diags: &mut Diagnostics) {
    let mut seen = std::collections::HashMap::new();
    for item in plan.items() {
        let (id, code) = (item.id, item.code);
        let shown = numbers.of(id);
        if let Some((other, other_code)) = seen.insert(shown, (id, code)) {
            // Reported at the code, whichever of the two has it.
            let (code, other) = match code {
                Some(code) => (code, other),
                None => match other_code {
                    Some(code) => (code, id),
                    None => continue,
                },
            };
            diags.push(
                Diagnostic::error(format!("the code `{shown}` is also the number of `{other}`"))
                    .code(codes::DUPLICATE_CODE)
                    .at(code.span.clone())
                    .hint("with `codes = \"instead\"` a code takes the place of the number, so it must differ from every number shown; give the other item a code too, or change this one"),
            );
        }
    }
}

/// Sources, institutions, groups and higher-level goals that nothing refers to.
fn unused_entries(plan: &Plan, diags: &mut Diagnostics) {
    let mut sources = HashSet::new();
    let mut institutions = HashSet::new();
    let mut groups = HashSet::new();
    for (_, _, _, m) in plan.measures() {
        sources.extend(m.funding.iter().map(|f| f.source.as_str()));
        institutions.extend(m.responsible.iter().chain(&m.partners).map(String::as_str));
        groups.extend(m.group.as_deref());
    }
    let registries = [
        ("source", &plan.sources, &sources),
        ("institution", &plan.institutions, &institutions),
        ("working group", &plan.groups, &groups),
    ];
    for (what, entries, used) in registries {
        for entry in entries.iter().filter(|e| !used.contains(e.id.as_str())) {
            diags.push(
                Diagnostic::warning(format!("{what} `{}` is defined but no measure uses it", entry.id))
.code(codes::UNUSED)
                    .at(entry.span.clone())
                    .hint(format!("remove it, or name it in a measure; an unused {what} is usually a leftover or a typo elsewhere")),
            );
        }
    }
    let contributes = |id: &str| plan.items().any(|t| t.contributes.iter().any(|c| c == id));
    let serves = |id: &str| plan.items().any(|t| t.principles.iter().any(|c| c == id));
    let principles = plan.principles.iter();
    let unused =
        principles.filter(|p| !plan.gaps.unresolved.contains("principle") && !serves(&p.id));
    for principle in unused {
        diags.push(
            Diagnostic::warning(format!(
                "principle `{}` is defined but no goal, objective or measure serves it",
                principle.id
            ))
            .code(codes::UNUSED)
            .at(principle.span.clone())
            .hint("add its id to the `principles` of the items that serve it, or remove it"),
        );
    }
    for higher in plan.higher_goals.iter().filter(|h| !contributes(&h.id)) {
        diags.push(
            Diagnostic::warning(format!(
                "higher-level goal `{}` is defined but nothing contributes to it",
                higher.id
            ))
            .code(codes::UNUSED)
            .at(higher.span.clone())
            .hint("add its id to a goal's or measure's `contributes`, or remove it"),
        );
    }
}

/// An indicator's targets: present, and moving the way that is better.
fn check_indicator(indicator: &Indicator, diags: &mut Diagnostics) {
    if indicator.targets.is_empty() {
        diags.push(
            Diagnostic::warning(format!("indicator `{}` has no targets", indicator.id))
                .code(codes::NO_TARGETS)
                .at(indicator.span.clone())
                .hint("add e.g. `targets = { 2024 = 20, 2030 = 45 }` for the milestone years"),
        );
        return;
    }
    let Some((_, baseline)) = indicator.baseline else {
        return;
    };
    let (better, moves) = match indicator.direction {
        Direction::Up => ("higher", "falls below"),
        Direction::Down => ("lower", "rises above"),
        // A level kept: any target is the level, none goes the wrong way.
        Direction::Maintain => return,
    };
    let wrong_way = indicator
        .targets
        .iter()
        .find(|(_, target)| match indicator.direction {
            Direction::Down => *target > baseline,
            _ => *target < baseline,
        });
    if let Some((year, target)) = wrong_way {
        diags.push(
            Diagnostic::warning(format!(
                "indicator `{}`: the {year} target {target} {moves} the baseline {baseline}, though {better} is better",
                indicator.id
            ))
.code(codes::WRONG_DIRECTION)
            .at(indicator.span.clone())
            .hint("check the target, or set `direction = \"up\"` or `\"down\"` to say which way is better, or `\"maintain\"` when it is to be kept at its level"),
        );
    }
}

/// A computed value rounded for a message: an interpolated target has no exact decimals.
fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}
