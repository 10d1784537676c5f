//! Drawing: `render` is a pure function of the app's state. One small function per
//! pane and per tab; styles come from [`theme`].

mod detail;
mod form;
mod plain;
pub mod theme;

pub use plain::customer_text;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Screen};

/// Below this size the layout cannot hold a form; a short message shows instead.
pub const MIN_WIDTH: u16 = 44;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 16;

/// Spinner frames, one per tick while a request is in flight.
const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let message =
            format!("Terminal too small: {MIN_WIDTH}x{MIN_HEIGHT} at least. Ctrl-C quits.");
        frame.render_widget(Paragraph::new(message).wrap(Wrap { trim: true }), area);
        return;
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(app, frame, header);
    match app.screen {
        Screen::Form => form::render(app, frame, body),
        Screen::Choose => detail::render_choice(app, frame, body),
        Screen::Detail => detail::render(app, frame, body),
    }
    render_footer(app, frame, footer);
}

fn render_header(app: &App, frame: &mut Frame, area: Rect) {
    let badge = format!(" {} ", app.environment.label);
    let badge_width = u16::try_from(badge.chars().count()).unwrap_or(u16::MAX);
    let [left, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(badge_width)]).areas(area);
    let title = Line::from(vec![
        Span::styled(" skyview ", theme::title()),
        Span::styled("SkyPostal customer lookup", theme::label()),
    ]);
    frame.render_widget(title, left);
    frame.render_widget(
        Span::styled(badge, theme::environment(&app.environment)),
        right,
    );
}

fn render_footer(app: &App, frame: &mut Frame, area: Rect) {
    let keys: &[(&str, &str)] = match (app.screen, app.is_loading()) {
        (_, true) => &[("Esc", "cancel"), ("Ctrl-C", "quit")],
        (Screen::Form, false) => &[
            ("Enter", "look up"),
            ("Tab/↑↓", "move"),
            (
                "Ctrl-R",
                if app.form.revealed() {
                    "hide keys"
                } else {
                    "reveal keys"
                },
            ),
            ("Ctrl-C", "quit"),
        ],
        (Screen::Choose, false) => &[
            ("↑↓", "choose"),
            ("Enter", "open"),
            ("r", "refresh"),
            ("Esc", "back"),
            ("q", "quit"),
        ],
        (Screen::Detail, false) => &[
            ("Tab/←→/1-3", "tabs"),
            ("↑↓ PgUp PgDn", "scroll"),
            ("r", "refresh"),
            ("Esc", "back"),
            ("q", "quit"),
        ],
    };
    let mut spans = vec![Span::raw(" ")];
    for (key, action) in keys {
        spans.push(Span::styled(*key, theme::key()));
        spans.push(Span::styled(format!(" {action}  "), theme::label()));
    }
    frame.render_widget(Line::from(spans), area);
}

/// The in-flight line: spinner, what is being fetched, elapsed time.
fn loading_line(app: &App) -> Option<Line<'static>> {
    let flight = app.in_flight.as_ref()?;
    let spinner = SPINNER
        .get(flight.spinner % SPINNER.len())
        .copied()
        .unwrap_or("…");
    Some(Line::from(vec![
        Span::styled(format!("{spinner} "), theme::focused()),
        Span::raw(format!(
            "Looking up box {} on {}… {:.1} s",
            flight.box_id,
            app.environment.label,
            flight.elapsed.as_secs_f64()
        )),
        Span::styled("  (Esc cancels)", theme::dim()),
    ]))
}
