//! A chart's alternative text: its caption and every value of every series, in the plan's
//! language ("2011 m. 59,4; 2012 m. 58,1; …"); screen readers speak it.

use std::sync::OnceLock;

use serde::Deserialize;

use super::super::tree::{Inline, InlineKind, Series};
use crate::model::Language;
use crate::model::data::{ColumnType, Dataset};
use crate::words::{self, Phrase};

/// The words of a chart's alternative text.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Words {
    chart_no_value: String,
    chart_year: Phrase,
}

impl Words {
    fn of(language: Language) -> &'static Words {
        static CELLS: [OnceLock<Words>; 2] = [OnceLock::new(), OnceLock::new()];
        words::once(&CELLS, language)
    }
}

/// The plain text of inline content (a caption).
pub(super) fn plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match &inline.kind {
            InlineKind::Text(segments) => segments.iter().for_each(|s| out.push_str(s.text())),
            InlineKind::SoftBreak | InlineKind::LineBreak => out.push(' '),
            InlineKind::Code(code) | InlineKind::Html(code) => out.push_str(&code.text),
            InlineKind::Picture(picture) => out.push_str(&picture.alt),
            InlineKind::Item {
                number,
                content: None,
                ..
            } => out.push_str(number),
            kind => {
                if let Some(content) = kind.content() {
                    plain(content, out)
                }
            }
        }
    }
}

/// The alternative text: the caption, then every value of every series with its category
/// ("Gyventojų skaičius: 2011 m. 59,4; 2012 m. 58,1; …").
pub(super) fn describe(
    caption: &[Inline],
    dataset: &Dataset,
    x: usize,
    categories: &[String],
    series: &[Series],
    language: Language,
) -> String {
    let words = Words::of(language);
    let mut text = String::new();
    plain(caption, &mut text);
    let mut text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text_len = text.trim_end_matches([':', ' ']).len();
    text.truncate(text_len);
    let years = dataset.columns[x].kind == ColumnType::Year;
    let values = |s: &Series| {
        s.values
            .iter()
            .zip(categories)
            .map(|(v, c)| {
                let category = match years {
                    true => c
                        .parse::<i32>()
                        .map_or(c.clone(), |y| words.chart_year.year(y)),
                    false => c.clone(),
                };
                let value = v
                    .as_ref()
                    .map_or(words.chart_no_value.as_str(), |v| v.said());
                format!("{category} {value}")
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    if let [one] = series {
        format!("{text}: {}.", values(one))
    } else {
        let parts: Vec<String> = series
            .iter()
            .map(|s| format!("{}: {}.", s.name, values(s)))
            .collect();
        let stop = if text.ends_with('.') { "" } else { "." };
        format!("{text}{stop} {}", parts.join(" "))
    }
}
