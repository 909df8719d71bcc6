//! One word list per language, `words/lt.toml` and `words/en.toml`, embedded in the binary.
//! The templates read it (`labels.typ` loads the plan language's list from
//! [`virtual_path`]), and so do the exports, the collection workbook and `plan diff`: each
//! takes the words it needs as a struct whose fields name keys of the list ([`read`]), so a
//! word used in several places is written once, and a key missing from a language is a
//! failed test, never a missing word in a document.

use std::fmt::Display;
use std::sync::OnceLock;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::generated::GENERATED_DIR;
use crate::model::Language;

/// Every language with the code `plan.toml` names it by.
pub const LANGUAGES: [(&str, Language); 2] = [("lt", Language::Lt), ("en", Language::En)];

/// A language's list as written.
pub fn source(language: Language) -> &'static str {
    match language {
        Language::Lt => include_str!("../words/lt.toml"),
        Language::En => include_str!("../words/en.toml"),
    }
}

/// Where the templates find the list of the language coded `code` (`lt`, `en`).
pub fn virtual_path(code: &str) -> String {
    format!("{GENERATED_DIR}/words/{code}.toml")
}

/// The lists as the templates read them: (virtual path, text) for each language.
pub fn files() -> impl Iterator<Item = (String, String)> {
    LANGUAGES
        .iter()
        .map(|(code, language)| (virtual_path(code), source(*language).to_string()))
}

/// The words `T` takes from a language's list: each field (kebab-case) is a key.
pub fn read<T: DeserializeOwned>(language: Language) -> Result<T, toml::de::Error> {
    toml::from_str(source(language))
}

/// The words `T` takes in `language`, read once into `cells` (the reader's own, one per
/// language).
pub fn once<T: DeserializeOwned>(
    cells: &'static [OnceLock<T>; 2],
    language: Language,
) -> &'static T {
    let cell = match language {
        Language::Lt => &cells[0],
        Language::En => &cells[1],
    };
    cell.get_or_init(|| match read(language) {
        Ok(words) => words,
        // The lists are part of the binary, and every reader is read in both languages by
        // the tests below: this is a mistake in `words/`, never in a plan.
        Err(error) => panic!("the built-in word list lacks a word: {error}"),
    })
}

/// A phrase with `{name}` placeholders ("Siektina reikšmė {year} m.").
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
pub struct Phrase(String);

impl Phrase {
    /// The phrase with each `{name}` of `values` replaced by its value.
    pub fn fill(&self, values: &[(&str, &dyn Display)]) -> String {
        values.iter().fold(self.0.clone(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), &value.to_string())
        })
    }

    /// The phrase for a year (`{year}`).
    pub fn year(&self, year: i32) -> String {
        self.fill(&[("year", &year)])
    }
}

/// A word begun in lower case, for use inside a line ("Pavadinimas" → "pavadinimas").
pub fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `{name}` placeholders of a text, in order.
    fn placeholders(text: &str) -> Vec<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    /// The list of a language as TOML.
    fn table(language: Language) -> toml::Table {
        match source(language).parse() {
            Ok(table) => table,
            Err(error) => panic!("{error}"),
        }
    }

    /// Every key path of a table ("kinds.plan"), with its placeholders when it is text.
    fn keys(prefix: &str, table: &toml::Table, out: &mut Vec<(String, Vec<String>)>) {
        for (key, value) in table {
            let path = format!("{prefix}{key}");
            match value {
                toml::Value::Table(inner) => keys(&format!("{path}."), inner, out),
                toml::Value::String(text) => out.push((
                    path,
                    placeholders(text).into_iter().map(String::from).collect(),
                )),
                toml::Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let text = item.as_str().unwrap_or_default();
                        out.push((
                            format!("{path}.{i}"),
                            placeholders(text).into_iter().map(String::from).collect(),
                        ));
                    }
                }
                other => out.push((format!("{path} (not text: {other})"), Vec::new())),
            }
        }
    }

    #[test]
    fn both_languages_have_the_same_keys_and_placeholders() {
        let [lt, en] = LANGUAGES.map(|(_, language)| {
            let mut out = Vec::new();
            keys("", &table(language), &mut out);
            out.sort();
            out
        });
        let only = |a: &[(String, Vec<String>)], b: &[(String, Vec<String>)]| -> Vec<String> {
            a.iter()
                .filter(|entry| !b.contains(entry))
                .map(|(key, names)| format!("{key} {names:?}"))
                .collect()
        };
        assert_eq!(only(&lt, &en), Vec::<String>::new(), "in lt.toml only");
        assert_eq!(only(&en, &lt), Vec::<String>::new(), "in en.toml only");
    }

    #[test]
    fn every_reader_finds_its_words_in_both_languages() {
        for (code, language) in LANGUAGES {
            let problems = [
                read::<crate::export::table::Labels>(language).err(),
                read::<crate::collect::Words>(language).err(),
                read::<crate::diff::render::Labels>(language).err(),
                read::<crate::understand::from_data::Words>(language).err(),
                read::<crate::understand::data_table::Words>(language).err(),
                read::<crate::writers::docx::title::Words>(language).err(),
            ];
            let problems: Vec<String> = problems
                .into_iter()
                .flatten()
                .map(|p| p.to_string())
                .collect();
            assert!(problems.is_empty(), "words/{code}.toml: {problems:?}");
        }
    }

    /// The keys `labels.typ` adds to the word list (its phrases and its own functions), in
    /// each language's dictionary and in the phrases made for both.
    fn label_functions() -> [Vec<String>; 2] {
        let labels = crate::typeset::templates::built_in("labels.typ").unwrap_or_default();
        let key = |line: &str, indent: &str| {
            let rest = line.strip_prefix(indent)?;
            let (key, _) = rest.split_once(": ")?;
            key.chars()
                .all(|c| c.is_ascii_lowercase() || c == '-')
                .then(|| key.to_string())
        };
        let phrases: Vec<String> = labels
            .lines()
            .filter(|l| l.contains(": phrase("))
            .filter_map(|l| key(l, "  "))
            .collect();
        let block = |start: &str| -> Vec<String> {
            let mut keys = phrases.clone();
            keys.extend(
                labels
                    .lines()
                    .skip_while(|l| !l.starts_with(start))
                    .skip(1)
                    .take_while(|l| !l.starts_with("  )"))
                    .filter_map(|l| key(l, "    ")),
            );
            keys.sort();
            keys
        };
        [block("  lt: words."), block("  en: words.")]
    }

    /// The label keys a template names: `l.at("key")`, `labels.at("key")`, `l("key")`,
    /// `t(data, "key")`, `l.key` and `labels.key`.
    fn keys_named(template: &str) -> Vec<String> {
        // Comment lines name files and functions in prose.
        let code: Vec<&str> = template
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect();
        let template = code.join("\n");
        let template = template.as_str();
        let is_key = |c: char| c.is_ascii_lowercase() || c == '-';
        let mut keys = Vec::new();
        for call in ["l.at(\"", "labels.at(\"", "l(\"", "t(data, \""] {
            for (i, _) in template.match_indices(call) {
                let before = template[..i].chars().next_back();
                if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.') {
                    continue;
                }
                let rest = &template[i + call.len()..];
                let key: String = rest.chars().take_while(|c| is_key(*c)).collect();
                if rest[key.len()..].starts_with('"') && !key.is_empty() {
                    keys.push(key);
                }
            }
        }
        for field in ["l.", "labels."] {
            for (i, _) in template.match_indices(field) {
                // Not part of a longer name, nor a file name (`"labels.typ"`).
                let before = template[..i].chars().next_back();
                if before.is_some_and(|c| c.is_ascii_alphanumeric() || "-./\"".contains(c)) {
                    continue;
                }
                let key: String = template[i + field.len()..]
                    .chars()
                    .take_while(|c| is_key(*c))
                    .collect();
                // `labels.at(…)` and `l.at(…)` are calls, found above.
                if !key.is_empty() && key != "at" {
                    keys.push(key);
                }
            }
        }
        keys
    }

    #[test]
    fn every_label_a_template_names_is_in_both_languages() {
        let functions = label_functions();
        assert_eq!(functions[0], functions[1], "labels.typ: lt and en differ");
        let table = table(Language::Lt);
        let known = |key: &str| table.contains_key(key) || functions[0].iter().any(|k| k == key);
        let mut unknown = Vec::new();
        // labels.typ defines the labels; the others name them.
        let templates = crate::typeset::templates::all().filter(|(n, _)| *n != "labels.typ");
        for (name, text) in templates {
            for key in keys_named(text) {
                if !known(&key) {
                    unknown.push(format!("{name}: {key}"));
                }
            }
        }
        assert_eq!(unknown, Vec::<String>::new());
        // The parts' titles.
        for part in crate::parts::ALL {
            assert!(
                known(part.label),
                "@{}: no label `{}`",
                part.name,
                part.label
            );
        }
    }

    #[test]
    fn phrases_are_filled_by_name() {
        let phrase = Phrase("Panaudota {year} m., {source}".into());
        assert_eq!(placeholders(&phrase.0), ["year", "source"]);
        assert_eq!(
            phrase.fill(&[("year", &2024), ("source", &"SB")]),
            "Panaudota 2024 m., SB"
        );
        assert_eq!(lower_first("Šaltinis"), "šaltinis");
        assert_eq!(lower_first(""), "");
    }
}
