//! Every piece of Markdown of a plan written as typst markup: the chapters and the texts
//! written inside TOML, with the plan's pictures (and its title-page emblem) prepared for
//! typst.

use std::collections::BTreeMap;

use super::{Outline, SourceMap, write};
use crate::diag::{Diagnostics, Span};
use crate::images::Images;
use crate::model::Plan;
use crate::understand::{Origin, Understood, pictures};

/// Markup for every Markdown source of a plan.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Chapters by their path as written in `parts`.
    pub chapters: BTreeMap<String, Chapter>,
    /// Texts from TOML by key (see [`crate::understand::text_key`]).
    pub texts: BTreeMap<String, TextMarkup>,
    /// The virtual path of the title-page emblem, when the plan has one.
    pub logo: Option<String>,
    /// Pictures converted for typst, served from memory.
    pub images: Vec<crate::images::Converted>,
}

/// A chapter written: its markup (without the prelude, reading its heading numbers from
/// `numbers` and `refs`; see [`super::Written`]), its outline, and where each piece of
/// its markup came from.
#[derive(Debug, Default, Clone)]
pub struct Chapter {
    pub markup: String,
    pub outline: Outline,
    pub map: SourceMap,
}

/// A text written in TOML, written: its markup, and the TOML string it came from.
#[derive(Debug, Clone)]
pub struct TextMarkup {
    pub markup: String,
    pub span: Span,
}

/// Writes all Markdown of the plan as markup, preparing its pictures (a picture that
/// cannot be shown is reported to `diags` where it is named).
pub(crate) fn render(
    plan: &Plan,
    understood: &Understood,
    images: &Images,
    diags: &mut Diagnostics,
) -> Rendered {
    let prepared = pictures::prepare(plan, understood, images, diags);
    let mut rendered = Rendered {
        logo: prepared.logo.clone(),
        ..Rendered::default()
    };
    for chapter in &plan.chapters {
        let Some(doc) = understood.chapters.get(&chapter.path) else {
            continue;
        };
        let written = write(doc, &Origin::File(chapter.file), &prepared.paths);
        rendered.chapters.insert(
            chapter.path.clone(),
            Chapter {
                markup: written.markup,
                outline: written.outline,
                map: written.map,
            },
        );
    }
    for (key, text) in &understood.texts {
        let origin = Origin::Embedded(text.span.clone());
        let mut markup = write(&text.doc, &origin, &prepared.paths).markup;
        if text.inline {
            // Set within a line: no paragraph breaks.
            markup = markup.replace("\n\n", " ");
        }
        let span = text.span.clone();
        rendered
            .texts
            .insert(key.clone(), TextMarkup { markup, span });
    }
    rendered.images = images.converted();
    rendered
}
