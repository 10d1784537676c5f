//! The window of receipt dates the shipments are asked for.

use time::{Date, Duration};

use super::date::IsoDate;

/// The default window: the last 90 days ending today, today included.
pub const DEFAULT_WINDOW_DAYS: i64 = 90;

/// The longest window accepted, in calendar days counted inclusively (SkyPostal
/// documents none; a year keeps answers sane).
pub const MAX_WINDOW_DAYS: i64 = 366;

/// The first day a window may start on: no year before 1 (it would go out as
/// `-001-05-22`).
const EARLIEST: Date = match Date::from_ordinal_date(1, 1) {
    Ok(day) => day,
    Err(_) => Date::MIN,
};

/// A window of receipt dates, `start` to `end` (`YYYY-MM-DD` on the wire), valid by
/// construction: `start <= end`, `end` not after the day it was made for, at most
/// [`MAX_WINDOW_DAYS`] long, not before the year 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateWindow {
    start: Date,
    end: Date,
}

/// Why a window was refused; said in the agent's language by
/// [`crate::i18n::window_error`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WindowError {
    /// From is not a real `YYYY-MM-DD` date.
    BadFrom,
    /// To is not a real `YYYY-MM-DD` date.
    BadTo,
    /// From after To.
    Reversed,
    /// To after today.
    Future,
    /// Longer than [`MAX_WINDOW_DAYS`].
    TooLong,
    /// From before the year 1.
    TooEarly,
}

impl DateWindow {
    /// The last 90 days ending `today` (the agent's local date), both counted.
    pub fn default_for(today: Date) -> Self {
        Self::ending(today, DEFAULT_WINDOW_DAYS)
    }

    /// `days` days ending on `end`, both counted, starting no earlier than the year 1.
    fn ending(end: Date, days: i64) -> Self {
        let start = end.saturating_sub(Duration::days(days - 1)).max(EARLIEST);
        Self { start, end }
    }

    /// Checks a window against `today`.
    pub fn new(start: Date, end: Date, today: Date) -> Result<Self, WindowError> {
        if start > end {
            return Err(WindowError::Reversed);
        }
        if end > today {
            return Err(WindowError::Future);
        }
        if start < EARLIEST {
            return Err(WindowError::TooEarly);
        }
        let window = Self { start, end };
        if window.days() > MAX_WINDOW_DAYS {
            return Err(WindowError::TooLong);
        }
        Ok(window)
    }

    /// Parses the From / To texts (`YYYY-MM-DD`) and checks the window.
    pub fn parse(from: &str, to: &str, today: Date) -> Result<Self, WindowError> {
        let start = IsoDate::parse(from).ok_or(WindowError::BadFrom)?;
        let end = IsoDate::parse(to).ok_or(WindowError::BadTo)?;
        Self::new(start, end, today)
    }

    /// First day.
    pub fn start(&self) -> Date {
        self.start
    }

    /// Last day.
    pub fn end(&self) -> Date {
        self.end
    }

    /// Whether `day` is in the window, its first and last days included.
    pub fn holds(&self, day: Date) -> bool {
        self.start <= day && day <= self.end
    }

    /// Its length in calendar days, first and last included (90 for the default
    /// window, 1 for a window of one day).
    pub fn days(&self) -> i64 {
        (self.end - self.start).whole_days() + 1
    }

    /// `start_date` as sent: `YYYY-MM-DD`.
    pub fn start_text(&self) -> String {
        IsoDate(self.start).to_string()
    }

    /// `end_date` as sent: `YYYY-MM-DD`.
    pub fn end_text(&self) -> String {
        IsoDate(self.end).to_string()
    }

    /// The days just before, as many as the window has (it never starts before the
    /// year 1: there it stops, keeping its length).
    pub fn earlier(&self) -> Self {
        let days = self.days();
        let end = self.start.saturating_sub(Duration::days(1));
        if end.saturating_sub(Duration::days(days - 1)) < EARLIEST {
            return Self::starting(EARLIEST, days);
        }
        Self::ending(end, days)
    }

    /// `days` days from `start`, both counted.
    fn starting(start: Date, days: i64) -> Self {
        Self {
            start,
            end: start.saturating_add(Duration::days(days - 1)),
        }
    }

    /// The days just after, as many as the window has, never past `today`: there it
    /// stops, keeping its length.
    pub fn later(&self, today: Date) -> Self {
        let days = self.days();
        let end = self
            .end
            .saturating_add(Duration::days(days))
            .min(today)
            .max(self.end);
        Self::ending(end, days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Month;

    fn day(y: i32, m: Month, d: u8) -> Date {
        Date::from_calendar_date(y, m, d).unwrap()
    }

    fn today() -> Date {
        day(2026, Month::November, 29)
    }

    /// `start – end (days)`, to compare windows at a glance.
    fn text(window: &DateWindow) -> String {
        format!(
            "{} – {} ({})",
            window.start_text(),
            window.end_text(),
            window.days()
        )
    }

    #[test]
    fn default_is_the_last_90_days_ending_today() {
        let window = DateWindow::default_for(today());
        assert_eq!(window.start_text(), "2026-09-01");
        assert_eq!(window.end_text(), "2026-11-29");
        assert_eq!(window.days(), 90);
    }

    #[test]
    fn validation_refuses_what_the_form_must_refuse() {
        let parse = |from, to| DateWindow::parse(from, to, today());
        assert_eq!(parse("2026-02-30", "2026-11-01"), Err(WindowError::BadFrom));
        assert_eq!(parse("2026-01-01", "2026-1-2"), Err(WindowError::BadTo));
        assert_eq!(
            parse("2026-11-02", "2026-11-01"),
            Err(WindowError::Reversed)
        );
        assert_eq!(parse("2026-11-01", "2026-11-30"), Err(WindowError::Future));
        // Calendar days counted inclusively: 367 of them are too many.
        assert_eq!(parse("2025-11-28", "2026-11-29"), Err(WindowError::TooLong));
        let year = parse("2025-11-29", "2026-11-29").unwrap();
        assert_eq!(year.days(), 366);
        let one = parse(" 2026-11-29 ", "2026-11-29").unwrap();
        assert_eq!(text(&one), "2026-11-29 – 2026-11-29 (1)");
        assert_eq!(
            parse("0000-12-31", "0001-01-01"),
            Err(WindowError::TooEarly)
        );
    }

    #[test]
    fn shifting_moves_by_the_length_and_stops_at_today() {
        let window = DateWindow::default_for(today());
        let back = window.earlier();
        assert_eq!(text(&back), "2026-06-03 – 2026-08-31 (90)");
        let forward = back.later(today());
        assert_eq!(forward, window);
        assert_eq!(window.later(today()), window);
        let part = DateWindow::parse("2026-09-01", "2026-10-01", today()).unwrap();
        assert_eq!(text(&part.later(today())), "2026-10-02 – 2026-11-01 (31)");
        let near = DateWindow::parse("2026-10-20", "2026-11-20", today()).unwrap();
        assert_eq!(text(&near.later(today())), "2026-10-29 – 2026-11-29 (32)");
    }

    /// Going back never leaves the year 1: the request would carry `-001-05-22`.
    #[test]
    fn going_back_stops_at_the_year_1() {
        let start = DateWindow::parse("0001-01-01", "0001-03-31", today()).unwrap();
        assert_eq!(start.earlier(), start);
        let near = DateWindow::parse("0001-02-01", "0001-04-01", today()).unwrap();
        assert_eq!(near.earlier().start_text(), "0001-01-01");
        assert_eq!(near.earlier().days(), near.days());
        let mut window = DateWindow::default_for(today());
        for _ in 0..10_000 {
            window = window.earlier();
        }
        assert_eq!(window.start_text(), "0001-01-01");
    }
}
