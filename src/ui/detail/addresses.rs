//! The Addresses tab: one block per address.

use ratatui::text::{Line, Span};

use super::phones::dialable;
use super::{error_line, hidden, sub_field, theme, value};
use crate::api::{Address, Checked};
use crate::i18n::{Lang, Verifiable, msg};

/// Address `index` of `count`.
pub(in crate::ui) fn address_lines(
    lang: Lang,
    index: usize,
    count: usize,
    address: &Address,
) -> Vec<Line<'static>> {
    lines(lang, index, count, address, false)
}

/// [`address_lines`] with the ZIP and the phone hidden whole (the caller check asks
/// about them).
pub(in crate::ui) fn address_lines_hidden(
    lang: Lang,
    index: usize,
    count: usize,
    address: &Address,
) -> Vec<Line<'static>> {
    lines(lang, index, count, address, true)
}

fn lines(
    lang: Lang,
    index: usize,
    count: usize,
    address: &Address,
    hide: bool,
) -> Vec<Line<'static>> {
    use msg::address as words;
    let id = address
        .address_id
        .map_or_else(|| "—".into(), |id| id.to_string());
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("{}  ", words::heading(lang, index + 1, count)),
            theme::title(),
        ),
        theme::verification(lang, Verifiable::Address, address.verified()),
        Span::styled(format!("  address_id {id}"), theme::dim()),
    ])];
    if let Some(error) = address.reported_error() {
        lines.push(error_line(lang, error));
    }
    let code = |code: i64| Span::styled(format!("  ({})", words::code(lang, code)), theme::dim());
    let with_code = |name: &str, number: Option<i64>| {
        let mut spans = value(name);
        spans.extend(number.map(code));
        spans
    };
    let iso = address
        .ctry_iso_code
        .non_empty()
        .unwrap_or(words::no_iso_code(lang));
    let mut country = value(&format!("{} ({iso})", address.country_name.trim()));
    country.extend(address.country_code.map(code));
    lines.extend([
        sub_field(words::street(lang), value(&address.address_01)),
        sub_field(words::neighborhood(lang), value(&address.neighborhood)),
        sub_field(words::locality(lang), value(&address.locality_town)),
        sub_field(
            words::city(lang),
            with_code(&address.city_name, address.city_code),
        ),
        sub_field(
            words::state(lang),
            with_code(&address.state_name, address.state_code),
        ),
        sub_field(
            words::zip(lang),
            if hide {
                hidden(lang)
            } else {
                value(&address.zip_code)
            },
        ),
        sub_field(words::country(lang), country),
        sub_field(
            words::phone(lang),
            if hide {
                hidden(lang)
            } else {
                value(&dialable(
                    lang,
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
