//! A text block split into sentences, so that a chapter can be compared sentence by
//! sentence. A full stop ends a sentence only when the next word begins one (a capital
//! letter or a digit, after any opening quote or bracket); abbreviations the language
//! writes inside sentences ("Nr.", "t. y.", "pvz.", "e.g."), initials ("A. Pavardė"),
//! item numbers ("1.2.3.") and decimals ("3.5") never end one, and those that may close a
//! sentence ("2030 m.", "mln.", "etc.") end it only before a capitalised word that is not
//! a currency ("5 mln. Eur").

use crate::model::Language;

/// Abbreviations (lower case, without the final dot) after which a Lithuanian sentence
/// always goes on.
const LT_INNER: &[&str] = &[
    "nr", "pvz", "žr", "plg", "str", "gerb", "doc", "prof", "dr", "angl", "lot", "vok", "pranc",
    "rus", "lenk", "vad", "buv", "gim", "šv", "el", "tel", "kv", "y",
];

/// Lithuanian abbreviations that may also close a sentence: dates ("2030 m.", "15 d."),
/// amounts ("mln.", "tūkst.", "proc."), "ir kt.", "ir t. t.", "ir pan.".
const LT_FINAL: &[&str] = &[
    "m", "d", "a", "g", "t", "mln", "mlrd", "tūkst", "proc", "kt", "val", "min", "sek", "vnt",
    "pav", "lent", "sk", "pan", "km", "ha", "mėn", "sav", "gyv",
];

/// English abbreviations after which a sentence always goes on.
const EN_INNER: &[&str] = &[
    "e.g", "i.e", "mr", "mrs", "ms", "dr", "prof", "st", "vs", "cf", "approx", "incl", "pp", "ca",
    "viz", "a.k.a", "resp", "dept", "est",
];

/// English abbreviations that may also close a sentence.
const EN_FINAL: &[&str] = &[
    "no", "nos", "etc", "fig", "art", "vol", "ed", "al", "inc", "ltd", "co", "jr", "sr",
];

/// Capitalised words that follow an amount ("5 mln. Eur") rather than start a sentence.
const UNITS: &[&str] = &["Eur", "EUR", "USD", "GBP", "MW", "GW", "MWh", "GWh"];

/// Marks that may end a sentence.
fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Closing quotes and brackets, which stay with the sentence they close.
fn is_closing(c: char) -> bool {
    matches!(c, ')' | ']' | '"' | '“' | '”' | '’' | '\'' | '»')
}

/// Opening quotes and brackets, looked past to the first letter of the next sentence.
fn is_opening(c: char) -> bool {
    matches!(c, '(' | '[' | '"' | '„' | '“' | '‘' | '\'' | '«')
}

/// The sentences of `text` (whitespace collapsed already, as the text writer gives it),
/// each with its final marks and closing quotes, trimmed.
pub fn split(text: &str, language: Language) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        if !is_terminal(chars[i].1) {
            i += 1;
            continue;
        }
        // A run of marks ("?!", "...") and the quotes and brackets it closes.
        let mut end = i;
        while end + 1 < chars.len() && is_terminal(chars[end + 1].1) {
            end += 1;
        }
        let mut close = end + 1;
        while close < chars.len() && is_closing(chars[close].1) {
            close += 1;
        }
        let mut next = close;
        while next < chars.len() && chars[next].1.is_whitespace() {
            next += 1;
        }
        if next == chars.len() {
            break;
        }
        if next > close && ends_sentence(text, &chars, start, i, end, next, language) {
            out.push(text[start..chars[close].0].trim());
            start = chars[next].0;
        }
        i = next.max(end + 1);
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Whether the marks `chars[mark..=end]` end the sentence begun at byte `start`, the next
/// word beginning at `chars[next]`.
fn ends_sentence(
    text: &str,
    chars: &[(usize, char)],
    start: usize,
    mark: usize,
    end: usize,
    next: usize,
    language: Language,
) -> bool {
    let mut first = next;
    while first < chars.len() && is_opening(chars[first].1) {
        first += 1;
    }
    let Some(&(at, letter)) = chars.get(first) else {
        return false;
    };
    let capital = letter.is_uppercase();
    if !capital && !letter.is_ascii_digit() {
        return false;
    }
    // The word the full stop follows ("Nr", "e.g", "1.2.3"); "?", "!", an ellipsis, or a
    // full stop after a bracket or quote end a sentence before a capital.
    let word_end = mark;
    let mut word_start = word_end;
    while word_start > 0 && {
        let c = chars[word_start - 1].1;
        c.is_alphanumeric() || c == '.'
    } {
        word_start -= 1;
    }
    if end > mark || chars[mark].1 != '.' || word_start == word_end {
        return true;
    }
    let word = &text[chars[word_start].0..chars[word_end].0];
    let opens_sentence = text[start..chars[word_start].0]
        .chars()
        .all(|c| c.is_whitespace() || is_opening(c));
    if word.chars().any(|c| c.is_ascii_digit()) {
        // "1.2.3." numbers an item; "1." at a sentence's start numbers a list entry.
        return !word.contains('.') && !opens_sentence;
    }
    if opens_sentence && word.chars().all(|c| "IVXLC".contains(c)) {
        return false;
    }
    // An initial: "A. Pavardė".
    let single = word.chars().count() == 1;
    if single && word.chars().all(char::is_uppercase) {
        return false;
    }
    let lower = word.to_lowercase();
    let (inner, closing) = match language {
        Language::Lt => (LT_INNER, LT_FINAL),
        Language::En => (EN_INNER, EN_FINAL),
    };
    if closing.contains(&lower.as_str()) {
        let next_word: String = text[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        return capital && !UNITS.contains(&next_word.as_str());
    }
    !(inner.contains(&lower.as_str()) || single || word.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lt(text: &str) -> Vec<&str> {
        split(text, Language::Lt)
    }

    #[test]
    fn lithuanian_dates_and_decision_numbers_do_not_split() {
        assert_eq!(
            lt(
                "Planas patvirtintas 2020 m. gruodžio 15 d. savivaldybės tarybos sprendimu \
                Nr. T-123. Jis galioja iki 2030 m. Planą įgyvendina savivaldybės administracija."
            ),
            [
                "Planas patvirtintas 2020 m. gruodžio 15 d. savivaldybės tarybos sprendimu Nr. T-123.",
                "Jis galioja iki 2030 m.",
                "Planą įgyvendina savivaldybės administracija.",
            ]
        );
    }

    #[test]
    fn lithuanian_abbreviations_of_amounts_and_references_do_not_split() {
        assert_eq!(
            lt(
                "Priemonei skiriama 1,5 mln. Eur, t. y. 12 proc. metinio biudžeto, ir 300 tūkst. \
                Eur iš ES fondų. Pagal Įstatymo 5 str. 2 d. ir Metodikos p. 14 nuostatas \
                finansuojamos, pvz. švietimo, kultūros ir kt. sritys. Sprendimą pasirašė \
                meras A. Pavardenis."
            ),
            [
                "Priemonei skiriama 1,5 mln. Eur, t. y. 12 proc. metinio biudžeto, ir 300 tūkst. Eur iš ES fondų.",
                "Pagal Įstatymo 5 str. 2 d. ir Metodikos p. 14 nuostatas finansuojamos, pvz. švietimo, kultūros ir kt. sritys.",
                "Sprendimą pasirašė meras A. Pavardenis.",
            ]
        );
    }

    #[test]
    fn an_abbreviation_that_closes_a_sentence_ends_it_before_a_capital() {
        assert_eq!(
            lt(
                "Gyventojų per dešimtmetį sumažėjo 10 tūkst. Tai lėmė emigracija ir kt. \
                Sprendimas priimtas 14 val. 30 min. posėdyje."
            ),
            [
                "Gyventojų per dešimtmetį sumažėjo 10 tūkst.",
                "Tai lėmė emigracija ir kt.",
                "Sprendimas priimtas 14 val. 30 min. posėdyje.",
            ]
        );
    }

    #[test]
    fn numbers_quotes_and_ellipses() {
        assert_eq!(
            lt(
                "Uždavinys 1.2.3. apima 3.5 km gatvių. „Ar to pakanka?“ – klausė gyventojai. \
                Atsakymas… paaiškės vėliau. Ar tikrai?! „Taip.“ 2024 m. darbai pradėti."
            ),
            [
                "Uždavinys 1.2.3. apima 3.5 km gatvių.",
                "„Ar to pakanka?“ – klausė gyventojai.",
                "Atsakymas… paaiškės vėliau.",
                "Ar tikrai?!",
                "„Taip.“",
                "2024 m. darbai pradėti.",
            ]
        );
        // A list entry's number and a roman numeral open a sentence; they do not end one.
        assert_eq!(lt("1. Įvadas ir tikslai"), ["1. Įvadas ir tikslai"]);
        assert_eq!(lt("II. Situacijos analizė"), ["II. Situacijos analizė"]);
    }

    #[test]
    fn sentences_of_the_example_plan() {
        let text = "Alytaus miesto savivaldybės strateginis plėtros planas iki 2030 metų \
            (toliau – Planas) yra ilgalaikis savivaldybės strateginio planavimo dokumentas. \
            Jame nustatoma miesto vizija, plėtros prioritetai, tikslai ir uždaviniai, taip pat \
            priemonės, kuriomis jų bus siekiama 2021–2030 m. Planas sieja miesto bendruomenės \
            lūkesčius su savivaldybės biudžetu, valstybės ir Europos Sąjungos investicijomis.";
        let sentences = lt(text);
        assert_eq!(sentences.len(), 3, "{sentences:#?}");
        assert!(sentences[1].ends_with("2021–2030 m."), "{sentences:#?}");
        assert_eq!(
            lt(
                "Jo struktūra atkartoja tikrąjį planą: vizija, du prioritetai („Patogus miestas“ \
            ir „Galimybių miestas“) ir šeši tikslai. Tačiau uždaviniai yra *pavyzdiniai*."
            )
            .len(),
            2
        );
    }

    #[test]
    fn english_abbreviations_do_not_split() {
        assert_eq!(
            split(
                "Funding rose, e.g. for schools, i.e. the No. 5 school etc. and others. \
                 Mr. Smith agreed (see Fig. 3). Work starts in 2024. Roads, bridges etc. \
                 The rest follows in vol. 2.",
                Language::En
            ),
            [
                "Funding rose, e.g. for schools, i.e. the No. 5 school etc. and others.",
                "Mr. Smith agreed (see Fig. 3).",
                "Work starts in 2024.",
                "Roads, bridges etc.",
                "The rest follows in vol. 2.",
            ]
        );
    }

    #[test]
    fn text_without_a_final_mark_is_one_sentence() {
        assert_eq!(lt("Pavadinimas be taško"), ["Pavadinimas be taško"]);
        assert!(lt("   ").is_empty());
        assert_eq!(lt("Vienas. Du"), ["Vienas.", "Du"]);
    }
}
