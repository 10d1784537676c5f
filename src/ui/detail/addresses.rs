//! The Addresses tab: one block per address.

use ratatui::text::{Line, Span};

use super::phones::dialable;
use super::{error_line, field, hidden, theme, value};
use crate::api::{Address, Checked};

/// Address `index` of `count`; `hide`: its ZIP and phone masked whole (the caller
/// check asks about them).
pub(in crate::ui) fn address_lines(
    index: usize,
    count: usize,
    address: &Address,
    hide: bool,
) -> Vec<Line<'static>> {
    let id = address
        .address_id
        .map_or_else(|| "—".into(), |id| id.to_string());
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("Address {} of {count}  ", index + 1),
            theme::title(),
        ),
        theme::verification(address.verified()),
        Span::styled(format!("  address_id {id}"), theme::dim()),
    ])];
    if let Some(error) = address.reported_error() {
        lines.push(error_line(error));
    }
    let with_code = |name: &str, code: Option<i64>| {
        let mut spans = value(name);
        if let Some(code) = code {
            spans.push(Span::styled(format!("  (code {code})"), theme::dim()));
        }
        spans
    };
    let iso = address.ctry_iso_code.non_empty().unwrap_or("no ISO code");
    let mut country = value(&format!("{} ({iso})", address.country_name.trim()));
    if let Some(code) = address.country_code {
        country.push(Span::styled(format!("  (code {code})"), theme::dim()));
    }
    lines.extend([
        field("  Street", value(&address.address_01)),
        field("  Neighborhood", value(&address.neighborhood)),
        field("  Locality/town", value(&address.locality_town)),
        field("  City", with_code(&address.city_name, address.city_code)),
        field(
            "  State",
            with_code(&address.state_name, address.state_code),
        ),
        field(
            "  ZIP",
            if hide {
                hidden()
            } else {
                value(&address.zip_code)
            },
        ),
        field("  Country", country),
        field(
            "  Phone",
            if hide {
                hidden()
            } else {
                value(&dialable(
                    &address.phone_area,
                    &address.phone_number,
                    &address.phone_extension,
                ))
            },
        ),
        Line::default(),
    ]);
    lines
}
