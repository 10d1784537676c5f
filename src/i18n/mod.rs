//! Words: the language as a value, and the message catalog compiled into functions.
//!
//! Every sentence skyview writes for a person is one entry of
//! `assets/i18n/skyview.toml`; `build.rs` turns each entry into a function of
//! [`msg`] that takes the [`Lang`] and the entry's typed arguments, so a missing
//! message or a wrong argument fails the build. The language is passed in, never
//! kept process-wide: one test can draw the same screen in two languages.

mod api;
mod app;
pub mod choose;
mod number;
mod table;

pub use app::{
    Verifiable, charge, event_status, field_label, invoice, phone_kind, status, verified,
    window_error,
};
pub use choose::{Choice, Source, Sources, UnknownLanguage, choose};
pub use number::Decimal;

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

/// A language skyview speaks: the variants are the catalog's `[languages]`, one for
/// one (build.rs generates `Lang::ALL`, `code` and `plural_forms` from it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Latin-American Spanish, neutral and formal (usted).
    Es,
    /// Brazilian Portuguese.
    Pt,
}

include!(concat!(env!("OUT_DIR"), "/languages.rs"));

/// A plural form, as CLDR names them; each language uses some of them, `Other`
/// always. Only the forms some language of the catalog uses are here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    /// Singular-like (English and Spanish: 1; Portuguese: 0 and 1).
    One,
    /// Spanish and Portuguese: whole millions (`1000000 de envíos`).
    Many,
    /// Everything a language has no other form for.
    Other,
}

impl Plural {
    /// The form `lang` uses for `n` things, by CLDR's cardinal rules (version 42 and
    /// later, which gave Spanish and Portuguese `many`) for whole numbers.
    pub fn of(lang: Lang, n: u64) -> Self {
        let millions = n != 0 && n.is_multiple_of(1_000_000);
        match lang {
            Lang::En if n == 1 => Self::One,
            Lang::Es if n == 1 => Self::One,
            Lang::Pt if n <= 1 => Self::One,
            Lang::Es | Lang::Pt if millions => Self::Many,
            Lang::En | Lang::Es | Lang::Pt => Self::Other,
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
    fn a_counted_message_has_a_text_per_plural_form() {
        let shipments = |n: usize| msg::shipments::count(Lang::En, n);
        assert_eq!(shipments(0), "0 shipments");
        assert_eq!(shipments(1), "1 shipment");
        assert_eq!(shipments(2), "2 shipments");
        // A form may leave the count out; the others keep their placeholders.
        assert_eq!(msg::recent::found(Lang::En, 1), "found");
        assert_eq!(msg::recent::found(Lang::En, 3), "3 customers");
    }

    #[test]
    fn english_counts_one_and_the_rest() {
        assert_eq!(Plural::of(Lang::En, 1), Plural::One);
        for n in [0, 2, 11, 21, 1_000_000] {
            assert_eq!(Plural::of(Lang::En, n), Plural::Other);
        }
    }

    #[test]
    fn portuguese_counts_zero_with_one_and_spanish_does_not() {
        assert_eq!(Plural::of(Lang::Pt, 0), Plural::One);
        assert_eq!(Plural::of(Lang::Pt, 1), Plural::One);
        assert_eq!(Plural::of(Lang::Es, 0), Plural::Other);
        assert_eq!(Plural::of(Lang::Es, 1), Plural::One);
        for lang in [Lang::Es, Lang::Pt] {
            assert_eq!(Plural::of(lang, 2), Plural::Other);
            assert_eq!(Plural::of(lang, 1_000_000), Plural::Many);
            assert_eq!(Plural::of(lang, 3_000_000), Plural::Many);
            assert_eq!(Plural::of(lang, 1_000_001), Plural::Other);
        }
    }

    /// A tracking event with a known code says the catalog's word and the code; with
    /// an unknown one, SkyPostal's own words, verbatim, and the code.
    #[test]
    fn a_tracking_event_says_a_known_stage_in_the_language_and_keeps_the_server_s_words() {
        use crate::api::{Text, TrackingEvent};
        let event = |code: &str, said: &str| TrackingEvent {
            track_cdg: Text::new(code),
            track_description: Text::new(said),
            ..TrackingEvent::default()
        };
        let said = |lang, code, said| event_status(lang, &event(code, said));
        assert_eq!(said(Lang::Es, "PAY", "BILLED"), "FACTURADO (PAY)");
        assert_eq!(said(Lang::Pt, "ATC", "ARRIVED"), "CHEGOU AO PAÍS (ATC)");
        assert_eq!(said(Lang::En, "REC", "recibido"), "RECEIVED (REC)");
        assert_eq!(
            said(Lang::Es, "DLV", "Delivered to customer"),
            "Delivered to customer (DLV)"
        );
        assert_eq!(said(Lang::Pt, "", "In transit"), "In transit");
        assert_eq!(said(Lang::Es, "XYZ", ""), "XYZ?");
    }

    /// The forms the rules pick are exactly those the catalog gives each language
    /// (`[languages]`), so no count can reach a text that is not there, and no text
    /// is written for nothing.
    #[test]
    fn the_rules_pick_every_form_the_catalog_lists_and_no_other() {
        let counts = (0..=200).chain([1_000_000, 2_000_000, 1_000_001, u64::MAX]);
        for lang in Lang::ALL {
            let picked: Vec<Plural> = counts.clone().map(|n| Plural::of(lang, n)).collect();
            for form in &picked {
                assert!(
                    lang.plural_forms().contains(form),
                    "{lang:?} picks {form:?}"
                );
            }
            for form in lang.plural_forms() {
                assert!(picked.contains(form), "{lang:?} never picks {form:?}");
            }
        }
    }
}
