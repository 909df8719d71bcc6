//! The characters no font has, found in the tree where they are written: archival PDF
//! needs a glyph for every character. Run by `plan build` and `plan check` (not by
//! `plan diff`, which reads no fonts).

use super::tree::{BlockKind, InlineKind, Segment, Visit, Written};
use super::{Doc, Understood};
use crate::diag::{Diagnostic, Diagnostics, codes};
use crate::fonts::Glyphs;
use crate::model::Plan;

/// Reports each character the fonts cannot show, once per run of text (or code, address,
/// raw HTML) where it is written: the chapters in plan order, then the texts from TOML.
pub(crate) fn check(
    plan: &Plan,
    understood: &Understood,
    glyphs: &Glyphs,
    diags: &mut Diagnostics,
) {
    for doc in understood.docs(plan) {
        check_doc(doc, glyphs, diags);
    }
}

/// [`check`] of one chapter or text.
pub(crate) fn check_doc(doc: &Doc, glyphs: &Glyphs, diags: &mut Diagnostics) {
    doc.visit(&mut |visit| {
        let written: Vec<&Written> = match visit {
            Visit::Block(block) => match &block.kind {
                BlockKind::Code { literal, .. } => vec![literal],
                BlockKind::Html(html) => vec![html],
                _ => return,
            },
            Visit::Inline(inline) => match &inline.kind {
                InlineKind::Text(segments) => segments
                    .iter()
                    .filter_map(|s| match s {
                        Segment::Written(written) => Some(written),
                        Segment::Fact(_) => None,
                    })
                    .collect(),
                InlineKind::Code(code) => vec![code],
                InlineKind::Html(html) => vec![html],
                InlineKind::Link {
                    content: None,
                    shown,
                    ..
                } => vec![shown],
                _ => return,
            },
        };
        let mut seen = Vec::new();
        for written in written {
            for (offset, c) in written.text.char_indices() {
                if glyphs.covers(c) || seen.contains(&c) {
                    continue;
                }
                seen.push(c);
                let span = written.span_of(offset, c.len_utf8());
                diags.push(
                    Diagnostic::error(format!("no font has the character `{c}` (U+{:04X})", c as u32))
                        .code(codes::MISSING_GLYPH)
                        .at(span)
                        .hint("archival PDF needs a glyph for every character: add a font that has it to the plan's fonts/ folder, or leave the character out"),
                );
            }
        }
    });
}
