//! `@action-plan`: one row per measure with its funding per source, under shaded rows
//! naming its priority, goal and objective, with subtotals per objective, goal and
//! priority and the plan's total, as templates/action-plan.typ lays it out (its landscape
//! pages are a section of their own, see `super::write`): each product indicator's name,
//! unit and target in cells of their own (a row each, the measure's cells spanning them),
//! the optional columns of links and investment projects, and the key to the table's
//! abbreviations after it.

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
    product_indicator: String,
    unit: String,
    product_target: String,
    plan_links: String,
    investment_project: String,
    yes: String,
    abbreviations: String,
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

/// The columns before the amounts, but the optional ones: number, measure, responsible,
/// partners, period, and the product indicator's name, unit and target.
const BEFORE: usize = 8;

pub(super) fn write<'a>(writer: &mut Writer<'a>, cx: &Context<'a>) {
    let data = cx.data;
    let words = Words::of(writer.language);
    let shared = money::Words::of(writer.language);
    let language = writer.language;
    let items = data.document.anchors.items == Some("action-plan");
    money::amounts_note(writer, data, true);
    writer.numbered_caption(true, &words.action_plan, None);
    let options = &data.action_plan;
    let mut header = vec![
        Cell::text(&words.number, BOLD),
        Cell::text(&words.measure, BOLD),
        Cell::text(&words.responsible, BOLD),
        Cell::text(&words.partners, BOLD),
        Cell::text(&words.period_short, BOLD),
    ];
    if options.links {
        header.push(Cell::text(&words.plan_links, BOLD));
    }
    if options.investment {
        header.push(Cell::text(&words.investment_project, BOLD));
    }
    header.extend([
        Cell::text(&words.product_indicator, BOLD),
        Cell::text(&words.unit, BOLD),
        Cell::text(&words.product_target, BOLD),
    ]);
    header.extend(data.sources.iter().map(|s| Cell::text(&s.id, BOLD).right()));
    header.push(Cell::text(&shared.total, BOLD).right());
    let before = BEFORE + usize::from(options.links) + usize::from(options.investment);
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
                    let shown = Shown {
                        milestones: &data.plan.milestones,
                        items,
                        links: options.links,
                        investment: options.investment.then_some(words.yes.as_str()),
                    };
                    rows.extend(measure(writer, m, &shown));
                }
                let label = words
                    .subtotal_objective
                    .fill(&[("number", &o.number.as_str())]);
                rows.push(subtotal(writer, &label, &o.funding, before));
            }
            let label = words.subtotal_goal.fill(&[("number", &g.number.as_str())]);
            rows.push(subtotal(writer, &label, &g.funding, before));
        }
        let label = words
            .subtotal_priority
            .fill(&[("number", &p.number.as_str())]);
        rows.push(subtotal(writer, &label, &p.funding, before));
    }
    let total = if data.pack.is_none() {
        &words.plan_total
    } else {
        &words.group_total
    };
    rows.push(subtotal(writer, total, &data.funding.total, before));
    // As the PDF's groups: a title with the measure under it, a measure's rows together,
    // the last measure with the totals after it.
    for i in 0..rows.len().saturating_sub(1) {
        let next = rows[i + 1].kind;
        if rows[i].kind == RowKind::Band || next == RowKind::Total {
            rows[i].keep_with_next = true;
        }
    }
    // Amounts, numbers and the headers' words unbroken; the measure and its indicators'
    // names share the rest.
    // In centimetres on the landscape page (Word scales them to the text's width).
    let mut widths = vec![1.45, 2.95, 1.7, 1.6, 1.45];
    if options.links {
        widths.push(1.85);
    }
    if options.investment {
        widths.push(1.75);
    }
    widths.extend([2.6, 1.15, 1.4]);
    widths.extend(std::iter::repeat_n(1.5, data.sources.len()));
    widths.push(1.7);
    writer.narrow_grid(&Grid {
        widths: Some(widths),
        size: crate::understand::tree::Size::Small,
        landscape: true,
        rows,
    });
    key(writer, &words.abbreviations, &options.key);
}

/// The key under the table: every abbreviation it shows with its meaning, in two pairs
/// of columns read down (the first half at the left), as the PDF sets it.
fn key(writer: &mut Writer, title: &str, key: &[crate::view::Named]) {
    if key.is_empty() {
        return;
    }
    let title = writer.fresh_runs(title, BOLD);
    writer.paragraph(None, "<w:keepNext/>", &title);
    let half = key.len().div_ceil(2);
    let entry = |writer: &mut Writer, n: usize| match key.get(n) {
        Some(k) => [
            Cell::of(writer.fresh_runs(&k.id, BOLD)),
            Cell::of(writer.fresh_runs(&k.name, Look::default())),
        ],
        None => [Cell::of(String::new()), Cell::of(String::new())],
    };
    let rows = (0..half)
        .map(|n| {
            let mut cells = entry(writer, n).to_vec();
            cells.extend(entry(writer, half + n));
            Row::new(RowKind::Body, cells)
        })
        .collect();
    writer.grid(&Grid {
        widths: Some(vec![1.0, 5.0, 1.0, 5.0]),
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

/// What a measure's rows show besides the measure.
struct Shown<'a> {
    /// The plan's milestones, which a product indicator's targets are aligned with.
    milestones: &'a [i32],
    /// Whether this part carries the items' labels.
    items: bool,
    /// Whether the column of links to higher-level plans is shown.
    links: bool,
    /// The word for an investment project, when its column is shown.
    investment: Option<&'a str>,
}

/// A measure's rows, one per product indicator (one with a dash across the indicator's
/// cells without any): its number (bookmarked when this part carries the items' labels),
/// title with its code, institutions, period, links and investment flag when shown, and
/// amounts in the first, spanning the rows below; each indicator's name, unit and target.
fn measure(writer: &mut Writer, m: &Measure, shown: &Shown) -> Vec<Row> {
    let number = writer.fresh_runs(&m.number, BOLD);
    let number = if shown.items {
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
    let mut own = vec![
        Cell::of(number),
        Cell::of(writer.fresh_runs(&title, Look::default())),
        Cell::of(writer.fresh_runs(&ids(&m.responsible), Look::default())),
        Cell::of(writer.fresh_runs(&ids(&m.partners), Look::default())),
        Cell::of(writer.fresh_runs(
            m.period_text.as_ref().map_or("", |t| t.as_str()),
            Look::default(),
        )),
    ];
    if shown.links {
        own.push(Cell::of(
            writer.fresh_runs(&m.contributes.join(", "), Look::default()),
        ));
    }
    if let Some(yes) = shown.investment {
        let flag = if m.investment_project { yes } else { "–" };
        own.push(Cell::of(writer.fresh_runs(flag, Look::default())));
    }
    let money = money::money_cells(writer, &m.funding, false);
    let spans = m.indicators.len() > 1;
    let down = |cell: Cell| if spans { cell.spanning_down() } else { cell };
    let continuing = |cells: &[Cell]| cells.iter().map(|_| Cell::continuing()).collect::<Vec<_>>();
    let mut first: Vec<Cell> = own.iter().cloned().map(down).collect();
    let mut rows = Vec::new();
    let mut indicators = m.indicators.iter();
    match indicators.next() {
        Some(i) => first.extend(indicator_cells(writer, i, shown.milestones)),
        None => first.push(Cell::text("–", Look::default()).spanning(3)),
    }
    first.extend(money.iter().cloned().map(down));
    rows.push(Row::new(RowKind::Body, first));
    for i in indicators {
        if let Some(last) = rows.last_mut() {
            last.keep_with_next = true;
        }
        let mut cells = continuing(&own);
        cells.extend(indicator_cells(writer, i, shown.milestones));
        cells.extend(continuing(&money));
        rows.push(Row::new(RowKind::Body, cells));
    }
    rows
}

/// A product indicator's cells: its code in bold and its name, its unit, and the last
/// target with its year ("P-1.1.1.1-1 Atnaujintų namų skaičius" | "vnt." | "140 (2030)").
fn indicator_cells(writer: &mut Writer, i: &IndicatorData, milestones: &[i32]) -> [Cell; 3] {
    let mut name = writer.fresh_runs(&i.code, BOLD);
    name.push_str(&writer.runs(&format!(" {}", i.name.as_str()), Look::default()));
    let unit = i.unit.as_ref().map_or("–", |u| u.as_str());
    let last = milestones
        .iter()
        .zip(&i.targets)
        .filter_map(|(y, t)| t.as_ref().map(|t| (y, t)))
        .next_back();
    let target = match last {
        Some((year, target)) => format!("{} ({year})", target.text.as_str()),
        None => "–".to_string(),
    };
    [
        Cell::of(name),
        Cell::of(writer.fresh_runs(unit, Look::default())),
        Cell::of(writer.fresh_runs(&target, Look::default())),
    ]
}

/// A subtotal or total row: its label across the columns before the amounts, then the
/// amounts, all bold.
fn subtotal(writer: &mut Writer, label: &str, funding: &Money, before: usize) -> Row {
    let mut cells = vec![
        Cell::of(writer.fresh_runs(label, BOLD))
            .spanning(before)
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
