//! Runs of text: the text of consecutive `Text` and `Escaped` nodes and the soft line
//! breaks between them (a space, as Markdown reads one), and which characters were
//! backslash-escaped. A fact wrapped onto the next line (`{{ count.groups` and `| noun }}`)
//! is then found as one, as are a number and its unit on two lines. comrak keeps escapes as nodes of their own (see
//! [`super::options`]), so that our syntax inside text, `{{ fact }}` and `{#id}`, is found
//! only where written as is: `\{\{` and `\{#id}` are text, as every escape in Markdown is.

use std::ops::Range;

use comrak::nodes::NodeValue;

use super::Node;

/// The text of consecutive text nodes, and the part of it to show.
#[derive(Debug, Clone)]
pub(super) struct Run<'a> {
    /// The whole text of the nodes.
    pub text: String,
    /// Byte offsets in `text` of the characters written with a backslash.
    pub escaped: Vec<usize>,
    /// The part shown: all of `text`, unless a caption or heading syntax takes some.
    pub range: Range<usize>,
    /// Each node of the run, with where its text starts in `text` (to place diagnostics).
    pub nodes: Vec<(Node<'a>, usize)>,
}

impl<'a> Run<'a> {
    /// `text` with every escaped character replaced by NUL (same length), to find syntax in.
    pub(super) fn syntax(&self) -> String {
        let mut bytes = self.text.clone().into_bytes();
        for &i in &self.escaped {
            // Escapes are ASCII punctuation: one byte, so the text stays UTF-8.
            bytes[i] = 0;
        }
        String::from_utf8(bytes).expect("escaped characters are ASCII")
    }

    /// The shown part of the text.
    pub(super) fn shown(&self) -> &str {
        &self.text[self.range.clone()]
    }

    /// The node holding the text at `offset`, its text, and where that starts in `text`.
    pub(super) fn node_at(&self, offset: usize) -> (Node<'a>, &str, usize) {
        let i = self
            .nodes
            .partition_point(|&(_, start)| start <= offset)
            .saturating_sub(1);
        let (node, start) = self.nodes[i];
        let end = self
            .nodes
            .get(i + 1)
            .map_or(self.text.len(), |&(_, end)| end);
        (node, &self.text[start..end], start)
    }
}

/// Inline content as a sequence of pieces: text runs and the other nodes.
#[derive(Debug, Clone)]
pub(super) enum Piece<'a> {
    Text(Run<'a>),
    Node(Node<'a>),
}

/// Whether a node is text: plain, a backslash escape or a soft line break.
fn is_text(node: Node) -> bool {
    matches!(
        node.data.borrow().value,
        NodeValue::Text(_) | NodeValue::Escaped | NodeValue::SoftBreak
    )
}

/// The inline children of `node` as pieces.
pub(super) fn pieces<'a>(node: Node<'a>) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    let mut run: Option<Run<'a>> = None;
    for child in node.children() {
        if is_text(child) {
            extend(run.get_or_insert_with(empty), child);
        } else {
            out.extend(run.take().map(Piece::Text));
            out.push(Piece::Node(child));
        }
    }
    out.extend(run.map(Piece::Text));
    out
}

/// A run of one text node.
pub(super) fn single(node: Node<'_>) -> Run<'_> {
    let mut run = empty();
    extend(&mut run, node);
    run
}

fn empty<'a>() -> Run<'a> {
    Run {
        text: String::new(),
        escaped: Vec::new(),
        range: 0..0,
        nodes: Vec::new(),
    }
}

/// Adds a text node to a run.
fn extend<'a>(run: &mut Run<'a>, node: Node<'a>) {
    let escaped = matches!(node.data.borrow().value, NodeValue::Escaped);
    run.nodes.push((node, run.text.len()));
    if matches!(node.data.borrow().value, NodeValue::SoftBreak) {
        run.text.push(' ');
    }
    for descendant in node.descendants() {
        if let NodeValue::Text(text) = &descendant.data.borrow().value {
            if escaped {
                run.escaped
                    .extend((0..text.len()).map(|i| run.text.len() + i));
            }
            run.text.push_str(text);
        }
    }
    run.range = 0..run.text.len();
}

#[cfg(test)]
mod tests {
    use comrak::{Arena, parse_document};

    use super::*;

    #[test]
    fn escapes_are_marked() {
        let arena = Arena::new();
        let root = parse_document(&arena, r"a \{\{ b *c* d\#", &super::super::options());
        let paragraph = root.first_child().expect("paragraph");
        let pieces = pieces(paragraph);
        assert_eq!(pieces.len(), 3);
        let Piece::Text(first) = &pieces[0] else {
            panic!("text first")
        };
        assert_eq!(first.text, "a {{ b ");
        assert_eq!(first.escaped, [2, 3]);
        assert_eq!(first.syntax(), "a \0\0 b ");
        let Piece::Text(last) = &pieces[2] else {
            panic!("text last")
        };
        assert_eq!((last.text.as_str(), &last.escaped[..]), (" d#", &[2][..]));
    }
}
