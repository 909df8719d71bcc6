//! Facts followed by the noun they count, in the form the number asks for:
//! `{{ count.priorities | noun }}` → "2 prioritetai", `{{ report.measures.done | noun }}` →
//! "10 priemonių", and any noun by its forms, `{{ count.groups | noun("komanda",
//! "komandos", "komandų") }}`. Lithuanian picks the form by the number's last digits (see
//! [`form`]), English by whether it is 1; the plan's own words are built in
//! (`nouns.*` in `words/*.toml`).

use std::sync::OnceLock;

use serde::Deserialize;

use super::data::Problem;
use crate::diag::codes;
use crate::format::{Point, read_number};
use crate::model::Language;
use crate::suggest::closest;

/// Which form of a noun a number takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// After 1, 21, 31, 101 … (lt; en: 1): "1 priemonė", "21 priemonė".
    One,
    /// After 2–9, 22–29 … (lt only): "2 priemonės".
    Few,
    /// After 0, 10–20, 30, 40 … and 111–119 … (lt; en: every number but 1): "10 priemonių".
    Many,
    /// After a number with decimals (lt only): the singular genitive, "1,5 procento".
    Fraction,
}

/// The form a number written with `decimals` decimals takes in `language`.
pub(crate) fn form(whole: u64, decimals: usize, language: Language) -> Form {
    match language {
        Language::Lt if decimals > 0 => Form::Fraction,
        Language::Lt if whole % 10 == 1 && whole % 100 != 11 => Form::One,
        Language::Lt if (2..=9).contains(&(whole % 10)) && !(11..=19).contains(&(whole % 100)) => {
            Form::Few
        }
        Language::Lt => Form::Many,
        Language::En if whole == 1 && decimals == 0 => Form::One,
        Language::En => Form::Many,
    }
}

/// A noun's forms: lt after 1, after 2, after 10 and after 1,5 (optional when given in a
/// fact); en the singular and the plural.
#[derive(Debug, Clone, PartialEq)]
struct Forms(Vec<String>);

impl Forms {
    fn get(&self, form: Form) -> Option<&str> {
        let index = match form {
            Form::One => 0,
            Form::Few => 1,
            Form::Many if self.0.len() == 2 => 1,
            Form::Many => 2,
            Form::Fraction => 3,
        };
        self.0.get(index).map(String::as_str)
    }
}

/// The built-in nouns of a language: (key, forms), the key as in `nouns.<key>`.
fn builtin(language: Language) -> &'static [(String, Forms)] {
    #[derive(Deserialize)]
    struct Words {
        nouns: std::collections::BTreeMap<String, String>,
    }
    static CELLS: [OnceLock<Words>; 2] = [OnceLock::new(), OnceLock::new()];
    static LISTS: [OnceLock<Vec<(String, Forms)>>; 2] = [OnceLock::new(), OnceLock::new()];
    let i = usize::from(language == Language::En);
    LISTS[i].get_or_init(|| {
        let words = crate::words::once(&CELLS, language);
        words
            .nouns
            .iter()
            .map(|(key, forms)| {
                let forms = forms.split(',').map(|f| f.trim().to_string()).collect();
                (key.clone(), Forms(forms))
            })
            .collect()
    })
}

/// The built-in noun a fact counts, by the fact's name (`count.measures` → `measure`).
fn noun_of_fact(name: &str) -> Option<&'static str> {
    let rest = name.strip_prefix("count.").or_else(|| {
        // `report.measures.done`, `report.2024.indicators.on-track`.
        let rest = name.strip_prefix("report.")?;
        let rest = match rest.split_once('.') {
            Some((year, rest)) if year.parse::<i32>().is_ok() => rest,
            _ => rest,
        };
        rest.split_once('.').map(|(what, _)| what)
    })?;
    Some(match rest {
        "priorities" => "priority",
        "goals" | "higher-goals" => "goal",
        "objectives" => "objective",
        "measures" => "measure",
        "sources" => "source",
        "institutions" => "institution",
        "groups" => "group",
        "principles" => "principle",
        indicators if indicators.ends_with("indicators") => "indicator",
        _ => return None,
    })
}

/// A placeholder's text split into the fact's name and what follows its `|`, if anything.
pub(crate) fn split(text: &str) -> (&str, Option<&str>) {
    match text.split_once('|') {
        Some((name, rest)) => (name.trim(), Some(rest.trim())),
        None => (text.trim(), None),
    }
}

fn syntax(message: String, language: Language) -> Problem {
    let hint = match language {
        Language::Lt => {
            "write `{{ count.measures | noun }}` for the fact's own noun, `| noun(\"priemonė\")` for a built-in noun, or the noun's forms after 1, 2 and 10, e.g. `| noun(\"komanda\", \"komandos\", \"komandų\")`"
        }
        Language::En => {
            "write `{{ count.measures | noun }}` for the fact's own noun, `| noun(\"measure\")` for a built-in noun, or the noun's singular and plural, e.g. `| noun(\"visitor\", \"visitors\")`"
        }
    };
    Problem {
        code: codes::NOUN_FORMS,
        message,
        label: "not `noun` or `noun(…)`".into(),
        hint: hint.into(),
    }
}

/// The forms `noun`, `noun("…")` or `noun("…", "…", …)` (after a fact's `|`) ask for.
fn forms(fact: &str, ask: &str, language: Language) -> Result<Forms, Problem> {
    let rest = ask
        .strip_prefix("noun")
        .filter(|rest| rest.is_empty() || rest.trim_start().starts_with('('));
    let Some(rest) = rest else {
        let word = ask.split(['(', ' ']).next().unwrap_or(ask);
        return Err(syntax(
            format!("`{word}` after `|` is not something a fact can be followed by"),
            language,
        ));
    };
    let rest = rest.trim();
    let list = builtin(language);
    let names = || list.iter().filter_map(|(_, forms)| forms.get(Form::One));
    let named = |key: &str| list.iter().find(|(k, _)| k == key).map(|(_, f)| f.clone());
    if rest.is_empty() {
        return noun_of_fact(fact).and_then(named).ok_or_else(|| Problem {
            code: codes::UNKNOWN_NOUN,
            message: format!("`{fact}` has no noun of its own"),
            label: "what does it count?".into(),
            hint: match language {
                Language::Lt => "name the noun: a built-in one, e.g. `| noun(\"metai\")`, or its forms after 1, 2, 10 and 1,5, e.g. `| noun(\"euras\", \"eurai\", \"eurų\", \"euro\")`".into(),
                Language::En => "name the noun: a built-in one, e.g. `| noun(\"year\")`, or its singular and plural, e.g. `| noun(\"visitor\", \"visitors\")`".into(),
            },
        });
    }
    let Some(inside) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) else {
        return Err(syntax(
            "the noun's forms go in parentheses after `noun`".into(),
            language,
        ));
    };
    let quotes: &[char] = &['"', '“', '”', '„', '\'', '‘', '’'];
    let given: Vec<String> = inside
        .split(',')
        .map(|f| f.trim().trim_matches(quotes).trim().to_string())
        .collect();
    if given.iter().any(String::is_empty) {
        return Err(syntax("a form of the noun is empty".into(), language));
    }
    let wanted = match language {
        Language::Lt => {
            "one noun (`noun(\"priemonė\")`), or three forms, after 1, 2 and 10 (`noun(\"komanda\", \"komandos\", \"komandų\")`), and a fourth, after 1,5, for numbers with decimals (`noun(\"euras\", \"eurai\", \"eurų\", \"euro\")`)"
        }
        Language::En => {
            "one noun (`noun(\"measure\")`), or two forms, the singular and the plural (`noun(\"visitor\", \"visitors\")`)"
        }
    };
    match (given.len(), language) {
        (1, _) => {
            let word = &given[0];
            list.iter()
                .find(|(_, forms)| forms.get(Form::One) == Some(word.as_str()))
                .map(|(_, forms)| forms.clone())
                .ok_or_else(|| Problem {
                    code: codes::UNKNOWN_NOUN,
                    message: format!("`{word}` is not a built-in noun"),
                    label: "no built-in noun has this name".into(),
                    hint: match closest(word, names()) {
                        Some(best) => format!("did you mean `noun(\"{best}\")`? Any other noun is written with its forms: {wanted}"),
                        None => format!(
                            "the built-in nouns are {}; any other is written with its forms: {wanted}",
                            names().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                        ),
                    },
                })
        }
        (3 | 4, Language::Lt) | (2, Language::En) => Ok(Forms(given)),
        (n, _) => Err(Problem {
            code: codes::NOUN_FORMS,
            message: match language {
                Language::Lt => format!(
                    "{n} forms of the noun are given; a Lithuanian plan's noun takes 1 (a built-in noun), 3 or 4"
                ),
                Language::En => format!(
                    "{n} forms of the noun are given; an English plan's noun takes 1 (a built-in noun) or 2"
                ),
            },
            label: "a wrong number of forms".into(),
            hint: format!("give {wanted}"),
        }),
    }
}

/// The fact `fact`'s value `value` followed by its noun as `ask` (what follows the `|`)
/// names it, in the form the number asks for.
pub(crate) fn with_noun(
    fact: &str,
    value: &str,
    ask: &str,
    language: Language,
) -> Result<String, Problem> {
    let number = read_number(value, Point::Language(language)).ok();
    if number.as_ref().is_some_and(|n| n.percent) {
        return Err(Problem {
            code: codes::NOUN_ON_TEXT,
            message: format!("`{fact}` is a per cent, which takes no form of a noun"),
            label: format!("this is “{value}”"),
            hint: "write the noun after the per cent as it is, e.g. `{{ monitoring.on-track }} gyventojų`, and leave out `| noun…`".into(),
        });
    }
    let Some(number) = number else {
        return Err(Problem {
            code: codes::NOUN_ON_TEXT,
            message: format!("`{fact}` is not a number, so no noun can agree with it"),
            label: format!("this is “{value}”"),
            hint: "only a number takes a noun after it: leave out `| noun…`, or quote a fact that counts, e.g. `{{ count.measures | noun }}`".into(),
        });
    };
    let forms = forms(fact, ask, language)?;
    let whole = number.value.abs().trunc() as u64;
    let form = form(whole, number.decimals, language);
    let Some(word) = forms.get(form) else {
        return Err(Problem {
            code: codes::NOUN_FORMS,
            message: format!("`{fact}` is {value}, with decimals, and the noun has no form for it"),
            label: "a form after a decimal number is missing".into(),
            hint: "a number with decimals takes the singular genitive (\"1,5 procento\"): add it as the fourth form, e.g. `noun(\"euras\", \"eurai\", \"eurų\", \"euro\")`".into(),
        });
    };
    Ok(format!("{value}\u{a0}{word}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Lithuanian rule, worked out independently of [`form`]: from the number's digits
    /// as written.
    fn by_digits(n: u64) -> Form {
        let digits: Vec<char> = n.to_string().chars().rev().collect();
        let last = digits[0];
        let tens = digits.get(1).copied().unwrap_or('0');
        match (tens, last) {
            ('1', _) | (_, '0') => Form::Many,
            (_, '1') => Form::One,
            _ => Form::Few,
        }
    }

    #[test]
    fn lithuanian_agreement_from_0_to_200() {
        for n in 0..=200 {
            assert_eq!(form(n, 0, Language::Lt), by_digits(n), "{n}");
        }
        let table = [
            (1, Form::One),
            (21, Form::One),
            (101, Form::One),
            (111, Form::Many),
            (11, Form::Many),
            (2, Form::Few),
            (9, Form::Few),
            (12, Form::Many),
            (19, Form::Many),
            (22, Form::Few),
            (10, Form::Many),
            (20, Form::Many),
            (30, Form::Many),
            (0, Form::Many),
            (112, Form::Many),
            (122, Form::Few),
        ];
        for (n, expected) in table {
            assert_eq!(form(n, 0, Language::Lt), expected, "{n}");
        }
        assert_eq!(form(1, 1, Language::Lt), Form::Fraction);
        assert_eq!(form(2, 2, Language::Lt), Form::Fraction);
    }

    #[test]
    fn english_agreement_from_0_to_200() {
        for n in 0..=200 {
            let expected = if n == 1 { Form::One } else { Form::Many };
            assert_eq!(form(n, 0, Language::En), expected, "{n}");
        }
        assert_eq!(form(1, 1, Language::En), Form::Many);
    }

    #[test]
    fn facts_with_their_nouns() {
        let lt =
            |fact, value, ask| with_noun(fact, value, ask, Language::Lt).map_err(|p| p.message);
        assert_eq!(
            lt("count.priorities", "2", "noun").as_deref(),
            Ok("2\u{a0}prioritetai")
        );
        assert_eq!(
            lt("report.measures.in-progress", "10", "noun").as_deref(),
            Ok("10\u{a0}priemonių")
        );
        assert_eq!(
            lt("report.2024.indicators.on-track", "21", "noun").as_deref(),
            Ok("21\u{a0}rodiklis")
        );
        assert_eq!(
            lt("count.groups", "3", "noun").as_deref(),
            Ok("3\u{a0}darbo grupės")
        );
        assert_eq!(
            lt("plan.end", "2030", "noun(\"metai\")").as_deref(),
            Ok("2030\u{a0}metų")
        );
        assert_eq!(
            lt(
                "funding.total",
                "1\u{a0}234,5",
                "noun(\"euras\", \"eurai\", \"eurų\", \"euro\")"
            )
            .as_deref(),
            Ok("1\u{a0}234,5\u{a0}euro")
        );
        assert!(
            lt(
                "funding.total",
                "1,5",
                "noun(\"euras\", \"eurai\", \"eurų\")"
            )
            .is_err()
        );
        assert!(lt("plan.title", "Planas", "noun").is_err());
        let percent = lt("monitoring.on-track", "80\u{a0}%", "noun(\"metai\")");
        assert!(percent.is_err_and(|m| m.contains("per cent")));
        assert_eq!(
            lt("data.x.y[2021]", "−21", "noun(\"gyventojas\")").as_deref(),
            Ok("−21\u{a0}gyventojas")
        );
        assert!(lt("count.measures", "3", "noun(\"a\", \"b\")").is_err());
        let en =
            |fact, value, ask| with_noun(fact, value, ask, Language::En).map_err(|p| p.message);
        assert_eq!(
            en("count.measures", "1", "noun").as_deref(),
            Ok("1\u{a0}measure")
        );
        assert_eq!(
            en("count.groups", "21", "noun").as_deref(),
            Ok("21\u{a0}working groups")
        );
    }

    /// Every fact that counts something has a built-in noun in both languages.
    #[test]
    fn every_counting_fact_has_its_noun_in_both_languages() {
        for name in [
            "priorities",
            "goals",
            "objectives",
            "measures",
            "indicators",
            "sources",
            "institutions",
            "groups",
            "higher-goals",
            "principles",
            "vision-indicators",
            "product-indicators",
        ] {
            for language in [Language::Lt, Language::En] {
                let fact = format!("count.{name}");
                assert!(with_noun(&fact, "5", "noun", language).is_ok(), "{fact}");
            }
        }
    }
}
