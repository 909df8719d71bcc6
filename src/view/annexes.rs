//! The plan's list of annexes (`@annexes`): each annex by its number and title, in plan
//! order, as its mark numbers it. A chapter names what the annexes are, and a councillor
//! finds which document holds what is approved.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Document, Language, Part, Plan};
use crate::understand::tree::Doc;

use super::Text;

/// One annex of the plan, as `@annexes` lists it.
#[derive(Serialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Listed {
    /// Its number among the plan's annexes, as its mark shows it.
    pub number: usize,
    /// An annex document's title; an annex part's title as its heading reads (a generated
    /// part's title, a chapter's first heading); the annex of changes' title.
    pub title: Text,
}

/// The plan's annexes in plan order (the order of their numbers): the documents with
/// `annex = true` and the parts listed in a document's `annex`, then, when `changes`
/// numbers it, the annex of changes a build adds to this document.
pub(crate) fn annexes(
    plan: &Plan,
    chapters: &BTreeMap<String, Doc>,
    changes: Option<usize>,
) -> Vec<Listed> {
    let lang = plan.meta.language;
    let mut listed: Vec<Listed> = plan
        .documents
        .iter()
        .flat_map(|d| of_document(d, chapters, lang))
        .collect();
    if let Some(number) = changes {
        listed.push(Listed {
            number,
            title: Words::of(lang).get("changes").into(),
        });
    }
    listed.sort_by_key(|l| l.number);
    listed
}

/// The annexes one document makes: itself, or its annex parts.
fn of_document(
    document: &Document,
    chapters: &BTreeMap<String, Doc>,
    lang: Language,
) -> Vec<Listed> {
    let whole = document.annex.map(|number| Listed {
        number,
        title: crate::format::bind_words(&document.title).into(),
    });
    let parts = document.annex_parts.iter().filter_map(|(&index, &number)| {
        let title = match document.parts.get(index)? {
            // A report's parts are titled with its year ("2024 m. įgyvendinimo suvestinė").
            Part::Generated(g) => {
                let title = Words::of(lang).get(g.declaration().label);
                match document.report {
                    Some(year) => title.replace("{year}", &year.to_string()),
                    None => title.to_string(),
                }
            }
            Part::Chapter(path) => chapters
                .get(path)
                .and_then(crate::writers::text::first_heading)
                .unwrap_or_else(|| path.clone()),
        };
        Some(Listed {
            number,
            title: crate::format::bind_words(&title).into(),
        })
    });
    whole.into_iter().chain(parts).collect()
}

/// The word list of a language, by key: a generated part's title is the word named after
/// the part.
#[derive(serde::Deserialize)]
#[serde(transparent)]
struct Words(BTreeMap<String, toml::Value>);

impl Words {
    fn of(language: Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }

    /// The word `key` names; every part's title and `changes` are in both lists (tested in
    /// `words`).
    fn get<'k>(&'k self, key: &'k str) -> &'k str {
        self.0.get(key).and_then(toml::Value::as_str).unwrap_or(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_the_word_lists() {
        assert_eq!(
            Words::of(Language::Lt).get("action-plan"),
            "Priemonių planas"
        );
        assert_eq!(Words::of(Language::En).get("changes"), "Summary of changes");
    }
}
