//! Numbers typed as text in a cell, read as the plan's language writes them; text that
//! reads as two different numbers is refused rather than guessed.

use crate::model::Language;

/// Why text is not read as a number.
#[derive(Debug, PartialEq)]
pub(super) enum Unreadable {
    NotANumber,
    /// It reads as two different numbers, by the two conventions: "1.690" in Lithuanian.
    Ambiguous,
}

/// A number written as text, as the plan's language writes numbers. Thousands may be
/// separated by spaces, or in English by commas ("1,690"); the decimal mark is the
/// language's (a comma in Lithuanian, a point in English). The other mark, where it
/// cannot separate thousands ("51.2" in Lithuanian, "36,5" in English), is a decimal mark
/// too; anything that reads as two different numbers ("1.690" in Lithuanian, "1234,567" in
/// English) is refused rather than guessed.
pub(super) fn parse_number(text: &str, language: Language) -> Result<f64, Unreadable> {
    let (decimal, group) = match language {
        Language::Lt => (',', '.'),
        Language::En => ('.', ','),
    };
    let text: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '\u{a0}' | '\u{202f}' | '\u{2009}' => ' ',
            '−' => '-',
            c => c,
        })
        .collect();
    let (sign, body) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.strip_prefix('+').unwrap_or(&text)),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let (whole, fraction) = match body.split_once(decimal) {
        Some((whole, fraction)) if digits(fraction) => (whole, Some(fraction)),
        Some(_) => return Err(Unreadable::NotANumber),
        None => (body, None),
    };
    let whole = match grouped(whole) {
        Some(whole) => whole,
        // "51.2" in Lithuanian, "36,5" in English: a mark that cannot separate thousands
        // is a decimal mark.
        None if fraction.is_none() => {
            return match whole.split_once(group) {
                Some((w, f)) if digits(w) && digits(f) && f.len() != 3 => format!("{sign}{w}.{f}")
                    .parse()
                    .map_err(|_| Unreadable::NotANumber),
                Some((w, f)) if digits(w) && digits(f) => Err(Unreadable::Ambiguous),
                _ => Err(Unreadable::NotANumber),
            };
        }
        None => return Err(Unreadable::NotANumber),
    };
    // "1.690" in Lithuanian: thousands by points, or a decimal point?
    if language == Language::Lt && body.contains(group) && fraction.is_none() {
        return Err(Unreadable::Ambiguous);
    }
    let number = match fraction {
        Some(fraction) => format!("{sign}{whole}.{fraction}"),
        None => format!("{sign}{whole}"),
    };
    number.parse().map_err(|_| Unreadable::NotANumber)
}

/// The digits of a whole number, written plain ("1690") or with thousands separated by
/// spaces, commas or points ("1 690", "1,690,000"), one kind of separator throughout.
fn grouped(whole: &str) -> Option<String> {
    let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if all_digits(whole) {
        return Some(whole.to_string());
    }
    let separator = whole.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(separator, ' ' | ',' | '.') {
        return None;
    }
    let mut groups = whole.split(separator);
    let first = groups.next()?;
    let first_ok = all_digits(first) && first.len() <= 3;
    let rest: Vec<&str> = groups.collect();
    let rest_ok = rest.iter().all(|g| all_digits(g) && g.len() == 3);
    (first_ok && rest_ok).then(|| whole.replace(separator, ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_the_plan_s_language_writes_them() {
        let lt = |s| parse_number(s, Language::Lt);
        let en = |s| parse_number(s, Language::En);
        assert_eq!(lt("51,2"), Ok(51.2));
        assert_eq!(lt("1,69"), Ok(1.69));
        assert_eq!(lt(" 1 234,5 "), Ok(1234.5));
        assert_eq!(lt("51.2"), Ok(51.2));
        assert_eq!(lt("1.690"), Err(Unreadable::Ambiguous));
        assert_eq!(lt("1.690,5"), Ok(1690.5));
        assert_eq!(lt("−3"), Ok(-3.0));
        assert_eq!(en("1,690"), Ok(1690.0));
        assert_eq!(en("1,690,000.25"), Ok(1_690_000.25));
        assert_eq!(en("1.69"), Ok(1.69));
        assert_eq!(en("36,5"), Ok(36.5));
        assert_eq!(en("1234,567"), Err(Unreadable::Ambiguous));
        assert_eq!(en("1 69"), Err(Unreadable::NotANumber));
        assert_eq!(en("apie 5"), Err(Unreadable::NotANumber));
        assert_eq!(lt("1,2,3"), Err(Unreadable::NotANumber));
    }
}
