//! Monitoring arithmetic: the target an indicator should have reached in a reported year,
//! how far its actual value has come, and the status a report shows for it; a year's
//! summary (what was planned and spent is the [`crate::ledger`]'s). Views, facts and checks
//! all ask here, so a report's tables, its prose and its warnings agree.

use crate::ledger::{Ledger, Spending};
use crate::model::monitoring::{Against, MeasureStatus, Rule};
use crate::model::{Direction, Indicator, Language, Level, Plan};

/// The words the rule and a value moved away are told in.
#[derive(serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Words {
    reached_method: crate::words::Phrase,
    maintain_rule: crate::words::Phrase,
    judging_rule: std::collections::BTreeMap<String, crate::words::Phrase>,
    moved_away: std::collections::BTreeMap<String, crate::words::Phrase>,
}

impl Words {
    fn of(language: Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }
}

/// The rule in words, as the report and the `monitoring.rule` fact state it: what
/// achievement is measured against and from which share an indicator counts as reached and
/// as partly reached ("Rodiklis laikomas pasiektu, kai …").
pub(crate) fn rule_text(rule: &Rule, language: Language) -> String {
    let key = match rule.against {
        Against::Target => "target",
        Against::BaselineDistance => "baseline-distance",
    };
    Words::of(language)
        .judging_rule
        .get(key)
        .map(|p| {
            p.fill(&[
                ("on-track", &crate::format::value(rule.on_track, language)),
                ("lagging", &crate::format::value(rule.lagging, language)),
            ])
        })
        .unwrap_or_default()
}

/// The note over a report's indicator tables: how a year's target is read, then the rule.
pub(crate) fn method_text(rule: &Rule, language: Language) -> String {
    Words::of(language)
        .reached_method
        .fill(&[("rule", &rule_text(rule, language))])
}

/// How an indicator kept at its level (`direction = "maintain"`) is judged, in words: said
/// after the rule in a report whose plan has one.
pub(crate) fn maintain_text(language: Language) -> String {
    let share = |k: f64| crate::format::value((k * KEPT * 1000.0).round() / 10.0, language);
    Words::of(language)
        .maintain_rule
        .fill(&[("on-track", &share(1.0)), ("lagging", &share(2.0))])
}

/// What a councillor reads beside a value that moved away from the target beyond the
/// baseline: which way it moved, by how much (`change`, as printed) and since which year.
pub(crate) fn away_text(
    direction: Direction,
    baseline_year: i32,
    change: &str,
    language: Language,
) -> String {
    let key = match direction {
        Direction::Up => "up",
        Direction::Down => "down",
        // Never moved away: a value off its level is judged by its distance.
        Direction::Maintain => return String::new(),
    };
    Words::of(language)
        .moved_away
        .get(key)
        .map(|p| p.fill(&[("year", &baseline_year), ("change", &change)]))
        .unwrap_or_default()
}

/// How an indicator stands in a reported year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Reached {
    /// The year's target is met (or passed, in the indicator's direction).
    OnTrack,
    /// An achievement of at least the rule's `lagging` share, short of its `on-track`.
    Lagging,
    /// Less than that, or moved the wrong way beyond the baseline (whatever the rule).
    OffTrack,
    /// No actual value for the year.
    NoData,
    /// A value, but no target to measure it against (the year is before the first target
    /// with no baseline, or after the last one).
    NoTarget,
}

impl Reached {
    /// Every status with its name (for templates, facts and exports), in report order.
    pub(crate) const ALL: [(&'static str, Reached); 5] = [
        ("on-track", Reached::OnTrack),
        ("lagging", Reached::Lagging),
        ("off-track", Reached::OffTrack),
        ("no-target", Reached::NoTarget),
        ("no-data", Reached::NoData),
    ];

    pub(crate) fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, r)| *r == self)
            .map_or("", |(n, _)| n)
    }
}

/// The value an indicator should have in a year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct YearTarget {
    pub value: f64,
    /// `None` when the year is a milestone with its own target; otherwise the two points
    /// (year, value) the straight path runs between: the baseline or the last milestone
    /// before, and the next milestone.
    pub path: Option<((i32, f64), (i32, f64))>,
}

/// The target of `year`: the milestone's own, or the point on the straight line from the
/// baseline (or the last target before the year) to the next target.
pub(crate) fn year_target(indicator: &Indicator, year: i32) -> Option<YearTarget> {
    if let Some((_, value)) = indicator.targets.iter().find(|(y, _)| *y == year) {
        return Some(YearTarget {
            value: *value,
            path: None,
        });
    }
    let next = *indicator.targets.iter().find(|(y, _)| *y > year)?;
    let before = indicator
        .targets
        .iter()
        .rev()
        .find(|(y, _)| *y < year)
        .copied()
        .or(indicator.baseline.filter(|(y, _)| *y <= year))?;
    let share = f64::from(year - before.0) / f64::from(next.0 - before.0);
    Some(YearTarget {
        value: before.1 + (next.1 - before.1) * share,
        path: Some((before, next)),
    })
}

/// An indicator's actual value in a year measured against that year's target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Assessment {
    pub target: Option<YearTarget>,
    pub actual: Option<f64>,
    /// How far the value has come, in per cent, as the rule measures it: of the way from
    /// the baseline to the target (when both are known and differ), or the value against
    /// the target (inverted for an indicator that should go down). Over 100 when the
    /// target is passed; below zero when the value moved away from the target beyond the
    /// baseline.
    pub achievement: Option<f64>,
    /// How far the value moved away from the target beyond the baseline (a positive
    /// amount, in the indicator's unit); `None` unless it did.
    pub away: Option<f64>,
    pub reached: Reached,
}

/// How far a value kept at a level (`direction = "maintain"`) may be from the year's target
/// and still be on track: 5 % of the target either way (lagging up to twice that). A
/// stabilisation target has no way from the baseline to measure a share of, so the rule's
/// thresholds do not apply to it.
pub(crate) const KEPT: f64 = 0.05;

/// Assesses an indicator's actual value (if any) in `year` by the plan's `rule`.
pub(crate) fn assess(
    rule: &Rule,
    indicator: &Indicator,
    year: i32,
    actual: Option<f64>,
) -> Assessment {
    let target = year_target(indicator, year);
    let achievement = match (target, actual) {
        (Some(t), Some(a)) => achievement(rule, indicator, t.value, a),
        _ => None,
    };
    let away = match (indicator.baseline, actual, indicator.direction) {
        // Neither side of a level kept is the wrong way.
        (_, _, Direction::Maintain) => None,
        (Some((_, base)), Some(a), direction) => {
            let worse = if direction == Direction::Up {
                base - a
            } else {
                a - base
            };
            (worse > tolerance(base)).then_some(worse)
        }
        _ => None,
    };
    let reached = match (target, actual) {
        (_, None) => Reached::NoData,
        (None, Some(_)) => Reached::NoTarget,
        (Some(t), Some(a)) if indicator.direction == Direction::Maintain => {
            let off = (a - t.value).abs();
            if off <= KEPT * t.value.abs() + tolerance(t.value) {
                Reached::OnTrack
            } else if off <= 2.0 * KEPT * t.value.abs() + tolerance(t.value) {
                Reached::Lagging
            } else {
                Reached::OffTrack
            }
        }
        (Some(t), Some(a)) => {
            let met = match indicator.direction {
                Direction::Up => a >= t.value - tolerance(t.value),
                Direction::Down => a <= t.value + tolerance(t.value),
                Direction::Maintain => false,
            };
            let from = |share: f64| achievement.is_some_and(|p| p >= share - 1e-9);
            if met {
                Reached::OnTrack
            } else if away.is_some() {
                // Moved the wrong way beyond the baseline: off track whatever share of the
                // target the value still makes (18,4 of 20 is 92 %, yet worse than 18,6).
                Reached::OffTrack
            } else if from(rule.on_track) {
                Reached::OnTrack
            } else if from(rule.lagging) {
                Reached::Lagging
            } else {
                Reached::OffTrack
            }
        }
    };
    Assessment {
        target,
        actual,
        achievement,
        away,
        reached,
    }
}

/// [`assess`] knowing what the indicator belongs to (`level`, and for a product indicator
/// its measure's `period`): a product indicator of a measure whose period starts after
/// `year` has no target yet, as nothing was to be delivered; the straight path from the
/// baseline would call it off track.
pub(crate) fn assess_in(
    plan: &Plan,
    level: Level,
    period: Option<(i32, i32)>,
    indicator: &Indicator,
    year: i32,
) -> Assessment {
    let actual = plan.actual_in(&indicator.id, year);
    let not_started = level == Level::Product && period.is_some_and(|(start, _)| start > year);
    if !not_started {
        return assess(&plan.rule, indicator, year, actual);
    }
    Assessment {
        target: None,
        actual,
        achievement: None,
        away: None,
        reached: if actual.is_some() {
            Reached::NoTarget
        } else {
            Reached::NoData
        },
    }
}

/// What a measure was to deliver by one of its product indicators, with its year: the
/// indicator's target at the measure's last year (`end`; on the straight path when that
/// year has none), else its first target after it, else its last target (also for a
/// measure without a period).
pub(crate) fn delivery_target(indicator: &Indicator, end: Option<i32>) -> Option<(i32, f64)> {
    let Some(end) = end else {
        return indicator.targets.last().copied();
    };
    year_target(indicator, end)
        .map(|t| (end, t.value))
        .or_else(|| indicator.targets.iter().find(|(y, _)| *y >= end).copied())
        .or_else(|| indicator.targets.last().copied())
}

/// Whether `actual` falls short of `target` in the indicator's direction (a value equal
/// to the target as printed meets it).
pub(crate) fn short_of(indicator: &Indicator, actual: f64, target: f64) -> bool {
    match indicator.direction {
        Direction::Up => actual < target - tolerance(target),
        Direction::Down => actual > target + tolerance(target),
        Direction::Maintain => (actual - target).abs() > KEPT * target.abs() + tolerance(target),
    }
}

/// A rounding allowance: a value equal to the target as printed meets it.
fn tolerance(target: f64) -> f64 {
    1e-9 * target.abs().max(1.0)
}

fn achievement(rule: &Rule, indicator: &Indicator, target: f64, actual: f64) -> Option<f64> {
    if rule.against == Against::BaselineDistance
        && indicator.direction != Direction::Maintain
        && let Some((_, base)) = indicator.baseline
        && (target - base).abs() > tolerance(target)
    {
        return Some((actual - base) / (target - base) * 100.0);
    }
    let ratio = match indicator.direction {
        Direction::Up | Direction::Maintain => actual / target,
        Direction::Down => target / actual,
    };
    ratio.is_finite().then_some(ratio * 100.0)
}

impl Plan {
    /// A measure's status at the end of `year`: that year's report, or a measure done or
    /// cancelled in an earlier year stays so. `None` when the year says nothing of it.
    pub fn status_in(&self, measure: &str, year: i32) -> Option<(MeasureStatus, i32)> {
        if let Some(p) = self
            .monitoring
            .get(&year)
            .and_then(|r| r.measures.get(measure))
        {
            return Some((p.status, year));
        }
        self.monitoring
            .range(..year)
            .rev()
            .find_map(|(y, r)| Some((r.measures.get(measure)?.status, *y)))
            .filter(|(s, _)| matches!(s, MeasureStatus::Done | MeasureStatus::Cancelled))
    }

    /// An indicator's actual value in a year, when reported.
    pub fn actual_in(&self, indicator: &str, year: i32) -> Option<f64> {
        self.monitoring.get(&year)?.indicators.get(indicator)?.value
    }
}

/// A year's report in figures: indicators per status, measures per status, and money
/// planned and spent.
#[derive(Debug)]
pub(crate) struct Summary {
    pub year: i32,
    /// Each [`Reached`] with its count, in [`Reached::ALL`] order.
    pub indicators: Vec<(Reached, usize)>,
    /// Each measure status (`None`: not reported) with its count, in
    /// [`MeasureStatus::ALL`] order, not reported last.
    pub measures: Vec<(Option<MeasureStatus>, usize)>,
    pub spending: Spending,
}

impl Summary {
    pub(crate) fn of(plan: &Plan, ledger: &Ledger, year: i32) -> Summary {
        let reached: Vec<Reached> = plan
            .indicators()
            .map(|o| assess_in(plan, o.level, o.period, o.indicator, year).reached)
            .collect();
        let statuses: Vec<Option<MeasureStatus>> = plan
            .measures()
            .map(|(.., m)| plan.status_in(&m.id, year).map(|(s, _)| s))
            .collect();
        let count = |r| reached.iter().filter(|x| **x == r).count();
        let measures = MeasureStatus::ALL
            .iter()
            .map(|(_, s)| Some(*s))
            .chain([None])
            .map(|s| (s, statuses.iter().filter(|x| **x == s).count()))
            .collect();
        Summary {
            year,
            indicators: Reached::ALL.iter().map(|(_, r)| (*r, count(*r))).collect(),
            measures,
            spending: ledger.plan().spending(year),
        }
    }
}

/// The name of a measure status as reports and facts give it, "not-reported" for none.
pub(crate) fn status_name(status: Option<MeasureStatus>) -> &'static str {
    status.map_or("not-reported", MeasureStatus::name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{FileId, Span};

    fn indicator(
        direction: Direction,
        baseline: Option<(i32, f64)>,
        targets: &[(i32, f64)],
    ) -> Indicator {
        Indicator {
            id: "x".into(),
            name: "x".into(),
            unit: "%".into(),
            baseline,
            targets: targets.to_vec(),
            source: None,
            direction,
            method: None,
            frequency: None,
            reporter: None,
            span: Span::new(FileId::default(), 0..0),
        }
    }

    #[test]
    fn targets_between_milestones_lie_on_the_straight_path() {
        let i = indicator(
            Direction::Up,
            Some((2020, 10.0)),
            &[(2024, 30.0), (2030, 60.0)],
        );
        let t = year_target(&i, 2022).map(|t| t.value);
        assert_eq!(t, Some(20.0));
        assert_eq!(
            year_target(&i, 2024).map(|t| (t.value, t.path)),
            Some((30.0, None))
        );
        let later = year_target(&i, 2026);
        assert_eq!(later.map(|t| t.value), Some(40.0));
        assert_eq!(
            later.and_then(|t| t.path),
            Some(((2024, 30.0), (2030, 60.0)))
        );
        // Before the first target with no baseline, and after the last: no target.
        let bare = indicator(Direction::Up, None, &[(2024, 30.0)]);
        assert_eq!(year_target(&bare, 2022), None);
        assert_eq!(year_target(&i, 2031), None);
    }

    #[test]
    fn status_follows_the_direction() {
        let up = indicator(Direction::Up, Some((2020, 10.0)), &[(2024, 30.0)]);
        assert_eq!(
            assess(&Rule::default(), &up, 2024, Some(31.0)).reached,
            Reached::OnTrack
        );
        let lagging = assess(&Rule::default(), &up, 2024, Some(26.0));
        assert_eq!(lagging.achievement, Some(80.0));
        assert_eq!(lagging.reached, Reached::Lagging);
        assert_eq!(
            assess(&Rule::default(), &up, 2024, Some(8.0)).reached,
            Reached::OffTrack
        );
        assert_eq!(
            assess(&Rule::default(), &up, 2024, None).reached,
            Reached::NoData
        );
        let down = indicator(Direction::Down, Some((2020, 100.0)), &[(2024, 80.0)]);
        assert_eq!(
            assess(&Rule::default(), &down, 2024, Some(79.0)).reached,
            Reached::OnTrack
        );
        assert_eq!(
            assess(&Rule::default(), &down, 2024, Some(84.0)).achievement,
            Some(80.0)
        );
        assert_eq!(
            assess(&Rule::default(), &down, 2024, Some(105.0)).reached,
            Reached::OffTrack
        );
        // Without a baseline, the value against the target.
        let bare = indicator(Direction::Down, None, &[(2024, 50.0)]);
        assert_eq!(
            assess(&Rule::default(), &bare, 2024, Some(100.0)).achievement,
            Some(50.0)
        );
    }

    #[test]
    fn the_declared_rule_judges() {
        // Baseline 10, target 30, value 26: 80 % of the way, 86,7 % of the target.
        let up = indicator(Direction::Up, Some((2020, 10.0)), &[(2024, 30.0)]);
        let target = Rule {
            against: Against::Target,
            on_track: 100.0,
            lagging: 90.0,
        };
        let a = assess(&target, &up, 2024, Some(26.0));
        assert!(a.achievement.is_some_and(|p| (p - 86.666).abs() < 0.01));
        assert_eq!(a.reached, Reached::OffTrack);
        assert_eq!(
            assess(&target, &up, 2024, Some(27.0)).reached,
            Reached::Lagging
        );
        // On track below the target when the rule says so.
        let lenient = Rule {
            against: Against::BaselineDistance,
            on_track: 80.0,
            lagging: 50.0,
        };
        assert_eq!(
            assess(&lenient, &up, 2024, Some(26.0)).reached,
            Reached::OnTrack
        );
        assert_eq!(
            assess(&lenient, &up, 2024, Some(20.0)).reached,
            Reached::Lagging
        );
        // Against the target, an indicator that should go down: the target's share of the value.
        let down = indicator(Direction::Down, Some((2020, 100.0)), &[(2024, 80.0)]);
        assert_eq!(
            assess(&target, &down, 2024, Some(100.0)).achievement,
            Some(80.0)
        );
    }

    #[test]
    fn the_rule_is_told_in_both_languages() {
        let rule = Rule {
            against: Against::Target,
            on_track: 100.0,
            lagging: 80.0,
        };
        let lt = rule_text(&rule, Language::Lt);
        assert!(
            lt.contains("Rodiklis laikomas pasiektu, kai pasiekimas ne mažesnis kaip 100"),
            "{lt}"
        );
        assert!(lt.contains("80\u{a0}%"), "{lt}");
        let en = method_text(&Rule::default(), Language::En);
        assert!(
            en.contains("at least 100\u{a0}% of the way, as lagging from 75\u{a0}%"),
            "{en}"
        );
        let keep = maintain_text(Language::Lt);
        assert!(
            keep.contains(
                "ne daugiau kaip 5\u{a0}%, iš dalies pasiektu – kai ne daugiau kaip 10\u{a0}%"
            ),
            "{keep}"
        );
        let away = away_text(Direction::Up, 2020, "6,0", Language::Lt);
        assert_eq!(
            away,
            "Nutolo nuo tikslo: nuo pradinės reikšmės (2020 m.) sumažėjo 6,0, nors turėjo didėti."
        );
    }

    #[test]
    fn moving_away_beyond_the_baseline_is_measured() {
        let up = indicator(Direction::Up, Some((2020, 10.0)), &[(2024, 13.0)]);
        let a = assess(&Rule::default(), &up, 2024, Some(4.0));
        assert_eq!(a.achievement, Some(-200.0));
        assert_eq!(a.away, Some(6.0));
        assert_eq!(assess(&Rule::default(), &up, 2024, Some(11.0)).away, None);
        let down = indicator(Direction::Down, Some((2020, 100.0)), &[(2024, 80.0)]);
        assert_eq!(
            assess(&Rule::default(), &down, 2024, Some(104.0)).away,
            Some(4.0)
        );
    }
}
