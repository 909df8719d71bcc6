//! Ids that Markdown itself defines: headings with `{#id}`, figures `![…](…){#id}` and
//! tables captioned `Table: … {#id}`. Collected before conversion so that references may
//! point forward, to a later chapter.

use std::collections::BTreeMap;

use comrak::nodes::NodeValue;
use comrak::{Arena, parse_document};

use super::attrs::Attrs;
use super::runs::{Piece, pieces};
use super::{Located, Node, options};
use crate::diag::{FileId, Span};

/// What a Markdown id names; references print its number, which typst computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    Heading,
    Figure,
    Table,
}

/// Every Markdown-defined id, with its kind and where it is defined.
#[derive(Debug, Default)]
pub(crate) struct Labels {
    map: BTreeMap<String, (LabelKind, Span)>,
}

impl Labels {
    pub(crate) fn get(&self, id: &str) -> Option<LabelKind> {
        self.map.get(id).map(|(kind, _)| *kind)
    }

    /// Where an id is defined.
    pub(crate) fn span(&self, id: &str) -> Option<Span> {
        self.map.get(id).map(|(_, span)| span.clone())
    }

    pub(crate) fn ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.map.keys().map(String::as_str)
    }

    /// Adds an id; returns where it was defined before, if it was.
    pub(crate) fn insert(&mut self, id: &str, kind: LabelKind, span: Span) -> Option<Span> {
        match self.map.get(id) {
            Some((_, first)) => Some(first.clone()),
            None => {
                self.map.insert(id.to_string(), (kind, span));
                None
            }
        }
    }
}

/// The `{#id}` at the end of a text, and the text before it.
pub(super) fn trailing_id(text: &str) -> Option<(&str, &str)> {
    let trimmed = text.trim_end();
    let open = trimmed.strip_suffix('}')?.rfind("{#")?;
    let id = &trimmed[open + 2..trimmed.len() - 1];
    crate::model::valid_id(id).then(|| (trimmed[..open].trim_end(), id))
}

/// What stands between `{#` and `}` at the end of inline pieces when it is not a valid id
/// (`{#a"b}`, `{#two words}`): it stays text, which the writer should hear about.
pub(super) fn malformed_trailing_id(pieces: &[Piece]) -> Option<String> {
    let Some(Piece::Text(run)) = pieces.last() else {
        return None;
    };
    let text = &run.syntax()[run.range.clone()];
    let trimmed = text.trim_end();
    let open = trimmed.strip_suffix('}')?.rfind("{#")?;
    let id = &trimmed[open + 2..trimmed.len() - 1];
    (!crate::model::valid_id(id)).then(|| id.to_string())
}

/// Takes a `{#id}` (written without escapes) off the end of inline pieces, with the spaces
/// before it: the id of a heading or caption.
pub(super) fn take_trailing_id(pieces: &mut [Piece]) -> Option<String> {
    let Some(Piece::Text(run)) = pieces.last_mut() else {
        return None;
    };
    let syntax = run.syntax();
    let (before, id) = trailing_id(&syntax[run.range.clone()])?;
    run.range.end = run.range.start + before.len();
    Some(id.to_string())
}

/// Takes an attribute block `{#id .class key=value}` (written without escapes) off the end
/// of inline pieces, with the spaces before it: a caption's.
pub(super) fn take_trailing_attrs(pieces: &mut [Piece]) -> Option<Attrs> {
    let Some(Piece::Text(run)) = pieces.last_mut() else {
        return None;
    };
    let syntax = run.syntax();
    let (before, attrs) = super::attrs::trailing(&syntax[run.range.clone()])?;
    run.range.end = run.range.start + before.len();
    Some(attrs)
}

/// A caption paragraph, `Table: caption {#id .class key=value}` (or `: caption`): the
/// caption's pieces, any inline Markdown, and its attributes (the id among them).
pub(super) fn caption(paragraph: Node) -> Option<(Vec<Piece>, Attrs)> {
    if !matches!(paragraph.data.borrow().value, NodeValue::Paragraph) {
        return None;
    }
    let mut pieces = pieces(paragraph);
    let Some(Piece::Text(run)) = pieces.first_mut() else {
        return None;
    };
    let syntax = run.syntax();
    let rest = syntax
        .strip_prefix("Table:")
        .or_else(|| syntax.strip_prefix(": "))?;
    run.range.start = syntax.len() - rest.trim_start().len();
    let attrs = take_trailing_attrs(&mut pieces).unwrap_or_default();
    Some((pieces, attrs))
}

/// Which paragraphs caption which tables among sibling blocks, as pairs of indices (table,
/// caption): a caption paragraph right before a table captions it, else one right after.
pub(super) fn pair_captions(children: &[Node]) -> Vec<(usize, usize)> {
    let is_table = |i: usize| {
        children
            .get(i)
            .is_some_and(|n| matches!(n.data.borrow().value, NodeValue::Table(_)))
    };
    let is_caption = |i: usize| children.get(i).is_some_and(|n| caption(n).is_some());
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for table in (0..children.len()).filter(|&i| is_table(i)) {
        let taken = |c: usize| pairs.last().is_some_and(|&(_, last)| last == c);
        let before = table.checked_sub(1).filter(|&c| is_caption(c) && !taken(c));
        if let Some(caption) = before.or_else(|| Some(table + 1).filter(|&c| is_caption(c))) {
            pairs.push((table, caption));
        }
    }
    pairs
}

/// A paragraph that is a figure: just an image, and its attributes `{#id width=40%}`
/// right after it.
pub(super) fn figure<'a>(paragraph: Node<'a>) -> Option<(Node<'a>, Attrs)> {
    if !matches!(paragraph.data.borrow().value, NodeValue::Paragraph) {
        return None;
    }
    let children: Vec<Node<'a>> = paragraph.children().collect();
    let (&image, rest) = children.split_first()?;
    if !matches!(image.data.borrow().value, NodeValue::Image(_)) {
        return None;
    }
    let attrs = match rest {
        [] => Attrs::default(),
        [next] => match &next.data.borrow().value {
            NodeValue::Text(text) => match super::attrs::leading(text) {
                Some((attrs, after)) if after.trim().is_empty() => attrs,
                _ => return None,
            },
            _ => return None,
        },
        _ => return None,
    };
    Some((image, attrs))
}

/// Whether a picture's attributes ask for a table (`.table`): only a dataset's picture
/// takes it, and becomes a table from its data.
pub(super) fn is_table(attrs: &Attrs) -> bool {
    attrs
        .items
        .iter()
        .any(|a| matches!(a, super::attrs::Attr::Class(c) if c == "table"))
}

/// The ids a chapter defines, with the span of each.
pub(super) fn collect(markdown: &str, file: FileId) -> Vec<(String, LabelKind, Span)> {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options());
    let locate = Located::new(markdown, file);
    let mut found = Vec::new();
    for node in root.descendants() {
        match &node.data.borrow().value {
            NodeValue::Heading(_) => {
                if let Some(id) = take_trailing_id(&mut pieces(node)) {
                    found.push((id, LabelKind::Heading, locate.span(node)));
                }
            }
            NodeValue::Paragraph => {
                if let Some((image, attrs)) = figure(node) {
                    // A picture of a dataset with `.table` is a table (see `from_data`).
                    let kind = if is_table(&attrs) {
                        LabelKind::Table
                    } else {
                        LabelKind::Figure
                    };
                    if let Some(id) = attrs.id {
                        found.push((id, kind, locate.span(image)));
                    }
                }
            }
            _ => {}
        }
        let children: Vec<Node> = node.children().collect();
        for (table, caption_at) in pair_captions(&children) {
            if let Some((_, Attrs { id: Some(id), .. })) = caption(children[caption_at]) {
                found.push((id, LabelKind::Table, locate.span(children[table])));
            }
        }
    }
    // In document order, as duplicates are reported against the first.
    found.sort_by_key(|(_, _, span)| span.range.start);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_attributes() {
        assert_eq!(
            trailing_id("Demografija {#demografija}"),
            Some(("Demografija", "demografija"))
        );
        assert_eq!(trailing_id("Be id"), None);
        assert_eq!(trailing_id("Blogas {#ne id}"), None);
    }

    /// The caption and id of a paragraph, as text.
    fn caption_of(markdown: &str) -> Option<(String, Option<String>)> {
        let arena = Arena::new();
        let root = parse_document(&arena, markdown, &options());
        let (pieces, attrs) = caption(root.first_child()?)?;
        let id = attrs.id;
        let text = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(run) => run.shown().to_string(),
                Piece::Node(_) => "<node>".to_string(),
            })
            .collect();
        Some((text, id))
    }

    #[test]
    fn captions_take_inline_markdown_and_an_id() {
        let caption = |text: &str, id: Option<&str>| Some((text.to_string(), id.map(String::from)));
        assert_eq!(
            caption_of("Table: Darbo rinka {#darbo-rinka}"),
            caption("Darbo rinka", Some("darbo-rinka"))
        );
        assert_eq!(
            caption_of("Table: Cap *emph* {#t2}"),
            caption("Cap <node>", Some("t2"))
        );
        assert_eq!(
            caption_of(": Funding in `EUR` {#t3}"),
            caption("Funding in <node>", Some("t3"))
        );
        assert_eq!(caption_of("Table: *Emph*"), caption("<node>", None));
        // Escaped, the syntax is text.
        assert_eq!(
            caption_of(r"Table: Ids look like \{#this}"),
            caption("Ids look like {#this}", None)
        );
        assert_eq!(caption_of(r"Table\: no"), None);
        assert_eq!(caption_of("Lentelė"), None);
    }
}
