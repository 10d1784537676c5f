//! Boxes drawn over the screen: help, recent lookups, the copy menu.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::detail::first_visible;
use super::theme;
use crate::app::{App, CopyItem, Outcome, Overlay, RecentLookup, Screen, Tab, Target};

/// Overlays are never wider than this.
const MAX_WIDTH: u16 = 78;

pub(super) fn render(app: &App, overlay: &Overlay, frame: &mut Frame, body: Rect) {
    let area = overlay_area(app, overlay, body);
    frame.render_widget(Clear, area);
    let (title, lines) = match overlay {
        Overlay::Help => (help_title(app), help_lines(app)),
        Overlay::Recent { selected } => (
            " Recent lookups · this session, memory only ".to_string(),
            recent_lines(app, *selected, list_rows(area)),
        ),
        Overlay::CopyMenu { items, selected } => (
            " Copy to clipboard ".to_string(),
            copy_lines(app, items, *selected, list_rows(area)),
        ),
    };
    let block = Block::bordered().title(Span::styled(title, theme::title()));
    frame.render_widget(Paragraph::new(lines).block(block), area);
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
    let inner = Block::bordered().inner(area);
    let row = inner
        .contains(position)
        .then(|| usize::from(position.y - inner.y));
    match overlay {
        // A click anywhere on help closes it, like any key.
        Overlay::Help => Some(Target::OutsideOverlay),
        Overlay::Recent { selected } => {
            let index = first_visible(*selected, inner.height) + row?;
            (index < app.recent.len()).then_some(Target::Recent(index))
        }
        Overlay::CopyMenu { items, selected } => {
            let index = first_visible(*selected, inner.height) + row?;
            (index < items.len()).then_some(Target::CopyItem(index))
        }
    }
}

/// Centered in the body, as tall as its content (at most the body).
fn overlay_area(app: &App, overlay: &Overlay, body: Rect) -> Rect {
    let rows = match overlay {
        Overlay::Help => help_lines(app).len(),
        Overlay::Recent { .. } => app.recent.len().max(1),
        Overlay::CopyMenu { items, .. } => items.len().max(1),
    };
    let height = u16::try_from(rows.saturating_add(2))
        .unwrap_or(u16::MAX)
        .min(body.height);
    let width = body.width.saturating_sub(2).min(MAX_WIDTH);
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
    let screen = match app.screen {
        Screen::Form => "the form",
        Screen::Choose => "the list of customers",
        Screen::Detail => "the customer",
        Screen::Locked => "the lock screen",
    };
    format!(" Help: {screen} · any key closes ")
}

fn key_line(key: &str, action: &str) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!(" {key:<21} "), theme::key()),
        Span::raw(action.to_string()),
    ])
}

fn heading(text: &str) -> Line<'static> {
    Line::from(Span::styled(format!(" {text}"), theme::title()))
}

fn help_lines(app: &App) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    match app.screen {
        Screen::Form => {
            lines.push(heading("Form (letters are typed into the field)"));
            lines.extend([
                key_line("Enter", "look the customer up"),
                key_line("Tab Shift-Tab ↓ ↑", "next / previous field"),
                key_line("Ctrl-R", "reveal or hide the app key and customer key"),
                key_line("Ctrl-U/W ←→ Home End", "edit the field"),
                key_line("Esc", "cancel a lookup in flight"),
            ]);
        }
        Screen::Choose => {
            lines.push(heading("List of customers"));
            lines.extend([
                key_line("↑ ↓ Home End", "choose"),
                key_line("Enter", "open the customer"),
                key_line("r", "fetch again"),
                key_line("Esc", "back to the form"),
                key_line("q", "quit"),
            ]);
        }
        Screen::Detail => {
            lines.push(heading("Customer"));
            lines.extend([
                key_line("Tab ← → 1 2 3 4", "Profile, Addresses, Phones, Raw"),
                key_line("↑↓ PgUp PgDn Home End", "scroll"),
                key_line("y", "copy the box suite"),
                key_line("c", "copy menu: cust_id, name, e-mail, phones, addresses"),
                key_line("v", "show or hide identity and tax numbers"),
                key_line("/", "filter Addresses or Phones (Esc clears)"),
                key_line("r", "fetch again"),
                key_line("Esc", "back"),
                key_line("q", "quit"),
            ]);
            if app.tab == Tab::Raw {
                lines.push(key_line("", "Raw: the response body, for support tickets"));
            }
        }
        Screen::Locked => lines.push(key_line("any key", "back to the form")),
    }
    lines.push(heading("Everywhere"));
    lines.extend([
        key_line("F2 or Ctrl-N", "next environment"),
        key_line("F3 (h off fields)", "recent lookups; Enter repeats one"),
        key_line("F1 (? off fields)", "this help"),
        key_line("Esc", "close a box like this one"),
        key_line("Ctrl-Z", "suspend; the shell's fg resumes"),
        key_line("Ctrl-C or Ctrl-Q", "quit"),
    ]);
    lines
}

/// `14:03:07`.
pub(super) fn clock(at: time::Time) -> String {
    format!("{:02}:{:02}:{:02}", at.hour(), at.minute(), at.second())
}

fn outcome(outcome: &Outcome) -> Span<'static> {
    match outcome {
        Outcome::Found(1) => Span::styled("✔ found", theme::good()),
        Outcome::Found(n) => Span::styled(format!("✔ {n} customers"), theme::good()),
        Outcome::NotFound => Span::styled("⚠ no customer", theme::warn()),
        Outcome::Rejected => Span::styled("⚠ key rejected", theme::warn()),
        Outcome::SystemError => Span::styled("✘ SkyPostal error", theme::bad()),
        Outcome::Failed(class) => Span::styled(format!("✘ failed: {class}"), theme::bad()),
    }
}

fn recent_line(entry: &RecentLookup, highlighted: bool) -> Line<'static> {
    let name = entry.name.clone().unwrap_or_else(|| "—".into());
    let name: String = name.chars().take(24).collect();
    let marker = if highlighted { "▸" } else { " " };
    let line = Line::from(vec![
        Span::raw(format!("{marker}{} ", clock(entry.at))),
        Span::styled(format!("{:<5} ", entry.environment_label), theme::label()),
        Span::raw(format!("{:<9} {name:<25}", entry.box_id)),
        outcome(&entry.outcome),
    ]);
    if highlighted {
        line.style(theme::selected())
    } else {
        line
    }
}

fn recent_lines(app: &App, selected: usize, rows: u16) -> Vec<Line<'static>> {
    if app.recent.is_empty() {
        return vec![Line::from(Span::styled(
            " No lookups yet in this session.",
            theme::dim(),
        ))];
    }
    app.recent
        .iter()
        .enumerate()
        .skip(first_visible(selected, rows))
        .take(usize::from(rows))
        .map(|(index, entry)| recent_line(entry, index == selected))
        .collect()
}

fn copy_lines(app: &App, items: &[CopyItem], selected: usize, rows: u16) -> Vec<Line<'static>> {
    let (Some(customer), Some(loaded)) = (app.customer(), app.loaded.as_ref()) else {
        return vec![];
    };
    items
        .iter()
        .enumerate()
        .skip(first_visible(selected, rows))
        .take(usize::from(rows))
        .map(|(index, item)| {
            let highlighted = index == selected;
            let marker = if highlighted { "▸" } else { " " };
            let text = item.text(customer, loaded.box_id).unwrap_or_default();
            let line = Line::from(vec![
                Span::styled(
                    format!("{marker}{:<20} ", item.name(customer)),
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
