//! The window of receipt dates the shipments are asked for.

use time::{Date, Duration};

use super::date::IsoDate;

/// The default window: the last 90 days ending today.
pub const DEFAULT_WINDOW_DAYS: i64 = 90;

/// The longest window accepted (SkyPostal documents none; a year keeps answers sane).
pub const MAX_WINDOW_DAYS: i64 = 366;

/// A window of receipt dates, `start` to `end` (`YYYY-MM-DD` on the wire), valid by
/// construction: `start <= end`, `end` not after the day it was made for, at most
/// [`MAX_WINDOW_DAYS`] long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateWindow {
    start: Date,
    end: Date,
}

/// Why a window was refused; `Display` is the sentence for the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WindowError {
    /// From is not a real `YYYY-MM-DD` date.
    #[error("From is not a date: write it as YYYY-MM-DD")]
    BadFrom,
    /// To is not a real `YYYY-MM-DD` date.
    #[error("To is not a date: write it as YYYY-MM-DD")]
    BadTo,
    /// From after To.
    #[error("From is after To")]
    Reversed,
    /// To after today.
    #[error("To is after today")]
    Future,
    /// Longer than [`MAX_WINDOW_DAYS`].
    #[error("the window is longer than {MAX_WINDOW_DAYS} days")]
    TooLong,
}

impl DateWindow {
    /// The last 90 days ending `today` (the agent's local date).
    pub fn default_for(today: Date) -> Self {
        Self {
            start: today.saturating_sub(Duration::days(DEFAULT_WINDOW_DAYS)),
            end: today,
        }
    }

    /// Checks a window against `today`.
    pub fn new(start: Date, end: Date, today: Date) -> Result<Self, WindowError> {
        if start > end {
            return Err(WindowError::Reversed);
        }
        if end > today {
            return Err(WindowError::Future);
        }
        if (end - start).whole_days() > MAX_WINDOW_DAYS {
            return Err(WindowError::TooLong);
        }
        Ok(Self { start, end })
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

    /// Its length in days (`end - start`; 90 for the default window).
    pub fn days(&self) -> i64 {
        (self.end - self.start).whole_days()
    }

    /// `start_date` as sent: `YYYY-MM-DD`.
    pub fn start_text(&self) -> String {
        IsoDate(self.start).to_string()
    }

    /// `end_date` as sent: `YYYY-MM-DD`.
    pub fn end_text(&self) -> String {
        IsoDate(self.end).to_string()
    }

    /// The window moved back by its own length (at least a day).
    pub fn earlier(&self) -> Self {
        let step = Duration::days(self.days().max(1));
        Self {
            start: self.start.saturating_sub(step),
            end: self.end.saturating_sub(step),
        }
    }

    /// The window moved forward by its own length (at least a day), never past `today`:
    /// there it stops, keeping its length.
    pub fn later(&self, today: Date) -> Self {
        let length = Duration::days(self.days());
        let end = self
            .end
            .saturating_add(Duration::days(self.days().max(1)))
            .min(today);
        Self {
            start: end.saturating_sub(length),
            end,
        }
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
        assert_eq!(window.start_text(), "2026-08-31");
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
        assert_eq!(parse("2025-11-27", "2026-11-29"), Err(WindowError::TooLong));
        let year = parse("2025-11-28", "2026-11-29").unwrap();
        assert_eq!(year.days(), 366);
        let one = parse(" 2026-11-29 ", "2026-11-29").unwrap();
        assert_eq!(text(&one), "2026-11-29 – 2026-11-29 (0)");
    }

    #[test]
    fn shifting_moves_by_the_length_and_stops_at_today() {
        let window = DateWindow::default_for(today());
        let back = window.earlier();
        assert_eq!(text(&back), "2026-06-02 – 2026-08-31 (90)");
        let forward = back.later(today());
        assert_eq!(forward, window);
        assert_eq!(window.later(today()), window);
        let part = DateWindow::parse("2026-09-01", "2026-10-01", today()).unwrap();
        assert_eq!(text(&part.later(today())), "2026-10-01 – 2026-10-31 (30)");
        let near = DateWindow::parse("2026-10-20", "2026-11-20", today()).unwrap();
        assert_eq!(text(&near.later(today())), "2026-10-29 – 2026-11-29 (31)");
    }
}
