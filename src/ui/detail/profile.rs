//! The Profile tab: identity, contact and account flags.

use ratatui::text::{Line, Span};

use super::{error_line, field, theme, value, yes_no};
use crate::api::{Checked, Customer, DateField, IsoDate, age_on};
use crate::text::mask;

/// Whether identity and tax numbers show in clear, and the key that shows or hides
/// them (`v`).
#[derive(Clone, Debug)]
pub(in crate::ui) struct Ids {
    /// Shown in clear; masked otherwise.
    pub shown: bool,
    /// The key that toggles them, as written.
    pub key: String,
}

/// An identity or tax number: masked to its last four unless revealed.
pub(super) fn private_value(text: &str, ids: &Ids) -> Vec<Span<'static>> {
    if text.trim().is_empty() {
        return value(text);
    }
    let key = &ids.key;
    if ids.shown {
        vec![
            Span::raw(text.trim().to_string()),
            Span::styled(format!("  (shown: {key} hides)"), theme::dim()),
        ]
    } else {
        vec![
            Span::raw(mask(text)),
            Span::styled(format!("  (hidden: {key} shows)"), theme::dim()),
        ]
    }
}

pub(in crate::ui) fn profile_lines(
    customer: &Customer,
    today: time::Date,
    ids: &Ids,
) -> Vec<Line<'static>> {
    let mut lines = vec![field(
        "Verification",
        vec![theme::verification(customer.verified())],
    )];
    if let Some(error) = customer.reported_error() {
        lines.push(error_line(error));
    }
    let gender = match customer.customer_gender.trim() {
        "M" | "m" => "male".to_string(),
        "F" | "f" => "female".to_string(),
        other => other.to_string(),
    };
    let none_if_zero = |text: &str| {
        if text.trim() == "0" {
            vec![Span::styled("none", theme::dim())]
        } else {
            value(text)
        }
    };
    let tax = if customer.customer_tax_number.trim() == "0" {
        none_if_zero("0")
    } else {
        private_value(&customer.customer_tax_number, ids)
    };
    lines.extend([
        field("E-mail", value(&customer.customer_email)),
        field(
            "Birth date",
            birth_date(customer.customer_birth_date.as_ref(), today),
        ),
        field("Gender", value(&gender)),
        field(
            "Identity no.",
            private_value(&customer.customer_identity_number, ids),
        ),
        field("Tax number", tax),
        field("Campaign", value(&customer.customer_campaign)),
        field("Referred by", none_if_zero(&customer.customer_refered_by)),
        field(
            "E-mail opt-in",
            yes_no(
                customer.customer_email_agreement,
                " (no marketing e-mail)",
                false,
            ),
        ),
        field(
            "Active",
            yes_no(customer.is_active, "box not activated yet", true),
        ),
        field(
            "Enabled",
            yes_no(customer.is_enable, "account disabled", true),
        ),
        field("VIP", yes_no(customer.is_vip, "", false)),
        field("Business", yes_no(customer.is_business, "", false)),
    ]);
    if let Some(method) = customer.last_payment_method.non_empty() {
        lines.push(field("Last payment", value(method)));
    }
    lines
}

fn birth_date(field: Option<&DateField>, today: time::Date) -> Vec<Span<'static>> {
    match field {
        Some(DateField::Unparsed(raw)) if !raw.trim().is_empty() => {
            vec![Span::styled(
                format!("{raw} (not a date skyview understands)"),
                theme::warn(),
            )]
        }
        Some(field) => match field.date() {
            Some(date) => {
                let age = age_on(date, today)
                    .map(|a| format!("  (age {a})"))
                    .unwrap_or_default();
                vec![Span::raw(format!("{}{age}", IsoDate(date)))]
            }
            None => value(""),
        },
        None => value(""),
    }
}
