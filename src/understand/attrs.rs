//! Attributes in braces after a table's caption or a picture, in the style of `{#id}`:
//! `{#id .landscape widths="3,1,1"}`, `{#id width=40% .left}`. Read here into what they
//! ask for (typed, in the tree); an attribute nobody knows is a warning with "did you
//! mean", a value that cannot be used an error, and neither is ever printed as text.

use super::tree::{Place, Size, TableLook, Width};
use crate::diag::{Diagnostic, Diagnostics, Span, codes};

/// What an attribute block holds: its `#id`, and its classes and values in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Attrs {
    pub id: Option<String>,
    pub items: Vec<Attr>,
    /// Where each item is written: bytes from the block's `{`.
    places: Vec<std::ops::Range<usize>>,
    /// Where the block's `{` is in the chapter, when known: a problem with one attribute
    /// is then shown under that attribute, not under the whole line.
    pub at: Option<Span>,
}

impl Attrs {
    /// Where the item written `name` (`.total` for a class, `columns` for a value) is, else
    /// `fallback` (the line it is on).
    pub(super) fn span_of(&self, name: &str, fallback: &Span) -> Span {
        let index = self
            .items
            .iter()
            .position(|a| match (a, name.strip_prefix('.')) {
                (Attr::Class(c), Some(class)) => c == class,
                (Attr::Pair(k, _), None) => k == name,
                _ => false,
            });
        index.map_or_else(|| fallback.clone(), |i| self.span_at(i, fallback))
    }

    /// Where the `i`-th item is, else `fallback`.
    pub(super) fn span_at(&self, i: usize, fallback: &Span) -> Span {
        match (&self.at, self.places.get(i)) {
            (Some(at), Some(place)) => Span::new(
                at.file,
                at.range.start + place.start..at.range.start + place.end,
            ),
            _ => fallback.clone(),
        }
    }

    /// Keeps the item `attr` (one of these attributes), with its place.
    pub(super) fn keep(&self, attr: &Attr, into: &mut Attrs) {
        if let Some(i) = self.items.iter().position(|a| a == attr) {
            into.items.push(attr.clone());
            into.places
                .push(self.places.get(i).cloned().unwrap_or(0..0));
            into.at = self.at.clone();
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Attr {
    /// `.name`
    Class(String),
    /// `key=value` or `key="value"`
    Pair(String, String),
}

/// The attribute block `{…}` ending `text` (spaces after it allowed): the text before it
/// (without the spaces before the block) and the block. Only braces whose every word is
/// an `#id` (a valid one), a `.class` or a `key=value` are one; other braces stay text.
pub(super) fn trailing(text: &str) -> Option<(&str, Attrs)> {
    let trimmed = text.trim_end();
    let inner_end = trimmed.len().checked_sub(1)?;
    if !trimmed.ends_with('}') {
        return None;
    }
    let open = trimmed[..inner_end].rfind('{')?;
    let attrs = parse(&trimmed[open + 1..inner_end], 1)?;
    Some((trimmed[..open].trim_end(), attrs))
}

/// The attribute block `{…}` starting `text`, and the text after it.
pub(super) fn leading(text: &str) -> Option<(Attrs, &str)> {
    let rest = text.strip_prefix('{')?;
    let close = rest.find('}')?;
    let attrs = parse(&rest[..close], 1)?;
    Some((attrs, &rest[close + 1..]))
}

/// The words between the braces, or `None` when they are not attributes; `shift` is how
/// far `inner` starts from the `{`.
fn parse(inner: &str, shift: usize) -> Option<Attrs> {
    let mut attrs = Attrs::default();
    let mut rest = inner.trim_start();
    // Where `rest` starts, from the `{`.
    let offset = |rest: &str| shift + inner.len() - rest.len();
    if rest.is_empty() || rest.contains(['{', '}']) {
        return None;
    }
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('#') {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            let id = &after[..end];
            if attrs.id.is_some() || !crate::model::valid_id(id) {
                return None;
            }
            attrs.id = Some(id.to_string());
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            let name = &after[..end];
            if !is_name(name) {
                return None;
            }
            let start = offset(rest);
            attrs.items.push(Attr::Class(name.to_string()));
            attrs.places.push(start..start + 1 + end);
            rest = &after[end..];
        } else {
            let eq = rest.find('=')?;
            let key = &rest[..eq];
            if !is_name(key) {
                return None;
            }
            let after = &rest[eq + 1..];
            let (value, next) = match after.strip_prefix('"') {
                Some(quoted) => {
                    let close = quoted.find('"')?;
                    (&quoted[..close], &quoted[close + 1..])
                }
                None => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            if value.is_empty() || (!next.is_empty() && !next.starts_with(char::is_whitespace)) {
                return None;
            }
            let start = offset(rest);
            attrs
                .items
                .push(Attr::Pair(key.to_string(), value.to_string()));
            attrs.places.push(start..offset(next));
            rest = next;
        }
        rest = rest.trim_start();
    }
    Some(attrs)
}

/// A class or key: letters, digits and `-`, starting with a letter.
fn is_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// The attributes a table's caption may hold.
const TABLE_ATTRS: &[&str] = &[".landscape", ".small", ".smaller", "widths"];
/// The attributes a picture may hold.
const PICTURE_ATTRS: &[&str] = &[".left", ".center", ".right", "width", "page"];

/// Warns of an attribute `what` does not know, with the closest known one.
pub(super) fn unknown(
    attr: &Attr,
    known: &[&str],
    what: &str,
    span: &Span,
    diags: &mut Diagnostics,
) {
    let written = match attr {
        Attr::Class(name) => format!(".{name}"),
        Attr::Pair(key, _) => key.clone(),
    };
    let listed = known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let hint = crate::suggest::hint(&written, known.iter().copied(), || {
        format!("{what} takes {listed}")
    });
    diags.push(
        Diagnostic::warning(format!(
            "`{written}` is not an attribute of {what}; it is left out"
        ))
        .code(codes::UNKNOWN_ATTRIBUTE)
        .at(span.clone())
        .hint(hint),
    );
}

fn bad(message: String, hint: &str, span: &Span, diags: &mut Diagnostics) {
    diags.push(
        Diagnostic::error(message)
            .code(codes::BAD_ATTRIBUTE)
            .at(span.clone())
            .hint(hint),
    );
}

/// How a table looks, from its caption's attributes; `columns` is how many it has.
pub(super) fn table_look(
    attrs: &Attrs,
    columns: usize,
    span: &Span,
    diags: &mut Diagnostics,
) -> TableLook {
    let mut look = TableLook::default();
    for (i, attr) in attrs.items.iter().enumerate() {
        let span = &attrs.span_at(i, span);
        match attr {
            Attr::Class(name) if name == "landscape" => look.landscape = true,
            Attr::Class(name) if name == "small" => look.size = Size::Small,
            Attr::Class(name) if name == "smaller" => look.size = Size::Smaller,
            Attr::Pair(key, value) if key == "widths" => {
                let parts: Option<Vec<f64>> = value
                    .split(',')
                    .map(|w| {
                        w.trim()
                            .parse::<f64>()
                            .ok()
                            .filter(|w| w.is_finite() && *w > 0.0 && *w <= 1000.0)
                    })
                    .collect();
                match parts {
                    None => bad(
                        format!("`widths=\"{value}\"` is not a list of relative widths"),
                        "write one positive number per column, separated by commas, e.g. widths=\"3,1,1\": the first column three times as wide as each of the others",
                        span,
                        diags,
                    ),
                    Some(parts) if parts.len() != columns => bad(
                        format!(
                            "`widths=\"{value}\"` gives {} widths, but the table has {columns} columns",
                            parts.len()
                        ),
                        "give one width per column, in the order of the columns",
                        span,
                        diags,
                    ),
                    Some(parts) => look.widths = Some(parts),
                }
            }
            other => unknown(other, TABLE_ATTRS, "a table", span, diags),
        }
    }
    look
}

/// How a picture is shown, from its attributes: its width, where it stands and (of a PDF)
/// which page.
pub(super) fn picture_look(
    attrs: &Attrs,
    pdf: bool,
    span: &Span,
    diags: &mut Diagnostics,
) -> (Option<Width>, Place, u32) {
    let (mut width, mut place, mut page) = (None, Place::Center, 1);
    for (i, attr) in attrs.items.iter().enumerate() {
        let span = &attrs.span_at(i, span);
        match attr {
            Attr::Class(name) if name == "left" => place = Place::Left,
            Attr::Class(name) if name == "center" => place = Place::Center,
            Attr::Class(name) if name == "right" => place = Place::Right,
            Attr::Pair(key, value) if key == "width" => match parse_width(value) {
                Some(parsed) => width = Some(parsed),
                None => bad(
                    format!("`width={value}` is not a width a picture can take"),
                    "write a share of the text width from 1% to 100% (width=40%) or a length in millimetres or centimetres up to 250mm (width=80mm, width=8cm)",
                    span,
                    diags,
                ),
            },
            Attr::Pair(key, value) if key == "page" => {
                match value.parse::<u32>().ok().filter(|&p| p >= 1) {
                    Some(_) if !pdf => bad(
                        format!("`page={value}` is given, but the picture is not a PDF"),
                        "only a PDF has pages to choose from: remove `page`",
                        span,
                        diags,
                    ),
                    Some(p) => page = p,
                    None => bad(
                        format!("`page={value}` is not a page number"),
                        "write the page of the PDF to show, counted from 1, e.g. page=2",
                        span,
                        diags,
                    ),
                }
            }
            other => unknown(other, PICTURE_ATTRS, "a picture", span, diags),
        }
    }
    (width, place, page)
}

/// `40%` (of the text width, 1–100) or `80mm` / `8cm` (up to 250 mm).
pub(super) fn parse_width(value: &str) -> Option<Width> {
    let number = |text: &str| {
        text.trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n > 0.0)
    };
    if let Some(percent) = value.strip_suffix('%') {
        return number(percent)
            .filter(|p| (1.0..=100.0).contains(p))
            .map(Width::Percent);
    }
    let mm = if let Some(mm) = value.strip_suffix("mm") {
        number(mm)?
    } else {
        number(value.strip_suffix("cm")?)? * 10.0
    };
    (mm <= 250.0).then_some(Width::Mm(mm))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(name: &str) -> Attr {
        Attr::Class(name.into())
    }

    #[test]
    fn attribute_blocks() {
        let (before, attrs) =
            trailing("Darbo rinka {#darbo .landscape widths=\"3,1,1\"} ").expect("attributes");
        assert_eq!(before, "Darbo rinka");
        assert_eq!(attrs.id.as_deref(), Some("darbo"));
        assert_eq!(
            attrs.items,
            vec![
                class("landscape"),
                Attr::Pair("widths".into(), "3,1,1".into())
            ]
        );
        assert_eq!(
            trailing("x {.small}").map(|(_, a)| a.items),
            Some(vec![class("small")])
        );
        // Braces that are not attributes stay text.
        assert_eq!(trailing("Funding {in EUR}"), None);
        assert_eq!(trailing("Bad {#ne id}"), None);
        assert_eq!(trailing("Two {#a #b}"), None);
        assert_eq!(trailing("Open {width=\"40%}"), None);
        let (attrs, after) = leading("{#fig width=40% .left} ").expect("attributes");
        assert_eq!(after, " ");
        assert_eq!(attrs.id.as_deref(), Some("fig"));
    }

    #[test]
    fn widths() {
        assert_eq!(parse_width("40%"), Some(Width::Percent(40.0)));
        assert_eq!(parse_width("80mm"), Some(Width::Mm(80.0)));
        assert_eq!(parse_width("8cm"), Some(Width::Mm(80.0)));
        assert_eq!(parse_width("140%"), None);
        assert_eq!(parse_width("0mm"), None);
        assert_eq!(parse_width("40"), None);
        assert_eq!(parse_width("300mm"), None);
    }
}
