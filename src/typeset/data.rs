//! The numbered plan as data for the templates: every number, code, formatted amount and
//! date is computed here, so templates only lay things out. Serialised to JSON and served
//! to typst as `/.plan/data.json`; Markdown texts go to `/.plan/texts.typ` as content.

use serde::Serialize;

use crate::format;
use crate::markdown::text_key;
use crate::model::funding::Totals;
use crate::model::{Document, Entry, Indicator, Language, Part, Plan, Status};
use crate::number::Numbers;

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Data {
    pub plan: PlanInfo,
    pub document: DocumentInfo,
    pub vision: Vision,
    pub sources: Vec<Named>,
    pub institutions: Vec<Named>,
    pub groups: Vec<Named>,
    pub higher_goals: Vec<HigherGoal>,
    pub abbreviations: Vec<Abbreviation>,
    pub priorities: Vec<Priority>,
    pub funding: Funding,
    pub swot: Option<Swot>,
    /// The working group whose review pack this is (`plan build --group`): the priorities,
    /// funding and indicators above hold only its measures and what they belong to,
    /// numbered as in the full plan. `None` for the full document.
    pub pack: Option<Named>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct PlanInfo {
    pub title: String,
    pub short_title: String,
    pub organisation: String,
    pub period: [i32; 2],
    pub period_text: String,
    pub milestones: Vec<i32>,
    pub language: Language,
    pub version: String,
    pub status: Status,
    pub date: String,
    /// The date as ISO `YYYY-MM-DD`, for the PDF metadata.
    pub date_iso: [i32; 3],
    pub money_unit: String,
    /// The short git commit id (with `*` for uncommitted changes), for the footer.
    pub stamp: Option<String>,
    pub logo: Option<String>,
    pub approval: Option<Approval>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Approval {
    pub body: String,
    /// The body in the genitive, as the approval mark needs it in Lithuanian
    /// ("… tarybos 2021 m. sausio 28 d. sprendimu"); the body itself in English.
    pub body_genitive: String,
    pub decision: String,
    pub date: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct DocumentInfo {
    pub id: String,
    pub title: String,
    /// Generated parts the document holds, e.g. `["strategy", "action-plan"]`.
    pub parts: Vec<String>,
    /// Whether the document holds only generated tables (an annex such as the action plan).
    pub annex: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Vision {
    pub statement: String,
    pub text: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct HigherGoal {
    pub id: String,
    pub document: String,
    pub title: String,
    /// Goals, objectives and measures that contribute, in plan order.
    pub contributors: Vec<ItemRef>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ItemRef {
    pub kind: &'static str,
    pub id: String,
    pub number: String,
    pub title: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Abbreviation {
    pub short: String,
    pub meaning: String,
}

/// Amounts per source (aligned with `sources`) and the total, as numbers and as text.
#[derive(Serialize, Clone)]
#[serde(rename_all = "kebab-case")]
pub struct Money {
    pub by_source: Vec<f64>,
    pub by_source_text: Vec<String>,
    pub total: f64,
    pub total_text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Priority {
    pub id: String,
    pub number: String,
    pub title: String,
    pub text: Option<String>,
    pub funding: Money,
    pub goals: Vec<Goal>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Goal {
    pub id: String,
    pub number: String,
    pub title: String,
    pub text: Option<String>,
    pub contributes: Vec<String>,
    pub indicators: Vec<IndicatorData>,
    pub funding: Money,
    pub objectives: Vec<Objective>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Objective {
    pub id: String,
    pub number: String,
    pub title: String,
    pub text: Option<String>,
    pub indicators: Vec<IndicatorData>,
    pub funding: Money,
    pub measures: Vec<Measure>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Measure {
    pub id: String,
    pub number: String,
    pub title: String,
    pub text: Option<String>,
    pub responsible: Vec<Named>,
    pub partners: Vec<Named>,
    pub group: Option<Named>,
    pub period_text: String,
    pub funding: Money,
    pub indicators: Vec<IndicatorData>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct IndicatorData {
    pub id: String,
    pub code: String,
    pub name: String,
    pub unit: String,
    pub baseline: Option<f64>,
    pub baseline_year: Option<i32>,
    pub baseline_text: String,
    /// One entry per milestone: the target, or none.
    pub targets: Vec<Option<f64>>,
    pub targets_text: Vec<String>,
    pub source: Option<String>,
    pub direction: crate::model::Direction,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Funding {
    pub decimals: usize,
    pub total: Money,
    pub by_priority: Vec<RowMoney>,
    pub by_year: Vec<RowMoney>,
    /// Whether whole-period amounts were spread over years in `by_year`.
    pub spread: bool,
    /// Each source's share of the total, as text ("42,5 %").
    pub shares_text: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct RowMoney {
    pub label: String,
    pub title: String,
    pub money: Money,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Swot {
    pub strengths: Vec<String>,
    pub weaknesses: Vec<String>,
    pub opportunities: Vec<String>,
    pub threats: Vec<String>,
}

/// Builds the data one document's templates receive. With `group`, the data of that working
/// group's review pack: only the group's measures, the objectives, goals and priorities
/// that hold them (with their indicators), and funding summed over those measures alone;
/// numbers stay those of the full plan.
pub fn build(
    plan: &Plan,
    numbers: &Numbers,
    logo: &Option<String>,
    stamp: Option<&str>,
    document: &Document,
    group: Option<&Entry>,
) -> Data {
    let lang = plan.meta.language;
    let kept =
        |m: &crate::model::Measure| group.is_none_or(|g| m.group.as_deref() == Some(g.id.as_str()));
    let decimals = plan.money_decimals();
    let money = |totals: &Totals| money(totals, decimals, lang);
    let names = |ids: &[String], entries: &[crate::model::Entry]| -> Vec<Named> {
        ids.iter().map(|id| named(id, entries)).collect()
    };
    let key = |kind: &str, id: &str, text: &Option<crate::model::Text>| {
        text.as_ref().map(|_| text_key(kind, id))
    };
    let indicators = |list: &[Indicator]| {
        list.iter()
            .map(|i| indicator(i, numbers, &plan.meta.milestones, lang))
            .collect()
    };

    // In a pack, only items holding at least one of the group's measures; in the full
    // document every item, even one without measures.
    let priorities = plan
        .priorities
        .iter()
        .filter(|p| group.is_none() || p.measures().any(kept))
        .map(|p| Priority {
            id: p.id.clone(),
            number: numbers.of(&p.id).into(),
            title: p.title.clone(),
            text: key("priority", &p.id, &p.text),
            funding: money(&plan.sum(p.measures().filter(|m| kept(m)))),
            goals: p
                .goals
                .iter()
                .filter(|g| group.is_none() || g.measures().any(kept))
                .map(|g| Goal {
                    id: g.id.clone(),
                    number: numbers.of(&g.id).into(),
                    title: g.title.clone(),
                    text: key("goal", &g.id, &g.text),
                    contributes: g.contributes.clone(),
                    indicators: indicators(&g.indicators),
                    funding: money(&plan.sum(g.measures().filter(|m| kept(m)))),
                    objectives: g
                        .objectives
                        .iter()
                        .filter(|o| group.is_none() || o.measures.iter().any(kept))
                        .map(|o| Objective {
                            id: o.id.clone(),
                            number: numbers.of(&o.id).into(),
                            title: o.title.clone(),
                            text: key("objective", &o.id, &o.text),
                            indicators: indicators(&o.indicators),
                            funding: money(&plan.sum(o.measures.iter().filter(|m| kept(m)))),
                            measures: o
                                .measures
                                .iter()
                                .filter(|m| kept(m))
                                .map(|m| Measure {
                                    id: m.id.clone(),
                                    number: numbers.of(&m.id).into(),
                                    title: m.title.clone(),
                                    text: key("measure", &m.id, &m.text),
                                    responsible: names(&m.responsible, &plan.institutions),
                                    partners: names(&m.partners, &plan.institutions),
                                    group: m.group.as_ref().map(|g| named(g, &plan.groups)),
                                    period_text: m
                                        .period
                                        .map(|(a, b)| format::years(a, b))
                                        .unwrap_or_default(),
                                    funding: money(&plan.measure_totals(m)),
                                    indicators: indicators(&m.indicators),
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect::<Vec<Priority>>();

    let measures = || plan.measures().map(|(_, _, _, m)| m).filter(|m| kept(m));
    let total = plan.sum(measures());
    let funding = Funding {
        decimals,
        by_priority: priorities
            .iter()
            .map(|data| RowMoney {
                label: data.number.clone(),
                title: data.title.clone(),
                money: data.funding.clone(),
            })
            .collect(),
        by_year: plan
            .totals_by_year_of(measures())
            .iter()
            .map(|(year, totals)| RowMoney {
                label: year.to_string(),
                title: year.to_string(),
                money: money(totals),
            })
            .collect(),
        spread: Plan::any_spread_amounts(measures()),
        shares_text: total
            .by_source
            .iter()
            .map(|amount| {
                let share = if total.total.0 == 0 {
                    0.0
                } else {
                    100.0 * amount.0 as f64 / total.total.0 as f64
                };
                format!("{}\u{a0}%", format::number(share, 1, lang))
            })
            .collect(),
        total: money(&total),
    };

    // In a pack, only the items the pack shows count, and a higher-level goal none of them
    // contributes to is left out.
    let in_pack = |id: &str| {
        group.is_none()
            || priorities.iter().flat_map(|p| &p.goals).any(|g| {
                g.id == id
                    || g.objectives
                        .iter()
                        .any(|o| o.id == id || o.measures.iter().any(|m| m.id == id))
            })
    };
    let higher_goals = plan
        .higher_goals
        .iter()
        .map(|h| HigherGoal {
            id: h.id.clone(),
            document: h.document.clone(),
            title: h.title.clone(),
            contributors: contributors(plan, numbers, &h.id)
                .into_iter()
                .filter(|c| in_pack(&c.id))
                .collect(),
        })
        .filter(|h| group.is_none() || !h.contributors.is_empty())
        .collect();

    let mut abbreviations: Vec<Abbreviation> = plan
        .abbreviations
        .iter()
        .map(|(k, v)| Abbreviation {
            short: k.clone(),
            meaning: v.clone(),
        })
        .chain(
            plan.institutions
                .iter()
                .chain(&plan.sources)
                .map(|e| Abbreviation {
                    short: e.id.clone(),
                    meaning: e.name.clone(),
                }),
        )
        .collect();
    abbreviations.sort_by_key(|a| collation_key(&a.short));
    abbreviations.dedup_by(|a, b| a.short == b.short);

    let swot = plan.swot.as_ref().map(|s| {
        let keys = |kind: &str, list: &[crate::model::Text]| {
            (0..list.len())
                .map(|i| text_key(kind, &i.to_string()))
                .collect()
        };
        Swot {
            strengths: keys("strengths", &s.strengths),
            weaknesses: keys("weaknesses", &s.weaknesses),
            opportunities: keys("opportunities", &s.opportunities),
            threats: keys("threats", &s.threats),
        }
    });

    let meta = &plan.meta;
    Data {
        plan: PlanInfo {
            title: meta.title.clone(),
            short_title: meta.short_title.clone(),
            organisation: meta.organisation.clone(),
            period: [meta.period.0, meta.period.1],
            period_text: format::years(meta.period.0, meta.period.1),
            milestones: meta.milestones.clone(),
            language: lang,
            version: meta.version.clone(),
            status: meta.status,
            date: format::date(meta.date, lang),
            date_iso: [
                meta.date.year,
                i32::from(meta.date.month),
                i32::from(meta.date.day),
            ],
            money_unit: meta.money_unit.clone(),
            stamp: stamp.map(str::to_string),
            logo: logo.clone(),
            approval: meta.approval.as_ref().map(|a| Approval {
                body: a.body.clone(),
                body_genitive: match lang {
                    Language::Lt => format::genitive_lt(&a.body),
                    Language::En => a.body.clone(),
                },
                decision: a.decision.clone(),
                date: format::date(a.date, lang),
            }),
        },
        document: DocumentInfo {
            id: document.id.clone(),
            title: document.title.clone(),
            parts: document
                .parts
                .iter()
                .filter_map(|p| match p {
                    Part::Generated(g) => Some(g.name().to_string()),
                    Part::Chapter(_) => None,
                })
                .collect(),
            annex: document
                .parts
                .iter()
                .all(|p| matches!(p, Part::Generated(_))),
        },
        vision: Vision {
            statement: plan.vision.statement.clone(),
            text: plan
                .vision
                .text
                .as_ref()
                .map(|_| text_key("vision", "text")),
        },
        sources: plan
            .sources
            .iter()
            .map(|e| Named {
                id: e.id.clone(),
                name: e.name.clone(),
            })
            .collect(),
        institutions: plan
            .institutions
            .iter()
            .map(|e| Named {
                id: e.id.clone(),
                name: e.name.clone(),
            })
            .collect(),
        groups: plan
            .groups
            .iter()
            .map(|e| Named {
                id: e.id.clone(),
                name: e.name.clone(),
            })
            .collect(),
        higher_goals,
        abbreviations,
        priorities,
        funding,
        swot,
        pack: group.map(|g| Named {
            id: g.id.clone(),
            name: g.name.clone(),
        }),
    }
}

fn money(totals: &Totals, decimals: usize, lang: Language) -> Money {
    let text = |m: crate::model::Money| {
        if m.0 == 0 {
            String::new()
        } else {
            format::money(m, decimals, lang)
        }
    };
    Money {
        by_source: totals.by_source.iter().map(|m| m.as_f64()).collect(),
        by_source_text: totals.by_source.iter().map(|m| text(*m)).collect(),
        total: totals.total.as_f64(),
        total_text: format::money(totals.total, decimals, lang),
    }
}

/// A registry entry (institution, group, source) by id, with its name; an unknown id is
/// its own name. Shared with `plan export`.
pub fn named(id: &str, entries: &[crate::model::Entry]) -> Named {
    Named {
        id: id.to_string(),
        name: Plan::entry_name(entries, id).to_string(),
    }
}

/// An indicator with its code and one target per milestone, as the templates and
/// `plan export` show it.
pub fn indicator(
    i: &Indicator,
    numbers: &Numbers,
    milestones: &[i32],
    lang: Language,
) -> IndicatorData {
    let targets: Vec<Option<f64>> = milestones
        .iter()
        .map(|year| i.targets.iter().find(|(y, _)| y == year).map(|(_, v)| *v))
        .collect();
    IndicatorData {
        id: i.id.clone(),
        code: numbers.of(&i.id).into(),
        name: i.name.clone(),
        unit: i.unit.clone(),
        baseline: i.baseline.map(|(_, v)| v),
        baseline_year: i.baseline.map(|(y, _)| y),
        baseline_text: i
            .baseline
            .map(|(_, v)| format::value(v, lang))
            .unwrap_or_default(),
        targets_text: targets
            .iter()
            .map(|t| t.map(|v| format::value(v, lang)).unwrap_or_default())
            .collect(),
        targets,
        source: i.source.clone(),
        direction: i.direction,
    }
}

/// Items that contribute to a higher-level goal.
fn contributors(plan: &Plan, numbers: &Numbers, higher: &str) -> Vec<ItemRef> {
    let item = |kind: &'static str, id: &str, title: &str| ItemRef {
        kind,
        id: id.to_string(),
        number: numbers.of(id).to_string(),
        title: title.to_string(),
    };
    let mut list = Vec::new();
    for p in &plan.priorities {
        for g in &p.goals {
            if g.contributes.iter().any(|c| c == higher) {
                list.push(item("goal", &g.id, &g.title));
            }
            for o in &g.objectives {
                if o.contributes.iter().any(|c| c == higher) {
                    list.push(item("objective", &o.id, &o.title));
                }
                for m in &o.measures {
                    if m.contributes.iter().any(|c| c == higher) {
                        list.push(item("measure", &m.id, &m.title));
                    }
                }
            }
        }
    }
    list
}

/// Sort key that orders Lithuanian letters after their base letters (a < ą < b, c < č …).
fn collation_key(text: &str) -> Vec<(u32, u32)> {
    const ORDER: &str = "aąbcčdeęėfghiįyjklmnoprsštuųūvzž";
    text.to_lowercase()
        .chars()
        .map(|c| match ORDER.chars().position(|o| o == c) {
            Some(i) => (0, i as u32),
            None => (1, c as u32),
        })
        .collect()
}

/// The data as JSON for the templates, with break opportunities in very long words of
/// every text a template sets (see [`crate::markdown::escape::breakable`]: zero-width
/// spaces, which `document.typ` sets as spacing, so copied text has none); ids and other
/// keys the templates match on are left exactly as they are.
pub fn to_json(data: &impl Serialize) -> String {
    let mut value = serde_json::to_value(data).unwrap_or_default();
    breakable_texts(&mut value);
    serde_json::to_string(&value).unwrap_or_default()
}

/// Keys whose strings are identifiers or keywords, not text to set.
const VERBATIM_KEYS: &[&str] = &[
    "id",
    "contributes",
    "parts",
    "logo",
    "language",
    "kind",
    "status",
    "direction",
    "date-iso",
    "stamp",
];

fn breakable_texts(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(text) => {
            if let std::borrow::Cow::Owned(broken) = crate::markdown::escape::breakable(text) {
                *text = broken;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(breakable_texts),
        serde_json::Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                if !VERBATIM_KEYS.contains(&key.as_str()) {
                    breakable_texts(item);
                }
            }
        }
        _ => {}
    }
}
