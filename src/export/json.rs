//! JSON for monitoring systems and scripts: the plan's identity, its sources, one object
//! per measure and per indicator. Amounts are JSON numbers in the plan's money unit, funding
//! per source is an object keyed by source id in the plan's source order, keys are
//! kebab-case as in plan.toml, and the output is pretty-printed and deterministic.

use serde::Serialize;
use serde::ser::Serializer;

use crate::ledger::Sums;
use crate::model::{Direction, Entry, Language, Money, Status};
use crate::view::{Cell, Named};

use super::{Export, Item};

#[derive(Serialize)]
struct Document<'a> {
    plan: PlanInfo<'a>,
    /// `[plan.approval]` as far as it is known; `null` without one.
    approval: Option<Approval<'a>>,
    /// How the reports judge indicators (`[monitoring] rule`, its defaults when not
    /// written): the `achievement` and `status` of every reported year follow it.
    rule: Rule,
    vision: Vision<'a>,
    /// The working groups with their members.
    groups: Vec<Group<'a>>,
    sources: Vec<Source<'a>>,
    /// Horizontal principles.
    principles: Vec<Principle<'a>>,
    /// SWOT items, each with its code and, when goals name it, its id.
    swot: Vec<SwotItem<'a>>,
    /// Priorities, goals and objectives (measures are under `measures`).
    strategy: Vec<StrategyItem<'a>>,
    measures: Vec<Measure<'a>>,
    indicators: Vec<Indicator<'a>>,
    /// The datasets of `data/`, each with its rows; left out for a plan without any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    datasets: Vec<Dataset<'a>>,
    /// The development scenarios of analysis.toml; left out for a plan without any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    scenarios: Vec<Scenario<'a>>,
}

/// A development scenario: its assumptions (Markdown) and its projected values by
/// indicator id, then by year.
#[derive(Serialize)]
struct Scenario<'a> {
    id: &'a str,
    name: &'a str,
    chosen: bool,
    assumptions: Option<&'a str>,
    projections: std::collections::BTreeMap<&'a str, std::collections::BTreeMap<String, f64>>,
}

fn scenarios(plan: &crate::model::Plan) -> Vec<Scenario<'_>> {
    plan.scenarios
        .iter()
        .map(|s| Scenario {
            id: &s.id,
            name: &s.name,
            chosen: s.chosen,
            assumptions: s.assumptions.as_ref().map(|a| a.markdown.as_str()),
            projections: s
                .projections
                .iter()
                .map(|p| {
                    let years = p.values.iter().map(|(y, v, _)| (y.to_string(), *v));
                    (p.indicator.as_str(), years.collect())
                })
                .collect(),
        })
        .collect()
}

/// A dataset: what `data/<id>.toml` says of it, its columns and its rows, every cell a
/// JSON number, a string or `null` (empty), in the order of `columns`.
#[derive(Serialize)]
struct Dataset<'a> {
    id: &'a str,
    title: &'a str,
    unit: Option<&'a str>,
    source: &'a str,
    /// When the values were taken, "2021-09-15"; `null` when not given.
    retrieved: Option<String>,
    notes: Option<&'a str>,
    /// A survey's sample and fieldwork (`[survey]`); absent for other datasets.
    #[serde(skip_serializing_if = "Option::is_none")]
    survey: Option<DataSurvey>,
    /// The file of values, relative to the plan folder.
    file: &'a str,
    /// The name of the column rows are named by.
    key: &'a str,
    columns: Vec<DataColumn<'a>>,
    rows: Vec<DataRow<'a>>,
}

#[derive(Serialize)]
struct DataSurvey {
    respondents: u32,
    /// The fieldwork's first and last day, "2020-03-02"; `null` when not given (`to` is
    /// `null` for a single day too).
    from: Option<String>,
    to: Option<String>,
}

#[derive(Serialize)]
struct DataColumn<'a> {
    name: &'a str,
    /// "year", "number", "percent" or "text".
    #[serde(rename = "type")]
    kind: &'static str,
    /// How many decimals the column's numbers are shown with.
    decimals: usize,
}

#[derive(Serialize)]
struct DataRow<'a> {
    key: &'a str,
    cells: Vec<DataCell<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum DataCell<'a> {
    /// A number written without decimals: `2021`, not `2021.0`.
    Whole(i64),
    Number(f64),
    Text(&'a str),
    Empty(()),
}

fn datasets(plan: &crate::model::Plan) -> Vec<Dataset<'_>> {
    use crate::model::data::Value;
    plan.datasets
        .iter()
        .map(|d| Dataset {
            id: &d.id,
            title: &d.title,
            unit: d.unit.as_deref(),
            source: &d.source,
            retrieved: d.retrieved.map(|r| r.to_string()),
            notes: d.notes.as_deref(),
            survey: d.survey.map(|s| DataSurvey {
                respondents: s.respondents,
                from: s.from.map(|d| d.to_string()),
                to: s.to.map(|d| d.to_string()),
            }),
            file: &d.file,
            key: &d.columns[d.key].name,
            columns: d
                .columns
                .iter()
                .map(|c| DataColumn {
                    name: &c.name,
                    kind: c.kind.name(),
                    decimals: c.decimals,
                })
                .collect(),
            rows: d
                .rows
                .iter()
                .map(|r| DataRow {
                    key: &r.key,
                    cells: r
                        .values
                        .iter()
                        .map(|v| match v {
                            Value::Number { value, decimals: 0 } if value.abs() < 1e15 => {
                                DataCell::Whole(*value as i64)
                            }
                            Value::Number { value, .. } => DataCell::Number(*value),
                            Value::Text(text) => DataCell::Text(text),
                            Value::Empty => DataCell::Empty(()),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

#[derive(Serialize)]
struct Principle<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct SwotItem<'a> {
    /// "strengths", "weaknesses", "opportunities" or "threats".
    quadrant: &'static str,
    code: String,
    id: Option<&'a str>,
    /// As written, in Markdown.
    text: &'a str,
}

/// A priority, goal or objective with what is said of it beyond its title.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct StrategyItem<'a> {
    /// "priority", "goal" or "objective".
    kind: &'static str,
    number: &'a str,
    id: &'a str,
    title: &'a str,
    /// The code given from outside; `null` without one.
    code: Option<&'a str>,
    /// The indicative funding need; `null` when not given.
    need: Option<f64>,
    /// The id of the item it belongs to; `null` for a priority.
    parent: Option<&'a str>,
    /// Ids of the SWOT items it answers (goals).
    answers: &'a [String],
    /// Ids of the horizontal principles it serves.
    principles: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct PlanInfo<'a> {
    title: &'a str,
    short_title: &'a str,
    organisation: &'a str,
    period: [i32; 2],
    milestones: &'a [i32],
    language: Language,
    version: &'a str,
    status: Status,
    /// ISO 8601, `YYYY-MM-DD`.
    date: String,
    money_unit: &'a str,
    /// Decimals the PDF shows amounts with.
    decimals: usize,
    #[serde(serialize_with = "money")]
    total: Money,
    /// The plan's funding in each year with any funding.
    funding_by_year: ByYear<'a>,
}

/// The judging rule: `against` `target` or `baseline-distance`, and the achievement (per
/// cent) from which an indicator is `on-track` and `lagging`.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Rule {
    against: crate::model::monitoring::Against,
    on_track: f64,
    lagging: f64,
}

/// Who approved the plan; the decision's number and date are `null` until known.
#[derive(Serialize)]
struct Approval<'a> {
    body: &'a str,
    decision: Option<&'a str>,
    /// ISO 8601, `YYYY-MM-DD`.
    date: Option<String>,
}

/// A working group and its members.
#[derive(Serialize)]
struct Group<'a> {
    id: &'a str,
    name: &'a str,
    members: &'a [crate::model::Member],
}

/// `[vision]`: the statement and the mission beside it (`null` when the plan has none).
#[derive(Serialize)]
struct Vision<'a> {
    statement: &'a str,
    mission: Option<&'a str>,
}

#[derive(Serialize)]
struct Source<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(serialize_with = "money")]
    total: Money,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Measure<'a> {
    number: &'a str,
    id: &'a str,
    title: &'a str,
    priority: Item<'a>,
    goal: Item<'a>,
    objective: Item<'a>,
    responsible: &'a [Named],
    partners: &'a [Named],
    group: Option<&'a Named>,
    /// The code given from outside; `null` without one.
    code: Option<&'a str>,
    principles: &'a [String],
    period: Option<[i32; 2]>,
    funding: BySource<'a>,
    #[serde(serialize_with = "money")]
    total: Money,
    /// Per year with any funding in the plan: `{"2026": {"funding": {source: amount},
    /// "total": amount}}`, whole-period amounts spread as the PDF's per-year table spreads
    /// them.
    funding_by_year: ByYear<'a>,
    /// Codes of the measure's product indicators (listed in full under `indicators`).
    indicators: Vec<&'a str>,
    /// Ids of the higher-level goals it contributes to (`[[higher-goal]]` in plan.toml).
    contributes: &'a [String],
    /// Whether it is an investment project.
    investment_project: bool,
    /// Each reported year's status and spending (`monitoring/<year>.toml`).
    progress: Vec<YearProgress<'a>>,
}

/// A measure in a reported year.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct YearProgress<'a> {
    year: i32,
    /// `planned`, `in-progress`, `done`, `delayed`, `cancelled`, or `null` when the year
    /// says nothing of the measure (a status done or cancelled earlier carries over).
    status: Option<&'static str>,
    comment: Option<&'a str>,
    /// What the year's funding planned, per source.
    planned: OwnedBySource<'a>,
    /// What was spent, per source.
    spent: OwnedBySource<'a>,
}

/// An indicator in a reported year.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct YearActual<'a> {
    year: i32,
    /// The actual value; `null` when not reported.
    value: Option<f64>,
    note: Option<&'a str>,
    source: Option<&'a str>,
    /// The target of the year (a milestone's, or on the straight path to the next one).
    target: Option<f64>,
    /// How far the value has come, in per cent (see docs/en/reference/monitoring.md).
    achievement: Option<f64>,
    /// `on-track`, `lagging`, `off-track`, `no-target` or `no-data`.
    status: &'static str,
    /// How far the value moved away from the target beyond the baseline (a positive
    /// amount in the indicator's unit); `null` unless it did.
    away: Option<f64>,
}

/// Amounts per source, computed for the export.
struct OwnedBySource<'a>(&'a [Entry], Vec<Money>);

impl Serialize for OwnedBySource<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        BySource(self.0, &self.1).serialize(serializer)
    }
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Indicator<'a> {
    level: &'static str,
    code: &'a str,
    id: &'a str,
    name: &'a str,
    unit: &'a str,
    baseline: Option<Baseline>,
    /// One entry per milestone year, `null` where there is no target.
    targets: Targets<'a>,
    source: Option<&'a str>,
    direction: Direction,
    method: Option<&'a str>,
    frequency: Option<&'a str>,
    reporter: Option<&'a str>,
    /// The goal, objective or measure the indicator belongs to.
    item: Item<'a>,
    /// Each reported year's actual value against that year's target.
    actual: Vec<YearActual<'a>>,
}

#[derive(Serialize)]
struct Baseline {
    year: i32,
    value: f64,
}

impl Serialize for Item<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut item = serializer.serialize_struct("Item", 3)?;
        item.serialize_field("number", self.number)?;
        item.serialize_field("id", self.id)?;
        item.serialize_field("title", self.title)?;
        item.end()
    }
}

/// Amounts keyed by source id, in the plan's source order (a map would sort them).
struct BySource<'a>(&'a [Entry], &'a [Money]);

impl Serialize for BySource<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.0
                .iter()
                .zip(self.1)
                .map(|(source, amount)| (&source.id, amount.as_f64())),
        )
    }
}

/// Funding keyed by year (the plan's funded years, in order), each per source and in total.
struct ByYear<'a> {
    sources: &'a [Entry],
    years: &'a [i32],
    sums: &'a Sums,
}

impl Serialize for ByYear<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Year<'a> {
            funding: OwnedBySource<'a>,
            #[serde(serialize_with = "money")]
            total: Money,
        }
        serializer.collect_map(self.years.iter().map(|year| {
            let planned = self.sums.planned_in(*year);
            let year_funding = Year {
                funding: OwnedBySource(self.sources, planned.by_source),
                total: planned.total,
            };
            (year.to_string(), year_funding)
        }))
    }
}

/// Targets keyed by milestone year, in year order.
struct Targets<'a>(&'a [i32], &'a [Option<Cell>]);

impl Serialize for Targets<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.0
                .iter()
                .zip(self.1)
                .map(|(y, t)| (y.to_string(), t.as_ref().map(|t| t.value))),
        )
    }
}

fn money<S: Serializer>(amount: &Money, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(amount.as_f64())
}

/// An indicator in every reported year.
fn actual<'a>(plan: &'a crate::model::Plan, row: &super::IndicatorRow<'a>) -> Vec<YearActual<'a>> {
    let indicator = row.indicator;
    plan.monitoring
        .iter()
        .map(|(&year, report)| {
            let entry = report.indicators.get(&indicator.id);
            let assessed = crate::progress::assess_in(plan, row.level, row.period, indicator, year);
            YearActual {
                year,
                value: assessed.actual,
                note: entry.and_then(|a| a.note.as_deref()),
                source: entry.and_then(|a| a.source.as_deref()),
                target: assessed.target.map(|t| (t.value * 1e6).round() / 1e6),
                achievement: assessed.achievement.map(|p| (p * 10.0).round() / 10.0),
                status: assessed.reached.name(),
                away: assessed.away.map(|a| (a * 1e6).round() / 1e6),
            }
        })
        .collect()
}

/// Priorities, goals and objectives in plan order.
fn strategy<'a>(export: &Export<'a>) -> Vec<StrategyItem<'a>> {
    let numbers = export.numbers;
    let item = |kind, id: &'a str, title: &'a str, parent: Option<&'a str>| StrategyItem {
        kind,
        number: numbers.of(id),
        id,
        title,
        code: None,
        need: None,
        parent,
        answers: &[],
        principles: &[],
    };
    let code = |c: &'a Option<crate::model::Code>| c.as_ref().map(|c| c.text.as_str());
    let need = |n: &Option<crate::model::Need>| n.as_ref().map(|n| n.money.as_f64());
    let mut out = Vec::new();
    for p in &export.plan.priorities {
        out.push(StrategyItem {
            code: code(&p.code),
            need: need(&p.need),
            ..item("priority", &p.id, &p.title, None)
        });
        for g in &p.goals {
            out.push(StrategyItem {
                code: code(&g.code),
                need: need(&g.need),
                answers: &g.answers,
                principles: &g.principles,
                ..item("goal", &g.id, &g.title, Some(&p.id))
            });
            for o in &g.objectives {
                out.push(StrategyItem {
                    code: code(&o.code),
                    need: need(&o.need),
                    principles: &o.principles,
                    ..item("objective", &o.id, &o.title, Some(&g.id))
                });
            }
        }
    }
    out
}

/// The export as pretty-printed JSON, ending with a newline.
pub(super) fn write(export: &Export) -> Result<Vec<u8>, String> {
    let plan = export.plan;
    let meta = &plan.meta;
    let document = Document {
        plan: PlanInfo {
            title: &meta.title,
            short_title: &meta.short_title,
            organisation: &meta.organisation,
            period: [meta.period.0, meta.period.1],
            milestones: &meta.milestones,
            language: meta.language,
            version: &meta.version,
            status: meta.status,
            date: meta.date.to_string(),
            money_unit: &meta.money_unit,
            decimals: export.ledger.decimals(),
            total: export.ledger.plan().funding.total,
            funding_by_year: ByYear {
                sources: &plan.sources,
                years: &export.years,
                sums: export.ledger.plan(),
            },
        },
        approval: meta.approval.as_ref().map(|a| Approval {
            body: &a.body,
            decision: a.decision.as_deref(),
            date: a.date.map(|d| d.to_string()),
        }),
        rule: Rule {
            against: plan.rule.against,
            on_track: plan.rule.on_track,
            lagging: plan.rule.lagging,
        },
        vision: Vision {
            statement: &plan.vision.statement,
            mission: plan.vision.mission.as_deref(),
        },
        groups: plan
            .groups
            .iter()
            .map(|g| Group {
                id: &g.id,
                name: &g.name,
                members: plan.members.get(&g.id).map_or(&[], Vec::as_slice),
            })
            .collect(),
        sources: plan
            .sources
            .iter()
            .zip(&export.ledger.plan().funding.by_source)
            .map(|(s, total)| Source {
                id: &s.id,
                name: &s.name,
                total: *total,
            })
            .collect(),
        principles: plan
            .principles
            .iter()
            .map(|p| Principle {
                id: &p.id,
                name: &p.name,
            })
            .collect(),
        swot: plan.swot.as_ref().map_or_else(Vec::new, |s| {
            s.quadrants()
                .into_iter()
                .flat_map(|(quadrant, items)| {
                    items.iter().enumerate().map(move |(n, item)| SwotItem {
                        quadrant,
                        code: crate::number::swot_code(meta.language, quadrant, n + 1),
                        id: item.id.as_deref(),
                        text: &item.text.markdown,
                    })
                })
                .collect()
        }),
        strategy: strategy(export),
        datasets: datasets(plan),
        scenarios: scenarios(plan),
        measures: export
            .measures
            .iter()
            .map(|m| Measure {
                number: m.measure.number,
                id: m.measure.id,
                title: m.measure.title,
                priority: m.priority,
                goal: m.goal,
                objective: m.objective,
                responsible: &m.responsible,
                partners: &m.partners,
                group: m.group.as_ref(),
                code: m.code,
                principles: m.principles,
                period: m.period.map(|(a, b)| [a, b]),
                funding: BySource(&plan.sources, &m.funding.by_source),
                total: m.funding.total,
                funding_by_year: ByYear {
                    sources: &plan.sources,
                    years: &export.years,
                    sums: export.ledger.of(m.measure.id),
                },
                indicators: m.indicators.iter().map(|i| i.code.as_str()).collect(),
                contributes: m.contributes,
                investment_project: m.investment_project,
                progress: plan
                    .monitoring
                    .keys()
                    .map(|&year| {
                        let entry = plan
                            .monitoring
                            .get(&year)
                            .and_then(|r| r.measures.get(m.measure.id));
                        let sums = export.ledger.of(m.measure.id);
                        let (planned, spent) = (sums.planned_in(year), sums.spent_in(year));
                        YearProgress {
                            year,
                            status: plan.status_in(m.measure.id, year).map(|(s, _)| s.name()),
                            comment: entry.and_then(|p| p.comment.as_deref()),
                            planned: OwnedBySource(&plan.sources, planned.by_source),
                            spent: OwnedBySource(&plan.sources, spent.by_source),
                        }
                    })
                    .collect(),
            })
            .collect(),
        indicators: export
            .indicators
            .iter()
            .map(|i| Indicator {
                level: i.level.name(),
                code: &i.data.code,
                id: &i.data.id,
                name: &i.data.name,
                unit: i.data.unit.as_deref().unwrap_or_default(),
                baseline: i.data.baseline.as_ref().map(|b| Baseline {
                    year: b.year,
                    value: b.value,
                }),
                targets: Targets(export.milestones(), &i.data.targets),
                source: i.data.source.as_deref(),
                method: i.data.method.as_deref(),
                frequency: i.data.frequency.as_deref(),
                reporter: i.data.reporter.as_deref(),
                direction: i.data.direction,
                item: i.item,
                actual: actual(plan, i),
            })
            .collect(),
    };
    let mut bytes =
        serde_json::to_vec_pretty(&document).map_err(|e| format!("cannot write JSON: {e}"))?;
    bytes.push(b'\n');
    Ok(bytes)
}
