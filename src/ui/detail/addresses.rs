//! The Addresses tab: one block per address.

use ratatui::text::{Line, Span};

use super::phones::dialable;
use super::{entry_head, hidden, sub_field, theme, value};
use crate::api::Address;
use crate::i18n::{Lang, Verifiable, msg};

/// Address `index` of `count`; `hide`: the ZIP and the phone hidden whole (the
/// caller check asks about them).
pub(in crate::ui) fn address_lines(
    lang: Lang,
    index: usize,
    count: usize,
    address: &Address,
    hide: bool,
) -> Vec<Line<'static>> {
    use msg::address as words;
    let mut lines = entry_head(
        lang,
        words::heading(lang, index + 1, count),
        Verifiable::Address,
        address,
        ("address_id", address.address_id),
    );
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
