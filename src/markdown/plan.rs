//! Converts every piece of Markdown in a plan: the chapters named by documents and the
//! texts written inside TOML (vision, item descriptions, SWOT items). Also prepares the
//! title-page emblem, the one picture not named in Markdown.

use std::collections::BTreeMap;

use super::{
    Context, Labels, Origin, Outline, SourceMap, convert, inline_to_markup, labels, to_markup,
};
use crate::diag::{Diagnostic, Diagnostics, Sources, Span};
use crate::facts::Facts;
use crate::fonts::Glyphs;
use crate::images::Images;
use crate::ledger::Ledger;
use crate::model::{Plan, Text};
use crate::number::Numbers;

/// Markup for every Markdown source of a plan.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Chapters by their path as written in `parts`.
    pub chapters: BTreeMap<String, Chapter>,
    /// Texts from TOML by key (see [`text_key`]).
    pub texts: BTreeMap<String, TextMarkup>,
    /// The virtual path of the title-page emblem, when the plan has one.
    pub logo: Option<String>,
    /// Pictures converted for typst, served from memory.
    pub images: Vec<crate::images::Converted>,
}

/// A chapter converted: its markup (without the prelude, reading its heading numbers from
/// `numbers` and `refs`; see [`super::to_markup`]), its outline, and where each piece of
/// its markup came from.
#[derive(Debug, Default, Clone)]
pub struct Chapter {
    pub markup: String,
    pub outline: Outline,
    pub map: SourceMap,
}

/// A text written in TOML, converted: its markup, and the TOML string it came from.
#[derive(Debug, Clone)]
pub struct TextMarkup {
    pub markup: String,
    pub span: Span,
}

/// Key of a text from TOML: its kind and the id of the item it belongs to.
pub fn text_key(kind: &str, id: &str) -> String {
    format!("{kind}:{id}")
}

/// Converts all Markdown of the plan, reporting problems to `diags`: a character no font
/// in `glyphs` has, and a picture `images` cannot prepare, where it is written.
pub fn render_plan(
    plan: &Plan,
    numbers: &Numbers,
    ledger: &Ledger,
    glyphs: &Glyphs,
    images: &Images,
    sources: &Sources,
    diags: &mut Diagnostics,
) -> Rendered {
    let labels = collect_labels(plan, numbers, sources, diags);
    let facts = Facts::new(plan, ledger);
    let cx = Context {
        numbers,
        labels: &labels,
        facts: &facts,
        report_year: None,
        images,
        gaps: &plan.gaps,
        glyphs,
    };
    let mut rendered = Rendered::default();
    let mut label_refs = Vec::new();

    if let Some(logo) = &plan.meta.logo {
        match images.prepare(&logo.path) {
            Ok(path) => rendered.logo = Some(path),
            Err(problem) => diags.push(
                Diagnostic::error(format!("the logo `{}` {problem}", logo.path))
                    .code("bad-image")
                    .at(logo.span.clone())
                    .hint("point `logo` at a PNG, JPEG or SVG file inside the plan folder"),
            ),
        }
    }

    for chapter in &plan.chapters {
        let text = sources.text(chapter.file);
        if text.trim().is_empty() {
            diags.push(
                Diagnostic::warning(format!("chapter `{}` is empty", chapter.path))
                    .code("empty-chapter")
                    .at(Span::new(chapter.file, 0..0))
                    .hint("write the chapter, or remove it from the document's `parts`"),
            );
        }
        // The report year of the documents holding the chapter, when they name one.
        let holders: Vec<Option<i32>> = plan
            .documents
            .iter()
            .filter(|d| {
                d.parts
                    .contains(&crate::model::Part::Chapter(chapter.path.clone()))
            })
            .map(|d| d.report)
            .collect();
        let report_year = holders.iter().flatten().max().copied();
        let cx = Context { report_year, ..cx };
        let converted = convert(text, Origin::File(chapter.file), &cx, diags);
        rendered.chapters.insert(
            chapter.path.clone(),
            Chapter {
                markup: converted.markup,
                outline: converted.outline,
                map: converted.map,
            },
        );
        label_refs.push((chapter.file, converted.label_refs));
    }
    check_label_refs(plan, &labels, &label_refs, diags);

    let mut block = |kind: &str, id: &str, text: &Option<Text>, diags: &mut Diagnostics| {
        if let Some(text) = text {
            let markup = to_markup(
                &text.markdown,
                Origin::Embedded(text.span.clone()),
                &cx,
                diags,
            );
            let span = text.span.clone();
            rendered
                .texts
                .insert(text_key(kind, id), TextMarkup { markup, span });
        }
    };
    block("vision", "text", &plan.vision.text, diags);
    for p in &plan.priorities {
        block("priority", &p.id, &p.text, diags);
        for g in &p.goals {
            block("goal", &g.id, &g.text, diags);
            for o in &g.objectives {
                block("objective", &o.id, &o.text, diags);
                for m in &o.measures {
                    block("measure", &m.id, &m.text, diags);
                }
            }
        }
    }
    for principle in &plan.principles {
        block("principle", &principle.id, &principle.text, diags);
    }
    if let Some(swot) = &plan.swot {
        for (kind, list) in swot.quadrants() {
            for (i, item) in list.iter().enumerate() {
                let item = &item.text;
                let markup = inline_to_markup(
                    &item.markdown,
                    Origin::Embedded(item.span.clone()),
                    &cx,
                    diags,
                );
                let span = item.span.clone();
                rendered
                    .texts
                    .insert(text_key(kind, &i.to_string()), TextMarkup { markup, span });
            }
        }
    }
    rendered.images = images.converted();
    rendered
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
                diags.push(
                    Diagnostic::error(format!("the id `{id}` is already used in the plan"))
                        .code("duplicate-id")
                        .at(span)
                        .hint("ids are unique across the whole plan; rename this one"),
                );
            } else if let Some(first) = labels.insert(&id, kind, span.clone()) {
                diags.push(
                    Diagnostic::error(format!("the id `{id}` is used twice"))
                        .code("duplicate-id")
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
                        .code("reference-outside-document")
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
