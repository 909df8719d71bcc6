//! Tables and charts drawn from a dataset. A paragraph that is just a picture of a
//! dataset's file shows the dataset: `![Gyventojų skaičius](data/gyventojai.csv){#id
//! .table …}` as a numbered table, `{#id .bars …}` as a numbered chart. Other Markdown
//! viewers show the caption and a link to the data. Which form and which part of the data
//! come from the attributes; the source line under either comes from the dataset's
//! metadata.

use std::sync::OnceLock;

use serde::Deserialize;

use super::attrs::{Attr, Attrs};
use super::tree::{BlockKind, Inline};
use crate::diag::{Diagnostic, Diagnostics, Span, codes};
use crate::model::data::{Dataset, Survey};
use crate::model::{Date, Language};
use crate::words::{self, Phrase};

/// The classes that draw a dataset as a chart.
pub(super) const CHARTS: &[&str] = &[
    "bars",
    "hbars",
    "grouped",
    "stacked",
    "lines",
    "pyramid",
    "shares",
    "diverging",
];

/// What a chapter's picture of `dataset` becomes: a table or a chart, as its attributes
/// ask; `None` when they ask for neither or cannot be followed (reported).
pub(super) fn block(
    dataset: &Dataset,
    caption: Vec<Inline>,
    attrs: &Attrs,
    span: &Span,
    language: Language,
    diags: &mut Diagnostics,
) -> Option<BlockKind> {
    let has = |name: &str| {
        attrs
            .items
            .iter()
            .any(|a| matches!(a, Attr::Class(c) if c == name))
    };
    if has("table") {
        return super::data_table::table(dataset, caption, attrs, span, language, diags);
    }
    if CHARTS.iter().any(|c| has(c)) {
        return super::data_chart::chart(dataset, caption, attrs, span, language, diags);
    }
    let kinds = CHARTS
        .iter()
        .map(|c| format!("`.{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    diags.push(
        Diagnostic::error(format!(
            "the dataset `{}` is shown here, but not as what",
            dataset.id
        ))
        .code(codes::BAD_ATTRIBUTE)
        .at(span.clone())
        .label("a table or a chart?")
        .hint(format!(
            "add `.table` for a table (e.g. {{#id .table}}) or a chart's kind: {kinds}"
        )),
    );
    None
}

/// Whether a picture of `url` is a dataset's that cannot be shown, and so is left out
/// rather than read as a picture: the file of a dataset left out for its own errors
/// (reported there; `broken` holds their ids), or any file no dataset reads although the
/// attributes ask for a table or a chart (reported here, with the closest of `paths`, the
/// files datasets read and their TOML).
pub(super) fn not_shown(
    url: &str,
    attrs: &Attrs,
    broken: &std::collections::HashSet<String>,
    paths: &[String],
    span: &Span,
    diags: &mut Diagnostics,
) -> bool {
    let path = url.strip_prefix('/').unwrap_or(url);
    let in_data = path.strip_prefix("data/");
    let stem = in_data.map(|file| file.rsplit_once('.').map_or(file, |(stem, _)| stem));
    if stem.is_some_and(|stem| broken.contains(stem)) {
        return true;
    }
    let asked = attrs
        .items
        .iter()
        .any(|a| matches!(a, Attr::Class(c) if c == "table" || CHARTS.contains(&c.as_str())));
    if !asked {
        return false;
    }
    let hint = crate::suggest::hint(path, paths.iter().map(String::as_str), || {
        match in_data {
        Some(file) => format!(
            "declare the file in `data/<id>.toml` (`file = \"{file}\"`, with its `title` and `source`), or show `data/<id>.toml` itself"
        ),
        None => "a table or chart shows a dataset: write the path of its `data/<id>.toml` or of the file it reads, e.g. `data/gyventojai.csv`".into(),
    }
    });
    diags.push(
        Diagnostic::error(format!("no dataset reads `{path}`"))
            .code(codes::UNKNOWN_DATASET)
            .at(span.clone())
            .label("a table or chart needs a dataset")
            .hint(hint),
    );
    true
}

/// The words of a source line.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Words {
    data_source_line: Phrase,
    data_retrieved: Phrase,
    survey_one: Phrase,
    survey_few: Phrase,
    survey_many: Phrase,
}

impl Words {
    pub(crate) fn of(language: Language) -> &'static Words {
        static CELLS: [OnceLock<Words>; 2] = [OnceLock::new(), OnceLock::new()];
        words::once(&CELLS, language)
    }
}

/// The line under a table or chart from `dataset`: where its values come from, when they
/// were taken and its notes ("Šaltinis: Valstybės duomenų agentūra. Duomenys gauti
/// 2021 m. rugsėjo 15 d. Pavyzdžio skaičiai iliustraciniai.").
pub(super) fn source_line(dataset: &Dataset, language: Language) -> String {
    let words = Words::of(language);
    let mut line = words
        .data_source_line
        .fill(&[("source", &dataset.source.trim_end_matches('.'))]);
    if let Some(survey) = &dataset.survey {
        line.push(' ');
        line.push_str(&surveyed(survey, language));
    }
    if let Some(date) = dataset.retrieved {
        line.push(' ');
        let retrieved = words
            .data_retrieved
            .fill(&[("date", &crate::format::date(date, language))]);
        // "… rugsėjo 15 d." ends the sentence with its own point.
        line.push_str(&retrieved.replace("..", "."));
    }
    if let Some(notes) = dataset
        .notes
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        line.push(' ');
        line.push_str(notes);
    }
    line
}

/// Who was surveyed and when: "Apklausta 412 respondentų, 2020 m. kovo 2–20 d." (the words
/// agreeing with the number: 1 respondentas, 2–9 respondentai, 10–20 respondentų).
fn surveyed(survey: &Survey, language: Language) -> String {
    let words = Words::of(language);
    let n = survey.respondents;
    let phrase = match language {
        Language::Lt if n % 10 == 1 && n % 100 != 11 => &words.survey_one,
        Language::Lt if (2..=9).contains(&(n % 10)) && !(11..=19).contains(&(n % 100)) => {
            &words.survey_few
        }
        Language::En if n == 1 => &words.survey_one,
        _ => &words.survey_many,
    };
    let mut text = phrase.fill(&[("n", &crate::format::number(f64::from(n), 0, language))]);
    if let Some(from) = survey.from {
        text.push_str(", ");
        text.push_str(&days(from, survey.to, language));
    }
    if !text.ends_with('.') {
        text.push('.');
    }
    text
}

/// A day or a span of days, written once where both ends share it: "2020 m. kovo 2–20 d.",
/// "2020 m. kovo 28 d. – balandžio 5 d.", "2–20 March 2020", "28 March – 5 April 2020".
fn days(from: Date, to: Option<Date>, language: Language) -> String {
    let full = |d: Date| crate::format::date(d, language);
    let Some(to) = to.filter(|to| *to != from) else {
        return full(from);
    };
    let same_month = from.year == to.year && from.month == to.month;
    match language {
        Language::Lt if same_month => full(to).replacen(
            &format!(" {}\u{a0}d.", to.day),
            &format!(" {}–{}\u{a0}d.", from.day, to.day),
            1,
        ),
        Language::Lt if from.year == to.year => {
            let year = format!("{}\u{a0}m. ", to.year);
            let to = full(to);
            format!("{} – {}", full(from), to.strip_prefix(&year).unwrap_or(&to))
        }
        Language::En if same_month => format!("{}–{}", from.day, full(to)),
        Language::En if from.year == to.year => {
            let from = full(from);
            let year = format!(" {}", to.year);
            format!(
                "{} – {}",
                from.strip_suffix(&year).unwrap_or(&from),
                full(to)
            )
        }
        _ => format!("{} – {}", full(from), full(to)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    fn said(respondents: u32, from: Option<Date>, to: Option<Date>, language: Language) -> String {
        surveyed(
            &Survey {
                respondents,
                from,
                to,
            },
            language,
        )
        .replace('\u{a0}', " ")
    }

    #[test]
    fn surveys_say_their_sample_and_fieldwork() {
        let (a, b) = (Some(day(2020, 3, 2)), Some(day(2020, 3, 20)));
        assert_eq!(
            said(412, a, b, Language::Lt),
            "Apklausta 412 respondentų, 2020 m. kovo 2–20 d."
        );
        assert_eq!(
            said(1, None, None, Language::Lt),
            "Apklaustas 1 respondentas."
        );
        assert_eq!(
            said(21, None, None, Language::Lt),
            "Apklaustas 21 respondentas."
        );
        assert_eq!(
            said(11, None, None, Language::Lt),
            "Apklausta 11 respondentų."
        );
        assert_eq!(
            said(3, None, None, Language::Lt),
            "Apklausti 3 respondentai."
        );
        assert_eq!(
            said(14, None, None, Language::Lt),
            "Apklausta 14 respondentų."
        );
        assert_eq!(
            said(1234, None, None, Language::Lt),
            "Apklausti 1 234 respondentai."
        );
        assert_eq!(
            said(
                40,
                Some(day(2020, 3, 28)),
                Some(day(2020, 4, 5)),
                Language::Lt
            ),
            "Apklausta 40 respondentų, 2020 m. kovo 28 d. – balandžio 5 d."
        );
        assert_eq!(
            said(
                40,
                Some(day(2019, 12, 28)),
                Some(day(2020, 1, 5)),
                Language::Lt
            ),
            "Apklausta 40 respondentų, 2019 m. gruodžio 28 d. – 2020 m. sausio 5 d."
        );
        assert_eq!(
            said(412, a, b, Language::En),
            "412 respondents surveyed, 2–20 March 2020."
        );
        assert_eq!(
            said(1, a, None, Language::En),
            "1 respondent surveyed, 2 March 2020."
        );
        assert_eq!(
            said(
                9,
                Some(day(2020, 3, 28)),
                Some(day(2020, 4, 5)),
                Language::En
            ),
            "9 respondents surveyed, 28 March – 5 April 2020."
        );
    }
}
