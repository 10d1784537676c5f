//! Drawing: `render` is a pure function of the app's state. One small function per
//! pane and per tab; styles come from [`theme`]. [`mouse_msg`] turns a mouse event on
//! the last frame into what is drawn there, using the same layout functions as the
//! drawing, so the app never sees coordinates.

mod detail;
mod form;
mod overlay;
mod plain;
mod split;
pub(crate) mod theme;

pub(crate) use plain::write_customer_text;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use crate::app::keys::{Action, Context, KeyMap};
use crate::app::{App, Msg, Notice, Pending, Screen, Severity, Target, WHEEL_STEP, Wiped};
use crate::i18n::{self, msg};
use crate::text::sanitize;

/// Below this size the layout cannot hold a form; a short message shows instead.
pub(crate) const MIN_WIDTH: u16 = 44;
/// See [`MIN_WIDTH`].
pub(crate) const MIN_HEIGHT: u16 = 16;

/// Spinner frames, one per tick while a request is in flight.
const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// A box drawn over the screen (help, the caller check, the call note, the lists):
/// bordered, its title styled, and one blank column inside each side border so that
/// no text touches it.
pub(in crate::ui) fn boxed(title: String) -> Block<'static> {
    Block::bordered()
        .padding(Padding::horizontal(1))
        .title(Span::styled(title, theme::title()))
}

/// Draws the whole screen. Without colour (`settings.color == false`) every cell's
/// colours are reset after drawing, in this one place.
pub fn render(app: &App, frame: &mut Frame) {
    draw(app, frame);
    if !app.settings.color {
        strip_colours(frame.buffer_mut());
    }
}

fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let message = msg::screen::too_small(
            app.settings.lang,
            MIN_WIDTH,
            MIN_HEIGHT,
            &app.environment().label,
        );
        frame.render_widget(Paragraph::new(message).wrap(Wrap { trim: true }), area);
        return;
    }
    let [header, body, footer] = split::header_body_footer(area);
    render_header(app, frame, header);
    match &app.screen {
        Screen::Form => form::render(app, frame, body),
        Screen::Choose(loaded) => detail::render_choice(app, loaded, frame, body),
        Screen::Detail(detail) => detail::render(app, detail, frame, body),
        Screen::Locked(wiped) => render_locked(app, *wiped, frame, body),
    }
    if let Some(overlay) = &app.overlay {
        overlay::render(app, overlay, frame, body);
    }
    render_call_banner(app, frame, body);
    render_footer(app, frame, footer);
}

/// A call waiting while the agent types: one row over the foot of the screen, above
/// the footer's keys. The lock screen says it its own way.
fn render_call_banner(app: &App, frame: &mut Frame, body: Rect) {
    let Some(incoming) = &app.incoming else {
        return;
    };
    if matches!(app.screen, Screen::Locked(_)) || body.height == 0 {
        return;
    }
    let row = Rect::new(body.x, body.bottom().saturating_sub(1), body.width, 1);
    let keys = &app.settings.keys;
    let caller = sanitize(&incoming.caller()).into_owned();
    let text = format!(
        " ☎ {}",
        msg::call::incoming(
            app.settings.lang,
            caller,
            keys.key(Context::Call, Action::AnswerCall, app.settings.lang),
            keys.key(Context::Call, Action::IgnoreCall, app.settings.lang),
        )
    );
    frame.render_widget(ratatui::widgets::Clear, row);
    frame.render_widget(Line::from(Span::styled(text, theme::focused())), row);
}

/// What a click at (`column`, `row`) lands on, for the app drawn in `area`.
pub(crate) fn hit_test(app: &App, area: Rect, column: u16, row: u16) -> Option<Target> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let position = Position::new(column, row);
    let [_, body, _] = split::header_body_footer(area);
    if let Some(overlay) = &app.overlay {
        return Some(
            overlay::hit_test(app, overlay, body, position).unwrap_or(Target::OutsideOverlay),
        );
    }
    match &app.screen {
        Screen::Form => form::hit_test(body, position),
        Screen::Choose(loaded) => detail::hit_test_choice(loaded, body, position),
        Screen::Detail(detail) => detail::hit_test(app.settings.lang, detail, body, position),
        Screen::Locked(_) => None,
    }
}

/// What a mouse event on the last frame, drawn in `area`, means to the app: a click
/// on what is drawn there, or a turn of the wheel. `None` for anything else, and
/// always when the mouse setting is off.
pub fn mouse_msg(app: &App, area: Rect, event: MouseEvent) -> Option<Msg> {
    if !app.settings.mouse {
        return None;
    }
    match event.kind {
        MouseEventKind::ScrollDown => Some(Msg::Wheel(WHEEL_STEP)),
        MouseEventKind::ScrollUp => Some(Msg::Wheel(-WHEEL_STEP)),
        MouseEventKind::Down(MouseButton::Left) => {
            Some(Msg::Click(hit_test(app, area, event.column, event.row)))
        }
        _ => None,
    }
}

/// Resets every colour; a cell that had a background (badges, banners) turns to
/// reverse video instead, so it still stands out.
fn strip_colours(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        if cell.bg != Color::Reset {
            cell.modifier.insert(Modifier::REVERSED);
        }
        cell.fg = Color::Reset;
        cell.bg = Color::Reset;
        cell.underline_color = Color::Reset;
    }
}

fn render_header(app: &App, frame: &mut Frame, area: Rect) {
    let env = app.environment();
    let badge = format!(" {} ", env.label);
    let badge_width = u16::try_from(badge.width()).unwrap_or(u16::MAX);
    let [left, right] = split::rest_and_right(area, badge_width);
    let lang = app.settings.lang;
    // A second window of the agent's says where pops go instead of what it is.
    let subtitle = if app.pops_elsewhere {
        msg::header::pops_elsewhere(lang)
    } else {
        msg::header::title(lang)
    };
    let mut title = vec![
        Span::styled(" skyview ", theme::title()),
        Span::styled(subtitle, theme::label()),
    ];
    if env.is_prod {
        // PROD: the whole row in its own colour, and the word, on every screen.
        frame.buffer_mut().set_style(area, theme::environment(env));
        title = vec![
            Span::raw(" skyview "),
            Span::raw(subtitle),
            Span::raw(format!("   ▲ {} ▲", msg::header::prod(lang))),
        ];
    }
    frame.render_widget(Line::from(title), left);
    frame.render_widget(Span::styled(badge, theme::environment(env)), right);
}

fn render_locked(app: &App, wiped: Wiped, frame: &mut Frame, area: Rect) {
    let lang = app.settings.lang;
    let wake = app
        .settings
        .keys
        .label(Context::Locked, "{wake}", app.settings.lang);
    let locked = match app.settings.idle_lock {
        Some(after) => msg::locked::after(lang, i18n::duration(lang, after)),
        None => msg::locked::after_a_time(lang).to_string(),
    };
    let (gone, kept) = if wiped.email {
        (
            msg::locked::wiped_email(lang),
            msg::locked::kept_email(lang),
        )
    } else {
        (msg::locked::wiped(lang), msg::locked::kept(lang))
    };
    let lines = vec![
        Line::default(),
        Line::from(Span::styled(
            format!("■ {}", msg::locked::title(lang)),
            theme::title(),
        )),
        Line::default(),
        Line::from(locked),
        Line::from(Span::styled(gone, theme::label())),
        Line::from(Span::styled(kept, theme::label())),
        Line::default(),
        // A call that came in while locked is named only once the agent is back.
        Line::from(Span::styled(
            if app.incoming.is_some() {
                msg::locked::call_waiting(lang, wake)
            } else {
                msg::locked::any_key(lang, wake)
            },
            theme::focused(),
        )),
    ];
    // A margin, not leading spaces: a sentence that wraps keeps the indent.
    let paragraph = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::new().padding(Padding::horizontal(1)));
    frame.render_widget(paragraph, area);
}

/// The keys the footer offers on the page on display, most important first, as the
/// key map orders them.
fn footer_keys(app: &App) -> Vec<(String, &'static str)> {
    app.settings
        .keys
        .footer(app.page(), app.settings.lang)
        .into_iter()
        .filter(|(action, _, _)| app.offers(*action))
        .map(|(action, keys, footer)| {
            let label = match footer.label_on {
                Some(on) if app.is_on(action) => on,
                _ => footer.label,
            };
            (keys, label(app.settings.lang))
        })
        .collect()
}

fn render_footer(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.settings.lang;
    // A refusal, else a toast, else a warning takes the whole row.
    let message = if let Some(refusal) = app.refusal {
        let text = match refusal {
            crate::app::Refusal::CheckFirst => msg::check::refused(
                lang,
                app.settings
                    .keys
                    .key(Context::Detail, Action::CheckCaller, lang),
            ),
        };
        Some(("✘", text, theme::bad()))
    } else if let Some(toast) = app.toast_text(lang) {
        Some(("✔", toast, theme::good()))
    } else {
        app.warning
            .as_ref()
            .map(|warning| ("⚠", warning.text(lang, &app.settings.keys), theme::warn()))
    };
    if let Some((symbol, text, style)) = message {
        let line = Line::from(vec![
            Span::raw(" "),
            Span::styled(format!("{symbol} {text}"), style),
        ]);
        frame.render_widget(line, area);
        return;
    }
    // Help is offered last, and always: the others take the room left beside it.
    let help_context = if app.text_has_focus() {
        Context::Global
    } else {
        Context::OffText
    };
    let help = (
        app.settings.keys.key(help_context, Action::Help, lang),
        msg::footer::help(lang),
    );
    let width = |key: &str, action: &str| key.width() + action.width() + 3;
    let mut room = usize::from(area.width).saturating_sub(1 + width(&help.0, help.1));
    let mut spans = vec![Span::raw(" ")];
    let mut offer = |key: String, action: &str| {
        spans.push(Span::styled(key, theme::key()));
        spans.push(Span::styled(format!(" {action}  "), theme::label()));
    };
    for (key, action) in footer_keys(app) {
        let needed = width(&key, action);
        if needed > room {
            continue;
        }
        room -= needed;
        offer(key, action);
    }
    if app.overlay.is_none() && !matches!(app.screen, Screen::Locked(_)) {
        offer(help.0, help.1);
    }
    frame.render_widget(Line::from(spans), area);
}

/// A notice's sentence after its symbol (`⚠`, `✘`; `ℹ` for what is no failure), and
/// its style; SkyPostal's system error as a banner.
fn notice_text(lang: i18n::Lang, notice: &Notice, keys: &KeyMap) -> (String, Style) {
    let text = notice.text(lang, keys);
    match notice.severity() {
        Severity::Info => (format!("ℹ {text}"), theme::label()),
        Severity::Warning => (format!("⚠ {text}"), theme::warn()),
        Severity::Error => (format!("✘ {text}"), theme::bad()),
        Severity::SystemError => (
            format!("✘ {}", msg::notice::system_error_banner(lang, text)),
            theme::banner(),
        ),
    }
}

/// The in-flight line: spinner, what is being fetched, elapsed time.
fn loading_line(app: &App) -> Option<Line<'static>> {
    // The step running: finding the e-mail's owner, then loading that customer.
    let lang = app.settings.lang;
    let (flight, step) = match (app.requests.partner(), app.requests.customer()) {
        (Some((flight, email)), _) => (flight, msg::loading::finding(lang, sanitize(email))),
        (None, Some((flight, box_id))) => match &flight.pending {
            Pending::Customer { email: Some(_), .. } => {
                (flight, msg::loading::customer(lang, box_id))
            }
            _ => (
                flight,
                msg::loading::looking_up(lang, box_id, &app.environment().label),
            ),
        },
        (None, None) => return None,
    };
    let said = msg::loading::elapsed(
        lang,
        step,
        app.settings.decimal.fixed(flight.elapsed.as_secs_f64(), 1),
    );
    let cancel = app
        .settings
        .keys
        .key(Context::InFlight, Action::CancelRequest, lang);
    Some(flight_line(lang, flight.spinner, said, cancel))
}

/// `⠋ {said}  (Esc cancels)`: a request in flight, at spinner frame `spinner`, with
/// what it is doing and the key that cancels it.
fn flight_line(lang: i18n::Lang, spinner: usize, said: String, cancel: String) -> Line<'static> {
    let spinner = SPINNER.get(spinner % SPINNER.len()).copied().unwrap_or("…");
    Line::from(vec![
        Span::styled(format!("{spinner} "), theme::focused()),
        Span::raw(said),
        Span::styled(
            format!("  {}", msg::keys::cancels(lang, cancel)),
            theme::dim(),
        ),
    ])
}
