//! The detail view as plain text, for `skyview get --output text`: the same lines the
//! screen shows, without colour, so the two cannot drift apart.

use ratatui::text::Line;

use super::detail::{address_lines, header_status, phone_lines, profile_lines};
use crate::api::Customer;

/// One customer as text: the header, then Profile, Addresses and Phones.
pub(crate) fn customer_text(
    customer: &Customer,
    box_id: u64,
    environment: &str,
    today: time::Date,
) -> String {
    let id = customer
        .cust_id
        .map_or_else(|| "—".to_string(), |id| id.to_string());
    let mut lines = vec![
        Line::from(format!(
            "{} · suite {} · cust_id {id} · {environment}",
            customer.full_name(),
            customer.box_suite(box_id)
        )),
        header_status(customer, customer.tally()),
        Line::default(),
    ];
    // A script asked for this customer: identity and tax numbers are not masked.
    lines.extend(profile_lines(customer, today, true));
    lines.push(Line::default());
    let addresses = &customer.customer_address;
    for (index, address) in addresses.iter().enumerate() {
        lines.extend(address_lines(index, addresses.len(), address));
    }
    let phones = &customer.customer_phone;
    for (index, phone) in phones.iter().enumerate() {
        lines.extend(phone_lines(index, phones.len(), phone));
    }
    let mut text = String::new();
    for line in lines {
        let plain: String = line
            .spans
            .iter()
            .map(|span| span.content.as_ref())
            .collect();
        text.push_str(plain.trim_end());
        text.push('\n');
    }
    text
}
