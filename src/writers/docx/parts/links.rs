//! `@links`: the goals of higher-level plans and the goals, objectives and measures of
//! this plan that contribute to each (`templates/links.typ`).

use serde::Deserialize;

use super::Context;
use crate::writers::docx::body::Writer;
use crate::writers::docx::grid::{Cell, Grid, Row, RowKind};
use crate::writers::docx::xml::{Look, run_of};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Words {
    links: String,
    higher_goal: String,
    contributors: String,
    dash: String,
}

impl Words {
    fn of(language: crate::model::Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }
}

pub(super) fn write<'a>(writer: &mut Writer<'a>, cx: &Context<'a>) {
    let goals = &cx.data.higher_goals;
    if goals.is_empty() {
        return;
    }
    let words = Words::of(writer.language);
    let bold = Look {
        bold: true,
        ..Look::default()
    };
    let line = run_of("<w:br/>", Look::default());
    writer.numbered_caption(true, &words.links, None);
    let mut rows = vec![Row::new(
        RowKind::Header,
        vec![
            Cell::text(&words.higher_goal, bold),
            Cell::text(&words.contributors, bold),
        ],
    )];
    for h in goals {
        let mut goal = writer.fresh_runs(&h.id, bold);
        goal.push_str(&writer.runs(&format!(" {}", h.title), Look::default()));
        goal.push_str(&line);
        goal.push_str(&writer.runs(
            &h.document,
            Look {
                italic: true,
                ..Look::default()
            },
        ));
        let contributors = if h.contributors.is_empty() {
            writer.fresh_runs(&words.dash, Look::default())
        } else {
            let mut runs = String::new();
            for (i, c) in h.contributors.iter().enumerate() {
                if i > 0 {
                    runs.push_str(&line);
                }
                runs.push_str(&writer.fresh_runs(&c.number, bold));
                runs.push_str(&writer.runs(&format!(" {}", c.title), Look::default()));
            }
            runs
        };
        rows.push(Row::new(
            RowKind::Body,
            vec![Cell::of(goal), Cell::of(contributors)],
        ));
    }
    writer.grid(&Grid {
        widths: Some(vec![1.2, 1.0]),
        rows,
        ..Grid::default()
    });
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
