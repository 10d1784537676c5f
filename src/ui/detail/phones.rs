//! The Phones tab: one block per phone.

use ratatui::text::{Line, Span};

use super::{error_line, field, hidden, theme, value};
use crate::api::{Checked, Phone};

/// Phone `index` of `count`; `hide`: its number masked whole (the caller check asks
/// for its last four).
pub(in crate::ui) fn phone_lines(
    index: usize,
    count: usize,
    phone: &Phone,
    hide: bool,
) -> Vec<Line<'static>> {
    let id = phone
        .phone_id
        .map_or_else(|| "—".into(), |id| id.to_string());
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("Phone {} of {count}  ", index + 1), theme::title()),
        theme::verification(phone.verified()),
        Span::styled(format!("  phone_id {id}"), theme::dim()),
    ])];
    if let Some(error) = phone.reported_error() {
        lines.push(error_line(error));
    }
    lines.extend([
        field("  Type", value(&phone.kind().to_string())),
        field("  Area code", value(&phone.phone_area_code)),
        field(
            "  Number",
            if hide {
                hidden()
            } else {
                value(&phone.phone_number)
            },
        ),
        field("  Extension", value(&phone.phone_extension)),
        Line::default(),
    ]);
    lines
}

/// `+1 123456789 ext. 333`, leaving out the parts that are empty.
pub(super) fn dialable(area: &str, number: &str, extension: &str) -> String {
    let mut text = [area.trim(), number.trim()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if !extension.trim().is_empty() {
        text.push_str(&format!(" ext. {}", extension.trim()));
    }
    text
}
