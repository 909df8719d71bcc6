//! Years, periods and dates as a plan writes them, each checked where it is written: a
//! plausible year, a period in order, a plain day, a year written as a table key inside the
//! plan period.

use super::*;

impl Builder<'_> {
    pub(super) fn year(&mut self, file: FileId, year: &Spanned<i64>) -> Option<i32> {
        let value = *year.get_ref();
        if YEARS.contains(&value) {
            Some(value as i32)
        } else {
            self.error(
                codes::BAD_YEAR,
                span(file, year),
                format!("{value} is not a plausible year"),
            )
            .label = "expected a year such as 2024".into();
            None
        }
    }

    /// A `[first, last]` pair of years.
    pub(super) fn period(
        &mut self,
        file: FileId,
        period: &Spanned<Vec<Spanned<i64>>>,
    ) -> Option<(i32, i32)> {
        let at = span(file, period);
        let [first, last] = period.get_ref().as_slice() else {
            let d = self.error(
                codes::BAD_PERIOD,
                at,
                "a period is two years, the first and the last",
            );
            d.hints.push("write e.g. `period = [2022, 2026]`".into());
            return None;
        };
        let (first, last) = (self.year(file, first)?, self.year(file, last)?);
        if first > last {
            let d = self.error(
                codes::PERIOD_REVERSED,
                at,
                format!("the period starts in {first}, after it ends in {last}"),
            );
            d.hints.push(format!("write `[{last}, {first}]`"));
            return None;
        }
        Some((first, last))
    }

    /// A plan's date is a day: a plain local date (no time, no offset) in a plausible year.
    /// Anything else is an error at the value; the day written, if any, still stands in.
    pub(super) fn date(
        &mut self,
        file: FileId,
        value: &toml::Spanned<toml::value::Datetime>,
    ) -> Date {
        let written = value.get_ref();
        let date = written.date.map(|d| Date {
            year: i32::from(d.year),
            month: d.month,
            day: d.day,
        });
        let problem = match (&date, written.time) {
            (None, _) => Some(("expected a date".to_string(), None)),
            (Some(d), Some(_)) => Some((
                "expected a date, found a date and a time".to_string(),
                Some(format!(
                    "a plan's dates are days: write the day alone, `date = {d}`"
                )),
            )),
            (Some(d), None) if !YEARS.contains(&i64::from(d.year)) => Some((
                format!("{} is not a plausible year for a date", d.year),
                Some(format!(
                    "a plan's dates lie between {} and {}",
                    YEARS.start(),
                    YEARS.end()
                )),
            )),
            (Some(_), None) => None,
        };
        if let Some((message, hint)) = problem {
            let hint = hint
                .unwrap_or_else(|| "write a date without quotes, e.g. `date = 2020-12-15`".into());
            self.error(codes::BAD_DATE, span(file, value), message)
                .hints
                .push(hint);
        }
        date.unwrap_or(Date {
            year: 2000,
            month: 1,
            day: 1,
        })
    }

    /// A year written as a table key (per-year funding, targets), inside the plan period.
    pub(super) fn year_key(
        &mut self,
        at: Span,
        key: &str,
        what: &str,
        example: &str,
        reg: &Registries,
    ) -> Option<i32> {
        let Some(year) = key.parse::<i64>().ok().filter(|y| YEARS.contains(y)) else {
            self.error(codes::NOT_A_YEAR, at, format!("`{key}` is not a year"))
                .hints
                .push(format!("{what} is given by year, e.g. {example}"));
            return None;
        };
        let year = year as i32;
        let (first, last) = reg.period;
        if !(first..=last).contains(&year) {
            self.error(
                codes::OUTSIDE_PERIOD,
                at,
                format!("{what} for {year} is outside the plan period {first}–{last}"),
            );
            return None;
        }
        Some(year)
    }
}
