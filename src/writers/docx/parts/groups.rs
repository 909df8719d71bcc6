//! `@groups`: the working groups that prepared the plan, each with the number of measures
//! it reviewed and its members' table (`templates/groups.typ`).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Context;
use super::phrases::{Counted, Named, subheading};
use crate::writers::docx::body::Writer;
use crate::writers::docx::grid::{Cell, Grid, Row, RowKind};
use crate::writers::docx::xml::Look;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Words {
    group_measures: Counted,
    group_members: Named,
    number_short: String,
    member_name: String,
    member_role: String,
    member_institution: String,
    dash: String,
}

impl Words {
    fn of(language: crate::model::Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }
}

pub(super) fn write<'a>(writer: &mut Writer<'a>, cx: &Context<'a>, number: &str) {
    let data = cx.data;
    let words = Words::of(writer.language);
    let language = writer.language;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for m in data
        .priorities
        .iter()
        .flat_map(|p| &p.goals)
        .flat_map(|g| &g.objectives)
        .flat_map(|o| &o.measures)
    {
        if let Some(group) = &m.group {
            *counts.entry(group.id.as_str()).or_default() += 1;
        }
    }
    let bold = Look {
        bold: true,
        ..Look::default()
    };
    for (n, group) in data.groups.iter().enumerate() {
        subheading(writer, number, n + 1, &group.name);
        let measures = counts.get(group.id.as_str()).copied().unwrap_or(0);
        let said = words.group_measures.of(language, measures);
        let members = data.members.get(&group.id).filter(|m| !m.is_empty());
        let runs = writer.fresh_runs(&said, Look::default());
        // The line stays with the members' table below it.
        let keep = if members.is_some() {
            "<w:keepNext/>"
        } else {
            ""
        };
        writer.paragraph(None, keep, &runs);
        let Some(members) = members else {
            continue;
        };
        writer.numbered_caption(true, &words.group_members.of(language, &group.name), None);
        let mut rows = vec![Row::new(
            RowKind::Header,
            vec![
                Cell::text(&words.number_short, bold),
                Cell::text(&words.member_name, bold),
                Cell::text(&words.member_role, bold),
                Cell::text(&words.member_institution, bold),
            ],
        )];
        for (i, m) in members.iter().enumerate() {
            let or_dash = |t: &Option<crate::view::Text>| {
                t.as_ref()
                    .map_or_else(|| words.dash.clone(), ToString::to_string)
            };
            let cells = vec![
                Cell::text(&format!("{}.", i + 1), Look::default()),
                Cell::of(writer.fresh_runs(&m.name, bold)),
                Cell::of(writer.fresh_runs(&or_dash(&m.role), Look::default())),
                Cell::of(writer.fresh_runs(&or_dash(&m.institution), Look::default())),
            ];
            rows.push(Row::new(RowKind::Body, cells));
        }
        writer.grid(&Grid {
            widths: Some(vec![0.5, 2.0, 2.0, 2.8]),
            rows,
            ..Grid::default()
        });
    }
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
