//! Boxes drawn over the screen: help, recent lookups, the copy menu, the accounts an
//! e-mail belongs to.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::detail::first_visible;
use super::theme;
use crate::app::keys::{Context, Section};
use crate::app::{
    Account, App, CopyItem, Failure, HelpScroll, Outcome, Overlay, RecentLookup, Screen, Tab,
    Target,
};
use crate::i18n::{self, Lang, msg};
use crate::text::{pad, sanitize, take_columns};

/// Overlays are never wider than this.
const MAX_WIDTH: u16 = 78;

pub(super) fn render(app: &App, overlay: &Overlay, frame: &mut Frame, body: Rect) {
    let area = overlay_area(app, overlay, body);
    frame.render_widget(Clear, area);
    let lang = app.settings.lang;
    let (title, lines) = match overlay {
        Overlay::Help(scroll) => (help_title(app), help_window(app, scroll, list_rows(area))),
        Overlay::Recent { selected } => (
            format!(" {} ", msg::recent::title(lang)),
            recent_lines(app, *selected, list_rows(area)),
        ),
        Overlay::CallNote { text } => {
            let title = format!(" {} ", msg::note::title(lang));
            frame.render_widget(note_paragraph(lang, text).block(super::boxed(title)), area);
            return;
        }
        Overlay::CopyMenu { items, selected } => (
            format!(" {} ", msg::copy::title(lang)),
            copy_lines(app, items, *selected, list_rows(area)),
        ),
        Overlay::Accounts {
            email,
            accounts,
            selected,
        } => (
            format!(" {} ", msg::accounts::title(lang, sanitize(email))),
            account_lines(lang, accounts, *selected, list_rows(area)),
        ),
    };
    frame.render_widget(Paragraph::new(lines).block(super::boxed(title)), area);
}

/// What a click inside the overlay lands on; `None` when outside it.
pub(super) fn hit_test(
    app: &App,
    overlay: &Overlay,
    body: Rect,
    position: Position,
) -> Option<Target> {
    let area = overlay_area(app, overlay, body);
    if !area.contains(position) {
        return None;
    }
    let inner = super::boxed(String::new()).inner(area);
    let row = inner
        .contains(position)
        .then(|| usize::from(position.y - inner.y));
    match overlay {
        // A click anywhere on help closes it, like any key.
        Overlay::Help(_) => Some(Target::OutsideOverlay),
        // The note's text is there to be selected: a click on it does nothing.
        Overlay::CallNote { .. } => None,
        Overlay::Recent { selected } => {
            let index = first_visible(*selected, inner.height) + row?;
            (index < app.recent.len()).then_some(Target::Recent(index))
        }
        Overlay::CopyMenu { items, selected } => {
            let index = first_visible(*selected, inner.height) + row?;
            (index < items.len()).then_some(Target::CopyItem(index))
        }
        Overlay::Accounts {
            accounts, selected, ..
        } => {
            let index = first_visible(*selected, inner.height) + row?;
            (index < accounts.len()).then_some(Target::Account(index))
        }
    }
}

/// The call note, then how to take it by hand, wrapped at word boundaries: the note
/// is there to be selected, so a line longer than the box goes on, never cut.
fn note_paragraph(lang: Lang, text: &str) -> Paragraph<'static> {
    let mut lines: Vec<Line<'static>> = text
        .lines()
        .map(|line| Line::raw(line.to_string()))
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(
        msg::note::select_by_hand(lang).to_string(),
        theme::dim(),
    ));
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

/// Centered in the body, as tall as its content (at most the body).
fn overlay_area(app: &App, overlay: &Overlay, body: Rect) -> Rect {
    let width = body.width.saturating_sub(2).min(MAX_WIDTH);
    let rows = match overlay {
        Overlay::Help(_) => help_lines(app).len(),
        Overlay::CallNote { text } => {
            let inner = super::boxed(String::new()).inner(Rect::new(0, 0, width, u16::MAX));
            note_paragraph(app.settings.lang, text).line_count(inner.width)
        }
        Overlay::Recent { .. } => app.recent.len().max(1),
        Overlay::CopyMenu { items, .. } => items.len().max(1),
        Overlay::Accounts { accounts, .. } => accounts.len().max(1),
    };
    let height = u16::try_from(rows.saturating_add(2))
        .unwrap_or(u16::MAX)
        .min(body.height);
    let [column] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(body);
    let [area] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(column);
    area
}

fn list_rows(area: Rect) -> u16 {
    area.height.saturating_sub(2)
}

fn help_title(app: &App) -> String {
    let lang = app.settings.lang;
    let title = match app.screen {
        Screen::Form => msg::help::form(lang),
        Screen::Choose(_) => msg::help::choose(lang),
        Screen::Detail(_) => msg::help::detail(lang),
        Screen::Locked(_) => msg::help::locked(lang),
    };
    // Any key but these closes help (the map's `close_box` there is any key).
    let scroll = app
        .settings
        .keys
        .label(Context::Help, "{up+down} {page_up} {page_down}", lang);
    format!(" {} ", msg::keys::help_title(lang, title, scroll))
}

fn key_line(key: &str, column: usize, action: &str) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{} ", pad(key, column)), theme::key()),
        Span::raw(action.to_string()),
    ])
}

fn note_line(text: &str) -> Line<'static> {
    Line::from(text.to_string())
}

fn heading(text: &str) -> Line<'static> {
    Line::from(Span::styled(text.to_string(), theme::title()))
}

/// The current screen's section of the key table, then the keys of every screen.
/// The help lines that fit `rows`, from the first the agent scrolled to; a last line
/// says more is below (or above) when the help is taller than the box.
fn help_window(app: &App, scroll: &HelpScroll, rows: u16) -> Vec<Line<'static>> {
    let lines = help_lines(app);
    let rows = usize::from(rows);
    if lines.len() <= rows {
        scroll.max.set(Some(0));
        return lines;
    }
    // One row goes to the line saying where the rest is.
    let shown = rows.saturating_sub(1);
    let max = lines.len().saturating_sub(shown);
    scroll.max.set(Some(max));
    let first = scroll.first.min(max);
    let lang = app.settings.lang;
    let more = msg::help::more(
        lang,
        first + 1,
        (first + shown).min(lines.len()),
        lines.len(),
    );
    let mut window: Vec<Line<'static>> = lines.into_iter().skip(first).take(shown).collect();
    window.push(Line::from(Span::styled(more, theme::dim())));
    window
}

fn help_lines(app: &App) -> Vec<Line<'static>> {
    let section = match &app.screen {
        Screen::Form => Section::Form,
        Screen::Choose(_) => Section::Choose,
        Screen::Detail(_) => Section::Detail,
        Screen::Locked(_) => Section::Locked,
    };
    let column = app.settings.keys.help_key_width(app.settings.lang);
    let mut lines = Vec::new();
    for section in [section, Section::Everywhere] {
        lines.extend(section.heading(app.settings.lang).map(heading));
        lines.extend(
            app.settings
                .keys
                .help(section, app.settings.lang)
                .into_iter()
                .map(|(keys, text)| key_line(&keys, column, &text)),
        );
        if section == Section::Detail
            && let Screen::Detail(detail) = &app.screen
            && detail.tab == Tab::Raw
        {
            // A note, not a key: it takes the whole width.
            lines.push(note_line(msg::help::raw(app.settings.lang)));
        }
    }
    lines
}

/// `14:03:07`.
pub(super) fn clock(at: time::Time) -> String {
    format!("{:02}:{:02}:{:02}", at.hour(), at.minute(), at.second())
}

fn outcome(lang: Lang, outcome: &Outcome) -> Span<'static> {
    use msg::recent as words;
    match outcome {
        Outcome::Found(n) => Span::styled(format!("✔ {}", words::found(lang, *n)), theme::good()),
        Outcome::NotFound => Span::styled(format!("⚠ {}", words::not_found(lang)), theme::warn()),
        Outcome::Rejected => Span::styled(format!("⚠ {}", words::rejected(lang)), theme::warn()),
        Outcome::SystemError => {
            Span::styled(format!("✘ {}", words::system_error(lang)), theme::bad())
        }
        Outcome::Failed(failure) => {
            let class = failure_words(lang, *failure);
            Span::styled(format!("✘ {}", words::failed(lang, class)), theme::bad())
        }
    }
}

/// What kind of failure a lookup met, in a word or two.
fn failure_words(lang: Lang, failure: Failure) -> &'static str {
    use msg::failure as words;
    match failure {
        Failure::Refused => words::refused(lang),
        Failure::Dns => words::dns(lang),
        Failure::Tls => words::tls(lang),
        Failure::Connect => words::connect(lang),
        Failure::Timeout => words::timeout(lang),
        Failure::Status => words::status(lang),
        Failure::NotJson => words::not_json(lang),
        Failure::Unexpected => words::unexpected(lang),
        Failure::TooLarge => words::too_large(lang),
        Failure::Setup => words::setup(lang),
        Failure::Transport => words::transport(lang),
        Failure::SkyPostal => words::skypostal(lang),
    }
}

fn recent_line(lang: Lang, entry: &RecentLookup, highlighted: bool) -> Line<'static> {
    let name = entry
        .name
        .as_deref()
        .map_or_else(|| "—".into(), |name| i18n::name(lang, name).into_owned());
    let name = take_columns(&name, 24);
    let marker = if highlighted { "▸" } else { " " };
    let line = Line::from(vec![
        Span::raw(format!("{marker}{} ", clock(entry.at))),
        Span::styled(
            format!("{} ", pad(&entry.environment_label, 5)),
            theme::label(),
        ),
        Span::raw(format!("{} {}", pad(&looked_up(entry), 9), pad(name, 25))),
        outcome(lang, &entry.outcome),
    ]);
    if highlighted {
        line.style(theme::selected())
    } else {
        line
    }
}

/// What a lookup asked for: its e-mail, or its box id.
fn looked_up(entry: &RecentLookup) -> String {
    match &entry.email {
        Some(email) => take_columns(&sanitize(email), 32).to_string(),
        None => entry.box_id.to_string(),
    }
}

/// The accounts an e-mail found, by name and box id.
fn account_lines(
    lang: Lang,
    accounts: &[Account],
    selected: usize,
    rows: u16,
) -> Vec<Line<'static>> {
    accounts
        .iter()
        .enumerate()
        .skip(first_visible(selected, rows))
        .take(usize::from(rows))
        .map(|(index, account)| {
            let highlighted = index == selected;
            let marker = if highlighted { "▸" } else { " " };
            let name = sanitize(&i18n::name(lang, &account.name)).into_owned();
            let line = Line::from(vec![
                Span::raw(format!("{marker}{} ", pad(take_columns(&name, 40), 41))),
                Span::styled(
                    msg::accounts::box_id(lang, account.box_id()),
                    theme::label(),
                ),
            ]);
            if highlighted {
                line.style(theme::selected())
            } else {
                line
            }
        })
        .collect()
}

fn recent_lines(app: &App, selected: usize, rows: u16) -> Vec<Line<'static>> {
    let lang = app.settings.lang;
    if app.recent.is_empty() {
        return vec![Line::from(Span::styled(
            msg::recent::empty(lang).to_string(),
            theme::dim(),
        ))];
    }
    app.recent
        .iter()
        .enumerate()
        .skip(first_visible(selected, rows))
        .take(usize::from(rows))
        .map(|(index, entry)| recent_line(lang, entry, index == selected))
        .collect()
}

fn copy_lines(app: &App, items: &[CopyItem], selected: usize, rows: u16) -> Vec<Line<'static>> {
    let Some(loaded) = app.loaded() else {
        return vec![];
    };
    let customer = loaded.customer();
    items
        .iter()
        .enumerate()
        .skip(first_visible(selected, rows))
        .take(usize::from(rows))
        .map(|(index, item)| {
            let highlighted = index == selected;
            let marker = if highlighted { "▸" } else { " " };
            let text = item
                .text(customer, loaded.box_id(), app.highlighted_shipment())
                .unwrap_or_default();
            let line = Line::from(vec![
                Span::styled(
                    format!(
                        "{marker}{} ",
                        pad(&item.name(app.settings.lang, customer), 20)
                    ),
                    theme::label(),
                ),
                Span::raw(text),
            ]);
            if highlighted {
                line.style(theme::selected())
            } else {
                line
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keys::KeyMap;

    /// Help lines are not wrapped: in every language each one fits the widest box
    /// (78 columns, borders and padding included), so none is cut mid-word at 80
    /// columns.
    #[test]
    fn every_help_line_fits_the_box_in_every_language() {
        let keys = KeyMap::default();
        let sections = [
            Section::Form,
            Section::Choose,
            Section::Detail,
            Section::Locked,
            Section::Everywhere,
        ];
        let mut too_wide = Vec::new();
        for lang in Lang::ALL {
            let column = keys.help_key_width(lang);
            let mut lines: Vec<Line<'static>> = sections
                .iter()
                .flat_map(|section| keys.help(*section, lang))
                .map(|(keys, text)| key_line(&keys, column, &text))
                .collect();
            lines.push(note_line(msg::help::raw(lang)));
            too_wide.extend(
                lines
                    .iter()
                    .filter(|line| line.width() > usize::from(MAX_WIDTH - 4))
                    .map(|line| format!("{lang:?}, {} columns: {line}", line.width())),
            );
        }
        assert!(too_wide.is_empty(), "{too_wide:#?}");
    }
}
