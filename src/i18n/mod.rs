//! Words: the language as a value, and the message catalog compiled into functions.
//!
//! Every sentence skyview writes for a person is one entry of
//! `assets/i18n/skyview.toml`; `build.rs` turns each entry into a function of
//! [`msg`] that takes the [`Lang`] and the entry's typed arguments, so a missing
//! message or a wrong argument fails the build. The language is passed in, never
//! kept process-wide: one test can draw the same screen in two languages.

mod api;
mod app;

pub use app::{charge, field_label, invoice, phone_kind, status, window_error};

/// The catalog: one module per group of `assets/i18n/skyview.toml`, one function
/// per message.
pub mod msg {
    use super::Lang;
    include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
}

/// A customer's name as shown: the name, or a placeholder when SkyPostal sent none.
pub fn name(lang: Lang, name: &str) -> std::borrow::Cow<'_, str> {
    if name.is_empty() {
        msg::detail::no_name(lang).into()
    } else {
        name.into()
    }
}

/// A duration the way the lock screen says it: "15 min", "3 s", "1 h 30 min".
pub fn duration(lang: Lang, duration: std::time::Duration) -> String {
    let seconds = duration.as_secs();
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut parts = Vec::new();
    if hours > 0 {
        parts.push(msg::duration::hours(lang, hours));
    }
    if minutes > 0 {
        parts.push(msg::duration::minutes(lang, minutes));
    }
    if seconds > 0 || parts.is_empty() {
        parts.push(msg::duration::seconds(lang, seconds));
    }
    parts.join(" ")
}

/// A language skyview speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English.
    #[default]
    En,
}

/// A plural form, as CLDR names them; each language uses some of them, `Other`
/// always.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    /// Singular-like (English: 1).
    One,
    /// Everything a language has no other form for.
    Other,
}

impl Plural {
    /// The form `lang` uses for `n` things.
    pub fn of(lang: Lang, n: u64) -> Self {
        match lang {
            Lang::En if n == 1 => Self::One,
            Lang::En => Self::Other,
        }
    }
}

/// A number that picks a plural form: the `count` argument of a message.
pub trait Count {
    /// The number, as the plural rules take it.
    fn count(&self) -> u64;
}

impl Count for u64 {
    fn count(&self) -> u64 {
        *self
    }
}

impl Count for usize {
    fn count(&self) -> u64 {
        u64::try_from(*self).unwrap_or(u64::MAX)
    }
}

impl Count for i64 {
    fn count(&self) -> u64 {
        self.unsigned_abs()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_counts_one_and_the_rest() {
        assert_eq!(Plural::of(Lang::En, 1), Plural::One);
        for n in [0, 2, 11, 21] {
            assert_eq!(Plural::of(Lang::En, n), Plural::Other);
        }
    }
}
