//! The credentials form.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use strum::VariantArray;

use super::{loading_line, notice_text, split, theme};
use crate::app::keys::{Action, Context};
use crate::app::{App, Target};
use crate::i18n::{self, msg};
use crate::query::FieldId;

/// Rows per field: label, input, message.
const FIELD_ROWS: u16 = 3;
/// The form never grows wider than this; keys are short.
const MAX_FORM_WIDTH: u16 = 76;

/// The form's frame, its four field rows and the status area below.
fn areas(area: Rect) -> (Rect, [Rect; 4], Rect) {
    let column = split::centered_column(area, area.width.min(MAX_FORM_WIDTH));
    let [fields_area, status_area] = split::top_and_rest(column, FIELD_ROWS * 4 + 2);
    let inner = Block::bordered().inner(fields_area);
    let rows = split::rows(inner, [FIELD_ROWS; 4]);
    (fields_area, rows, status_area)
}

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let (fields_area, rows, status_area) = areas(area);
    let lang = app.settings.lang;
    let mut title = vec![
        Span::styled(format!(" {} ", msg::form::title(lang)), theme::title()),
        Span::styled(
            format!(" {} ", app.environment().label),
            theme::environment(app.environment()),
        ),
        Span::raw(" "),
    ];
    if app.settings.environments.len() > 1 {
        let key =
            app.settings
                .keys
                .key(Context::Global, Action::NextEnvironment, app.settings.lang);
        title.push(Span::styled(
            format!("{} ", msg::keys::switches(app.settings.lang, key)),
            theme::dim(),
        ));
    }
    let block = Block::bordered().title(Line::from(title));
    frame.render_widget(block, fields_area);
    for (field, row) in FieldId::VARIANTS.iter().copied().zip(rows) {
        render_field(app, frame, field, row);
    }
    render_status(app, frame, status_area);
}

/// The field under a click, if any.
pub(super) fn hit_test(area: Rect, position: Position) -> Option<Target> {
    let (_, rows, _) = areas(area);
    FieldId::VARIANTS
        .iter()
        .copied()
        .zip(rows)
        .find(|(_, row)| row.contains(position))
        .map(|(field, _)| Target::Field(field))
}

fn render_field(app: &App, frame: &mut Frame, field: FieldId, area: Rect) {
    let form = &app.form;
    let focused = form.focus() == field && !app.is_loading();
    let [label_row, input_row, message_row] = split::rows(area, [1; 3]);

    let lang = app.settings.lang;
    let marker = if focused { "▸ " } else { "  " };
    let mut label = vec![Span::styled(
        format!("{marker}{}", i18n::field_label(lang, field)),
        if focused {
            theme::focused()
        } else {
            theme::label()
        },
    )];
    if field.is_secret() && form.note(field).is_none() {
        let state = if form.revealed() {
            msg::form::shown(lang)
        } else {
            msg::form::hidden(lang)
        };
        label.push(Span::styled(format!(" ({state})"), theme::dim()));
    }
    frame.render_widget(Line::from(label), label_row);
    if let Some(note) = form.note(field) {
        // Unused: the note stands in for the value, which Ctrl-R does not show either.
        let note = Span::styled(note.text(lang), theme::dim());
        frame.render_widget(note, input_row.inner(ratatui::layout::Margin::new(2, 0)));
        return;
    }

    let input = form.input(field);
    let text_width = usize::from(input_row.width.saturating_sub(2));
    let masked = field.is_secret() && !form.revealed();
    let (shown, cursor, scroll) = if masked {
        // One bullet per character: the length helps spot a truncated paste.
        let count = input.value().chars().count();
        let cursor = input.cursor();
        ("•".repeat(count), cursor, cursor.saturating_sub(text_width))
    } else {
        (
            input.value().to_string(),
            input.visual_cursor(),
            input.visual_scroll(text_width),
        )
    };
    let scroll_x = u16::try_from(scroll).unwrap_or(u16::MAX);
    let style = if focused {
        theme::focused()
    } else {
        theme::text()
    };
    let value = Paragraph::new(Span::styled(
        shown,
        style.remove_modifier(ratatui::style::Modifier::BOLD),
    ))
    .scroll((0, scroll_x));
    frame.render_widget(value, input_row.inner(ratatui::layout::Margin::new(2, 0)));
    if focused {
        let x = input_row.x + 2 + u16::try_from(cursor.saturating_sub(scroll)).unwrap_or(0);
        frame.set_cursor_position(Position::new(
            x.min(input_row.right().saturating_sub(1)),
            input_row.y,
        ));
    }

    let message = if let Some(error) = form.error(field) {
        Line::from(Span::styled(
            format!("  ✘ {}", error.text(lang)),
            theme::bad(),
        ))
    } else if let Some(warning) = form.warning(field) {
        Line::from(Span::styled(
            format!(
                "  ⚠ {}",
                msg::form::can_still_send(lang, warning.text(lang))
            ),
            theme::warn(),
        ))
    } else {
        Line::default()
    };
    frame.render_widget(message, message_row);
}

fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.settings.lang;
    let line = if let Some(loading) = loading_line(app) {
        loading
    } else if let Some(notice) = &app.notice {
        let (text, style) = notice_text(lang, notice, &app.settings.keys);
        Line::from(Span::styled(text, style))
    } else {
        Line::from(Span::styled(
            msg::form::fill_in(
                lang,
                app.settings
                    .keys
                    .key(Context::Form, Action::LookUp, app.settings.lang),
            ),
            theme::dim(),
        ))
    };
    frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), area);
}
