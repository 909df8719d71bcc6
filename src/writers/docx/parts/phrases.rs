//! What the plan parts share beyond the writer: the word list's phrases with their values
//! filled in (counted and named ones as `templates/labels.typ` forms them), numbered
//! subheadings, and a text written in TOML as the runs of one table cell.

use serde::Deserialize;

use crate::model::Language;
use crate::writers::docx::body::Writer;
use crate::writers::docx::xml::{Look, run_of};

/// A phrase of the word list with its `{name}` filled in by `value`.
pub(super) fn fill(phrase: &str, name: &str, value: &str) -> String {
    phrase.replace(&format!("{{{name}}}"), value)
}

/// The forms of a counted phrase ("Grupė svarstė {number} priemonę.").
#[derive(Debug, Deserialize)]
pub(super) struct Counted {
    one: String,
    few: String,
    many: String,
}

impl Counted {
    /// The phrase for `n`, in the form the language wants after that number.
    pub(super) fn of(&self, language: Language, n: usize) -> String {
        let form = match language {
            Language::Lt => {
                let (ten, hundred) = (n % 10, n % 100);
                if ten == 1 && hundred != 11 {
                    &self.one
                } else if ten >= 2 && !(11..20).contains(&hundred) {
                    &self.few
                } else {
                    &self.many
                }
            }
            Language::En => {
                if n == 1 {
                    &self.one
                } else {
                    &self.many
                }
            }
        };
        fill(form, "number", &n.to_string())
    }
}

/// A phrase about a working group: one form when the group's name calls it a group (in
/// Lithuanian then put in the genitive), another when it does not.
#[derive(Debug, Deserialize)]
pub(super) struct Named {
    own: String,
    other: String,
}

impl Named {
    pub(super) fn of(&self, language: Language, name: &str) -> String {
        let lower = name.to_lowercase();
        let own = match language {
            Language::Lt => lower
                .ends_with("grupė")
                .then(|| format!("{}ės", &name[..name.len() - "ė".len()])),
            Language::En => lower.ends_with("group").then(|| name.to_string()),
        };
        match own {
            Some(own) => fill(&self.own, "name", &own),
            None => fill(&self.other, "name", name),
        }
    }
}

/// The `n`-th numbered subheading of the part numbered `number`: "11.2." for n = 2.
pub(super) fn subheading(writer: &mut Writer, number: &str, n: usize, title: &str) {
    writer.heading(2, Some(&format!("{number}.{n}.")), title, None);
}

/// A text written in TOML (a SWOT item) as runs within one paragraph, such as a table
/// cell's: its paragraphs run on with line breaks between them.
pub(super) fn text_runs<'a>(
    writer: &mut Writer<'a>,
    doc: &'a crate::understand::tree::Doc,
) -> String {
    let from = writer.out.len();
    writer.text(doc);
    let written = writer.out.split_off(from);
    if written.contains("<w:tbl>") {
        // A table cannot stand within a line: its text, as it reads.
        let mut text = String::new();
        for piece in written.split("<w:t xml:space=\"preserve\">").skip(1) {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(piece.split("</w:t>").next().unwrap_or_default());
        }
        return format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>");
    }
    let mut out = String::new();
    for paragraph in written.split("<w:p>").skip(1) {
        let content = paragraph.strip_suffix("</w:p>").unwrap_or(paragraph);
        let content = match content.find("</w:pPr>") {
            Some(end) if content.starts_with("<w:pPr>") => &content[end + "</w:pPr>".len()..],
            _ => content,
        };
        if !out.is_empty() {
            out.push_str(&run_of("<w:br/>", Look::default()));
        }
        out.push_str(content);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_phrases_take_the_numbers_form() {
        let forms = Counted {
            one: "{number} priemonę".into(),
            few: "{number} priemones".into(),
            many: "{number} priemonių".into(),
        };
        let lt = |n| forms.of(Language::Lt, n);
        assert_eq!(lt(1), "1 priemonę");
        assert_eq!(lt(21), "21 priemonę");
        assert_eq!(lt(11), "11 priemonių");
        assert_eq!(lt(3), "3 priemones");
        assert_eq!(lt(14), "14 priemonių");
        assert_eq!(lt(0), "0 priemonių");
        assert_eq!(lt(10), "10 priemonių");
        assert_eq!(forms.of(Language::En, 1), "1 priemonę");
        assert_eq!(forms.of(Language::En, 2), "2 priemonių");
    }

    #[test]
    fn a_group_calling_itself_a_group_is_named_in_the_genitive() {
        let forms = Named {
            own: "{name} sudėtis".into(),
            other: "Darbo grupės „{name}“ sudėtis".into(),
        };
        assert_eq!(
            forms.of(Language::Lt, "Aplinkos darbo grupė"),
            "Aplinkos darbo grupės sudėtis"
        );
        assert_eq!(
            forms.of(Language::Lt, "Taryba"),
            "Darbo grupės „Taryba“ sudėtis"
        );
    }
}
