//! Builds the [`Data`] of one document, or of a working group's review pack of it.

use crate::format;
use crate::ledger::{Book, Ledger, MoneyFormat, Totals};
use crate::model::{
    self, Code, CodeStyle, Document, Entry, Indicator, Language, Need, Part, Plan, Status,
};
use crate::number::Numbers;
use crate::understand::text_key;

use super::{
    Abbreviation, Amendment, Anchors, Annex, Approval, Baseline, Cell, Data, DocumentInfo, Funding,
    Goal, HigherGoal, IndicatorData, ItemRef, Measure, Member, Money, Named, Objective, PlanInfo,
    Principle, Priority, RowMoney, Swot, SwotItem, Text, Vision,
};

/// Builds the data one document's templates receive. With `group`, the data of that working
/// group's review pack: only the group's measures, the objectives, goals and priorities
/// that hold them (with their indicators), and funding summed over those measures alone
/// (the ledger's book of the group); numbers stay those of the full plan.
///
/// `changes` is the number of the annex of changes when a build adds it to this document:
/// the list of annexes names it.
pub(crate) fn build(
    checked: &crate::Checked,
    logo: &Option<String>,
    stamp: Option<&str>,
    document: &Document,
    group: Option<&Entry>,
    changes: Option<usize>,
) -> Data {
    let (plan, numbers, ledger) = (&checked.plan, &checked.numbers, &checked.ledger);
    let view = View {
        plan,
        numbers,
        ledger,
        book: ledger.book(plan, group.map(|g| g.id.as_str())),
        group,
        amounts: ledger.format(),
        lang: plan.meta.language,
        target_years: plan.target_years(),
    };
    let priorities = view.priorities();
    let funding = view.funding_tables(&priorities);
    let higher_goals = view.higher_goals(&priorities);
    let entries = |list: &[Entry]| list.iter().map(entry).collect();
    Data {
        plan: plan_info(plan, logo, stamp, view.target_years.clone()),
        document: document_info(plan, document),
        vision: Vision {
            statement: plan.vision.statement.as_str().into(),
            mission: plan.vision.mission.as_deref().map(bound),
            text: plan
                .vision
                .text
                .as_ref()
                .map(|_| text_key("vision", "text")),
            indicators: view.indicators(&plan.vision.indicators),
        },
        sources: entries(&plan.sources),
        institutions: entries(&plan.institutions),
        groups: entries(&plan.groups),
        members: plan
            .members
            .iter()
            .map(|(group, members)| (group.clone(), members.iter().map(member).collect()))
            .collect(),
        higher_goals,
        abbreviations: abbreviations(plan),
        action_plan: super::action_plan::action_plan(plan, &priorities),
        priorities,
        funding,
        swot: plan.swot.as_ref().map(|s| swot(s, plan, numbers)),
        scenarios: super::scenarios::scenarios(plan, numbers),
        principles: plan
            .principles
            .iter()
            .map(|p| Principle {
                id: p.id.clone(),
                name: bound(&p.name),
                text: key("principle", &p.id, &p.text),
                items: naming(plan, numbers, &p.id, Tags::Principles),
            })
            .collect(),
        pack: group.map(entry),
        report: document
            .report
            .filter(|year| plan.monitoring.contains_key(year))
            .map(|year| {
                let money = |totals: &Totals| view.money(totals);
                super::report::report(plan, numbers, ledger, year, &money, &|i| view.indicator(i))
            }),
        annexes: super::annexes::annexes(plan, &checked.understood.chapters, changes),
    }
}

/// What every part of the view is built from: the plan, its numbers and ledger, and the
/// working group of a review pack.
struct View<'a> {
    plan: &'a Plan,
    numbers: &'a Numbers,
    ledger: &'a Ledger,
    /// The sums the document shows: the whole plan's, or in a pack the group's.
    book: &'a Book,
    /// In a pack, only this group's measures count.
    group: Option<&'a Entry>,
    /// How amounts are written.
    amounts: MoneyFormat,
    lang: Language,
    /// The plan's target years (`Plan::target_years`), found once: every indicator's data
    /// needs them, and finding them walks every indicator.
    target_years: Vec<i32>,
}

impl View<'_> {
    /// Whether a measure is in the view: every measure, or in a pack the group's.
    fn kept(&self, m: &model::Measure) -> bool {
        self.group
            .is_none_or(|g| m.group.as_deref() == Some(g.id.as_str()))
    }

    /// Whether an item holding `measures` is shown: in the full document every item, even
    /// one without measures; in a pack only those holding one of the group's.
    fn shows<'m>(&self, mut measures: impl Iterator<Item = &'m model::Measure>) -> bool {
        self.group.is_none() || measures.any(|m| self.kept(m))
    }

    /// An item's funding as the document shows it (in a pack, its group's measures').
    fn funding(&self, id: &str) -> Money {
        self.money(&self.book.of(id).funding)
    }

    fn money(&self, totals: &Totals) -> Money {
        money(totals, self.amounts)
    }

    /// Indicators as the templates set them: names with Lithuanian typography's no-break
    /// spaces ("100 000 gyventojų"; exports keep the name as written).
    fn indicators(&self, list: &[Indicator]) -> Vec<IndicatorData> {
        list.iter().map(|i| self.indicator(i)).collect()
    }

    fn indicator(&self, i: &Indicator) -> IndicatorData {
        let mut data = indicator(i, self.numbers, &self.target_years, self.lang);
        data.name = bound(&data.name);
        for text in [
            &mut data.source,
            &mut data.method,
            &mut data.frequency,
            &mut data.reporter,
        ] {
            *text = text.as_deref().map(bound);
        }
        data
    }

    fn number(&self, id: &str) -> Text {
        self.numbers.of(id).into()
    }

    /// A code from outside as shown beside the number: not at all when it is the number.
    fn code(&self, code: &Option<Code>) -> Option<Text> {
        let code = code.as_ref()?;
        (self.plan.numbering.codes == CodeStyle::Beside).then(|| code.text.as_str().into())
    }

    fn need(&self, need: &Option<Need>) -> Option<Text> {
        need.as_ref().map(|n| self.amounts.text(n.money).into())
    }

    fn priorities(&self) -> Vec<Priority> {
        let plan = self.plan;
        plan.priorities
            .iter()
            .filter(|p| self.shows(p.measures()))
            .map(|p| Priority {
                id: p.id.clone(),
                number: self.number(&p.id),
                code: self.code(&p.code),
                title: bound(&p.title),
                text: key("priority", &p.id, &p.text),
                need: self.need(&p.need),
                indicators: self.indicators(&p.indicators),
                funding: self.funding(&p.id),
                goals: p
                    .goals
                    .iter()
                    .filter(|g| self.shows(g.measures()))
                    .map(|g| self.goal(g))
                    .collect(),
            })
            .collect()
    }

    fn goal(&self, g: &model::Goal) -> Goal {
        Goal {
            id: g.id.clone(),
            number: self.number(&g.id),
            code: self.code(&g.code),
            title: bound(&g.title),
            text: key("goal", &g.id, &g.text),
            need: self.need(&g.need),
            answers: g.answers.iter().map(|id| self.number(id)).collect(),
            principles: g.principles.clone(),
            contributes: g.contributes.clone(),
            indicators: self.indicators(&g.indicators),
            funding: self.funding(&g.id),
            objectives: g
                .objectives
                .iter()
                .filter(|o| self.shows(o.measures.iter()))
                .map(|o| Objective {
                    id: o.id.clone(),
                    number: self.number(&o.id),
                    code: self.code(&o.code),
                    title: bound(&o.title),
                    text: key("objective", &o.id, &o.text),
                    need: self.need(&o.need),
                    principles: o.principles.clone(),
                    indicators: self.indicators(&o.indicators),
                    funding: self.funding(&o.id),
                    measures: o
                        .measures
                        .iter()
                        .filter(|m| self.kept(m))
                        .map(|m| self.measure(m))
                        .collect(),
                })
                .collect(),
        }
    }

    fn measure(&self, m: &model::Measure) -> Measure {
        let plan = self.plan;
        let names = |ids: &[String]| ids.iter().map(|id| named(id, &plan.institutions)).collect();
        Measure {
            id: m.id.clone(),
            number: self.number(&m.id),
            code: self.code(&m.code),
            title: bound(&m.title),
            text: key("measure", &m.id, &m.text),
            principles: m.principles.clone(),
            responsible: names(&m.responsible),
            partners: names(&m.partners),
            group: m.group.as_ref().map(|g| named(g, &plan.groups)),
            period_text: m.period.map(|(a, b)| format::years(a, b).into()),
            funding: self.funding(&m.id),
            contributes: m.contributes.clone(),
            investment_project: m.investment_project,
            indicators: self.indicators(&m.indicators),
        }
    }

    /// Funding per priority (as `priorities` shows them), per year and in total.
    fn funding_tables(&self, priorities: &[Priority]) -> Funding {
        let sums = self.book.plan();
        let total = &sums.funding;
        Funding {
            decimals: self.amounts.decimals,
            by_priority: priorities
                .iter()
                .map(|p| RowMoney {
                    label: p.number.clone(),
                    title: bound(&p.title),
                    money: p.funding.clone(),
                    need: p.need.clone(),
                })
                .collect(),
            // A year without funding is left out, not printed as "0,0".
            by_year: sums
                .by_year
                .iter()
                .filter(|(_, totals)| totals.total.0 != 0)
                .map(|(year, totals)| RowMoney {
                    label: year.to_string().into(),
                    title: year.to_string().into(),
                    money: self.money(totals),
                    need: None,
                })
                .collect(),
            spread: sums.spread,
            // No share of nothing: 0 of 0 is no number (the template's dash), never "0 %"
            // or "100 %".
            shares: total
                .by_source
                .iter()
                .map(|amount| {
                    (total.total.0 != 0).then(|| {
                        Cell::percent(100.0 * amount.0 as f64 / total.total.0 as f64, self.lang)
                    })
                })
                .collect(),
            total: self.money(total),
            // A pack sums only its group's measures; a priority's need is for all of them.
            need_total: self
                .ledger
                .need_total()
                .filter(|_| self.group.is_none())
                .map(|need| self.amounts.text(need).into()),
        }
    }

    /// The higher-level goals with their contributors. In a pack, only the items the pack
    /// shows count, and a higher-level goal none of them contributes to is left out.
    fn higher_goals(&self, priorities: &[Priority]) -> Vec<HigherGoal> {
        let in_pack = |id: &str| {
            self.group.is_none()
                || priorities.iter().flat_map(|p| &p.goals).any(|g| {
                    g.id == id
                        || g.objectives
                            .iter()
                            .any(|o| o.id == id || o.measures.iter().any(|m| m.id == id))
                })
        };
        self.plan
            .higher_goals
            .iter()
            .map(|h| HigherGoal {
                id: h.id.clone(),
                document: h.document.as_str().into(),
                title: bound(&h.title),
                contributors: naming(self.plan, self.numbers, &h.id, Tags::Contributes)
                    .into_iter()
                    .filter(|c| in_pack(&c.id))
                    .collect(),
            })
            .filter(|h| self.group.is_none() || !h.contributors.is_empty())
            .collect()
    }
}

/// Text set with Lithuanian typography's no-break spaces (see [`format::bind_words`]).
fn bound(text: &str) -> Text {
    format::bind_words(text).into()
}

/// The key of an item's Markdown text in `texts`, if it has one.
fn key(kind: &str, id: &str, text: &Option<model::Text>) -> Option<String> {
    text.as_ref().map(|_| text_key(kind, id))
}

/// The plan's facts every template reads; `milestones` are its target years (the view has
/// found them).
fn plan_info(
    plan: &Plan,
    logo: &Option<String>,
    stamp: Option<&str>,
    milestones: Vec<i32>,
) -> PlanInfo {
    let meta = &plan.meta;
    let lang = meta.language;
    PlanInfo {
        title: meta.title.as_str().into(),
        short_title: meta.short_title.as_str().into(),
        organisation: meta.organisation.as_str().into(),
        period: [meta.period.0, meta.period.1],
        period_text: format::years(meta.period.0, meta.period.1).into(),
        milestones,
        language: lang,
        version: given(&meta.version),
        status: meta.status,
        date: format::date(meta.date, lang).into(),
        date_iso: [
            meta.date.year,
            i32::from(meta.date.month),
            i32::from(meta.date.day),
        ],
        money_unit: bound(&meta.money_unit),
        stamp: stamp.map(str::to_string),
        logo: logo.clone(),
        approval: meta
            .approval
            .as_ref()
            .map(|a| approval(a, lang, meta.status)),
    }
}

/// The approval mark: a draft's with blanks, an approved document's with what is known of
/// the decision and the redaction line of its last amendment.
fn approval(a: &crate::model::Approval, lang: Language, status: Status) -> Approval {
    let genitive = |body: &str| -> Text {
        match lang {
            Language::Lt => format::genitive_lt(body).into(),
            Language::En => body.into(),
        }
    };
    let blank = status == Status::Draft;
    Approval {
        body: a.body.as_str().into(),
        body_genitive: genitive(&a.body),
        decision: a.decision.as_deref().filter(|_| !blank).map(Text::from),
        date: a
            .date
            .filter(|_| !blank)
            .map(|d| format::date(d, lang).into()),
        blank,
        amendment: a.amendments.last().filter(|_| !blank).map(|m| Amendment {
            body_genitive: genitive(m.body.as_deref().unwrap_or(&a.body)),
            date: format::date(m.date, lang).into(),
            decision: m.decision.as_str().into(),
        }),
    }
}

/// A text the plan may leave out (a version, an indicator's unit), which the model holds as
/// empty: `none` then.
fn given(text: &str) -> Option<Text> {
    (!text.is_empty()).then(|| text.into())
}

fn document_info(plan: &Plan, document: &Document) -> DocumentInfo {
    let lang = plan.meta.language;
    let edition = document.edition(&plan.meta);
    let generated: Vec<_> = document
        .parts
        .iter()
        .filter_map(|p| match p {
            Part::Generated(g) => Some(*g),
            Part::Chapter(_) => None,
        })
        .collect();
    DocumentInfo {
        id: document.id.clone(),
        title: document.title.as_str().into(),
        date: format::date(edition.date, lang).into(),
        version: given(edition.version),
        status: edition.status,
        approval: edition.approval.map(|a| approval(a, lang, edition.status)),
        form: edition.form,
        has_annex_parts: !document.annex_parts.is_empty(),
        show_period: document.report.is_none()
            && !document
                .title
                .contains(&format::years(plan.meta.period.0, plan.meta.period.1)),
        parts: generated.iter().map(|g| g.name()).collect(),
        anchors: Anchors {
            items: crate::parts::anchor(&generated, |d| d.anchors.items),
            indicators: crate::parts::anchor(&generated, |d| d.anchors.indicators),
        },
        tables_only: document
            .parts
            .iter()
            .all(|p| matches!(p, Part::Generated(_))),
        annex: document.annex.map(|number| Annex {
            number,
            of: bound(&plan.meta.title_genitive),
        }),
        annex_of: bound(&plan.meta.title_genitive),
        cards: document.cards.clone(),
    }
}

/// `[abbreviations]` and the ids of institutions and sources, in Lithuanian alphabetical
/// order, each once (the first meaning given wins).
fn abbreviations(plan: &Plan) -> Vec<Abbreviation> {
    let mut list: Vec<Abbreviation> = plan
        .abbreviations
        .iter()
        .map(|(k, v)| Abbreviation {
            short: k.as_str().into(),
            meaning: v.as_str().into(),
        })
        .chain(
            plan.institutions
                .iter()
                .chain(&plan.sources)
                .map(|e| Abbreviation {
                    short: e.id.as_str().into(),
                    meaning: e.name.as_str().into(),
                }),
        )
        .collect();
    list.sort_by_key(|a| collation_key(&a.short));
    list.dedup_by(|a, b| a.short == b.short);
    list
}

/// The SWOT lists: each item's code, the key of its text, and the goals answering it.
fn swot(s: &model::Swot, plan: &Plan, numbers: &Numbers) -> Swot {
    let items = |kind: &str, list: &[model::SwotItem]| {
        list.iter()
            .enumerate()
            .map(|(i, item)| SwotItem {
                id: item.id.clone(),
                code: crate::number::swot_code(plan.meta.language, kind, i + 1).into(),
                text: text_key(kind, &i.to_string()),
                goals: item.id.as_ref().map_or_else(Vec::new, |id| {
                    let goals = plan.priorities.iter().flat_map(|p| &p.goals);
                    goals
                        .filter(|g| g.answers.contains(id))
                        .map(|g| numbers.of(&g.id).into())
                        .collect()
                }),
            })
            .collect()
    };
    Swot {
        strengths: items("strengths", &s.strengths),
        weaknesses: items("weaknesses", &s.weaknesses),
        opportunities: items("opportunities", &s.opportunities),
        threats: items("threats", &s.threats),
        coded: s.has_ids(),
    }
}

/// Amounts as templates read them: numbers with their text in the plan's format (a source
/// that gives nothing is `none`).
fn money(totals: &Totals, format: MoneyFormat) -> Money {
    let cell = |amount: crate::ledger::Money| Cell::new(amount.as_f64(), format.text(amount));
    Money {
        by_source: totals
            .by_source
            .iter()
            .map(|m| (m.0 != 0).then(|| cell(*m)))
            .collect(),
        total: cell(totals.total),
    }
}

/// A registry entry with its name.
pub(super) fn entry(e: &Entry) -> Named {
    Named {
        id: e.id.clone(),
        name: e.name.as_str().into(),
    }
}

/// A working group's member.
fn member(m: &model::Member) -> Member {
    Member {
        name: m.name.as_str().into(),
        role: m.role.as_deref().map(Text::from),
        institution: m.institution.as_deref().map(Text::from),
    }
}

/// A registry entry (institution, group, source) by id, with its name; an unknown id is
/// its own name.
pub(crate) fn named(id: &str, entries: &[Entry]) -> Named {
    Named {
        id: id.to_string(),
        name: Plan::entry_name(entries, id).into(),
    }
}

/// An indicator with its code and one target per milestone.
pub(crate) fn indicator(
    i: &Indicator,
    numbers: &Numbers,
    milestones: &[i32],
    lang: Language,
) -> IndicatorData {
    let targets: Vec<Option<f64>> = milestones
        .iter()
        .map(|year| i.targets.iter().find(|(y, _)| y == year).map(|(_, v)| *v))
        .collect();
    // One number of decimals for all of an indicator's values, so that a column of them
    // reads alike ("12,4" and "15,0", not "15").
    let places = i
        .baseline
        .map(|(_, v)| v)
        .into_iter()
        .chain(targets.iter().flatten().copied())
        .map(format::decimals)
        .max()
        .unwrap_or(0);
    let shown = |v: f64| format::number(v, places, lang);
    let text = |t: &Option<String>| t.as_deref().map(Text::from);
    IndicatorData {
        id: i.id.clone(),
        code: numbers.of(&i.id).into(),
        name: i.name.as_str().into(),
        unit: given(&i.unit),
        baseline: i.baseline.map(|(year, value)| Baseline {
            year,
            value,
            text: shown(value).into(),
        }),
        targets: targets
            .into_iter()
            .map(|t| t.map(|v| Cell::new(v, shown(v))))
            .collect(),
        source: text(&i.source),
        method: text(&i.method),
        frequency: text(&i.frequency),
        reporter: text(&i.reporter),
        direction: i.direction,
    }
}

/// Which list of an item names what it is tagged with.
#[derive(Clone, Copy)]
enum Tags {
    /// `contributes`: higher-level goals.
    Contributes,
    /// `principles`: horizontal principles.
    Principles,
}

/// Goals, objectives and measures whose `tags` list names `wanted`, in plan order.
fn naming(plan: &Plan, numbers: &Numbers, wanted: &str, tags: Tags) -> Vec<ItemRef> {
    plan.items()
        .filter(|t| {
            let list = match tags {
                Tags::Contributes => t.contributes,
                Tags::Principles => t.principles,
            };
            list.iter().any(|c| c == wanted)
        })
        .map(|t| ItemRef {
            kind: t.kind,
            id: t.id.to_string(),
            number: numbers.of(t.id).into(),
            title: t.title.into(),
        })
        .collect()
}

/// Sort key that orders Lithuanian letters after their base letters (a < ą < b, c < č …).
pub(super) fn collation_key(text: &str) -> Vec<(u32, u32)> {
    const ORDER: &str = "aąbcčdeęėfghiįyjklmnoprsštuųūvzž";
    text.to_lowercase()
        .chars()
        .map(|c| match ORDER.chars().position(|o| o == c) {
            Some(i) => (0, i as u32),
            None => (1, c as u32),
        })
        .collect()
}
