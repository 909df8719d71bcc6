//! Numbers typed as text in a cell, read as the plan's language writes them; text that
//! reads as two different numbers is refused rather than guessed.

use crate::model::Language;

pub(super) use crate::format::Unreadable;

/// A number written as text, as the plan's language writes numbers. Thousands may be
/// separated by spaces, or in English by commas ("1,690"); the decimal mark is the
/// language's (a comma in Lithuanian, a point in English). The other mark, where it
/// cannot separate thousands ("51.2" in Lithuanian, "36,5" in English), is a decimal mark
/// too; anything that reads as two different numbers ("1.690" in Lithuanian, "1234,567" in
/// English) is refused rather than guessed. A per cent is not a number here. Read by
/// [`crate::format::read_number`].
pub(super) fn parse_number(text: &str, language: Language) -> Result<f64, Unreadable> {
    match crate::format::read_number(text, crate::format::Point::Language(language))? {
        read if read.percent => Err(Unreadable::NotANumber),
        read => Ok(read.value),
    }
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
