//! The detail view as plain text, for `skyview get --output text`: the same lines the
//! screen shows, without colour, so the two cannot drift apart.

use std::io::{self, BufWriter, Write};

use ratatui::text::Line;

use super::detail::{Ids, address_lines, header_status, phone_lines, profile_lines};
use crate::api::Customer;
use crate::i18n::{Lang, msg};

/// Writes one customer as text: the header, then Profile, Addresses and Phones.
/// Each address and phone is rendered and written in turn, so memory stays that of one
/// entry however many the customer has.
pub(crate) fn write_customer_text(
    lang: Lang,
    out: &mut dyn Write,
    customer: &Customer,
    box_id: u64,
    environment: &str,
    today: time::Date,
    reveal: bool,
) -> io::Result<()> {
    let mut out = BufWriter::new(out);
    let id = customer
        .cust_id
        .map_or_else(|| "—".to_string(), |id| id.to_string());
    let header = [
        Line::from(format!(
            "{} · {} · cust_id {id} · {environment}",
            crate::i18n::name(lang, &customer.full_name()),
            msg::detail::suite(lang, customer.box_suite(box_id))
        )),
        header_status(lang, customer, customer.tally()),
        Line::default(),
    ];
    write_lines(&mut out, header)?;
    // Masked as on screen unless `--reveal` asked otherwise; no key to press here,
    // so no hint about one.
    let ids = Ids {
        shown: reveal,
        key: None,
    };
    write_lines(&mut out, profile_lines(lang, customer, today, &ids, false))?;
    write_lines(&mut out, [Line::default()])?;
    let addresses = &customer.customer_address;
    for (index, address) in addresses.iter().enumerate() {
        write_lines(
            &mut out,
            address_lines(lang, index, addresses.len(), address, false),
        )?;
    }
    let phones = &customer.customer_phone;
    for (index, phone) in phones.iter().enumerate() {
        write_lines(
            &mut out,
            phone_lines(lang, index, phones.len(), phone, false),
        )?;
    }
    out.flush()
}

fn write_lines(
    out: &mut impl Write,
    lines: impl IntoIterator<Item = Line<'static>>,
) -> io::Result<()> {
    for line in lines {
        let plain: String = line
            .spans
            .iter()
            .map(|span| span.content.as_ref())
            .collect();
        writeln!(out, "{}", plain.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Address;

    /// Records the largest single write: a text built whole arrives in one piece.
    #[derive(Default)]
    struct Largest {
        total: usize,
        largest: usize,
    }

    impl Write for Largest {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.total += buf.len();
            self.largest = self.largest.max(buf.len());
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_large_customer_is_written_in_pieces_not_built_whole() {
        let customer = Customer {
            customer_address: vec![Address::default(); 5_000],
            ..Customer::default()
        };
        let mut out = Largest::default();
        let today = time::Date::from_calendar_date(2026, time::Month::November, 29).unwrap();
        write_customer_text(Lang::En, &mut out, &customer, 1, "demo", today, false).unwrap();
        assert!(out.total > 200_000, "wrote {} bytes", out.total);
        assert!(
            out.largest <= 8 * 1024,
            "one write of {} bytes",
            out.largest
        );
    }
}
