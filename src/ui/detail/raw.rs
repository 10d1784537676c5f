//! The Raw tab: the response body, pretty-printed.

use ratatui::text::{Line, Span};

use super::theme;
use crate::app::RawText;

/// The visible part of the body: only these lines are drawn, however large it is.
pub(in crate::ui) fn raw_lines(raw: &RawText, first: usize, height: u16) -> Vec<Line<'static>> {
    if raw.is_empty() {
        return vec![Line::from(Span::styled(
            "(empty response body)",
            theme::dim(),
        ))];
    }
    let rows = usize::from(height.saturating_sub(1));
    let last = (first + rows).min(raw.len());
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "Response body, pretty-printed: lines {}–{last} of {}",
            first + 1,
            raw.len()
        ),
        theme::dim(),
    ))];
    lines.extend(
        (first..last)
            .filter_map(|index| raw.line(index))
            .map(|line| Line::from(line.to_string())),
    );
    lines
}
