//! `@action-plan`: one row per measure with its funding per source, under shaded rows
//! naming its priority, goal and objective, with subtotals per objective, goal and
//! priority and the plan's total, as templates/action-plan.typ lays it out (its landscape
//! pages are a section of their own, see `super::write`).

use serde::Deserialize;

use super::Context;
use super::money::{self, BOLD};
use crate::view::{IndicatorData, Measure, Money};
use crate::words::Phrase;
use crate::writers::docx::body::Writer;
use crate::writers::docx::grid::{Cell, Grid, Row, RowKind};
use crate::writers::docx::numbers::item_bookmark;
use crate::writers::docx::xml::Look;

/// The action plan's own words.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Words {
    action_plan: String,
    number: String,
    measure: String,
    responsible: String,
    partners: String,
    period_short: String,
    product_indicators: String,
    plan_total: String,
    group_total: String,
    subtotal_objective: Phrase,
    subtotal_goal: Phrase,
    subtotal_priority: Phrase,
}

impl Words {
    fn of(language: crate::model::Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }
}

/// The columns before the amounts: number, measure, responsible, partners, period,
/// product indicators.
const BEFORE: usize = 6;

pub(super) fn write<'a>(writer: &mut Writer<'a>, cx: &Context<'a>) {
    let data = cx.data;
    let words = Words::of(writer.language);
    let shared = money::Words::of(writer.language);
    let language = writer.language;
    let items = data.document.anchors.items == Some("action-plan");
    money::amounts_note(writer, data, true);
    writer.numbered_caption(true, &words.action_plan, None);
    let mut header = vec![
        Cell::text(&words.number, BOLD),
        Cell::text(&words.measure, BOLD),
        Cell::text(&words.responsible, BOLD),
        Cell::text(&words.partners, BOLD),
        Cell::text(&words.period_short, BOLD),
        Cell::text(&words.product_indicators, BOLD),
    ];
    header.extend(data.sources.iter().map(|s| Cell::text(&s.id, BOLD).right()));
    header.push(Cell::text(&shared.total, BOLD).right());
    let columns = header.len();
    let mut rows = vec![Row::new(RowKind::Header, header)];
    let band = |writer: &mut Writer, text: String, look: Look, id: &str| {
        let runs = writer.fresh_runs(&text, look);
        let runs = if items {
            writer.bookmarked_as(&item_bookmark(id), &runs)
        } else {
            runs
        };
        Row::new(RowKind::Band, vec![Cell::of(runs).spanning(columns)])
    };
    for p in &data.priorities {
        let title = heading(
            language,
            &shared.priority,
            &p.number,
            &p.title,
            p.code.as_deref(),
        );
        rows.push(band(writer, title, BOLD, &p.id));
        for g in &p.goals {
            let title = heading(
                language,
                &shared.goal,
                &g.number,
                &g.title,
                g.code.as_deref(),
            );
            rows.push(band(writer, title, BOLD, &g.id));
            for o in &g.objectives {
                let title = heading(
                    language,
                    &shared.objective,
                    &o.number,
                    &o.title,
                    o.code.as_deref(),
                );
                rows.push(band(writer, title, Look::default(), &o.id));
                for m in &o.measures {
                    rows.push(measure(writer, m, &data.plan.milestones, items));
                }
                let label = words
                    .subtotal_objective
                    .fill(&[("number", &o.number.as_str())]);
                rows.push(subtotal(writer, &label, &o.funding));
            }
            let label = words.subtotal_goal.fill(&[("number", &g.number.as_str())]);
            rows.push(subtotal(writer, &label, &g.funding));
        }
        let label = words
            .subtotal_priority
            .fill(&[("number", &p.number.as_str())]);
        rows.push(subtotal(writer, &label, &p.funding));
    }
    let total = if data.pack.is_none() {
        &words.plan_total
    } else {
        &words.group_total
    };
    rows.push(subtotal(writer, total, &data.funding.total));
    // Amounts, periods and the headers' words unbroken; the measure and its indicators
    // share the rest.
    let mut widths = vec![1.2, 3.3, 1.8, 1.8, 1.8, 3.3];
    widths.extend(std::iter::repeat_n(1.45, data.sources.len()));
    widths.push(1.6);
    writer.grid(&Grid {
        widths: Some(widths),
        size: crate::understand::tree::Size::Small,
        landscape: true,
        rows,
    });
}

/// An item's title as the bands show it, its code from outside after it when it has one
/// ("1.2 tikslas. Title (LT029-01-02)").
fn heading(
    language: crate::model::Language,
    word: &str,
    number: &str,
    title: &str,
    code: Option<&str>,
) -> String {
    let title = money::item_title(language, word, number, title);
    match code {
        Some(code) => format!("{title} ({code})"),
        None => title,
    }
}

/// A measure's row: its number (bookmarked when this part carries the items' labels),
/// title with its code, institutions, period, product indicators and amounts.
fn measure(writer: &mut Writer, m: &Measure, milestones: &[i32], items: bool) -> Row {
    let number = writer.fresh_runs(&m.number, BOLD);
    let number = if items {
        writer.bookmarked_as(&item_bookmark(&m.id), &number)
    } else {
        number
    };
    let title = match &m.code {
        Some(code) => format!("{} ({code})", m.title.as_str()),
        None => m.title.to_string(),
    };
    let ids = |list: &[crate::view::Named]| {
        list.iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut cells = vec![
        Cell::of(number),
        Cell::of(writer.fresh_runs(&title, Look::default())),
        Cell::of(writer.fresh_runs(&ids(&m.responsible), Look::default())),
        Cell::of(writer.fresh_runs(&ids(&m.partners), Look::default())),
        Cell::of(writer.fresh_runs(
            m.period_text.as_ref().map_or("", |t| t.as_str()),
            Look::default(),
        )),
        Cell::of(indicator_lines(writer, &m.indicators, milestones)),
    ];
    cells.extend(money::money_cells(writer, &m.funding, false));
    Row::new(RowKind::Body, cells)
}

/// A measure's product indicators, a line each: the code in bold, the name, the unit and
/// the last target with its year ("P-1.1.1.1-1 Atnaujintų namų skaičius, vnt.: 140 (2030)").
fn indicator_lines(
    writer: &mut Writer,
    indicators: &[IndicatorData],
    milestones: &[i32],
) -> String {
    let mut out = String::new();
    for (n, i) in indicators.iter().enumerate() {
        if n > 0 {
            out.push_str("<w:r><w:br/></w:r>");
        }
        // Each line on its own, as the PDF stacks them.
        out.push_str(&writer.fresh_runs(&i.code, BOLD));
        let mut rest = format!(" {}", i.name.as_str());
        if let Some(unit) = &i.unit {
            rest.push_str(&format!(", {}", unit.as_str()));
        }
        let last = milestones
            .iter()
            .zip(&i.targets)
            .filter_map(|(y, t)| t.as_ref().map(|t| (y, t)))
            .next_back();
        if let Some((year, target)) = last {
            rest.push_str(&format!(": {} ({year})", target.text.as_str()));
        }
        out.push_str(&writer.runs(&rest, Look::default()));
    }
    out
}

/// A subtotal or total row: its label across the columns before the amounts, then the
/// amounts, all bold.
fn subtotal(writer: &mut Writer, label: &str, funding: &Money) -> Row {
    let mut cells = vec![
        Cell::of(writer.fresh_runs(label, BOLD))
            .spanning(BEFORE)
            .right(),
    ];
    cells.extend(money::money_cells(writer, funding, true));
    Row::new(RowKind::Total, cells)
}

#[cfg(test)]
mod tests {
    #[test]
    fn its_words_are_in_both_languages() {
        for (_, language) in crate::words::LANGUAGES {
            let _ = super::Words::of(language);
        }
    }
}
