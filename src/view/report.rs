//! The view of a monitoring report (`report = <year>` on a document): indicators against
//! the year's targets, measures' statuses and spending, funding execution, and the counts
//! the summary shows. Templates read it as `data.report`.

use serde::Serialize;

use super::{Cell, IndicatorData, Money, Text};
use crate::format;
use crate::ledger::{Ledger, Spending, Totals, execution};
use crate::model::{Language, Plan};
use crate::number::Numbers;
use crate::progress::{Summary, assess_in, status_name};

/// `data.report`.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Report {
    /// The year reported on.
    pub year: i32,
    /// Every reported year up to this one, in order (the charts' actual values).
    pub years: Vec<i32>,
    /// Those years as text: "2023–2024", or "2021, 2023, 2024" with a gap.
    pub years_text: Text,
    /// Every indicator of the plan, vision first, as `@indicators` orders them.
    pub indicators: Vec<IndicatorProgress>,
    /// Indicators per status: `on-track`, `lagging`, `off-track`, `no-target`, `no-data`.
    pub indicator_counts: Vec<Count>,
    /// Objectives with their measures' statuses and spending, in plan order.
    pub objectives: Vec<ObjectiveProgress>,
    /// Measures per status: `planned`, `in-progress`, `done`, `delayed`, `cancelled`,
    /// `not-reported`.
    pub measure_counts: Vec<Count>,
    /// Planned against spent, per priority and in total.
    pub funding: Execution,
    /// The rule's `lagging` share (per cent): below it an indicator is off track.
    pub lagging_from: f64,
    /// The plan's judging rule (`[monitoring] rule`).
    pub rule: Rule,
    /// The note over the indicator tables: how a year's target is read and the rule in
    /// words ("Rodiklis laikomas pasiektu, kai …").
    pub method: Text,
}

/// `data.report.rule`: how indicators are judged.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Rule {
    /// `"target"` or `"baseline-distance"`.
    pub against: crate::model::monitoring::Against,
    /// The achievement (per cent) from which an indicator is on track.
    pub on_track: f64,
    /// The achievement (per cent) from which it is lagging.
    pub lagging: f64,
}

/// How many items have a status.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Count {
    /// The status, as the lists above name it.
    pub status: &'static str,
    /// How many items have it.
    pub count: usize,
    /// Its share of all, in per cent ("12,5 %"); `none` when there are none at all.
    pub share: Option<Cell>,
}

/// Counts per status with their shares.
fn counts(list: impl Iterator<Item = (&'static str, usize)>, lang: Language) -> Vec<Count> {
    let list: Vec<_> = list.collect();
    let all: usize = list.iter().map(|(_, n)| n).sum();
    list.into_iter()
        .map(|(status, count)| Count {
            status,
            count,
            share: (all != 0).then(|| Cell::percent(count as f64 / all as f64 * 100.0, lang)),
        })
        .collect()
}

/// An indicator in the report year.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct IndicatorProgress {
    /// Its code, name, unit, baseline and milestone targets, as in `@indicators`.
    #[serde(flatten)]
    pub indicator: IndicatorData,
    /// `"vision"`, `"impact"`, `"effect"`, `"result"` or `"product"`.
    pub level: &'static str,
    /// The number of the item it belongs to ("1.2"; `none` for the vision's).
    pub owner: Option<Text>,
    /// The year's target; `none` when there is none.
    pub target: Option<Cell>,
    /// When the year has no target of its own: the points the target lies between on a straight
    /// line, for the note that says so; `none` for a milestone's own target.
    pub path: Option<Path>,
    /// The actual value; `none` when not reported.
    pub actual: Option<Cell>,
    /// The report's note on the value; `none` without one.
    pub note: Option<Text>,
    /// Where the actual value comes from, when the report says.
    pub source: Option<Text>,
    /// How far the value has come, in per cent ("87,5 %"); `none` when it cannot be said.
    pub achievement: Option<Cell>,
    /// `"on-track"`, `"lagging"`, `"off-track"`, `"no-target"` or `"no-data"`.
    pub status: &'static str,
    /// When the value moved away from the target beyond the baseline, that said in words
    /// ("Nutolo nuo tikslo: …"); `none` otherwise.
    pub away: Option<Text>,
    /// The actual value of every reported year up to the report's, for the chart.
    pub history: Vec<Point>,
}

/// The two ends of the straight path a year's target is read from.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Path {
    /// The year it starts in.
    pub from_year: i32,
    /// The value it starts from, as text.
    pub from_text: Text,
    /// Whether the path starts at the baseline (otherwise at an earlier milestone).
    pub from_baseline: bool,
    /// The milestone it ends at.
    pub to_year: i32,
    /// That milestone's target, as text.
    pub to_text: Text,
}

/// A value in a year.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Point {
    /// The year.
    pub year: i32,
    /// The actual value reported for it; `none` when there is none.
    pub actual: Option<Cell>,
    /// The year's target (see [`crate::progress::year_target`]), so that the chart knows
    /// on which side of the planned path the value lies; `none` when there is none.
    pub target: Option<f64>,
}

/// An objective and its measures in the report year.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct ObjectiveProgress {
    /// Its number.
    pub number: Text,
    /// Its title.
    pub title: Text,
    /// Its measures.
    pub measures: Vec<MeasureProgress>,
}

/// A measure in the report year.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct MeasureProgress {
    /// Its id.
    pub id: String,
    /// Its number.
    pub number: Text,
    /// Its title.
    pub title: Text,
    /// Ids of the responsible institutions.
    pub responsible: Vec<String>,
    /// `"planned"`, `"in-progress"`, `"done"`, `"delayed"`, `"cancelled"` or
    /// `"not-reported"`.
    pub status: &'static str,
    /// The earlier year a done or cancelled status was reported in, when the report year
    /// says nothing of the measure; `none` otherwise.
    pub since: Option<i32>,
    /// The report's comment on it; `none` without one.
    pub comment: Option<Text>,
    /// Planned for the report year (a share of a whole-period amount, spread as the funding
    /// tables spread it).
    pub planned: Money,
    /// Spent in the report year.
    pub spent: Money,
    /// The measure's whole funding.
    pub planned_total: Money,
    /// Spent in every reported year up to the report's.
    pub spent_to_date: Money,
}

/// Funding planned against spent.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Execution {
    /// One row per priority, labelled with its number.
    pub by_priority: Vec<ExecutionRow>,
    /// All measures; its `by-source` amounts give the rows per source.
    pub total: ExecutionRow,
    /// When a measure spent from a source it has no money planned from: the note under
    /// the table saying which, and that the rates marked `*` leave it out; `none` otherwise.
    pub unplanned: Option<Text>,
}

/// The words of the note on money spent from a source with none planned.
#[derive(serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Words {
    unplanned_note: crate::words::Phrase,
    unplanned_item: crate::words::Phrase,
}

impl Words {
    fn of(language: Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }
}

/// The note under the execution table: each measure's spending, in the reported years up
/// to `year`, from a source it has no money planned from ("2.1.1 MB 60,00 (2024 m.)").
fn unplanned_note(plan: &Plan, numbers: &Numbers, ledger: &Ledger, year: i32) -> Option<Text> {
    let words = Words::of(plan.meta.language);
    let format = ledger.format();
    let mut items = Vec::new();
    for (.., m) in plan.measures() {
        for (y, totals) in ledger.of(&m.id).unplanned.range(..=year) {
            for (source, amount) in ledger.sources().iter().zip(&totals.by_source) {
                if amount.0 != 0 {
                    items.push(words.unplanned_item.fill(&[
                        ("measure", &numbers.of(&m.id)),
                        ("source", source),
                        ("amount", &format.text(*amount)),
                        ("year", y),
                    ]));
                }
            }
        }
    }
    (!items.is_empty()).then(|| {
        words
            .unplanned_note
            .fill(&[("list", &items.join("; "))])
            .into()
    })
}

/// Planned against spent for some measures, in the year and from the start of the period.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct ExecutionRow {
    /// A priority's number; `none` for the total.
    pub label: Option<Text>,
    /// The priority's title; `none` for the total.
    pub title: Option<Text>,
    /// Planned for the year.
    pub planned: Money,
    /// Spent in the year.
    pub spent: Money,
    /// Spent as a share of planned, in per cent ("87,5 %"), per source (aligned with the
    /// plan's sources) and in total; `none` where nothing was planned.
    pub rate_by_source: Vec<Option<Cell>>,
    /// See `rate-by-source`.
    pub rate: Option<Cell>,
    /// Planned from the start of the period to the end of the year.
    pub planned_to_date: Money,
    /// Spent in every reported year up to this one.
    pub spent_to_date: Money,
    /// As `rate-by-source`, to date.
    pub rate_to_date_by_source: Vec<Option<Cell>>,
    /// As `rate`, to date.
    pub rate_to_date: Option<Cell>,
}

/// The report on `year`, which the plan's monitoring holds.
pub(super) fn report(
    plan: &Plan,
    numbers: &Numbers,
    ledger: &Ledger,
    year: i32,
    money: &dyn Fn(&Totals) -> Money,
    indicator: &dyn Fn(&crate::model::Indicator) -> IndicatorData,
) -> Report {
    let lang = plan.meta.language;
    let years: Vec<i32> = plan.monitoring.range(..=year).map(|(y, _)| *y).collect();
    let summary = Summary::of(plan, ledger, year);
    let indicators = plan
        .indicators()
        .map(|owned| {
            let i = owned.indicator;
            let data = indicator(i);
            let places = places(i);
            let shown = |v: f64| format::number(v, places, lang);
            let actual = plan
                .monitoring
                .get(&year)
                .and_then(|r| r.indicators.get(&i.id));
            let assessed = assess_in(plan, owned.level, owned.period, i, year);
            let history = years
                .iter()
                .map(|y| {
                    let value = plan.actual_in(&i.id, *y);
                    Point {
                        year: *y,
                        actual: value.map(|v| actual_cell(v, places, lang)),
                        target: crate::progress::year_target(i, *y).map(|t| t.value),
                    }
                })
                .collect();
            let owner = numbers.of(owned.id);
            IndicatorProgress {
                level: owned.level.name(),
                owner: (!owner.is_empty()).then(|| owner.into()),
                target: assessed.target.map(|t| Cell::new(t.value, shown(t.value))),
                path: assessed.target.and_then(|t| t.path).map(|(from, to)| Path {
                    from_year: from.0,
                    from_text: shown(from.1).into(),
                    from_baseline: i.baseline == Some(from)
                        && !i.targets.iter().any(|(y, _)| *y == from.0),
                    to_year: to.0,
                    to_text: shown(to.1).into(),
                }),
                actual: assessed.actual.map(|v| actual_cell(v, places, lang)),
                note: actual.and_then(|a| a.note.as_deref().map(|n| format::bind_words(n).into())),
                source: actual.and_then(|a| a.source.as_deref().map(Text::from)),
                achievement: assessed.achievement.map(|p| Cell::percent(p, lang)),
                status: assessed.reached.name(),
                away: assessed.away.zip(i.baseline).map(|(change, (since, _))| {
                    crate::progress::away_text(i.direction, since, &shown(change), lang).into()
                }),
                history,
                indicator: data,
            }
        })
        .collect();
    let objectives = plan
        .priorities
        .iter()
        .flat_map(|p| &p.goals)
        .flat_map(|g| &g.objectives)
        .filter(|o| !o.measures.is_empty())
        .map(|o| ObjectiveProgress {
            number: numbers.of(&o.id).into(),
            title: format::bind_words(&o.title).into(),
            measures: o
                .measures
                .iter()
                .map(|m| {
                    let status = plan.status_in(&m.id, year);
                    let progress = plan
                        .monitoring
                        .get(&year)
                        .and_then(|r| r.measures.get(&m.id));
                    let sums = ledger.of(&m.id);
                    MeasureProgress {
                        id: m.id.clone(),
                        number: numbers.of(&m.id).into(),
                        title: format::bind_words(&m.title).into(),
                        responsible: m.responsible.clone(),
                        status: status_name(status.map(|(s, _)| s)),
                        since: status.map(|(_, y)| y).filter(|y| *y != year),
                        comment: progress.and_then(|p| {
                            p.comment.as_deref().map(|c| format::bind_words(c).into())
                        }),
                        planned: money(&sums.planned_in(year)),
                        spent: money(&sums.spent_in(year)),
                        planned_total: money(&sums.funding),
                        spent_to_date: money(&sums.spending(year).spent_to_date),
                    }
                })
                .collect(),
        })
        .collect();
    let row = |label: Option<Text>, title: Option<Text>, s: &Spending| {
        execution_row(label, title, s, money, lang)
    };
    let by_priority = plan
        .priorities
        .iter()
        .map(|p| {
            let only = ledger.of(&p.id).spending(year);
            row(
                Some(numbers.of(&p.id).into()),
                Some(format::bind_words(&p.title).into()),
                &only,
            )
        })
        .collect();
    let consecutive = years.windows(2).all(|w| w[1] == w[0] + 1);
    let years_text: Text = match (years.first(), years.last()) {
        (Some(first), Some(last)) if consecutive && first != last => format::years(*first, *last),
        _ => years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
    .into();
    Report {
        year,
        years_text,
        years,
        indicators,
        indicator_counts: counts(summary.indicators.iter().map(|(r, n)| (r.name(), *n)), lang),
        objectives,
        measure_counts: counts(
            summary.measures.iter().map(|(s, n)| (status_name(*s), *n)),
            lang,
        ),
        funding: Execution {
            by_priority,
            total: row(None, None, &summary.spending),
            unplanned: unplanned_note(plan, numbers, ledger, year),
        },
        lagging_from: plan.rule.lagging,
        rule: Rule {
            against: plan.rule.against,
            on_track: plan.rule.on_track,
            lagging: plan.rule.lagging,
        },
        method: {
            let mut text = crate::progress::method_text(&plan.rule, lang);
            if plan
                .indicators()
                .any(|o| o.indicator.direction == crate::model::Direction::Maintain)
            {
                text.push(' ');
                text.push_str(&crate::progress::maintain_text(lang));
            }
            text.into()
        },
    }
}

/// Decimals an indicator's values are shown with in the report: as many as its baseline
/// and targets have. The collection workbook rounds the year's target the same way.
pub(crate) fn places(i: &crate::model::Indicator) -> usize {
    i.baseline
        .map(|(_, v)| v)
        .into_iter()
        .chain(i.targets.iter().map(|(_, v)| *v))
        .map(format::decimals)
        .max()
        .unwrap_or(0)
}

/// An actual value with at least the indicator's decimals, and more when it has them.
fn actual_cell(value: f64, places: usize, lang: Language) -> Cell {
    Cell::new(
        value,
        format::number(value, places.max(format::decimals(value)), lang),
    )
}

fn execution_row(
    label: Option<Text>,
    title: Option<Text>,
    s: &Spending,
    money: &dyn Fn(&Totals) -> Money,
    lang: Language,
) -> ExecutionRow {
    // A rate leaving out money spent from sources with none planned is marked `*`, which
    // the note under the table explains.
    let rates = |spent: &Totals,
                 unplanned: &Totals,
                 planned: &Totals|
     -> (Vec<Option<Cell>>, Option<Cell>) {
        let text = |a, u: crate::ledger::Money, b| {
            execution(a, u, b).map(|p| {
                let cell = Cell::percent(p, lang);
                if u.0 == 0 {
                    cell
                } else {
                    Cell::new(cell.value, format!("{}*", cell.text))
                }
            })
        };
        (
            spent
                .by_source
                .iter()
                .zip(&unplanned.by_source)
                .zip(&planned.by_source)
                .map(|((a, u), b)| text(*a, *u, *b))
                .collect(),
            text(spent.total, unplanned.total, planned.total),
        )
    };
    let (rate_by_source, rate) = rates(&s.spent, &s.unplanned, &s.planned);
    let (rate_to_date_by_source, rate_to_date) =
        rates(&s.spent_to_date, &s.unplanned_to_date, &s.planned_to_date);
    ExecutionRow {
        label,
        title,
        planned: money(&s.planned),
        spent: money(&s.spent),
        rate_by_source,
        rate,
        planned_to_date: money(&s.planned_to_date),
        spent_to_date: money(&s.spent_to_date),
        rate_to_date_by_source,
        rate_to_date,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn its_words_are_in_both_languages() {
        for (_, language) in crate::words::LANGUAGES {
            let words = super::Words::of(language);
            let item = words.unplanned_item.fill(&[
                ("measure", &"2.1.1"),
                ("source", &"SB"),
                ("amount", &"60,0"),
                ("year", &2024),
            ]);
            let note = words.unplanned_note.fill(&[("list", &item)]);
            assert!(
                note.starts_with("* ") && note.contains("2.1.1 SB 60,0 (2024"),
                "{note}"
            );
        }
    }
}
