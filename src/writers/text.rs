//! Chapters as plain text, block by block: what `plan diff` and the annex of changes split
//! into sentences and compare.
//!
//! A stand-in for the plain-text writer of the neutral document tree: it reads comrak's
//! blocks straight from the Markdown (headings, paragraphs, list items, table rows), with
//! whitespace collapsed and a heading's `{#id}` left out; facts stay as written.

use std::collections::BTreeMap;

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};

use crate::diag::Sources;
use crate::model::Plan;
use crate::number::Numbers;

/// One block of a chapter as plain text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBlock {
    pub text: String,
    /// The 1-based line of the chapter file the block starts on.
    pub line: usize,
}

/// Every chapter of the plan as plain-text blocks in reading order, by chapter path.
pub fn chapter_text(
    plan: &Plan,
    _numbers: &Numbers,
    sources: &Sources,
) -> BTreeMap<String, Vec<TextBlock>> {
    plan.chapters
        .iter()
        .map(|c| (c.path.clone(), blocks(sources.text(c.file))))
        .collect()
}

fn blocks(markdown: &str) -> Vec<TextBlock> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options);
    let mut out = Vec::new();
    for node in root.descendants() {
        let (text, line) = {
            let data = node.data.borrow();
            let text = match &data.value {
                NodeValue::Heading(_) => without_id(&plain(node)).to_string(),
                NodeValue::Paragraph => plain(node),
                NodeValue::TableRow(_) => {
                    node.children().map(plain).collect::<Vec<_>>().join(" | ")
                }
                _ => continue,
            };
            (text, data.sourcepos.start.line)
        };
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            out.push(TextBlock { text, line });
        }
    }
    out
}

/// The text of a node's inlines, without markup.
fn plain<'a>(node: &'a AstNode<'a>) -> String {
    let mut text = String::new();
    for descendant in node.descendants() {
        match &descendant.data.borrow().value {
            NodeValue::Text(t) => text.push_str(t),
            NodeValue::Code(code) => text.push_str(&code.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// A heading's text without its trailing `{#id}`.
fn without_id(text: &str) -> &str {
    let trimmed = text.trim_end();
    match trimmed.rfind("{#") {
        Some(at) if trimmed.ends_with('}') => trimmed[..at].trim_end(),
        _ => trimmed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_headings_paragraphs_items_and_rows() {
        let markdown = "# Įvadas {#ivadas}\n\nPirmas   sakinys,\ntęsinys.\n\n- punktas *a*\n- punktas `b`\n\n| A | B |\n|---|---|\n| 1 | 2 |\n";
        let got: Vec<(String, usize)> = blocks(markdown)
            .into_iter()
            .map(|b| (b.text, b.line))
            .collect();
        let want = [
            ("Įvadas", 1),
            ("Pirmas sakinys, tęsinys.", 3),
            ("punktas a", 6),
            ("punktas b", 7),
            ("A | B", 9),
            ("1 | 2", 11),
        ];
        let want: Vec<(String, usize)> = want.iter().map(|(t, l)| (t.to_string(), *l)).collect();
        assert_eq!(got, want);
    }
}
