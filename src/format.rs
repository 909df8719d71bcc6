//! Numbers, amounts and dates written the way the plan's language writes them:
//! lt `1 234,5` and "2020 m. gruodžio 15 d."; en `1,234.5` and "15 December 2020".

use crate::model::{Date, Language, Money};

/// No-break space: groups digits and keeps "2020 m." on one line.
const NBSP: char = '\u{a0}';

/// A number with the given decimals, grouped in thousands.
pub fn number(value: f64, decimals: usize, language: Language) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let (group, point) = match language {
        Language::Lt => (NBSP, ','),
        Language::En => (',', '.'),
    };
    let mut out = String::new();
    if negative {
        out.push('−');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(point);
        out.push_str(fraction);
    }
    out
}

/// A number for spreadsheets: no grouping, an ASCII minus and the language's decimal point
/// (what Excel in that locale reads as a number); `decimals` fixed, or the shortest form.
pub fn plain(value: f64, decimals: Option<usize>, language: Language) -> String {
    // `+ 0.0` turns -0 into 0, which would otherwise print as "-0".
    let value = value + 0.0;
    let text = match decimals {
        Some(decimals) => format!("{value:.decimals$}"),
        None => format!("{value}"),
    };
    match language {
        Language::Lt => text.replace('.', ","),
        Language::En => text,
    }
}

/// A value as written in the plan (shortest form), grouped and with the language's point.
pub fn value(value: f64, language: Language) -> String {
    number(value, decimals(value), language)
}

/// How many decimals a value needs to be shown exactly as written ("12.40" → 1).
pub fn decimals(value: f64) -> usize {
    let shortest = format!("{value}");
    shortest.split_once('.').map_or(0, |(_, f)| f.len())
}

/// A share in per cent with one decimal: "87,5 %" / "87.5 %" (a no-break space before the
/// sign, as both languages' style guides ask).
pub fn percent(value: f64, language: Language) -> String {
    format!("{}{NBSP}%", number(value, 1, language))
}

/// An amount of money with a fixed number of decimals.
pub fn money(amount: Money, decimals: usize, language: Language) -> String {
    number(amount.as_f64(), decimals, language)
}

/// A name in the language's quotation marks, as a plain-text reader sees it set:
/// „Demografija“ / “Demography”.
pub fn quoted(text: &str, language: Language) -> String {
    match language {
        Language::Lt => format!("„{text}“"),
        Language::En => format!("“{text}”"),
    }
}

/// A full date: "2020 m. gruodžio 15 d." / "15 December 2020".
pub fn date(date: Date, language: Language) -> String {
    let month = usize::from(date.month.clamp(1, 12)) - 1;
    match language {
        Language::Lt => {
            format!(
                "{}{NBSP}m. {} {}{NBSP}d.",
                date.year, LT_MONTHS_GENITIVE[month], date.day
            )
        }
        Language::En => format!("{} {} {}", date.day, EN_MONTHS[month], date.year),
    }
}

/// A Lithuanian noun phrase with its head (last) word in the genitive singular, e.g.
/// "Alytaus miesto savivaldybės taryba" → "Alytaus miesto savivaldybės tarybos". The
/// words before the head are usually genitives already and stay as they are.
pub fn genitive_lt(phrase: &str) -> String {
    const ENDINGS: [(&str, &str); 7] = [
        ("ius", "iaus"),
        ("us", "aus"),
        ("is", "io"),
        ("as", "o"),
        ("ys", "io"),
        ("a", "os"),
        ("ė", "ės"),
    ];
    let trimmed = phrase.trim_end();
    let start = trimmed.rfind(' ').map_or(0, |i| i + 1);
    let (head, last) = trimmed.split_at(start);
    for (from, to) in ENDINGS {
        if let Some(stem) = last.strip_suffix(from) {
            return format!("{head}{stem}{to}");
        }
    }
    trimmed.to_string()
}

/// A Lithuanian document title in the genitive, as an annex mark needs it: "Alytaus miesto
/// savivaldybės strateginis plėtros planas iki 2030 metų" → "… strateginio plėtros plano
/// iki 2030 metų". Lower-case words in the nominative (adjective and noun: -is, -as, -ys,
/// -a, -ė) change; names, words already in the genitive (-os, -ės, -o, -ų, -aus) and
/// numbers stay. `[plan] title-genitive` gives it where this guess is wrong.
pub fn title_genitive_lt(title: &str) -> String {
    const ENDINGS: [(&str, &str); 5] = [
        ("is", "io"),
        ("as", "o"),
        ("ys", "io"),
        ("a", "os"),
        ("ė", "ės"),
    ];
    let word = |w: &str| {
        let lower = w.chars().next().is_some_and(char::is_lowercase);
        if lower && w.chars().count() > 2 {
            for (from, to) in ENDINGS {
                if let Some(stem) = w.strip_suffix(from) {
                    return format!("{stem}{to}");
                }
            }
        }
        w.to_string()
    };
    title.split(' ').map(word).collect::<Vec<_>>().join(" ")
}

/// Words that stay on the line of the number before them: units, "m." (metai) and "d."
/// (diena) in dates, "tūkst." and the like.
const BOUND_AFTER_NUMBER: &[&str] = &[
    "m.", "d.", "val.", "min.", "s.", "%", "‰", "°C", "km", "m", "cm", "mm", "m²", "m³", "km²",
    "ha", "a", "kW", "MW", "kWh", "MWh", "GWh", "t", "kg", "g", "l", "Eur", "EUR", "€", "tūkst.",
    "mln.", "mlrd.", "vnt.", "asm.", "proc.", "k.", "p.", "thousand", "million", "billion",
];

/// Words after which the next word (a number) stays on the same line: "Nr. 5", "p. 12",
/// "iki 2030 metų".
const BOUND_BEFORE_NUMBER: &[&str] = &[
    "Nr.", "No.", "p.", "psl.", "str.", "§", "pav.", "lent.", "iki", "nuo", "per", "po", "apie",
];

/// Multipliers that stay with the word after them: "tūkst. Eur", "mln. gyventojų".
const MULTIPLIERS: &[&str] = &["tūkst.", "mln.", "mlrd."];

/// Whether the space between two words of running text should be a no-break space, as
/// Lithuanian (and English) typography wants, so that no line ends with:
/// - a number before the word it counts or its unit ("12 mokyklų", "2030 m.", "45 %"), or
///   before the next group of its digits ("1 245");
/// - "Nr.", "p." and the like before a number;
/// - "tūkst.", "mln.", "mlrd." before what they multiply ("tūkst. Eur");
/// - a word of one letter ("į", "o", "a"; "a" and "I" in English) before the next word;
/// - and no line starts with a per cent or per mille sign alone ("Pokytis, %").
pub fn binds(word: &str, next: &str) -> bool {
    if matches!(next.trim_end_matches([',', ';', ':', ')', '.']), "%" | "‰") {
        return true;
    }
    // Of a word already bound to the one before ("439,5\u{a0}tūkst."), its last part.
    let word = word.rsplit('\u{a0}').next().unwrap_or(word);
    let word = word.trim_start_matches(['„', '“', '"', '(', '[', '‘', '\'', '«']);
    let stem = next.trim_end_matches([',', ';', ':', ')', '!', '?', '“', '"', '»']);
    let starts_word = next.starts_with(|c: char| c.is_alphabetic());
    if word.ends_with(|c: char| c.is_ascii_digit()) {
        let digits = word.chars().all(|c| c.is_ascii_digit()) && word.len() <= 3;
        let group = stem.len() >= 3
            && stem.bytes().take(3).all(|b| b.is_ascii_digit())
            && !stem[3..].starts_with(|c: char| c.is_ascii_digit());
        return starts_word
            || (digits && group)
            || BOUND_AFTER_NUMBER.contains(&stem)
            || BOUND_AFTER_NUMBER.contains(&next.trim_end_matches('.'));
    }
    let mut letters = word.chars();
    let one_letter = letters.next().is_some_and(char::is_alphabetic) && letters.next().is_none();
    (BOUND_BEFORE_NUMBER.contains(&word) && next.starts_with(|c: char| c.is_ascii_digit()))
        || (MULTIPLIERS.contains(&word) && !next.is_empty())
        || (one_letter && next.starts_with(|c: char| c.is_alphanumeric() || "„“\"(«".contains(c)))
}

/// Text with no-break spaces where [`binds`] wants them and typographic apostrophes
/// ("city’s", "residents’"), for text that templates set as it is (titles, names, units):
/// typst makes quotes typographic only in markup.
pub fn bind_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let text = apostrophes(text);
    let mut words = text.split(' ').peekable();
    while let Some(word) = words.next() {
        out.push_str(word);
        if let Some(next) = words.peek() {
            out.push(if binds(word, next) { '\u{a0}' } else { ' ' });
        }
    }
    out
}

/// A straight `'` after a letter or digit as the apostrophe ’ (which is also the closing
/// single quote in English); any other `'` stays as written. A tab is a space: typst
/// would drop it from a title.
fn apostrophes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = None::<char>;
    for c in text.chars() {
        let after_word = previous.is_some_and(char::is_alphanumeric);
        out.push(match c {
            '\'' if after_word => '’',
            '\t' => ' ',
            c => c,
        });
        previous = Some(c);
    }
    out
}

/// A span of years: "2021–2030", or one year.
pub fn years(first: i32, last: i32) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    }
}

/// Why text is not read as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    NotANumber,
    /// It reads as two different numbers, by the two conventions: "1.690" in Lithuanian.
    Ambiguous,
}

/// A number read from text: its value, the decimals it was written with and whether it
/// ended with `%`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    pub value: f64,
    pub decimals: usize,
    pub percent: bool,
}

/// The decimal mark text is read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    /// This mark (a dataset's, declared or detected); thousands parted by spaces only.
    Mark(char),
    /// The language's (lt `,`, en `.`); thousands parted by spaces or the other mark,
    /// which is a decimal mark too where it cannot part thousands ("51.2" in Lithuanian);
    /// text that reads as two different numbers ("1.690" in Lithuanian, "1234,567" in
    /// English) is refused rather than guessed.
    Language(Language),
}

/// The one reader of numbers written as text (datasets' cells, numbers typed as text in
/// workbooks, what a table's column holds): an optional sign (`-`, `−`, `+`), digits with
/// thousands parted by spaces (a no-break or thin space too) or as `point` allows, the
/// decimal mark and more digits, and an optional `%` (spaces before it allowed).
pub fn read_number(text: &str, point: Point) -> Result<Reading, Unreadable> {
    use Unreadable::{Ambiguous, NotANumber};
    let (negative, body, percent) = number_parts(text).ok_or(NotANumber)?;
    let (decimal, other) = match point {
        Point::Mark(mark) => (mark, None),
        Point::Language(Language::Lt) => (',', Some('.')),
        Point::Language(Language::En) => ('.', Some(',')),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = match body.split_once(decimal) {
        Some((whole, fraction)) if digits(fraction) => (whole, Some(fraction)),
        Some(_) => return Err(NotANumber),
        None => (body.as_str(), None),
    };
    let finish = |whole: &str, fraction: Option<&str>| {
        let sign = if negative { "-" } else { "" };
        let fraction = fraction.unwrap_or("");
        let value: f64 = format!("{sign}{whole}.{fraction}0")
            .parse()
            .map_err(|_| NotANumber)?;
        if !value.is_finite() {
            return Err(NotANumber);
        }
        Ok(Reading {
            value: value + 0.0,
            decimals: fraction.len(),
            percent,
        })
    };
    let separators: &[char] = match other {
        Some(other) => &[' ', other],
        None => &[' '],
    };
    match (grouped(whole, separators), other) {
        // "1.690" in Lithuanian: thousands parted by points, or a decimal point?
        (Some(_), Some('.')) if fraction.is_none() && whole.contains('.') => Err(Ambiguous),
        (Some(whole), _) => finish(&whole, fraction),
        // "51.2" in Lithuanian, "36,5" in English: a mark that cannot part thousands is a
        // decimal mark.
        (None, Some(other)) if fraction.is_none() => match whole.split_once(other) {
            Some((w, f)) if digits(w) && digits(f) && f.len() != 3 => finish(w, Some(f)),
            Some((w, f)) if digits(w) && digits(f) => Err(Ambiguous),
            _ => Err(NotANumber),
        },
        (None, _) => Err(NotANumber),
    }
}

/// Whether text reads as a number by either convention ("1 234,5", "1,234.5", "12 %",
/// "−3", "1'234"): digits parted by single spaces, points, commas or apostrophes.
pub fn reads_as_number(text: &str) -> bool {
    number_parts(text).is_some_and(|(_, body, _)| {
        let separator = |c: char| matches!(c, ' ' | '.' | ',' | '\'');
        let mut previous_separator = false;
        body.chars().all(|c| {
            let ok = c.is_ascii_digit() || (separator(c) && !previous_separator);
            previous_separator = separator(c);
            ok
        })
    })
}

/// A number's sign, its body (starting and ending with a digit, every kind of space as
/// ' ') and whether it ends with `%`.
fn number_parts(text: &str) -> Option<(bool, String, bool)> {
    let text: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '\u{a0}' | '\u{202f}' | '\u{2009}' => ' ',
            c => c,
        })
        .collect();
    let (text, percent) = match text.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (text.as_str(), false),
    };
    let (negative, body) = match text.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let digit_ends = body.starts_with(|c: char| c.is_ascii_digit())
        && body.ends_with(|c: char| c.is_ascii_digit());
    digit_ends.then(|| (negative, body.to_string(), percent))
}

/// The digits of a whole number, written plain ("1690") or with thousands parted by one of
/// `separators` throughout ("1 690", "1,690,000").
fn grouped(whole: &str, separators: &[char]) -> Option<String> {
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if all_digits(whole) {
        return Some(whole.to_string());
    }
    let separator = whole.chars().find(|c| !c.is_ascii_digit())?;
    if !separators.contains(&separator) {
        return None;
    }
    let mut groups = whole.split(separator);
    let first = groups.next()?;
    let first_ok = all_digits(first) && first.len() <= 3;
    let rest_ok = groups.all(|g| all_digits(g) && g.len() == 3);
    (first_ok && rest_ok).then(|| whole.replace(separator, ""))
}

const LT_MONTHS_GENITIVE: [&str; 12] = [
    "sausio",
    "vasario",
    "kovo",
    "balandžio",
    "gegužės",
    "birželio",
    "liepos",
    "rugpjūčio",
    "rugsėjo",
    "spalio",
    "lapkričio",
    "gruodžio",
];

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_of_per_cent_never_starts_a_line() {
        assert_eq!(
            bind_words("Pokytis nuo 2015 m., %"),
            "Pokytis nuo\u{a0}2015\u{a0}m.,\u{a0}%"
        );
        assert!(binds("dalis,", "‰)"));
        assert!(!binds("dalis", "procentais"));
    }

    #[test]
    fn apostrophes_after_words_are_typographic() {
        assert_eq!(bind_words("the city's services"), "the city’s services");
        assert_eq!(bind_words("Residents' survey"), "Residents’ survey");
        // A quote that opens is not an apostrophe.
        assert_eq!(bind_words("'quiet' streets"), "'quiet’ streets");
        assert_eq!(bind_words("Plan\t2022"), "Plan 2022");
    }

    #[test]
    fn lithuanian_numbers_group_with_spaces_and_use_a_comma() {
        assert_eq!(number(1234.5, 1, Language::Lt), "1\u{a0}234,5");
        assert_eq!(number(1234567.0, 0, Language::Lt), "1\u{a0}234\u{a0}567");
        assert_eq!(number(999.0, 2, Language::Lt), "999,00");
        assert_eq!(number(-1234.5, 1, Language::Lt), "−1\u{a0}234,5");
    }

    #[test]
    fn english_numbers_group_with_commas() {
        assert_eq!(number(1234.5, 1, Language::En), "1,234.5");
        assert_eq!(number(12.0, 0, Language::En), "12");
    }

    #[test]
    fn plain_numbers_have_no_grouping_and_the_language_point() {
        assert_eq!(plain(1234.5, Some(2), Language::Lt), "1234,50");
        assert_eq!(plain(1234.5, Some(1), Language::En), "1234.5");
        assert_eq!(plain(3.5, None, Language::Lt), "3,5");
        assert_eq!(plain(12.0, None, Language::En), "12");
        assert_eq!(plain(-0.0, Some(1), Language::En), "0.0");
        assert_eq!(plain(-2.25, None, Language::Lt), "-2,25");
    }

    #[test]
    fn values_keep_their_written_precision() {
        assert_eq!(value(5.2, Language::Lt), "5,2");
        assert_eq!(value(12.0, Language::Lt), "12");
        assert_eq!(value(15000.0, Language::En), "15,000");
    }

    #[test]
    fn genitive_of_council_names() {
        assert_eq!(
            genitive_lt("Alytaus miesto savivaldybės taryba"),
            "Alytaus miesto savivaldybės tarybos"
        );
        assert_eq!(genitive_lt("Savivaldybės meras"), "Savivaldybės mero");
        assert_eq!(
            genitive_lt("administracijos direktorius"),
            "administracijos direktoriaus"
        );
    }

    #[test]
    fn lithuanian_typography_binds_words_that_must_share_a_line() {
        let nb = |s: &str| s.replace('~', "\u{a0}");
        for (text, bound) in [
            ("1 245 respondentai", "1~245~respondentai"),
            ("12 345 678 Eur", "12~345~678~Eur"),
            (
                "skirta 250 tūkst. Eur per metus",
                "skirta 250~tūkst.~Eur per metus",
            ),
            ("eiti į mokyklą o ne į darbą", "eiti į~mokyklą o~ne į~darbą"),
            ("„A grupė“ ir (į sodą)", "„A~grupė“ ir (į~sodą)"),
            ("2021 m. gruodžio 15 d.", "2021~m. gruodžio 15~d."),
            ("sprendimas Nr. 5 priimtas", "sprendimas Nr.~5~priimtas"),
            ("nuo 1234 5678", "nuo~1234 5678"),
            ("1 2345", "1 2345"),
            ("iš 15, o 3", "iš 15, o~3"),
            ("171\u{a0}439,5\u{a0}tūkst. Eur", "171~439,5~tūkst.~Eur"),
            ("plano iki 2030 metų", "plano iki~2030~metų"),
        ] {
            assert_eq!(bind_words(text), nb(bound), "{text}");
        }
    }

    #[test]
    fn numbers_bound_to_the_next_word() {
        assert_eq!(
            bind_words("plano iki 2030 metų, 12 mokyklų ir 2021–2030 m."),
            "plano iki\u{a0}2030\u{a0}metų, 12\u{a0}mokyklų ir 2021–2030\u{a0}m."
        );
        assert_eq!(bind_words("1 234 5"), "1\u{a0}234 5");
    }

    #[test]
    fn genitive_of_plan_titles() {
        for (title, genitive) in [
            (
                "Alytaus miesto savivaldybės strateginis plėtros planas iki 2030 metų",
                "Alytaus miesto savivaldybės strateginio plėtros plano iki 2030 metų",
            ),
            (
                "Mažeikių rajono savivaldybės 2021–2030 metų strateginis plėtros planas",
                "Mažeikių rajono savivaldybės 2021–2030 metų strateginio plėtros plano",
            ),
            (
                "Alytaus regiono integruota teritorinės plėtros programa",
                "Alytaus regiono integruotos teritorinės plėtros programos",
            ),
        ] {
            assert_eq!(title_genitive_lt(title), genitive);
        }
    }

    #[test]
    fn one_reader_of_numbers_as_written() {
        let mark = |t, d| read_number(t, Point::Mark(d)).map(|n| (n.value, n.decimals, n.percent));
        assert_eq!(mark("1 234,50", ','), Ok((1234.5, 2, false)));
        assert_eq!(mark("1\u{a0}234,5", ','), Ok((1234.5, 1, false)));
        assert_eq!(mark("−13,6 %", ','), Ok((-13.6, 1, true)));
        assert_eq!(mark("12.5", '.'), Ok((12.5, 1, false)));
        assert_eq!(mark("12,5", '.'), Err(Unreadable::NotANumber));
        assert_eq!(mark("1 2 3", '.'), Err(Unreadable::NotANumber));
        let lt = |t| read_number(t, Point::Language(Language::Lt)).map(|n| n.value);
        let en = |t| read_number(t, Point::Language(Language::En)).map(|n| n.value);
        assert_eq!(lt("59,4"), Ok(59.4));
        assert_eq!(lt("1.690"), Err(Unreadable::Ambiguous));
        assert_eq!(en("1,690"), Ok(1690.0));
        assert_eq!(en("1234,567"), Err(Unreadable::Ambiguous));
        for yes in ["1 234,5", "1,234.5", "12 %", "−3", "1'234", "2021"] {
            assert!(reads_as_number(yes), "{yes}");
        }
        for no in ["1..2", "%", "12 a", "2021–2030", "3 m.", ""] {
            assert!(!reads_as_number(no), "{no}");
        }
    }

    #[test]
    fn dates_in_both_languages() {
        let d = Date {
            year: 2020,
            month: 12,
            day: 15,
        };
        assert_eq!(date(d, Language::Lt), "2020\u{a0}m. gruodžio 15\u{a0}d.");
        assert_eq!(date(d, Language::En), "15 December 2020");
    }
}
