//! Ids that Markdown itself defines: headings with `{#id}`, figures `![…](…){#id}` and
//! tables captioned `Table: … {#id}`. Collected before conversion so that references may
//! point forward, to a later chapter.

use std::collections::BTreeMap;

use comrak::nodes::NodeValue;
use comrak::{Arena, parse_document};

use super::{Located, options};
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
pub struct Labels {
    map: BTreeMap<String, (LabelKind, Span)>,
}

impl Labels {
    pub fn get(&self, id: &str) -> Option<LabelKind> {
        self.map.get(id).map(|(kind, _)| *kind)
    }

    /// Where an id is defined.
    pub fn span(&self, id: &str) -> Option<Span> {
        self.map.get(id).map(|(_, span)| span.clone())
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.map.keys().map(String::as_str)
    }

    /// Adds an id; returns where it was defined before, if it was.
    pub fn insert(&mut self, id: &str, kind: LabelKind, span: Span) -> Option<Span> {
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
pub fn trailing_id(text: &str) -> Option<(&str, &str)> {
    let trimmed = text.trim_end();
    let open = trimmed.strip_suffix('}')?.rfind("{#")?;
    let id = &trimmed[open + 2..trimmed.len() - 1];
    crate::model::valid_id(id).then(|| (trimmed[..open].trim_end(), id))
}

/// The `{#id}` at the start of a text, and the text after it.
pub fn leading_id(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("{#")?;
    let close = rest.find('}')?;
    let id = &rest[..close];
    crate::model::valid_id(id).then(|| (id, &rest[close + 1..]))
}

/// The caption and id of a `Table: caption {#id}` paragraph text.
pub fn table_caption(text: &str) -> Option<(&str, Option<&str>)> {
    let caption = text
        .strip_prefix("Table:")
        .or_else(|| text.strip_prefix(": "))?
        .trim_start();
    Some(match trailing_id(caption) {
        Some((caption, id)) => (caption, Some(id)),
        None => (caption, None),
    })
}

/// The ids a chapter defines, with the span of each.
pub fn collect(markdown: &str, file: FileId) -> Vec<(String, LabelKind, Span)> {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options());
    let locate = Located::new(markdown, file);
    let mut found = Vec::new();
    for node in root.descendants() {
        let kind = match &node.data.borrow().value {
            NodeValue::Heading(_) => LabelKind::Heading,
            NodeValue::Image(_) => LabelKind::Figure,
            NodeValue::Table(_) => LabelKind::Table,
            _ => continue,
        };
        let id = match kind {
            LabelKind::Heading => {
                node.last_child()
                    .and_then(|last| match &last.data.borrow().value {
                        NodeValue::Text(text) => trailing_id(text).map(|(_, id)| id.to_string()),
                        _ => None,
                    })
            }
            LabelKind::Figure => {
                node.next_sibling()
                    .and_then(|next| match &next.data.borrow().value {
                        NodeValue::Text(text) => leading_id(text).map(|(id, _)| id.to_string()),
                        _ => None,
                    })
            }
            LabelKind::Table => node.next_sibling().and_then(|next| {
                let text = super::paragraph_text(next)?;
                table_caption(&text).and_then(|(_, id)| id.map(str::to_string))
            }),
        };
        if let Some(id) = id {
            found.push((id, kind, locate.span(node)));
        }
    }
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
        assert_eq!(
            leading_id("{#gyventojai} toliau"),
            Some(("gyventojai", " toliau"))
        );
        assert_eq!(
            table_caption("Table: Darbo rinka {#darbo-rinka}"),
            Some(("Darbo rinka", Some("darbo-rinka")))
        );
        assert_eq!(table_caption("Lentelė"), None);
    }
}
