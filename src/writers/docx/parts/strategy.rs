//! `@strategy`: priorities → goals → objectives → measures, as `templates/strategy.typ`
//! lays them out: priorities and goals as headings (in the contents), objectives as
//! titles, measures as numbered lines; each item's text, its fact lines (indicative need,
//! the higher-level goals it contributes to, the SWOT items it answers, the principles it
//! serves) and its indicators' table. When the document's references to items link here,
//! every item's number is bookmarked (`item_bookmark`).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Context;
use crate::view::{IndicatorData, Text};
use crate::writers::docx::body::Writer;
use crate::writers::docx::numbers::item_bookmark;
use crate::writers::docx::xml::{Look, run_of};

/// The words the part shows.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Words {
    priority: String,
    goal: String,
    objective: String,
    measures: String,
    need: String,
    answers: String,
    principles_serves: String,
    contributes_to: String,
    impact_indicators: String,
    effect_indicators: String,
}

impl Words {
    fn of(language: crate::model::Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }
}

/// "1.1 tikslas. Title" in Lithuanian, "Goal 1.1. Title" in English, with the item's code
/// from outside after it when it has one (`item-heading` in `style.typ`).
pub(super) fn item_heading(
    language: crate::model::Language,
    word: &str,
    number: &str,
    title: &str,
    code: Option<&Text>,
) -> String {
    let mut out = match language {
        crate::model::Language::Lt => format!("{number}\u{a0}{word}. {title}"),
        crate::model::Language::En => format!("{word}\u{a0}{number}. {title}"),
    };
    if let Some(code) = code {
        out.push_str(&format!(" ({code})"));
    }
    out
}

/// What an item shows beside its title: the facts `facts` looks at.
struct Facts<'a> {
    need: Option<&'a Text>,
    answers: &'a [Text],
    principles: &'a [String],
}

pub(super) fn write<'a>(writer: &mut Writer<'a>, cx: &Context<'a>) {
    let data = cx.data;
    let words = Words::of(writer.language);
    let language = writer.language;
    let items = data.document.anchors.items == Some("strategy");
    let codes = data.document.anchors.indicators == Some("strategy");
    let milestones = &data.plan.milestones;
    let higher: BTreeMap<&str, &crate::view::HigherGoal> = data
        .higher_goals
        .iter()
        .map(|h| (h.id.as_str(), h))
        .collect();
    let principles: BTreeMap<&str, &Text> = data
        .principles
        .iter()
        .map(|p| (p.id.as_str(), &p.name))
        .collect();
    let unit = data.plan.money_unit.as_str();
    let bold = Look {
        bold: true,
        ..Look::default()
    };
    let bookmark = |id: &str| items.then(|| item_bookmark(id));
    for p in &data.priorities {
        let title = item_heading(
            language,
            &words.priority,
            &p.number,
            &p.title,
            p.code.as_ref(),
        );
        writer.heading(2, None, &title, bookmark(&p.id).as_deref());
        text(writer, cx, p.text.as_deref(), false);
        let facts = Facts {
            need: p.need.as_ref(),
            answers: &[],
            principles: &[],
        };
        fact_lines(writer, words, unit, &principles, &facts);
        indicators(
            writer,
            Some(&words.impact_indicators),
            milestones,
            &p.indicators,
            codes,
        );
        for g in &p.goals {
            let title = item_heading(language, &words.goal, &g.number, &g.title, g.code.as_ref());
            writer.heading(3, None, &title, bookmark(&g.id).as_deref());
            text(writer, cx, g.text.as_deref(), false);
            let links: Vec<&&crate::view::HigherGoal> = g
                .contributes
                .iter()
                .filter_map(|id| higher.get(id.as_str()))
                .collect();
            if !links.is_empty() {
                let mut runs = label(writer, &words.contributes_to);
                for (i, h) in links.iter().enumerate() {
                    if i > 0 {
                        runs.push_str(&writer.runs("; ", Look::default()));
                    }
                    runs.push_str(&writer.runs(&h.id, bold));
                    runs.push_str(&writer.runs(&format!(" {} (", h.title), Look::default()));
                    runs.push_str(&writer.runs(
                        &h.document,
                        Look {
                            italic: true,
                            ..Look::default()
                        },
                    ));
                    runs.push_str(&writer.runs(")", Look::default()));
                }
                writer.paragraph(Some("PartFact"), "", &runs);
            }
            let facts = Facts {
                need: g.need.as_ref(),
                answers: &g.answers,
                principles: &g.principles,
            };
            fact_lines(writer, words, unit, &principles, &facts);
            indicators(
                writer,
                Some(&words.effect_indicators),
                milestones,
                &g.indicators,
                codes,
            );
            for o in &g.objectives {
                let title = item_heading(
                    language,
                    &words.objective,
                    &o.number,
                    &o.title,
                    o.code.as_ref(),
                );
                let runs = writer.fresh_runs(&title, Look::default());
                let runs = match bookmark(&o.id) {
                    Some(name) => writer.bookmarked_as(&name, &runs),
                    None => runs,
                };
                writer.paragraph(Some("ObjectiveTitle"), "", &runs);
                text(writer, cx, o.text.as_deref(), false);
                let facts = Facts {
                    need: o.need.as_ref(),
                    answers: &[],
                    principles: &o.principles,
                };
                fact_lines(writer, words, unit, &principles, &facts);
                indicators(writer, None, milestones, &o.indicators, codes);
                if o.measures.is_empty() {
                    continue;
                }
                let runs = writer.fresh_runs(&words.measures, bold);
                writer.paragraph(Some("PartLabel"), "", &runs);
                for m in &o.measures {
                    let number = writer.fresh_runs(&m.number, bold);
                    let mut runs = match bookmark(&m.id) {
                        Some(name) => writer.bookmarked_as(&name, &number),
                        None => number,
                    };
                    runs.push_str(&run_of("<w:tab/>", Look::default()));
                    runs.push_str(&writer.fresh_runs(&m.title, Look::default()));
                    if let Some(code) = &m.code {
                        runs.push_str(&writer.runs(&format!(" ({code})"), Look::default()));
                    }
                    // The title stays with the first lines of its text.
                    let keep = if m.text.is_some() {
                        "<w:keepNext/>"
                    } else {
                        ""
                    };
                    writer.paragraph(Some("MeasureTitle"), keep, &runs);
                    text(writer, cx, m.text.as_deref(), true);
                }
            }
        }
    }
}

/// An item's text written in TOML; a measure's (`indented`) set in smaller type, in line
/// with the measure's title.
fn text<'a>(writer: &mut Writer<'a>, cx: &Context<'a>, key: Option<&str>, indented: bool) {
    let Some(doc) = key.and_then(|key| cx.texts.get(key)) else {
        return;
    };
    let from = writer.out.len();
    writer.text(doc);
    if indented {
        // Its plain paragraphs (lists and quotes keep their own indents).
        let written = writer.out.split_off(from);
        let mut pieces = written.split("<w:p>");
        writer.out.push_str(pieces.next().unwrap_or_default());
        for piece in pieces {
            writer.out.push_str("<w:p>");
            if !piece.starts_with("<w:pPr>") {
                writer
                    .out
                    .push_str("<w:pPr><w:pStyle w:val=\"MeasureText\"/></w:pPr>");
            }
            writer.out.push_str(piece);
        }
    }
}

/// "Label: " in bold, as a fact line starts.
fn label(writer: &mut Writer, label: &str) -> String {
    writer.fresh_runs(
        &format!("{label}: "),
        Look {
            bold: true,
            ..Look::default()
        },
    )
}

/// An item's indicative need, the SWOT items it answers and the principles it serves,
/// each on a line of its own when it has them.
fn fact_lines(
    writer: &mut Writer,
    words: &Words,
    unit: &str,
    principles: &BTreeMap<&str, &Text>,
    facts: &Facts,
) {
    if let Some(need) = facts.need {
        let mut runs = label(writer, &words.need);
        runs.push_str(&writer.runs(&format!("{need}\u{a0}{unit}"), Look::default()));
        writer.paragraph(Some("PartFact"), "", &runs);
    }
    if !facts.answers.is_empty() {
        let mut runs = label(writer, &words.answers);
        let answers: Vec<&str> = facts.answers.iter().map(Text::as_str).collect();
        runs.push_str(&writer.runs(&answers.join(", "), Look::default()));
        writer.paragraph(Some("PartFact"), "", &runs);
    }
    let served: Vec<&str> = facts
        .principles
        .iter()
        .filter_map(|id| principles.get(id.as_str()).map(|name| name.as_str()))
        .collect();
    if !served.is_empty() {
        let mut runs = label(writer, &words.principles_serves);
        runs.push_str(&writer.runs(&served.join("; "), Look::default()));
        writer.paragraph(Some("PartFact"), "", &runs);
    }
}

/// An item's indicators' table, under its label when it has one.
fn indicators(
    writer: &mut Writer,
    title: Option<&str>,
    milestones: &[i32],
    list: &[IndicatorData],
    anchor: bool,
) {
    if list.is_empty() {
        return;
    }
    if let Some(title) = title {
        let runs = writer.fresh_runs(
            title,
            Look {
                bold: true,
                ..Look::default()
            },
        );
        writer.paragraph(Some("PartLabel"), "", &runs);
    }
    super::indicators::table(writer, milestones, list, anchor);
}

#[cfg(test)]
mod words_tests {
    #[test]
    fn its_words_are_in_both_languages() {
        for language in [crate::model::Language::Lt, crate::model::Language::En] {
            let _ = super::Words::of(language);
        }
    }
}
