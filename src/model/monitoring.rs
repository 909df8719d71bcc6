//! What monitoring files report, typed: each year's actual indicator values and measure
//! statuses with the funds spent. Built after the strategy tree, whose ids they name.

use std::collections::{BTreeMap, HashSet};

use super::build::Builder;
use super::{Money, Plan};
use crate::diag::{FileId, Span, codes};
use crate::load::{Monitored, raw};
pub use raw::{Against, MeasureStatus};

/// How the reports judge an indicator (`[monitoring] rule`): what its achievement is
/// measured against, and the achievement (per cent) from which it counts as on track and
/// as lagging. The default is what reports did before a plan could say: the way from the
/// baseline, on track at 100 %, lagging from 75 %.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub against: Against,
    pub on_track: f64,
    pub lagging: f64,
}

impl Default for Rule {
    fn default() -> Rule {
        Rule {
            against: Against::BaselineDistance,
            on_track: 100.0,
            lagging: 75.0,
        }
    }
}

/// The rule `[monitoring] rule` declares, each key left out at its default; a threshold
/// outside 0–100 or `lagging` above `on-track` is reported and the default used instead.
pub(super) fn rule(
    cx: &mut Builder,
    file: FileId,
    section: Option<&raw::Spanned<raw::MonitoringSection>>,
) -> Rule {
    let defaults = Rule::default();
    let Some(written) = section.and_then(|m| m.get_ref().rule.as_ref()) else {
        return defaults;
    };
    let written = written.get_ref();
    let mut threshold = |value: &Option<raw::Spanned<raw::Number>>, key: &str, default: f64| {
        let Some(v) = value else { return default };
        let n = v.get_ref().0;
        if (0.0..=100.0).contains(&n) && (key != "on-track" || n > 0.0) {
            return n;
        }
        cx.error(
            codes::BAD_RULE,
            Span::new(file, v.span()),
            format!("`{key} = {n}` is not a share of the target between 0 and 100 per cent"),
        )
        .hints
        .push(format!(
            "write the achievement in per cent from which an indicator counts as {}, e.g. `{key} = {default}`",
            if key == "on-track" { "reached" } else { "partly reached" }
        ));
        default
    };
    let on_track = threshold(&written.on_track, "on-track", defaults.on_track);
    let mut lagging = threshold(&written.lagging, "lagging", defaults.lagging.min(on_track));
    if lagging > on_track {
        if let Some(v) = &written.lagging {
            cx.error(
                codes::BAD_RULE,
                Span::new(file, v.span()),
                format!("`lagging = {lagging}` is above `on-track = {on_track}`"),
            )
            .hints
            .push("an indicator is partly reached below the share at which it is reached: make `lagging` smaller than `on-track`".into());
        }
        lagging = on_track;
    }
    Rule {
        against: written
            .against
            .as_ref()
            .map_or(defaults.against, |a| *a.get_ref()),
        on_track,
        lagging,
    }
}

/// One reported year (`monitoring/<year>.toml`).
#[derive(Debug)]
pub struct Report {
    pub year: i32,
    pub file: FileId,
    /// Actual values by indicator id.
    pub indicators: BTreeMap<String, Actual>,
    /// Statuses by measure id.
    pub measures: BTreeMap<String, Progress>,
}

/// An indicator's actual value in a year, or a note on why there is none.
#[derive(Debug)]
pub struct Actual {
    pub value: Option<f64>,
    pub note: Option<String>,
    pub source: Option<String>,
    /// Where the entry's id is written.
    pub span: Span,
}

/// How a measure went in a year.
#[derive(Debug)]
pub struct Progress {
    pub status: MeasureStatus,
    pub comment: Option<String>,
    /// Funds spent per source, in the plan's source order, each with where it is written.
    pub spent: Vec<(String, Money, Span)>,
    pub span: Span,
}

/// Today's year by the clock: a reported year after it cannot have actual values yet.
fn this_year() -> i32 {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    crate::time::year_of(seconds)
}

/// Builds the reports of `files` against the plan's indicators, measures and sources,
/// reporting unknown ids, entries given twice and years the plan cannot have values for.
pub(super) fn reports(cx: &mut Builder, files: &[Monitored], plan: &Plan) -> BTreeMap<i32, Report> {
    let indicator_ids = Ids::new(plan.indicators().map(|o| o.indicator.id.as_str()));
    let measure_ids = Ids::new(plan.measures().map(|(.., m)| m.id.as_str()));
    let source_ids: Vec<&str> = plan.sources.iter().map(|s| s.id.as_str()).collect();
    let (first, last) = plan.meta.period;
    let now = this_year();
    let mut reports = BTreeMap::new();
    for monitored in files {
        let (year, file) = (monitored.year, monitored.file);
        let whole = Span::new(file, 0..0);
        if !(first..=last).contains(&year) {
            cx.error(
                codes::OUTSIDE_PERIOD,
                whole,
                format!("monitoring for {year} is outside the plan period {first}–{last}"),
            )
            .hints
            .push("a monitoring file is named after a year of the plan period; rename it".into());
            continue;
        }
        if year > now {
            cx.error(
                codes::FUTURE_YEAR,
                whole,
                format!("monitoring for {year} reports a year that has not yet come"),
            )
            .hints
            .push(
                "actual values are reported for years that have begun; check the file's name"
                    .into(),
            );
            continue;
        }
        let mut report = Report {
            year,
            file,
            indicators: BTreeMap::new(),
            measures: BTreeMap::new(),
        };
        for entry in &monitored.report.indicator {
            let entry = entry.get_ref();
            let at = Span::new(file, entry.id.span());
            let Some(id) = known(
                cx,
                file,
                &entry.id,
                "indicator",
                &indicator_ids,
                &measure_ids,
            ) else {
                continue;
            };
            if let Some(first) = report.indicators.get(&id) {
                twice(cx, at, first.span.clone(), &id, year);
                continue;
            }
            let text = |t: &Option<raw::Str>| t.as_ref().map(|t| t.get_ref().trim().to_string());
            report.indicators.insert(
                id,
                Actual {
                    value: entry.value.as_ref().map(|v| v.get_ref().0),
                    note: text(&entry.note),
                    source: text(&entry.source),
                    span: at,
                },
            );
        }
        for entry in &monitored.report.measure {
            let entry = entry.get_ref();
            let at = Span::new(file, entry.id.span());
            let Some(id) = known(cx, file, &entry.id, "measure", &measure_ids, &indicator_ids)
            else {
                continue;
            };
            if let Some(first) = report.measures.get(&id) {
                twice(cx, at, first.span.clone(), &id, year);
                continue;
            }
            let mut spent = Vec::new();
            for source in &source_ids {
                if let Some(amount) = entry.spent.get(*source) {
                    let where_ = Span::new(file, amount.span());
                    if let Some(money) = cx.money(where_.clone(), amount.get_ref().0) {
                        spent.push(((*source).to_string(), money, where_));
                    }
                }
            }
            for (key, amount) in &entry.spent {
                if !source_ids.contains(&key.as_str()) {
                    let key = raw::Spanned::new(amount.span(), key.clone());
                    cx.resolve(file, &key, "source", source_ids.iter().copied());
                }
            }
            report.measures.insert(
                id,
                Progress {
                    status: *entry.status.get_ref(),
                    comment: entry
                        .comment
                        .as_ref()
                        .map(|c| c.get_ref().trim().to_string()),
                    spent,
                    span: at,
                },
            );
        }
        reports.insert(year, report);
    }
    reports
}

/// The plan's ids of one kind: in plan order, for suggestions, and as a set, so that a
/// report of thousands of entries looks each up at once.
struct Ids<'a> {
    order: Vec<&'a str>,
    set: HashSet<&'a str>,
}

impl<'a> Ids<'a> {
    fn new(ids: impl Iterator<Item = &'a str>) -> Ids<'a> {
        let order: Vec<&str> = ids.collect();
        let set = order.iter().copied().collect();
        Ids { order, set }
    }
}

/// The id of a reported indicator or measure when the plan has one; an unknown id is an
/// error, with a hint when it is the other kind's (an indicator under `[[measure]]`).
fn known(
    cx: &mut Builder,
    file: FileId,
    id: &raw::Str,
    what: &'static str,
    ids: &Ids,
    others: &Ids,
) -> Option<String> {
    if ids.set.contains(id.get_ref().as_str()) {
        return Some(id.get_ref().clone());
    }
    if others.set.contains(id.get_ref().as_str()) {
        let (other, kinds) = if what == "indicator" {
            ("measure", "a measure, not an indicator")
        } else {
            ("indicator", "an indicator, not a measure")
        };
        cx.error(
            codes::UNKNOWN_ID,
            Span::new(file, id.span()),
            format!("`{}` is {kinds}", id.get_ref()),
        )
        .hints
        .push(format!("report it under `[[{other}]]`"));
        return None;
    }
    cx.resolve(file, id, what, ids.order.iter().copied())
}

fn twice(cx: &mut Builder, at: Span, first: Span, id: &str, year: i32) {
    let d = cx.error(
        codes::REPORTED_TWICE,
        at,
        format!("`{id}` is reported twice for {year}"),
    );
    d.related.push((first, "first reported here".into()));
    d.hints.push(
        "keep one entry: a year has one value per indicator and one status per measure".into(),
    );
}
