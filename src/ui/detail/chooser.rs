//! The list of customers shown when one answer holds several.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{loading_line, theme};
use crate::api::Checked;
use crate::app::{App, Loaded, Target};
use crate::i18n::{self, Verifiable, msg};
use crate::text::fit_width;

pub(in crate::ui) fn render_choice(app: &App, loaded: &Loaded, frame: &mut Frame, area: Rect) {
    let [intro, list] = choice_areas(area);
    let lang = app.settings.lang;
    let heading = loading_line(app).unwrap_or_else(|| {
        Line::from(format!(
            " {}",
            msg::choose::heading(lang, loaded.customers.len(), loaded.box_id())
        ))
    });
    frame.render_widget(Paragraph::new(heading).wrap(Wrap { trim: true }), intro);
    let visible = usize::from(list.height);
    let first = first_visible(loaded.customers.selected(), list.height);
    let lines: Vec<Line> = loaded
        .customers
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(index, customer)| {
            let id = customer
                .cust_id
                .map_or_else(|| "—".into(), |id| id.to_string());
            let name = Span::raw(format!(
                " {:>2}. {}  ",
                index + 1,
                i18n::name(lang, &customer.full_name())
            ));
            let id = format!("cust_id {id}  ");
            let mark = theme::verification(lang, Verifiable::Customer, customer.verified());
            // The e-mail gives way, so the verification word is never cut.
            let room = usize::from(list.width)
                .saturating_sub(name.width() + id.width() + mark.width() + 2);
            let email = fit_width(customer.customer_email.trim(), room);
            let mut line = Line::from(vec![
                name,
                Span::styled(format!("{id}{email}  "), theme::label()),
                mark,
            ]);
            if index == loaded.customers.selected() {
                line = line.style(theme::selected());
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

fn choice_areas(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area)
}

/// The first row shown of a list of `height` rows whose row `selected` must show.
pub(in crate::ui) fn first_visible(selected: usize, height: u16) -> usize {
    selected.saturating_sub(usize::from(height).saturating_sub(1))
}

/// The customer under a click on the choose screen, if any.
pub(in crate::ui) fn hit_test_choice(
    loaded: &Loaded,
    area: Rect,
    position: Position,
) -> Option<Target> {
    let count = loaded.customers.len();
    let [_, list] = choice_areas(area);
    if !list.contains(position) {
        return None;
    }
    let index =
        first_visible(loaded.customers.selected(), list.height) + usize::from(position.y - list.y);
    (index < count).then_some(Target::Customer(index))
}
