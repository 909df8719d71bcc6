//! Builds the typed [`Plan`] from the raw files: resolves every id reference, assembles the
//! strategy tree from parent references, converts years, dates and amounts, and reports
//! each problem at its span.

use std::collections::{BTreeMap, HashMap, HashSet};

use toml::Spanned;

use super::*;
use crate::diag::{Diagnostic, Diagnostics, FileId, Span};
use crate::load::RawPlan;
use crate::load::raw;
use crate::parts::{Needs, needing};
use crate::suggest::{closest, hint};

/// Plausible years for a strategic plan; anything else is a typo.
const YEARS: std::ops::RangeInclusive<i64> = 1900..=2200;

/// Builds the plan. Problems go to `diags`; the plan is returned even when some parts were
/// dropped, so that all problems are reported in one run.
pub fn build_plan(raw: RawPlan, diags: &mut Diagnostics) -> Plan {
    let (plan_file, file) = (raw.plan.0, raw.plan.1);
    let mut cx = Builder {
        diags,
        ids: HashMap::new(),
        codes: HashMap::new(),
        folded: HashMap::new(),
        dropped: raw.unread_ids.iter().cloned().collect(),
        unreadable: raw.unreadable,
        swot_unreadable: raw.analysis_unreadable,
        unresolved: HashSet::new(),
    };

    let meta = cx.meta(plan_file, &file.plan);
    let mut vision = match &file.vision {
        Some(v) => Vision {
            statement: v.get_ref().statement.get_ref().clone(),
            mission: v
                .get_ref()
                .mission
                .as_ref()
                .map(|m| cx.text_value(plan_file, m, "mission")),
            text: v.get_ref().text.as_ref().map(|t| text(plan_file, t)),
            indicators: Vec::new(),
        },
        None => {
            cx.diags.push(
                Diagnostic::warning("the plan has no `[vision]`")
                    .code("no-vision")
                    .at(Span::new(plan_file, 0..0))
                    .hint("add `[vision]` with `statement = \"…\"`"),
            );
            Vision {
                statement: String::new(),
                mission: None,
                text: None,
                indicators: Vec::new(),
            }
        }
    };
    let numbering = file
        .numbering
        .as_ref()
        .map(|n| Numbering {
            priority: n
                .get_ref()
                .priority
                .as_ref()
                .map(|p| *p.get_ref())
                .unwrap_or_default(),
            goal: n
                .get_ref()
                .goal
                .as_ref()
                .map(|g| *g.get_ref())
                .unwrap_or_default(),
            codes: n
                .get_ref()
                .codes
                .as_ref()
                .map(|c| *c.get_ref())
                .unwrap_or_default(),
        })
        .unwrap_or_default();

    let sources = cx.entries(plan_file, &file.source, "source");
    let institutions = cx.entries(plan_file, &file.institution, "institution");
    let groups = cx.entries(plan_file, &file.group, "working group");
    let members = cx.members(plan_file, &file.group);
    let higher_goals = file
        .higher_goal
        .iter()
        .filter_map(|h| {
            let h = h.get_ref();
            cx.define(plan_file, &h.id, "higher-level goal")?;
            Some(HigherGoal {
                id: h.id.get_ref().clone(),
                document: h.document.get_ref().clone(),
                title: h.title.get_ref().clone(),
                span: span(plan_file, &h.id),
            })
        })
        .collect::<Vec<_>>();
    let abbreviations = file
        .abbreviations
        .iter()
        .map(|(k, v)| (k.clone(), v.get_ref().clone()))
        .collect();
    let documents = cx.documents(plan_file, &file.document, &meta);

    let principles = cx.principles(plan_file, &file.principle);
    let swot = raw
        .analysis
        .as_ref()
        .and_then(|(file, analysis)| analysis.swot.as_ref().map(|s| cx.swot(*file, s.get_ref())));
    let swot_ids: Vec<String> = swot
        .iter()
        .flat_map(|s| s.quadrants())
        .flat_map(|(_, items)| items.iter().filter_map(|i| i.id.clone()))
        .collect();
    let registries = Registries {
        principles: &principles,
        swot: &swot_ids,
        sources: &sources,
        institutions: &institutions,
        groups: &groups,
        higher_goals: &higher_goals,
        period: meta.period,
        milestones: &meta.milestones,
    };
    if let Some(v) = &file.vision {
        vision.indicators = cx.indicators(plan_file, &v.get_ref().indicator, &registries);
    }
    let priorities = cx.strategy(&raw.strategy, &registries);
    cx.empty_structure(&raw.strategy, &priorities, plan_file, &file.document);
    if let Some(name) = needing(&documents, Needs::Principles).filter(|_| principles.is_empty()) {
        cx.diags.push(
            Diagnostic::warning(format!("a document includes `@{name}` but the plan defines no principle"))
                .code("no-principles")
                .at(Span::new(plan_file, 0..0))
                .hint(format!("add `[[principle]]` with `id` and `name` to plan.toml, or remove \"@{name}\" from `parts`")),
        );
    }
    let analysis_failed = raw.analysis_unreadable;
    let swot_missing = swot.is_none() && !analysis_failed;
    if let Some(name) = needing(&documents, Needs::Swot).filter(|_| swot_missing) {
        cx.diags.push(
            Diagnostic::warning(format!(
                "a document includes `@{name}` but there is no `[swot]` in analysis.toml",
            ))
            .code("no-swot")
            .hint(format!(
                "add analysis.toml with `[swot]` lists, or remove \"@{name}\" from `parts`"
            )),
        );
    }

    let mut plan = Plan {
        root: raw.root,
        meta,
        vision,
        numbering,
        plugins: file
            .templates
            .as_ref()
            .and_then(|t| t.get_ref().plugins.as_ref())
            .is_some_and(|p| *p.get_ref()),
        sources,
        institutions,
        groups,
        members,
        higher_goals,
        abbreviations,
        documents,
        priorities,
        swot,
        principles,
        chapters: raw.chapters,
        monitoring: BTreeMap::new(),
        gaps: Gaps::default(),
    };
    plan.monitoring = monitoring::reports(&mut cx, &raw.monitoring, &plan);
    for d in &file.document {
        let d = d.get_ref();
        if let Some(year) = &d.report
            && let Ok(wanted) = i32::try_from(*year.get_ref())
            && !plan.monitoring.contains_key(&wanted)
            && !raw.monitoring.iter().any(|m| m.year == wanted)
            && !raw.monitoring_unread.contains(&wanted)
            && YEARS.contains(year.get_ref())
        {
            cx.error(
                "no-monitoring",
                span(plan_file, year),
                format!("the report is about {wanted}, but there is no monitoring/{wanted}.toml"),
            )
            .hints
            .push(format!("write the year's actual values in monitoring/{wanted}.toml; `plan export --collect {wanted} --format xlsx` makes a workbook to collect them"));
        }
    }
    plan.gaps = Gaps {
        ids: cx.dropped,
        unreadable: cx.unreadable,
        unresolved: cx.unresolved,
    };
    plan
}

/// What strategy items may refer to.
struct Registries<'a> {
    principles: &'a [Principle],
    /// The ids of SWOT items, for `answers`.
    swot: &'a [String],
    sources: &'a [Entry],
    institutions: &'a [Entry],
    groups: &'a [Entry],
    higher_goals: &'a [HigherGoal],
    period: (i32, i32),
    milestones: &'a [i32],
}

/// Shared state while building: diagnostics and every id defined so far.
pub(super) struct Builder<'a> {
    diags: &'a mut Diagnostics,
    /// Every id of the plan's single namespace, with where it was defined.
    ids: HashMap<String, Span>,
    /// Every code given from outside, with where it was written.
    codes: HashMap<String, Span>,
    /// Every id folded (lower case, no diacritics), to spot near-duplicates.
    folded: HashMap<String, (String, Span)>,
    /// Ids written in the plan but dropped because of an error already reported; a
    /// reference to one is not reported again.
    dropped: HashSet<String>,
    /// Whether some ids are unknown because a file could not be read at all.
    unreadable: bool,
    /// Whether analysis.toml could not be read, so SWOT ids may be missing.
    swot_unreadable: bool,
    /// Kinds of ids ("principle", "institution" …) with a reference that did not resolve.
    unresolved: HashSet<&'static str>,
}

fn span<T>(file: FileId, value: &Spanned<T>) -> Span {
    Span::new(file, value.span())
}

fn text(file: FileId, value: &raw::Str) -> Text {
    Text {
        markdown: value.get_ref().clone(),
        span: span(file, value),
    }
}

/// Whether an id follows the format's rule: letters (Lithuanian too), digits, `-`, `.`, `_`.
pub fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(char::is_alphanumeric)
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_'))
}

impl Builder<'_> {
    pub(super) fn error(
        &mut self,
        code: &'static str,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.push(Diagnostic::error(message).code(code).at(span))
    }

    pub(super) fn warning(
        &mut self,
        code: &'static str,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.push(Diagnostic::warning(message).code(code).at(span))
    }

    fn push(&mut self, diagnostic: Diagnostic) -> &mut Diagnostic {
        self.diags.push_mut(diagnostic)
    }

    /// Registers an id in the plan's namespace; `None` (with an error) if it is malformed or
    /// already taken.
    fn define(&mut self, file: FileId, id: &raw::Str, what: &str) -> Option<()> {
        let at = span(file, id);
        let id = id.get_ref();
        if !valid_id(id) || self.ids.contains_key(id) {
            // The item is left out; references to it need no second report.
            self.dropped.insert(id.clone());
        }
        if !valid_id(id) {
            let d = self.error("invalid-id", at, format!("`{id}` is not a valid {what} id"));
            d.label = "ids use letters, digits, `-` and `.`".into();
            d.hints.push(format!(
                "write it like \"{}\"",
                suggest_id(id).unwrap_or_else(|| "saules-elektrines".into())
            ));
            return None;
        }
        if let Some(first) = self.ids.get(id).cloned() {
            let d = self.error("duplicate-id", at, format!("the id `{id}` is used twice"));
            d.label = format!("this {what} repeats it");
            d.related.push((first, "first defined here".into()));
            d.hints
                .push("ids are unique across the whole plan; rename one of them".into());
            return None;
        }
        let folded = crate::suggest::fold(id);
        if let Some((other, first)) = self.folded.get(&folded).cloned() {
            self.diags.push(
                Diagnostic::help(format!("the id `{id}` differs from `{other}` only by case or diacritics"))
.code("similar-id")
                    .at(at.clone())
                    .related(first, "the other one")
                    .hint("ids are case-sensitive, so these are two different items; rename one if that was not meant"),
            );
        } else {
            self.folded.insert(folded, (id.clone(), at.clone()));
        }
        self.ids.insert(id.clone(), at);
        Some(())
    }

    /// Reports a one-line value longer than any heading, bookmark or PDF title can hold.
    fn short_enough(&mut self, file: FileId, value: &raw::Str, key: &str) {
        if let Some(problem) = super::too_long(value.get_ref(), key, span(file, value)) {
            self.push(problem);
        }
    }

    /// A title or name, which must not be blank; tabs become spaces.
    fn text_value(&mut self, file: FileId, value: &raw::Str, key: &str) -> String {
        self.short_enough(file, value, key);
        if value.get_ref().trim().is_empty() {
            self.error(
                "empty-text",
                span(file, value),
                format!("the {key} is empty"),
            )
            .hints
            .push(format!("write the {key}; it is what the documents show"));
        }
        // A tab is a space here: typst would drop it.
        value.get_ref().trim().replace('\t', " ")
    }

    /// Checks a reference to a registry entry, suggesting a near id when it is misspelt.
    pub(super) fn resolve<'e>(
        &mut self,
        file: FileId,
        reference: &raw::Str,
        what: &'static str,
        known: impl Iterator<Item = &'e str> + Clone,
    ) -> Option<String> {
        let id = reference.get_ref();
        if known.clone().any(|k| k == id) {
            return Some(id.clone());
        }
        let strategy_item = matches!(what, "goal" | "objective");
        let swot_item = what == "SWOT item";
        if self.dropped.contains(id)
            || (self.unreadable && strategy_item)
            || (self.swot_unreadable && swot_item)
        {
            // Its definition already has an error; one report is enough.
            return None;
        }
        self.unresolved.insert(what);
        let d = self.error(
            "unknown-id",
            span(file, reference),
            format!("unknown {what} `{id}`"),
        );
        d.label = format!("no {what} has this id");
        match closest(id, known.clone()) {
            Some(best) if crate::suggest::fold(best) == crate::suggest::fold(id) => {
                d.hints
                    .push(format!("ids are case-sensitive: write `{best}`"));
            }
            Some(best) => d.hints.push(format!("did you mean `{best}`?")),
            None => {
                let all: Vec<&str> = known.take(12).collect();
                d.hints.push(if all.is_empty() {
                    format!("no {what} is defined yet")
                } else {
                    format!("known ids: {}", all.join(", "))
                });
            }
        }
        None
    }

    fn year(&mut self, file: FileId, year: &Spanned<i64>) -> Option<i32> {
        let value = *year.get_ref();
        if YEARS.contains(&value) {
            Some(value as i32)
        } else {
            self.error(
                "bad-year",
                span(file, year),
                format!("{value} is not a plausible year"),
            )
            .label = "expected a year such as 2024".into();
            None
        }
    }

    /// A `[first, last]` pair of years.
    fn period(&mut self, file: FileId, period: &Spanned<Vec<Spanned<i64>>>) -> Option<(i32, i32)> {
        let at = span(file, period);
        let [first, last] = period.get_ref().as_slice() else {
            let d = self.error(
                "bad-period",
                at,
                "a period is two years, the first and the last",
            );
            d.hints.push("write e.g. `period = [2022, 2026]`".into());
            return None;
        };
        let (first, last) = (self.year(file, first)?, self.year(file, last)?);
        if first > last {
            let d = self.error(
                "period-reversed",
                at,
                format!("the period starts in {first}, after it ends in {last}"),
            );
            d.hints.push(format!("write `[{last}, {first}]`"));
            return None;
        }
        Some((first, last))
    }

    /// A plan's date is a day: a plain local date (no time, no offset) in a plausible year.
    /// Anything else is an error at the value; the day written, if any, still stands in.
    fn date(&mut self, file: FileId, value: &Spanned<toml::value::Datetime>) -> Date {
        let written = value.get_ref();
        let date = written.date.map(|d| Date {
            year: i32::from(d.year),
            month: d.month,
            day: d.day,
        });
        let problem = match (&date, written.time) {
            (None, _) => Some(("expected a date".to_string(), None)),
            (Some(d), Some(_)) => Some((
                "expected a date, found a date and a time".to_string(),
                Some(format!(
                    "a plan's dates are days: write the day alone, `date = {d}`"
                )),
            )),
            (Some(d), None) if !YEARS.contains(&i64::from(d.year)) => Some((
                format!("{} is not a plausible year for a date", d.year),
                Some(format!(
                    "a plan's dates lie between {} and {}",
                    YEARS.start(),
                    YEARS.end()
                )),
            )),
            (Some(_), None) => None,
        };
        if let Some((message, hint)) = problem {
            let hint = hint
                .unwrap_or_else(|| "write a date without quotes, e.g. `date = 2020-12-15`".into());
            self.error("bad-date", span(file, value), message)
                .hints
                .push(hint);
        }
        date.unwrap_or(Date {
            year: 2000,
            month: 1,
            day: 1,
        })
    }

    fn meta(&mut self, file: FileId, plan: &Spanned<raw::PlanSection>) -> Meta {
        let p = plan.get_ref();
        let period = self.period(file, &p.period).unwrap_or((2021, 2030));
        let milestones = match &p.milestones {
            Some(list) => {
                let mut years = Vec::new();
                for year in list.get_ref() {
                    let Some(y) = self.year(file, year) else {
                        continue;
                    };
                    if y < period.0 || y > period.1 {
                        self.error(
                            "bad-milestone",
                            span(file, year),
                            format!(
                                "milestone {y} is outside the plan period {}–{}",
                                period.0, period.1
                            ),
                        );
                    } else {
                        if years.last().is_some_and(|&last| last >= y) {
                            self.error(
                                "bad-milestone",
                                span(file, year),
                                "milestones must be in increasing order",
                            )
                            .hints
                            .push("list each year once, the earliest first, e.g. `milestones = [2024, 2027, 2030]`".into());
                        }
                        // Still a milestone: targets for it are not reported again.
                        years.push(y);
                    }
                }
                years.sort_unstable();
                years.dedup();
                years
            }
            None => vec![period.1],
        };
        let date = self.date(file, &p.date);
        let approval = p.approval.as_ref().map(|a| {
            let a = a.get_ref();
            Approval {
                body: a.body.get_ref().clone(),
                decision: a.decision.as_ref().map(|d| d.get_ref().clone()),
                date: a.date.as_ref().map(|d| self.date(file, d)),
            }
        });
        let status = p.status.as_ref().map_or(Status::Draft, |s| *s.get_ref());
        if status == Status::Approved && approval.is_none() {
            let at = p
                .status
                .as_ref()
                .map_or_else(|| span(file, plan), |s| span(file, s));
            self.warning(
                "no-approval",
                at,
                "the plan is approved but has no `[plan.approval]`",
            )
            .hints
            .push("add `[plan.approval]` with the approving body (and the decision's number and date once known) for the title page".into());
        }
        let logo =
            p.logo
                .as_ref()
                .and_then(|logo| match crate::load::check_relative(logo.get_ref()) {
                    Ok(()) => Some(Logo {
                        path: logo.get_ref().clone(),
                        span: span(file, logo),
                    }),
                    Err(problem) => {
                        self.error(
                            "bad-image",
                            span(file, logo),
                            format!("the logo path {problem}"),
                        )
                        .label = "not a file inside the plan folder".into();
                        None
                    }
                });
        let title = self.text_value(file, &p.title, "title");
        let language = p.language.as_ref().map_or(Language::Lt, |l| *l.get_ref());
        self.short_enough(file, &p.organisation, "organisation");
        for (value, key) in [
            (&p.short_title, "short title"),
            (&p.title_genitive, "title in the genitive"),
        ] {
            if let Some(value) = value {
                self.short_enough(file, value, key);
            }
        }
        Meta {
            title_genitive: match (&p.title_genitive, language) {
                (Some(given), _) => given.get_ref().trim().to_string(),
                (None, Language::Lt) => crate::format::title_genitive_lt(&title),
                (None, Language::En) => title.clone(),
            },
            short_title: p
                .short_title
                .as_ref()
                .map_or_else(|| title.clone(), |s| s.get_ref().clone()),
            title,
            organisation: p.organisation.get_ref().clone(),
            period,
            milestones,
            language: p.language.as_ref().map_or(Language::Lt, |l| *l.get_ref()),
            version: p
                .version
                .as_ref()
                .map(|v| v.get_ref().clone())
                .unwrap_or_default(),
            status,
            date,
            money_unit: p
                .money_unit
                .as_ref()
                .map_or_else(|| "Eur".into(), |m| m.get_ref().clone()),
            logo,
            approval,
        }
    }

    fn entries<E: raw::Registered>(
        &mut self,
        file: FileId,
        list: &[Spanned<E>],
        what: &str,
    ) -> Vec<Entry> {
        list.iter()
            .filter_map(|e| {
                let e = e.get_ref();
                self.define(file, e.id(), what)?;
                Some(Entry {
                    id: e.id().get_ref().clone(),
                    name: e.name().get_ref().clone(),
                    span: span(file, e.id()),
                })
            })
            .collect()
    }

    /// The members of each working group, by the group's id (groups without members left
    /// out).
    fn members(
        &mut self,
        file: FileId,
        groups: &[Spanned<raw::Group>],
    ) -> BTreeMap<String, Vec<Member>> {
        groups
            .iter()
            .map(Spanned::get_ref)
            .filter(|g| !g.member.is_empty())
            .map(|g| {
                let members = g
                    .member
                    .iter()
                    .map(|m| {
                        let m = m.get_ref();
                        Member {
                            name: self.text_value(file, &m.name, "member's name"),
                            role: m.role.as_ref().map(|r| r.get_ref().trim().to_string()),
                            institution: m
                                .institution
                                .as_ref()
                                .map(|i| i.get_ref().trim().to_string()),
                        }
                    })
                    .collect();
                (g.id.get_ref().clone(), members)
            })
            .collect()
    }

    fn documents(
        &mut self,
        file: FileId,
        list: &[Spanned<raw::Document>],
        meta: &Meta,
    ) -> Vec<Document> {
        let mut documents: Vec<Document> = Vec::new();
        let mut annexes = 0;
        if list.is_empty() {
            self.push(
                Diagnostic::warning("the plan defines no `[[document]]`, so nothing will be built")
                    .code("no-documents")
                    .at(Span::new(file, 0..0))
                    .hint("add `[[document]]` with an `id` and `parts`"),
            );
        }
        for d in list {
            let d = d.get_ref();
            let id = d.id.get_ref();
            if !valid_id(id) {
                self.error("invalid-id", span(file, &d.id), format!("`{id}` is not a valid document id")).hints.push(
                    "the id names the PDF file: use letters, digits and `-`, e.g. \"strateginis-planas\"".into(),
                );
                continue;
            }
            if let Some(first) = list
                .iter()
                .map(|x| &x.get_ref().id)
                .find(|x| x.get_ref() == id)
            {
                let first = span(file, first);
                if first != span(file, &d.id) {
                    let d = self.error(
                        "duplicate-document",
                        span(file, &d.id),
                        format!("two documents have the id `{id}`"),
                    );
                    d.related.push((first, "the first one".into()));
                    d.hints
                        .push("each document becomes build/<id>.pdf, so ids must differ".into());
                    continue;
                }
            }
            let mut parts = Vec::new();
            let mut names = Vec::new();
            for part in d.parts.get_ref() {
                let name = part.get_ref();
                names.push(name.as_str());
                if name.starts_with('@') {
                    match crate::parts::named(name) {
                        Some(declared) => parts.push(Part::Generated(declared.part)),
                        None => {
                            let names = crate::parts::written_names();
                            let d = self.error(
                                "bad-path",
                                span(file, part),
                                format!("unknown generated part `{name}`"),
                            );
                            d.hints
                                .push(hint(name, names.iter().map(String::as_str), || {
                                    format!("generated parts are {}", names.join(", "))
                                }));
                        }
                    }
                } else {
                    parts.push(Part::Chapter(name.clone()));
                }
                if parts.len() < names.len() {
                    names.pop();
                }
            }
            if d.parts.get_ref().is_empty() {
                self.warning(
                    "empty-document",
                    span(file, &d.parts),
                    format!("document `{id}` has no parts"),
                );
            }
            let (annex, annex_parts) = match d.annex.as_ref().map(|a| a.get_ref()) {
                Some(raw::Annex::Whole(true)) => {
                    annexes += 1;
                    (Some(annexes), BTreeMap::new())
                }
                Some(raw::Annex::Parts(listed)) => (
                    None,
                    self.annex_parts(file, id, &names, listed, &mut annexes),
                ),
                Some(raw::Annex::Whole(false)) | None => (None, BTreeMap::new()),
            };
            let report = self.report_year(file, d, &parts);
            let document = Document {
                id: id.clone(),
                title: d
                    .title
                    .as_ref()
                    .map_or_else(|| meta.title.clone(), |t| t.get_ref().clone()),
                parts,
                annex,
                annex_parts,
                cards: self.card_levels(file, d.cards.as_ref()),
                report,
                date: d.date.as_ref().map(|date| self.date(file, date)),
                version: d.version.as_ref().map(|v| v.get_ref().clone()),
                status: d.status.as_ref().map(|s| *s.get_ref()),
            };
            self.report_dated(file, d, &document, meta);
            documents.push(document);
        }
        documents
    }

    /// A report dated before the year it reports on has ended is dated by mistake, most
    /// often with the plan's date, which it takes when it has none of its own.
    fn report_dated(&mut self, file: FileId, d: &raw::Document, document: &Document, meta: &Meta) {
        let (Some(year), Some(key)) = (document.report, &d.report) else {
            return;
        };
        let date = document.edition(meta).date;
        if date.year > year {
            return;
        }
        let (at, message) = match &d.date {
            Some(own) => (
                span(file, own),
                format!(
                    "the {year} report is dated {date}, before the year it reports on has ended"
                ),
            ),
            None => (
                span(file, key),
                format!(
                    "the {year} report has no date of its own, and the plan's, {date}, is before the year it reports on has ended"
                ),
            ),
        };
        let example = format!("{}-03-31", year + 1);
        self.warning("report-dated-early", at, message).hints.push(format!(
            "date the report when it is written, in its `[[document]]`: e.g. `date = {example}`; the title page, footer and PDF show it"
        ));
    }

    /// The year a document reports on (`report`), which its report parts need.
    fn report_year(&mut self, file: FileId, d: &raw::Document, parts: &[Part]) -> Option<i32> {
        let year = d.report.as_ref().and_then(|y| self.year(file, y));
        let reporting = parts.iter().find_map(|p| match p {
            Part::Generated(g) if g.is_report() => Some(g.name()),
            _ => None,
        });
        if let (None, Some(name), None) = (year, reporting, &d.report) {
            self.error(
                "no-report-year",
                span(file, &d.parts),
                format!("`@{name}` shows a monitoring report, but the document names no year"),
            )
            .hints
            .push("add `report = 2024` (the year reported on) to the `[[document]]`".into());
        }
        year
    }

    /// The indicator levels a document's `@indicator-cards` describes (`cards`), all three
    /// unless the document names some; an unknown level is an error.
    fn card_levels(&mut self, file: FileId, cards: Option<&Spanned<Vec<raw::Str>>>) -> Vec<String> {
        let levels = Level::ALL.map(|(name, _)| name);
        let Some(cards) = cards else {
            return levels.map(String::from).to_vec();
        };
        cards
            .get_ref()
            .iter()
            .filter_map(|level| {
                let name = level.get_ref();
                if levels.contains(&name.as_str()) {
                    return Some(name.clone());
                }
                let d = self.error(
                    "unknown-level",
                    span(file, level),
                    format!("`{name}` is not an indicator level"),
                );
                d.hints.push(hint(name, levels, || {
                    format!("the levels are {}", levels.join(", "))
                }));
                None
            })
            .collect()
    }

    /// The parts of document `id` listed in its `annex`, by index in `names` (the parts as
    /// written), each numbered after the plan's annexes so far. An annex comes after the
    /// main text: a part that is not an annex may not follow one.
    fn annex_parts(
        &mut self,
        file: FileId,
        id: &str,
        names: &[&str],
        listed: &[raw::Str],
        annexes: &mut usize,
    ) -> BTreeMap<usize, usize> {
        let mut at = BTreeMap::new();
        for part in listed {
            let name = part.get_ref();
            match names.iter().position(|n| n == name) {
                Some(index) if at.contains_key(&index) => {
                    self.warning(
                        "duplicate-annex",
                        span(file, part),
                        format!("`{name}` is listed twice in `annex`"),
                    );
                }
                Some(index) => {
                    at.insert(index, span(file, part));
                }
                None => {
                    let d = self.error(
                        "unknown-annex",
                        span(file, part),
                        format!("document `{id}` has no part `{name}`"),
                    );
                    d.hints.push(hint(name, names.iter().copied(), || {
                        "an annex is one of the document's `parts`, named as there".into()
                    }));
                }
            }
        }
        if let Some((&first, first_span)) = at.iter().next() {
            let first_span = first_span.clone();
            if let Some(main) = (first..names.len()).find(|i| !at.contains_key(i)) {
                let d = self.error(
                    "annex-order",
                    first_span,
                    format!(
                        "annex `{}` comes before `{}`, which is not an annex",
                        names[first], names[main]
                    ),
                );
                d.hints.push(
                    "annexes follow the main text: list them last in `parts`, or add the parts after them to `annex`".into(),
                );
            }
        }
        at.into_keys()
            .map(|index| {
                *annexes += 1;
                (index, *annexes)
            })
            .collect()
    }

    /// Assembles priorities → goals → objectives → measures across the strategy files.
    fn strategy(
        &mut self,
        files: &[(FileId, raw::StrategyFile)],
        reg: &Registries,
    ) -> Vec<Priority> {
        let mut priorities = Vec::new();
        let mut goal_at: HashMap<String, (usize, usize)> = HashMap::new();
        for (file, strategy) in files {
            let p = strategy.priority.get_ref();
            if self.define(*file, &p.id, "priority").is_none() {
                continue;
            }
            let mut priority = Priority {
                id: p.id.get_ref().clone(),
                title: self.text_value(*file, &p.title, "title"),
                text: p.text.as_ref().map(|t| text(*file, t)),
                code: self.code(*file, &p.code),
                need: self.need(*file, &p.need),
                indicators: self.indicators(*file, &p.indicator, reg),
                span: span(*file, &p.id),
                goals: Vec::new(),
            };
            for g in &strategy.goal {
                let g = g.get_ref();
                if self.define(*file, &g.id, "goal").is_none() {
                    continue;
                }
                goal_at.insert(
                    g.id.get_ref().clone(),
                    (priorities.len(), priority.goals.len()),
                );
                let at = span(*file, &g.id);
                let indicators = self.indicators(*file, &g.indicator, reg);
                if indicators.is_empty() {
                    self.warning(
                        "missing-indicator",
                        at.clone(),
                        format!("goal `{}` has no effect indicator", g.id.get_ref()),
                    )
                    .hints
                    .push(
                        "the methodology asks for at least one `[[goal.indicator]]` per goal"
                            .into(),
                    );
                }
                priority.goals.push(Goal {
                    id: g.id.get_ref().clone(),
                    title: self.text_value(*file, &g.title, "title"),
                    text: g.text.as_ref().map(|t| text(*file, t)),
                    code: self.code(*file, &g.code),
                    need: self.need(*file, &g.need),
                    answers: self.named(*file, &g.answers, "SWOT item", reg.swot.iter()),
                    principles: self.principles_of(*file, &g.principles, reg),
                    contributes: self.contributes(*file, &g.contributes, reg),
                    indicators,
                    span: at,
                    objectives: Vec::new(),
                });
            }
            priorities.push(priority);
        }

        let mut objective_at: HashMap<String, (usize, usize, usize)> = HashMap::new();
        // Suggestions and "known ids" lists name the goals in plan order.
        let goal_ids: Vec<String> = priorities
            .iter()
            .flat_map(|p| &p.goals)
            .map(|g| g.id.clone())
            .collect();
        for (file, strategy) in files {
            for o in &strategy.objective {
                let o = o.get_ref();
                let Some(goal) =
                    self.resolve(*file, &o.goal, "goal", goal_ids.iter().map(String::as_str))
                else {
                    self.drop_item(&o.id, &o.indicator);
                    continue;
                };
                if self.define(*file, &o.id, "objective").is_none() {
                    continue;
                }
                let (pi, gi) = goal_at[&goal];
                let at = span(*file, &o.id);
                let indicators = self.indicators(*file, &o.indicator, reg);
                if indicators.is_empty() {
                    self.warning("missing-indicator", at.clone(), format!("objective `{}` has no result indicator", o.id.get_ref()))
                        .hints
                        .push("the methodology asks for at least one `[[objective.indicator]]` per objective".into());
                }
                let objectives = &mut priorities[pi].goals[gi].objectives;
                objective_at.insert(o.id.get_ref().clone(), (pi, gi, objectives.len()));
                let contributes = self.contributes(*file, &o.contributes, reg);
                let code = self.code(*file, &o.code);
                let need = self.need(*file, &o.need);
                let principles = self.principles_of(*file, &o.principles, reg);
                priorities[pi].goals[gi].objectives.push(Objective {
                    id: o.id.get_ref().clone(),
                    title: self.text_value(*file, &o.title, "title"),
                    text: o.text.as_ref().map(|t| text(*file, t)),
                    code,
                    need,
                    principles,
                    contributes,
                    indicators,
                    span: at,
                    measures: Vec::new(),
                });
            }
        }

        let objective_ids: Vec<String> = priorities
            .iter()
            .flat_map(|p| &p.goals)
            .flat_map(|g| &g.objectives)
            .map(|o| o.id.clone())
            .collect();
        for (file, strategy) in files {
            for m in &strategy.measure {
                let m_raw = m.get_ref();
                let known = objective_ids.iter().map(String::as_str);
                let Some(objective) = self.resolve(*file, &m_raw.objective, "objective", known)
                else {
                    self.drop_item(&m_raw.id, &m_raw.indicator);
                    continue;
                };
                let Some(measure) = self.measure(*file, m.get_ref(), reg) else {
                    continue;
                };
                let (pi, gi, oi) = objective_at[&objective];
                priorities[pi].goals[gi].objectives[oi]
                    .measures
                    .push(measure);
            }
        }
        priorities
    }

    /// Warns about structure that is there but empty, which would print as a bare title or
    /// a total of 0,0: a priority without goals, a goal without objectives, an objective
    /// without measures, a document with `@action-plan` or `@funding` in a plan without
    /// measures. Items that were written but left out for an error do not count as missing
    /// (the error says enough).
    fn empty_structure(
        &mut self,
        files: &[(FileId, raw::StrategyFile)],
        priorities: &[Priority],
        plan_file: FileId,
        documents: &[Spanned<raw::Document>],
    ) {
        let raw_objectives = || files.iter().flat_map(|(_, s)| &s.objective);
        let raw_measures = || files.iter().flat_map(|(_, s)| &s.measure);
        // An objective naming a goal that does not exist may have meant an empty one, and a
        // measure naming an unknown objective too: then the error is the message.
        let goals = || priorities.iter().flat_map(|p| &p.goals);
        let goals_mistaken =
            raw_objectives().any(|o| !goals().any(|g| &g.id == o.get_ref().goal.get_ref()));
        let objectives_mistaken = raw_measures().any(|m| {
            !goals()
                .flat_map(|g| &g.objectives)
                .any(|o| &o.id == m.get_ref().objective.get_ref())
        });
        for p in priorities {
            if p.goals.is_empty()
                && !files
                    .iter()
                    .any(|(_, s)| !s.goal.is_empty() && s.priority.get_ref().id.get_ref() == &p.id)
            {
                self.warning("empty-priority", p.span.clone(), format!("priority `{}` has no goals", p.id))
                    .hints
                    .push("add `[[goal]]` to its strategy file; a priority without goals has no measures and nothing funded".into());
            }
            for g in &p.goals {
                let mut goals = raw_objectives().map(|o| o.get_ref().goal.get_ref());
                if g.objectives.is_empty() && !goals_mistaken && !goals.any(|id| id == &g.id) {
                    self.warning("empty-goal", g.span.clone(), format!("goal `{}` has no objectives", g.id))
                        .hints
                        .push(format!("add `[[objective]]` with `goal = \"{}\"`; without objectives the goal has no measures and no funding", g.id));
                }
                for o in &g.objectives {
                    let mut objectives = raw_measures().map(|m| m.get_ref().objective.get_ref());
                    if o.measures.is_empty()
                        && !objectives_mistaken
                        && !objectives.any(|id| id == &o.id)
                    {
                        self.warning("empty-objective", o.span.clone(), format!("objective `{}` has no measures", o.id))
                            .hints
                            .push(format!("add `[[measure]]` with `objective = \"{}\"`; without measures the objective is a bare title with nothing funded", o.id));
                    }
                }
            }
        }
        if raw_measures().next().is_some() || self.unreadable {
            return;
        }
        for d in documents {
            let d = d.get_ref();
            for part in d.parts.get_ref() {
                if crate::parts::named(part.get_ref())
                    .is_some_and(|p| p.needs == Some(Needs::Measures))
                {
                    self.warning(
                        "empty-action-plan",
                        span(plan_file, part),
                        format!("document `{}` includes `{}`, but the plan has no measures", d.id.get_ref(), part.get_ref()),
                    )
                    .hints
                    .push("add `[[measure]]` entries to the strategy files, or take the part out of `parts`: it would show only an empty total".into());
                }
            }
        }
    }

    /// Remembers an item (and its indicators) left out of the plan because of an error, so
    /// references to it are not reported again.
    fn drop_item(&mut self, id: &raw::Str, indicators: &[Spanned<raw::Indicator>]) {
        self.dropped.insert(id.get_ref().clone());
        self.dropped
            .extend(indicators.iter().map(|i| i.get_ref().id.get_ref().clone()));
    }

    /// References to ids of one kind (`answers`, `principles`), each checked.
    fn named<'k>(
        &mut self,
        file: FileId,
        list: &[raw::Str],
        what: &'static str,
        known: impl Iterator<Item = &'k String> + Clone,
    ) -> Vec<String> {
        let known = known.map(String::as_str);
        list.iter()
            .filter_map(|r| self.resolve(file, r, what, known.clone()))
            .collect()
    }

    fn principles_of(&mut self, file: FileId, list: &[raw::Str], reg: &Registries) -> Vec<String> {
        let known = reg.principles.iter().map(|p| &p.id);
        self.named(file, list, "principle", known)
    }

    /// A code given from outside: one word, unique across the plan.
    fn code(&mut self, file: FileId, code: &Option<raw::Str>) -> Option<Code> {
        let code = code.as_ref()?;
        let at = span(file, code);
        let text = code.get_ref().trim();
        if text.is_empty() || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            self.error("invalid-code", at, format!("`{}` is not a code", code.get_ref()))
                .hints
                .push("a code is one word without spaces, e.g. \"LT029-01-01-01\"; leave `code` out for the number from order".into());
            return None;
        }
        if let Some(first) = self.codes.get(text).cloned() {
            let d = self.error(
                "duplicate-code",
                at,
                format!("the code `{text}` is given twice"),
            );
            d.label = "this item repeats it".into();
            d.related.push((first, "first given here".into()));
            d.hints
                .push("codes name one item each; correct the one that was copied".into());
            return None;
        }
        self.codes.insert(text.to_string(), at.clone());
        Some(Code {
            text: text.to_string(),
            span: at,
        })
    }

    /// An indicative need: an amount like any other.
    fn need(&mut self, file: FileId, need: &Option<Spanned<raw::Number>>) -> Option<Need> {
        let need = need.as_ref()?;
        let at = span(file, need);
        let money = self.money(at.clone(), need.get_ref().0)?;
        Some(Need { money, span: at })
    }

    /// `[[principle]]` entries: ids in the plan's namespace, names not blank.
    fn principles(&mut self, file: FileId, list: &[Spanned<raw::Principle>]) -> Vec<Principle> {
        let mut principles = Vec::new();
        for p in list {
            let p = p.get_ref();
            if self.define(file, &p.id, "principle").is_none() {
                continue;
            }
            principles.push(Principle {
                id: p.id.get_ref().clone(),
                name: self.text_value(file, &p.name, "name"),
                text: p.text.as_ref().map(|t| text(file, t)),
                span: span(file, &p.id),
            });
        }
        principles
    }

    /// `[swot]`: the items, with their ids in the plan's namespace.
    fn swot(&mut self, file: FileId, s: &raw::Swot) -> Swot {
        let mut list = |items: &[Spanned<raw::SwotItem>]| -> Vec<SwotItem> {
            let mut out = Vec::new();
            for item in items {
                let at = span(file, item);
                match item.get_ref() {
                    raw::SwotItem::Text(markdown) => out.push(SwotItem {
                        id: None,
                        text: Text {
                            markdown: markdown.clone(),
                            span: at,
                        },
                    }),
                    raw::SwotItem::Named(named) => {
                        let id = self.define(file, &named.id, "SWOT item");
                        out.push(SwotItem {
                            id: id.map(|()| named.id.get_ref().clone()),
                            text: text(file, &named.text),
                        });
                    }
                }
            }
            out
        };
        Swot {
            strengths: list(&s.strengths),
            weaknesses: list(&s.weaknesses),
            opportunities: list(&s.opportunities),
            threats: list(&s.threats),
        }
    }

    fn contributes(&mut self, file: FileId, list: &[raw::Str], reg: &Registries) -> Vec<String> {
        list.iter()
            .filter_map(|c| {
                self.resolve(
                    file,
                    c,
                    "higher-level goal",
                    reg.higher_goals.iter().map(|h| h.id.as_str()),
                )
            })
            .collect()
    }

    fn measure(&mut self, file: FileId, m: &raw::Measure, reg: &Registries) -> Option<Measure> {
        self.define(file, &m.id, "measure")?;
        let at = span(file, &m.id);
        let id = m.id.get_ref();
        let institutions = || reg.institutions.iter().map(|e| e.id.as_str());
        let responsible: Vec<String> = m
            .responsible
            .iter()
            .filter_map(|r| self.resolve(file, r, "institution", institutions()))
            .collect();
        let partners: Vec<String> = m
            .partners
            .iter()
            .filter_map(|r| self.resolve(file, r, "institution", institutions()))
            .collect();
        let group = m.group.as_ref().and_then(|g| {
            self.resolve(
                file,
                g,
                "working group",
                reg.groups.iter().map(|e| e.id.as_str()),
            )
        });
        let period = m.period.as_ref().and_then(|p| self.period(file, p));
        if m.period.is_none() {
            let (first, last) = reg.period;
            self.warning(
                "no-period",
                at.clone(),
                format!("measure `{id}` has no period"),
            )
            .hints
            .push(format!(
                "add e.g. `period = [{first}, {last}]`; the action plan shows it"
            ));
        }
        let (pf, pl) = reg.period;
        if let (Some((first, last)), Some(p)) = (period, &m.period)
            && (first < pf || last > pl)
        {
            self.error(
                "outside-period",
                span(file, p),
                format!("the period {first}–{last} is outside the plan period {pf}–{pl}"),
            );
        }
        let mut funding = Vec::new();
        for source in reg.sources {
            let Some(value) = m.funding.get(&source.id) else {
                continue;
            };
            if let Some(amount) = self.amount(file, value, period, reg) {
                funding.push(SourceFunding {
                    source: source.id.clone(),
                    amount,
                });
            }
        }
        for (key, value) in &m.funding {
            if !reg.sources.iter().any(|s| &s.id == key) {
                let d = self.error(
                    "unknown-id",
                    span(file, value),
                    format!("unknown funding source `{key}`"),
                );
                d.label = "this amount's source is not defined".into();
                d.hints
                    .push(hint(key, reg.sources.iter().map(|s| s.id.as_str()), || {
                        "define it in plan.toml with `[[source]]`".into()
                    }));
            }
        }
        if responsible.is_empty() && m.responsible.is_empty() {
            self.warning(
                "no-responsible",
                at.clone(),
                format!("measure `{id}` has no responsible institution"),
            )
            .hints
            .push("add `responsible = [\"…\"]` with an institution id".into());
        }
        if m.funding.is_empty() {
            self.warning(
                "no-funding",
                at.clone(),
                format!("measure `{id}` has no funding"),
            )
            .hints
            .push(match reg.sources.first() {
                Some(source) => format!(
                    "add e.g. `funding = {{ {} = 100 }}` in the plan's money unit",
                    source.id
                ),
                None => {
                    "define a `[[source]]` in plan.toml, then add `funding = { <source id> = 100 }`"
                        .into()
                }
            });
        }
        let indicators = self.indicators(file, &m.indicator, reg);
        if m.indicator.is_empty() {
            self.warning(
                "missing-indicator",
                at.clone(),
                format!("measure `{id}` has no product indicator"),
            )
            .hints
            .push(
                "the methodology asks for at least one `[[measure.indicator]]` per measure".into(),
            );
        }
        Some(Measure {
            id: id.clone(),
            title: self.text_value(file, &m.title, "title"),
            text: m.text.as_ref().map(|t| text(file, t)),
            code: self.code(file, &m.code),
            principles: self.principles_of(file, &m.principles, reg),
            responsible,
            partners,
            group,
            period,
            funding,
            contributes: self.contributes(file, &m.contributes, reg),
            indicators,
            span: at,
        })
    }

    /// One source's amount: checked for sign and, per year, for years in the periods.
    fn amount(
        &mut self,
        file: FileId,
        value: &Spanned<raw::Funding>,
        period: Option<(i32, i32)>,
        reg: &Registries,
    ) -> Option<Amount> {
        match value.get_ref() {
            raw::Funding::Total(n) => Some(Amount::Total(self.money(span(file, value), n.0)?)),
            raw::Funding::PerYear(years) => {
                let mut list = Vec::new();
                for (key, amount) in years {
                    let at = span(file, amount);
                    let Some(year) = self.year_key(at.clone(), key, "funding", "`2023 = 200`", reg)
                    else {
                        continue;
                    };
                    let Some(money) = self.money(at.clone(), amount.get_ref().0) else {
                        continue;
                    };
                    if let Some((first, last)) = period.filter(|(f, l)| !(*f..=*l).contains(&year))
                    {
                        self.warning(
                            "outside-measure-period",
                            at,
                            format!(
                                "funding in {year} is outside the measure's period {first}–{last}"
                            ),
                        )
                        .hints
                        .push("widen the measure's `period` or move the amount".into());
                    }
                    list.push((year, money));
                }
                list.sort_by_key(|(y, _)| *y);
                Some(Amount::PerYear(list))
            }
        }
    }

    /// A year written as a table key (per-year funding, targets), inside the plan period.
    fn year_key(
        &mut self,
        at: Span,
        key: &str,
        what: &str,
        example: &str,
        reg: &Registries,
    ) -> Option<i32> {
        let Some(year) = key.parse::<i64>().ok().filter(|y| YEARS.contains(y)) else {
            self.error("not-a-year", at, format!("`{key}` is not a year"))
                .hints
                .push(format!("{what} is given by year, e.g. {example}"));
            return None;
        };
        let year = year as i32;
        let (first, last) = reg.period;
        if !(first..=last).contains(&year) {
            self.error(
                "outside-period",
                at,
                format!("{what} for {year} is outside the plan period {first}–{last}"),
            );
            return None;
        }
        Some(year)
    }

    pub(super) fn money(&mut self, at: Span, value: f64) -> Option<Money> {
        if value < 0.0 {
            self.error("negative-amount", at, "a funding amount cannot be negative")
                .hints
                .push(
                    "amounts are what a source contributes; write 0 or leave the source out".into(),
                );
            return None;
        }
        let money = Money::from_f64(value);
        if let Some(kept) = money
            && ((value * 100.0) - kept.0 as f64).abs() > 1e-6
        {
            self.warning(
                "amount-precision",
                at.clone(),
                format!(
                    "{value} has more decimals than amounts keep: it counts as {:.2}",
                    kept.as_f64()
                ),
            )
            .hints
            .push("amounts keep hundredths of the money unit; round the amount, or change `money-unit` to a smaller unit".into());
        }
        // `nan` and `inf` never get here: the loader refuses them (`not-a-number`).
        if money.is_none() {
            self.error("too-large", at, "this amount is too large");
        }
        money
    }

    fn indicators(
        &mut self,
        file: FileId,
        list: &[Spanned<raw::Indicator>],
        reg: &Registries,
    ) -> Vec<Indicator> {
        let mut indicators = Vec::new();
        for i in list {
            let i = i.get_ref();
            if self.define(file, &i.id, "indicator").is_none() {
                continue;
            }
            let baseline = i.baseline.as_ref().and_then(|b| {
                let b = b.get_ref();
                Some((self.year(file, &b.year)?, b.value.get_ref().0))
            });
            let mut targets = Vec::new();
            for (key, value) in &i.targets {
                let at = span(file, value);
                let example = "`targets = { 2024 = 20, 2030 = 45 }`";
                let Some(year) = self.year_key(at.clone(), key, "a target", example, reg) else {
                    continue;
                };
                if !reg.milestones.contains(&year) {
                    let milestones: Vec<String> =
                        reg.milestones.iter().map(i32::to_string).collect();
                    self.warning(
                        "bad-milestone",
                        at.clone(),
                        format!("{year} is not a milestone year"),
                    )
                    .hints
                    .push(format!(
                        "the plan's milestones are {}",
                        milestones.join(", ")
                    ));
                }
                if let Some((base_year, _)) = baseline.filter(|(b, _)| *b > year) {
                    let indicator = i.id.get_ref();
                    self.error("baseline-after-target", 
                        at,
                        format!("indicator `{indicator}`: the target for {year} comes before the baseline year {base_year}"),
                    )
                    .hints
                    .push("a baseline is where the indicator starts from; targets come after it".into());
                }
                targets.push((year, value.get_ref().0));
            }
            targets.sort_by_key(|(y, _)| *y);
            indicators.push(Indicator {
                id: i.id.get_ref().clone(),
                name: self.text_value(file, &i.name, "name"),
                unit: i
                    .unit
                    .as_ref()
                    .map(|u| u.get_ref().clone())
                    .unwrap_or_default(),
                baseline,
                targets,
                source: i.source.as_ref().map(|s| s.get_ref().clone()),
                method: i.method.as_ref().map(|s| s.get_ref().trim().to_string()),
                frequency: i.frequency.as_ref().map(|s| s.get_ref().trim().to_string()),
                reporter: i.reporter.as_ref().map(|s| s.get_ref().trim().to_string()),
                direction: i
                    .direction
                    .as_ref()
                    .map(|d| *d.get_ref())
                    .unwrap_or_default(),
                span: span(file, &i.id),
            });
        }
        indicators
    }
}

/// A valid id close to an invalid one: lower-cased, spaces to dashes.
pub fn suggest_id(id: &str) -> Option<String> {
    let s: String = id
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c == '_' {
                '-'
            } else {
                c
            }
        })
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '.')
        .collect();
    valid_id(&s).then_some(s)
}
