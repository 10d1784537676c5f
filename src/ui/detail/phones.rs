//! The Phones tab: one block per phone.

use ratatui::text::Line;

use super::{entry_head, hidden, sub_field, value};
use crate::api::Phone;
use crate::i18n::{self, Lang, Verifiable, msg::phone as words};

/// Phone `index` of `count`; `hide`: the number hidden whole (the caller check asks
/// for its last four).
pub(in crate::ui) fn phone_lines(
    lang: Lang,
    index: usize,
    count: usize,
    phone: &Phone,
    hide: bool,
) -> Vec<Line<'static>> {
    let mut lines = entry_head(
        lang,
        words::heading(lang, index + 1, count),
        Verifiable::Phone,
        phone,
        ("phone_id", phone.phone_id),
    );
    lines.extend([
        sub_field(
            words::kind(lang),
            value(&i18n::phone_kind(lang, phone.kind())),
        ),
        sub_field(words::country_code(lang), value(&phone.phone_area_code)),
        sub_field(
            words::number(lang),
            if hide {
                hidden(lang)
            } else {
                value(&phone.phone_number)
            },
        ),
        sub_field(words::extension(lang), value(&phone.phone_extension)),
        Line::default(),
    ]);
    lines
}

/// `+1 123456789 ext. 333`, leaving out the parts that are empty.
pub(super) fn dialable(lang: Lang, area: &str, number: &str, extension: &str) -> String {
    let mut text = [area.trim(), number.trim()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if !extension.trim().is_empty() {
        text.push(' ');
        text.push_str(&words::extension_short(lang, extension.trim()));
    }
    text
}
