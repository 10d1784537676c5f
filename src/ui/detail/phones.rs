//! The Phones tab: one block per phone.

use ratatui::text::{Line, Span};

use super::{error_line, hidden, sub_field, theme, value};
use crate::api::{Checked, Phone};
use crate::i18n::{self, Lang, Verifiable, msg::phone as words};

/// Phone `index` of `count`.
pub(in crate::ui) fn phone_lines(
    lang: Lang,
    index: usize,
    count: usize,
    phone: &Phone,
) -> Vec<Line<'static>> {
    lines(lang, index, count, phone, false)
}

/// [`phone_lines`] with the number hidden whole (the caller check asks for its last
/// four).
pub(in crate::ui) fn phone_lines_hidden(
    lang: Lang,
    index: usize,
    count: usize,
    phone: &Phone,
) -> Vec<Line<'static>> {
    lines(lang, index, count, phone, true)
}

fn lines(lang: Lang, index: usize, count: usize, phone: &Phone, hide: bool) -> Vec<Line<'static>> {
    let id = phone
        .phone_id
        .map_or_else(|| "—".into(), |id| id.to_string());
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("{}  ", words::heading(lang, index + 1, count)),
            theme::title(),
        ),
        theme::verification(lang, Verifiable::Phone, phone.verified()),
        Span::styled(format!("  phone_id {id}"), theme::dim()),
    ])];
    if let Some(error) = phone.reported_error() {
        lines.push(error_line(lang, error));
    }
    lines.extend([
        sub_field(
            words::kind(lang),
            value(&i18n::phone_kind(lang, phone.kind())),
        ),
        sub_field(words::area_code(lang), value(&phone.phone_area_code)),
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
