//! WCF's JSON date, `/Date(ms±hhmm)/`, as SkyPostal sends it.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, OffsetDateTime, UtcOffset};

/// A `/Date(ms±hhmm)/` value: a UTC instant plus the server's UTC offset at that
/// instant. The offset does not shift the instant; it says which wall clock the server
/// meant, and so which calendar date a date-only field (a birth date) stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WcfDate {
    /// Milliseconds since 1970-01-01T00:00Z; may be negative.
    pub millis: i64,
    /// The server's UTC offset in minutes, when the value carries one.
    pub offset_minutes: Option<i16>,
}

/// .NET's `DateTime.MinValue` (0001-01-01), which services send to mean "no date".
const MIN_VALUE_MILLIS: i64 = -62_135_596_800_000;

/// .NET's `DateTime.MaxValue` (9999-12-31 23:59:59.999), sent to mean "no date" too.
const MAX_VALUE_MILLIS: i64 = 253_402_300_799_999;

/// Why a string is not a `/Date(…)/` value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a /Date(ms±hhmm)/ value")]
pub struct DateParseError;

impl WcfDate {
    /// Parses `/Date(ms)/` or `/Date(ms±hhmm)/`; the escaped `\/Date(…)\/` form is
    /// accepted too, for text that skipped JSON unescaping.
    pub fn parse(text: &str) -> Result<Self, DateParseError> {
        let inner = text
            .trim()
            .strip_prefix("\\/Date(")
            .or_else(|| text.trim().strip_prefix("/Date("))
            .and_then(|rest| {
                rest.strip_suffix(")\\/")
                    .or_else(|| rest.strip_suffix(")/"))
            })
            .ok_or(DateParseError)?;
        // The sign of the offset is the first '+' or '-' after the first character,
        // which may itself be the sign of the milliseconds.
        let split = inner
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c == '+' || c == '-')
            .map(|(i, _)| i);
        let (millis_text, offset_text) = match split {
            Some(i) => (inner.get(..i), inner.get(i..)),
            None => (Some(inner), None),
        };
        let millis = parse_millis(millis_text.ok_or(DateParseError)?)?;
        let offset_minutes = offset_text.map(parse_offset).transpose()?;
        Ok(Self {
            millis,
            offset_minutes,
        })
    }

    /// Whether this is `DateTime.MinValue` or `DateTime.MaxValue`, which mean "no
    /// date": shown blank, and sorted with the rows that have none.
    pub(crate) fn means_no_date(&self) -> bool {
        self.millis <= MIN_VALUE_MILLIS || self.millis >= MAX_VALUE_MILLIS
    }

    /// The calendar date of the server's wall clock at this instant: what a birth date
    /// means. `None` for `DateTime.MinValue` or a value outside the calendar's range.
    /// Never converted to the viewer's time zone, which would move it a day.
    pub fn server_date(&self) -> Option<Date> {
        if self.means_no_date() {
            return None;
        }
        let nanos = i128::from(self.millis).checked_mul(1_000_000)?;
        let utc = OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()?;
        let offset_seconds = i32::from(self.offset_minutes.unwrap_or(0)) * 60;
        let offset = UtcOffset::from_whole_seconds(offset_seconds).ok()?;
        utc.checked_to_offset(offset).map(|wall| wall.date())
    }
}

/// A WCF instant on the server's wall clock with its offset, as a timeline shows it:
/// `2018-02-04 21:59:14 −05:00` (a true minus sign). Empty when out of range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServerTime(pub WcfDate);

impl fmt::Display for ServerTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let wcf = self.0;
        let offset_minutes = i32::from(wcf.offset_minutes.unwrap_or(0));
        let wall = i128::from(wcf.millis)
            .checked_mul(1_000_000)
            .and_then(|nanos| OffsetDateTime::from_unix_timestamp_nanos(nanos).ok())
            .zip(UtcOffset::from_whole_seconds(offset_minutes * 60).ok())
            .and_then(|(utc, offset)| utc.checked_to_offset(offset));
        let Some(wall) = wall.filter(|_| !wcf.means_no_date()) else {
            return Ok(());
        };
        let sign = if offset_minutes < 0 { '\u{2212}' } else { '+' };
        let (hours, minutes) = (offset_minutes.abs() / 60, offset_minutes.abs() % 60);
        write!(
            f,
            "{} {:02}:{:02}:{:02} {sign}{hours:02}:{minutes:02}",
            IsoDate(wall.date()),
            wall.hour(),
            wall.minute(),
            wall.second()
        )
    }
}

fn parse_millis(text: &str) -> Result<i64, DateParseError> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateParseError);
    }
    text.parse().map_err(|_| DateParseError)
}

/// `YYYY-MM-DD`, nothing more or less.
fn parse_iso_date(text: &str) -> Option<Date> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let all_digits = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some()
        || !all_digits(year, 4)
        || !all_digits(month, 2)
        || !all_digits(day, 2)
    {
        return None;
    }
    let month = time::Month::try_from(month.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(year.parse().ok()?, month, day.parse().ok()?).ok()
}

/// `±hhmm`, hours up to 23 and minutes up to 59.
fn parse_offset(text: &str) -> Result<i16, DateParseError> {
    let (sign, digits) = match text.split_at_checked(1) {
        Some(("+", rest)) => (1, rest),
        Some(("-", rest)) => (-1, rest),
        _ => return Err(DateParseError),
    };
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateParseError);
    }
    let number: i16 = digits.parse().map_err(|_| DateParseError)?;
    let (hours, minutes) = (number / 100, number % 100);
    if hours > 23 || minutes > 59 {
        return Err(DateParseError);
    }
    Ok(sign * (hours * 60 + minutes))
}

/// A date field as received: a WCF date, a plain `YYYY-MM-DD` (SkyPostal's registration
/// form sends those), or text neither parser understood, kept so it can still be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateField {
    /// A `/Date(…)/` value.
    Wcf(WcfDate),
    /// An ISO calendar date.
    Iso(Date),
    /// Something else; shown as received (sanitized), never a reason to reject the customer.
    Unparsed(String),
}

impl DateField {
    /// Reads a date from the wire text.
    pub fn from_wire(text: &str) -> Self {
        if let Ok(wcf) = WcfDate::parse(text) {
            return Self::Wcf(wcf);
        }
        match parse_iso_date(text.trim()) {
            Some(date) => Self::Iso(date),
            None => Self::Unparsed(crate::text::sanitize(text).into_owned()),
        }
    }

    /// The calendar date, when there is one (`DateTime.MinValue` counts as none).
    pub fn date(&self) -> Option<Date> {
        match self {
            Self::Wcf(wcf) => wcf.server_date(),
            Self::Iso(date) => Some(*date),
            Self::Unparsed(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for DateField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(Self::from_wire(&text))
    }
}

/// Serialized as an ISO date (`"1980-08-19"`), `null` when absent, or the text as
/// received when it is not a date.
impl Serialize for DateField {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self.date(), self) {
            (Some(date), _) => serializer.collect_str(&IsoDate(date)),
            (None, Self::Unparsed(raw)) if !raw.trim().is_empty() => serializer.serialize_str(raw),
            (None, _) => serializer.serialize_none(),
        }
    }
}

/// Whole years from `birth` to `today`; `None` if `birth` lies in the future.
pub(crate) fn age_on(birth: Date, today: Date) -> Option<u32> {
    let mut years = today.year() - birth.year();
    if (today.month() as u8, today.day()) < (birth.month() as u8, birth.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// Formats a date as `YYYY-MM-DD`.
pub struct IsoDate(pub Date);

impl IsoDate {
    /// Reads `YYYY-MM-DD` (surrounding white space allowed), a real date only.
    pub fn parse(text: &str) -> Option<Date> {
        parse_iso_date(text.trim())
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(f, "{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(wire: &str) -> String {
        let date = WcfDate::parse(wire).unwrap().server_date().unwrap();
        IsoDate(date).to_string()
    }

    // The five rows of the contract's table.
    #[test]
    fn docs_birth_date_is_the_servers_calendar_date() {
        assert_eq!(shown("/Date(335505600000-0400)/"), "1980-08-19");
    }

    #[test]
    fn evening_server_time_keeps_the_servers_day_not_the_utc_day() {
        assert_eq!(shown("/Date(1560215160000-0400)/"), "2019-06-10");
    }

    #[test]
    fn negative_millis_before_1970() {
        assert_eq!(shown("/Date(-151873200000-0500)/"), "1965-03-10");
    }

    #[test]
    fn no_offset_means_utc() {
        assert_eq!(shown("/Date(1234656000000)/"), "2009-02-15");
    }

    #[test]
    fn epoch() {
        assert_eq!(shown("/Date(0)/"), "1970-01-01");
    }

    #[test]
    fn escaped_slashes_and_positive_offsets() {
        let date = WcfDate::parse("\\/Date(335505600000+0530)\\/").unwrap();
        assert_eq!(date.offset_minutes, Some(330));
        assert_eq!(
            IsoDate(date.server_date().unwrap()).to_string(),
            "1980-08-19"
        );
    }

    #[test]
    fn min_value_counts_as_absent() {
        let field = DateField::from_wire("/Date(-62135596800000)/");
        assert!(matches!(field, DateField::Wcf(wcf) if wcf.means_no_date()));
        assert_eq!(field.date(), None);
    }

    #[test]
    fn malformed_values_are_rejected_not_guessed() {
        for bad in [
            "",
            "/Date()/",
            "/Date(abc)/",
            "/Date(12-04)/",
            "/Date(12+2500)/",
            "/Date(1)",
            "Date(1)",
            "/Date(--1)/",
            "/Date(99999999999999999999)/",
        ] {
            assert_eq!(WcfDate::parse(bad), Err(DateParseError), "{bad:?}");
        }
    }

    #[test]
    fn out_of_range_instant_has_no_date() {
        let far = WcfDate::parse("/Date(9223372036854775807)/").unwrap();
        assert_eq!(far.server_date(), None);
    }

    #[test]
    fn iso_and_unparsed_fields_still_show() {
        assert_eq!(
            DateField::from_wire("1980-08-19")
                .date()
                .map(|d| IsoDate(d).to_string()),
            Some("1980-08-19".to_string())
        );
        assert_eq!(
            DateField::from_wire("soon\u{1b}[2J"),
            DateField::Unparsed("soon␛[2J".into())
        );
    }

    #[test]
    fn server_time_keeps_the_servers_clock_and_offset() {
        let at = |wire| ServerTime(WcfDate::parse(wire).unwrap()).to_string();
        assert_eq!(
            at("/Date(1517799554000-0500)/"),
            "2018-02-04 21:59:14 \u{2212}05:00"
        );
        assert_eq!(at("/Date(0+0530)/"), "1970-01-01 05:30:00 +05:30");
        assert_eq!(at("/Date(0)/"), "1970-01-01 00:00:00 +00:00");
        assert_eq!(at("/Date(-62135596800000)/"), "");
        assert_eq!(at("/Date(253402300799999+1400)/"), "");
    }

    #[test]
    fn age_counts_birthdays_passed() {
        let birth = Date::from_calendar_date(1980, time::Month::August, 19).unwrap();
        let before = Date::from_calendar_date(2026, time::Month::August, 18).unwrap();
        let on = Date::from_calendar_date(2026, time::Month::August, 19).unwrap();
        assert_eq!(age_on(birth, before), Some(45));
        assert_eq!(age_on(birth, on), Some(46));
        assert_eq!(age_on(on, birth), None);
    }
}
