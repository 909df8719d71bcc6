//! Converts every piece of Markdown in a plan: the chapters named by documents and the
//! texts written inside TOML (vision, priority and item descriptions, SWOT items).

use std::collections::BTreeMap;

use super::{Context, Origin, inline_to_markup, to_markup};
use crate::diag::Diagnostics;
use crate::model::{Plan, Text};
use crate::number::Numbers;

/// Markup for every Markdown source of a plan.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Chapter markup by the chapter's path as written in `parts`.
    pub chapters: BTreeMap<String, String>,
    /// Texts from TOML by key (see [`text_key`]).
    pub texts: BTreeMap<String, String>,
}

/// Key of a text from TOML: its kind and the id of the item it belongs to.
pub fn text_key(kind: &str, id: &str) -> String {
    format!("{kind}:{id}")
}

/// Converts all Markdown of the plan, reporting problems to `diags`.
pub fn render_plan(
    plan: &Plan,
    numbers: &Numbers,
    sources: &crate::diag::Sources,
    diags: &mut Diagnostics,
) -> Rendered {
    let cx = Context {
        numbers,
        root: &plan.root,
    };
    let mut rendered = Rendered::default();
    for chapter in &plan.chapters {
        let text = sources.text(chapter.file);
        if text.trim().is_empty() {
            diags.push(
                crate::diag::Diagnostic::warning(format!("chapter `{}` is empty", chapter.path))
                    .at(crate::diag::Span::new(chapter.file, 0..0))
                    .hint("write the chapter, or remove it from the document's `parts`"),
            );
        }
        let markup = to_markup(text, Origin::File(chapter.file), &cx, diags);
        rendered.chapters.insert(chapter.path.clone(), markup);
    }

    let mut block = |kind: &str, id: &str, text: &Option<Text>, diags: &mut Diagnostics| {
        if let Some(text) = text {
            let markup = to_markup(
                &text.markdown,
                Origin::Embedded(text.span.clone()),
                &cx,
                diags,
            );
            rendered.texts.insert(text_key(kind, id), markup);
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
    if let Some(swot) = &plan.swot {
        for (kind, list) in [
            ("strengths", &swot.strengths),
            ("weaknesses", &swot.weaknesses),
            ("opportunities", &swot.opportunities),
            ("threats", &swot.threats),
        ] {
            for (i, item) in list.iter().enumerate() {
                let markup = inline_to_markup(
                    &item.markdown,
                    Origin::Embedded(item.span.clone()),
                    &cx,
                    diags,
                );
                rendered
                    .texts
                    .insert(text_key(kind, &i.to_string()), markup);
            }
        }
    }
    rendered
}
