//! The one date a build depends on: the plan's date, or `SOURCE_DATE_EPOCH` when set, as
//! reproducible-build tools expect. Never the clock, so identical input gives identical PDFs.

use typst::foundations::Datetime;

use crate::model::Date;

/// The timestamp for the PDF and for typst's `datetime.today()`.
pub(crate) fn timestamp(plan_date: Date) -> Datetime {
    let from_env = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok());
    from_env
        .and_then(from_epoch)
        .or_else(|| Datetime::from_ymd_hms(plan_date.year, plan_date.month, plan_date.day, 0, 0, 0))
        .or_else(|| Datetime::from_ymd_hms(2000, 1, 1, 0, 0, 0))
        .unwrap_or_else(|| unreachable!("2000-01-01 is a valid date"))
}

/// A UTC date and time from seconds since 1970-01-01.
fn from_epoch(seconds: i64) -> Option<Datetime> {
    let days = seconds.div_euclid(86_400);
    let rest = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    Datetime::from_ymd_hms(
        i32::try_from(year).ok()?,
        month,
        day,
        (rest / 3600) as u8,
        (rest % 3600 / 60) as u8,
        (rest % 60) as u8,
    )
}

/// The UTC year of a moment given as seconds since 1970-01-01.
pub(crate) fn year_of(seconds: i64) -> i32 {
    i32::try_from(civil_from_days(seconds.div_euclid(86_400)).0).unwrap_or(i32::MAX)
}

/// Proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_dates_convert() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(18_611), (2020, 12, 15));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
