//! The Profile tab: identity, contact and account flags.

use ratatui::text::{Line, Span};

use super::{WhenNo, error_line, field, hidden, hidden_as, theme, value, yes_no};
use crate::api::{Checked, Customer, DateField, IsoDate, age_on};
use crate::i18n::{Lang, Verifiable, msg};
use crate::text::mask;

/// Whether identity and tax numbers show in clear, and the key that shows or hides
/// them (`v`).
#[derive(Clone, Debug)]
pub(in crate::ui) struct Ids {
    /// Shown in clear; masked otherwise.
    pub shown: bool,
    /// The key that toggles them, as written; `None` where there is no key to press
    /// (`get`'s text): then no hint.
    pub key: Option<String>,
}

/// An identity or tax number: masked to its last four unless revealed.
pub(super) fn private_value(lang: Lang, text: &str, ids: &Ids) -> Vec<Span<'static>> {
    if text.trim().is_empty() {
        return value(text);
    }
    let (shown, hint) = match (&ids.key, ids.shown) {
        (Some(key), true) => (
            text.trim().to_string(),
            Some(msg::profile::shown_hint(lang, key)),
        ),
        (Some(key), false) => (mask(text), Some(msg::profile::hidden_hint(lang, key))),
        (None, true) => (text.trim().to_string(), None),
        (None, false) => (mask(text), None),
    };
    let mut spans = vec![Span::raw(shown)];
    spans.extend(hint.map(|hint| Span::styled(format!("  ({hint})"), theme::dim())));
    spans
}

/// The Profile tab's lines; `hide`: the birth date (and the age, which gives its
/// year away) and the identity number shown without a digit, for the caller check.
pub(in crate::ui) fn profile_lines(
    lang: Lang,
    customer: &Customer,
    today: time::Date,
    ids: &Ids,
    hide: bool,
) -> Vec<Line<'static>> {
    use msg::profile as words;
    let mut lines = vec![field(
        words::verification(lang),
        vec![theme::verification(
            lang,
            Verifiable::Customer,
            customer.verified(),
        )],
    )];
    if let Some(error) = customer.reported_error() {
        lines.push(error_line(lang, error));
    }
    let gender = match customer.customer_gender.trim() {
        "M" | "m" => words::male(lang).to_string(),
        "F" | "f" => words::female(lang).to_string(),
        other => other.to_string(),
    };
    let none_if_zero = |text: &str| {
        if text.trim() == "0" {
            vec![Span::styled(words::none(lang), theme::dim())]
        } else {
            value(text)
        }
    };
    let tax = if customer.customer_tax_number.trim() == "0" {
        none_if_zero("0")
    } else {
        private_value(lang, &customer.customer_tax_number, ids)
    };
    lines.extend([
        field(words::email(lang), value(&customer.customer_email)),
        field(
            words::birth_date(lang),
            if hide {
                hidden_as(lang, "••••-••-••")
            } else {
                birth_date(lang, customer.customer_birth_date.as_ref(), today)
            },
        ),
        field(words::gender(lang), value(&gender)),
        field(
            words::identity_number(lang),
            if hide {
                hidden(lang)
            } else {
                private_value(lang, &customer.customer_identity_number, ids)
            },
        ),
        field(words::tax_number(lang), tax),
        field(words::campaign(lang), value(&customer.customer_campaign)),
        field(
            words::referred_by(lang),
            none_if_zero(&customer.customer_refered_by),
        ),
        field(
            words::email_opt_in(lang),
            yes_no(
                lang,
                customer.customer_email_agreement,
                WhenNo::Remark(words::no_marketing(lang)),
            ),
        ),
        field(
            words::active(lang),
            yes_no(
                lang,
                customer.is_active,
                WhenNo::Bad(words::not_activated(lang)),
            ),
        ),
        field(
            words::enabled(lang),
            yes_no(
                lang,
                customer.is_enable,
                WhenNo::Bad(words::account_disabled(lang)),
            ),
        ),
        field(
            words::vip(lang),
            yes_no(lang, customer.is_vip, WhenNo::Plain),
        ),
        field(
            words::business(lang),
            yes_no(lang, customer.is_business, WhenNo::Plain),
        ),
    ]);
    if let Some(method) = customer.last_payment_method.non_empty() {
        lines.push(field(words::last_payment(lang), value(method)));
    }
    lines
}

fn birth_date(lang: Lang, field: Option<&DateField>, today: time::Date) -> Vec<Span<'static>> {
    match field {
        Some(DateField::Unparsed(raw)) if !raw.trim().is_empty() => {
            vec![Span::styled(
                msg::profile::not_a_date(lang, raw),
                theme::warn(),
            )]
        }
        Some(field) => match field.date() {
            Some(date) => {
                let age = age_on(date, today)
                    .map(|a| format!("  ({})", msg::profile::age(lang, a)))
                    .unwrap_or_default();
                vec![Span::raw(format!("{}{age}", IsoDate(date)))]
            }
            None => value(""),
        },
        None => value(""),
    }
}
