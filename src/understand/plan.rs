//! Understands every piece of Markdown in a plan: the chapters named by documents and the
//! texts written inside TOML (vision, item descriptions, SWOT items).

use std::collections::BTreeMap;

use super::{Context, Doc, Labels, Origin, labels, understand};
use crate::diag::{Diagnostic, Diagnostics, Sources, Span, codes};
use crate::facts::{Facts, Shown};
use crate::ledger::Ledger;
use crate::model::{Plan, Text as Markdown};
use crate::number::Numbers;

/// Every Markdown source of a plan, understood.
#[derive(Debug, Default)]
pub struct Understood {
    /// Chapters by their path as written in `parts`.
    pub chapters: BTreeMap<String, Doc>,
    /// Texts from TOML with their keys (see [`text_key`]), in plan order.
    pub texts: Vec<(String, Text)>,
    /// The datasets a `{{ data.… }}` fact quotes.
    pub datasets_used: std::collections::BTreeSet<String>,
    /// What each chapter (by path) shows through its facts and dataset pictures, and what
    /// the texts from TOML do (every document shows those): the footer stamp's `*` is a
    /// document's only when such a file of its own changed.
    pub(crate) shows: BTreeMap<String, Shown>,
    pub(crate) texts_show: Shown,
}

impl Understood {
    /// Every tree: the chapters in plan order, then the texts.
    pub fn docs<'t>(&'t self, plan: &'t Plan) -> impl Iterator<Item = &'t Doc> {
        let chapters = plan
            .chapters
            .iter()
            .filter_map(|c| self.chapters.get(&c.path));
        chapters.chain(self.texts.iter().map(|(_, text)| &text.doc))
    }
}

/// A text written in TOML, understood, and the TOML string it came from.
#[derive(Debug, Clone)]
pub struct Text {
    pub doc: Doc,
    pub span: Span,
    /// Whether it is set within a line (a SWOT item), without paragraph breaks.
    pub inline: bool,
}

/// Key of a text from TOML: its kind and the id of the item it belongs to.
pub(crate) fn text_key(kind: &str, id: &str) -> String {
    format!("{kind}:{id}")
}

/// Understands all Markdown of the plan, reporting problems to `diags`.
pub(crate) fn understand_plan(
    plan: &Plan,
    numbers: &Numbers,
    ledger: &Ledger,
    sources: &Sources,
    diags: &mut Diagnostics,
) -> Understood {
    in_context(plan, numbers, ledger, sources, diags, |cx, diags| {
        let (chapters, shows) = chapters(plan, cx, sources, diags);
        let texts = texts(plan, cx, diags);
        Understood {
            chapters,
            texts,
            datasets_used: cx.facts.datasets_used(),
            shows,
            texts_show: cx.facts.take_shown(),
        }
    })
}

/// The texts written in TOML, understood, with their keys (see [`text_key`]), in plan order.
fn texts(plan: &Plan, cx: &Context, diags: &mut Diagnostics) -> Vec<(String, Text)> {
    let mut texts = Vec::new();
    let mut block = |key: String, text: &Markdown, inline: bool, diags: &mut Diagnostics| {
        let span = text.span.clone();
        let doc = understand(&text.markdown, Origin::Embedded(span.clone()), cx, diags);
        texts.push((key, Text { doc, span, inline }));
    };
    let mut item = |kind: &str, id: &str, text: &Option<Markdown>, diags: &mut Diagnostics| {
        if let Some(text) = text {
            block(text_key(kind, id), text, false, diags);
        }
    };
    item("vision", "text", &plan.vision.text, diags);
    for p in &plan.priorities {
        item("priority", &p.id, &p.text, diags);
        for g in &p.goals {
            item("goal", &g.id, &g.text, diags);
            for o in &g.objectives {
                item("objective", &o.id, &o.text, diags);
                for m in &o.measures {
                    item("measure", &m.id, &m.text, diags);
                }
            }
        }
    }
    for principle in &plan.principles {
        item("principle", &principle.id, &principle.text, diags);
    }
    for scenario in &plan.scenarios {
        item("scenario", &scenario.id, &scenario.assumptions, diags);
    }
    if let Some(swot) = &plan.swot {
        for (kind, list) in swot.quadrants() {
            for (i, swot_item) in list.iter().enumerate() {
                block(text_key(kind, &i.to_string()), &swot_item.text, true, diags);
            }
        }
    }
    texts
}

/// Understands the chapters of the plan alone (what `plan diff` reads of Markdown).
pub(crate) fn understand_chapters(
    plan: &Plan,
    numbers: &Numbers,
    ledger: &Ledger,
    sources: &Sources,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Doc> {
    in_context(plan, numbers, ledger, sources, diags, |cx, diags| {
        chapters(plan, cx, sources, diags).0
    })
}

/// Runs `f` with what understanding a plan's Markdown needs: its numbers, the ids its
/// chapters define and its facts.
fn in_context<R>(
    plan: &Plan,
    numbers: &Numbers,
    ledger: &Ledger,
    sources: &Sources,
    diags: &mut Diagnostics,
    f: impl FnOnce(&Context, &mut Diagnostics) -> R,
) -> R {
    let labels = collect_labels(plan, numbers, sources, diags);
    let facts = Facts::new(plan, ledger);
    let cx = Context {
        numbers,
        labels: &labels,
        facts: &facts,
        report_year: None,
        gaps: &plan.gaps,
    };
    f(&cx, diags)
}

/// The chapters understood, by path, with what each shows through its facts and dataset
/// pictures; references to Markdown-defined ids across documents checked.
fn chapters(
    plan: &Plan,
    cx: &Context,
    sources: &Sources,
    diags: &mut Diagnostics,
) -> (BTreeMap<String, Doc>, BTreeMap<String, Shown>) {
    let mut chapters = BTreeMap::new();
    let mut shows = BTreeMap::new();
    let mut label_refs = Vec::new();
    for chapter in &plan.chapters {
        let text = sources.text(chapter.file);
        if text.trim().is_empty() {
            diags.push(
                Diagnostic::warning(format!("chapter `{}` is empty", chapter.path))
                    .code(codes::EMPTY_CHAPTER)
                    .at(Span::new(chapter.file, 0..0))
                    .hint("write the chapter, or remove it from the document's `parts`"),
            );
        }
        // The report year of the documents holding the chapter, when they name one.
        let report_year = plan
            .documents
            .iter()
            .filter(|d| {
                d.parts
                    .contains(&crate::model::Part::Chapter(chapter.path.clone()))
            })
            .filter_map(|d| d.report)
            .max();
        let cx = Context { report_year, ..*cx };
        let doc = understand(text, Origin::File(chapter.file), &cx, diags);
        label_refs.push((chapter.file, doc.label_refs.clone()));
        chapters.insert(chapter.path.clone(), doc);
        shows.insert(chapter.path.clone(), cx.facts.take_shown());
    }
    check_label_refs(plan, cx.labels, &label_refs, diags);
    (chapters, shows)
}

/// The ids chapters define, checked against each other and against the plan's ids.
fn collect_labels(
    plan: &Plan,
    numbers: &Numbers,
    sources: &Sources,
    diags: &mut Diagnostics,
) -> Labels {
    let mut labels = Labels::default();
    for chapter in &plan.chapters {
        for (id, kind, span) in labels::collect(sources.text(chapter.file), chapter.file) {
            if numbers.get(&id).is_some() || plan.is_registry_id(&id) {
                let mut d = Diagnostic::error(format!("the id `{id}` is already used in the plan"))
                    .code(codes::DUPLICATE_ID)
                    .at(span)
                    .label("used again here")
                    .hint("ids are unique across the whole plan; rename this one");
                if let Some((what, title, at)) = defined_by(plan, &id) {
                    let (line, _) = sources.line_column(at.file, at.range.start);
                    let place = format!("{}:{line}", sources.name(at.file));
                    d.message = format!(
                        "the id `{id}` is already used in the plan, by the {what} \"{title}\" in {place}"
                    );
                    d = d.related(at.clone(), format!("the {what}'s id"));
                }
                diags.push(d);
            } else if let Some(first) = labels.insert(&id, kind, span.clone()) {
                diags.push(
                    Diagnostic::error(format!("the id `{id}` is used twice"))
                        .code(codes::DUPLICATE_ID)
                        .at(span)
                        .related(first, "first defined here")
                        .hint("ids are unique across the whole plan; rename one of them"),
                );
            }
        }
    }
    labels
}

/// Warns about references from a chapter to a heading, figure or table of a chapter that
/// some document including the first does not include: there the number cannot be printed.
fn check_label_refs(
    plan: &Plan,
    labels: &Labels,
    refs: &[(crate::diag::FileId, Vec<(String, Span)>)],
    diags: &mut Diagnostics,
) {
    let file_of = |path: &str| {
        plan.chapters
            .iter()
            .find(|c| c.path == path)
            .map(|c| c.file)
    };
    for document in &plan.documents {
        let files: Vec<_> = document
            .parts
            .iter()
            .filter_map(|p| match p {
                crate::model::Part::Chapter(path) => file_of(path),
                crate::model::Part::Generated(_) => None,
            })
            .collect();
        for (_, list) in refs.iter().filter(|(file, _)| files.contains(file)) {
            for (id, span) in list {
                let Some(target) = labels.span(id) else {
                    continue;
                };
                if !files.contains(&target.file) {
                    diags.push(
                        Diagnostic::warning(format!(
                            "`{id}` is defined in a chapter that document `{}` does not include",
                            document.id
                        ))
                        .code(codes::REFERENCE_OUTSIDE_DOCUMENT)
                        .at(span.clone())
                        .related(target, "defined here")
                        .hint(
                            "add that chapter to the document's `parts`, or refer to it in words",
                        ),
                    );
                }
            }
        }
    }
}

/// The plan item or register entry an id belongs to: what it is, its title and where its
/// id is written, so that a clash names the other place.
fn defined_by<'p>(plan: &'p Plan, id: &str) -> Option<(&'static str, &'p str, &'p Span)> {
    let entries = [
        ("source of funding", &plan.sources),
        ("institution", &plan.institutions),
        ("working group", &plan.groups),
    ];
    for (what, list) in entries {
        if let Some(e) = list.iter().find(|e| e.id == id) {
            return Some((what, &e.name, &e.span));
        }
    }
    if let Some(h) = plan.higher_goals.iter().find(|h| h.id == id) {
        return Some(("higher-level goal", &h.title, &h.span));
    }
    if let Some(owned) = plan.indicators().find(|o| o.indicator.id == id) {
        let i = owned.indicator;
        return Some(("indicator", &i.name, &i.span));
    }
    for p in &plan.priorities {
        if p.id == id {
            return Some(("priority", &p.title, &p.span));
        }
        for g in &p.goals {
            if g.id == id {
                return Some(("goal", &g.title, &g.span));
            }
            for o in &g.objectives {
                if o.id == id {
                    return Some(("objective", &o.title, &o.span));
                }
                if let Some(m) = o.measures.iter().find(|m| m.id == id) {
                    return Some(("measure", &m.title, &m.span));
                }
            }
        }
    }
    None
}
