//! The Raw tab: the response body, pretty-printed.

use ratatui::text::{Line, Span};

use super::theme;
use crate::app::RawText;
use crate::i18n::{Lang, msg};

/// The visible part of the body: only these lines are drawn, however large it is.
pub(in crate::ui) fn raw_lines(
    lang: Lang,
    raw: &RawText,
    first: usize,
    height: u16,
) -> Vec<Line<'static>> {
    if raw.is_empty() {
        return vec![Line::from(Span::styled(
            format!("({})", msg::raw::empty(lang)),
            theme::dim(),
        ))];
    }
    let rows = usize::from(height.saturating_sub(1));
    let last = (first + rows).min(raw.len());
    let mut lines = vec![Line::from(Span::styled(
        msg::raw::lines(lang, first + 1, last, raw.len()),
        theme::dim(),
    ))];
    lines.extend(
        (first..last)
            .filter_map(|index| raw.line(index))
            .map(|line| Line::from(line.to_string())),
    );
    lines
}
