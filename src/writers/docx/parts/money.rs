//! What the parts about money and the report's parts share: the line saying what the
//! amounts are in (and, in a review pack, whose they are), items named as the templates
//! name them ("1 prioritetas. Patogus miestas"), amounts as cells, and status marks.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::Language;
use crate::view::{Cell as Amount, Data, Money};
use crate::words::Phrase;
use crate::writers::docx::body::Writer;
use crate::writers::docx::grid::Cell;
use crate::writers::docx::xml::Look;

/// The words the money and report parts share.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct Words {
    pub money_in: Phrase,
    pub pack_amounts: BTreeMap<String, Phrase>,
    pub priority: String,
    pub goal: String,
    pub objective: String,
    pub total: String,
    pub dash: String,
    pub source: String,
    pub code: String,
    pub priority_column: String,
    pub year_of: Phrase,
    pub to_date: Phrase,
    pub planned: String,
    pub spent: String,
    pub execution: String,
    pub status: String,
    pub reached: BTreeMap<String, String>,
    pub measure_statuses: BTreeMap<String, String>,
}

impl Words {
    pub(super) fn of(language: Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }
}

/// Bold type.
pub(super) const BOLD: Look = Look {
    bold: true,
    italic: false,
    strike: false,
    code: false,
    link: false,
    superscript: false,
    underline: false,
};

/// "Sumos nurodytos tūkst. Eur", and in a review pack whose measures the amounts are of.
pub(super) fn amounts_note(writer: &mut Writer, data: &Data, pack: bool) {
    let words = Words::of(writer.language);
    let mut text = words
        .money_in
        .fill(&[("unit", &data.plan.money_unit.as_str())]);
    if let Some(group) = data.pack.as_ref().filter(|_| pack) {
        let (form, name) = match own_group(writer.language, &group.name) {
            Some(name) => ("own", name),
            None => ("other", group.name.to_string()),
        };
        if let Some(phrase) = words.pack_amounts.get(form) {
            text.push_str(&format!(". {}", phrase.fill(&[("name", &name)])));
        }
    }
    let runs = writer.fresh_runs(&text, Look::default());
    writer.paragraph(Some("PartNote"), "<w:keepNext/>", &runs);
}

/// A working group's name as the `own` phrases put it when the group calls itself a
/// group (in Lithuanian, in the genitive), as `own-group` in templates/labels.typ.
fn own_group(language: Language, name: &str) -> Option<String> {
    match language {
        Language::Lt => name
            .to_lowercase()
            .ends_with("grupė")
            .then(|| format!("{}ės", &name[..name.len() - "ė".len()])),
        Language::En => name
            .to_lowercase()
            .ends_with("group")
            .then(|| name.to_string()),
    }
}

/// "1.1 tikslas. Title" in Lithuanian, "Goal 1.1. Title" in English, as `item-title` in
/// templates/style.typ; `word` is the item's kind in the language ("tikslas", "Goal").
pub(super) fn item_title(language: Language, word: &str, number: &str, title: &str) -> String {
    match language {
        Language::Lt => format!("{number}\u{a0}{word}. {title}"),
        Language::En => format!("{word}\u{a0}{number}. {title}"),
    }
}

/// An amount as a right-aligned cell (empty when the view has none), bold when `strong`.
pub(super) fn amount(writer: &mut Writer, cell: Option<&Amount>, strong: bool) -> Cell {
    amount_or(writer, cell, "", strong)
}

/// An amount as a right-aligned cell, `absent` when the view has none.
pub(super) fn amount_or(
    writer: &mut Writer,
    cell: Option<&Amount>,
    absent: &str,
    strong: bool,
) -> Cell {
    let look = if strong { BOLD } else { Look::default() };
    let text = cell.map_or(absent, |c| c.text.as_str());
    Cell::of(writer.fresh_runs(text, look)).right()
}

/// Each source's amount and the bold total, as the action plan's and funding tables'
/// last columns.
pub(super) fn money_cells(writer: &mut Writer, money: &Money, strong: bool) -> Vec<Cell> {
    let mut cells: Vec<Cell> = money
        .by_source
        .iter()
        .map(|c| amount(writer, c.as_ref(), strong))
        .collect();
    cells.push(amount(writer, Some(&money.total), true));
    cells
}

/// A status as the report's tables show it: its mark (a shape, as the PDF draws it, so
/// that it reads without colour) and its label.
pub(super) fn status_cell(
    writer: &mut Writer,
    labels: &BTreeMap<String, String>,
    status: &str,
) -> Cell {
    Cell::of(writer.fresh_runs(&status_text(labels, status), Look::default()))
}

/// A status's mark and label as text ("● Pasiekta").
pub(super) fn status_text(labels: &BTreeMap<String, String>, status: &str) -> String {
    let mark = match status {
        "on-track" | "done" => "●",
        "lagging" | "delayed" => "▲",
        "off-track" | "cancelled" => "■",
        "in-progress" => "◉",
        "no-target" | "planned" => "○",
        _ => "–",
    };
    let label = labels.get(status).map_or(status, String::as_str);
    format!("{mark}\u{a0}{label}")
}

#[cfg(test)]
mod tests {
    use crate::model::Language;

    #[test]
    fn a_group_that_calls_itself_one_is_named_in_the_genitive() {
        assert_eq!(
            super::own_group(Language::Lt, "Aplinkos darbo grupė").as_deref(),
            Some("Aplinkos darbo grupės")
        );
        assert_eq!(super::own_group(Language::Lt, "Aplinka"), None);
        assert_eq!(
            super::own_group(Language::En, "Environment group").as_deref(),
            Some("Environment group")
        );
    }

    #[test]
    fn words_are_in_both_languages() {
        for language in [Language::Lt, Language::En] {
            let words = super::Words::of(language);
            assert_eq!(words.reached.len(), 5);
            assert_eq!(words.measure_statuses.len(), 6);
            assert!(
                words.pack_amounts.contains_key("own") && words.pack_amounts.contains_key("other")
            );
        }
    }
}
