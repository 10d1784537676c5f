//! The Check the caller box, drawn over the tab: one field per question, what each
//! answer came to, and where the check stands. Nothing on file is ever drawn here.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::theme;
use crate::app::caller_check::{
    self, CallerCheck, Mark, NotCompared, Outcome, Policy, Question, Reading, Strikes, Unreadable,
};
use crate::app::{CheckBox, CheckField};

/// Columns of a question's label.
const LABEL_WIDTH: usize = 24;
/// Columns of an answer's field.
const FIELD_WIDTH: usize = 14;

/// A question as the box and the header name it.
pub(in crate::ui) fn question_name(question: Question) -> &'static str {
    match question {
        Question::BirthDate => "birth date",
        Question::IdLastFour => "identity no., last 4",
        Question::Zip => "ZIP code",
        Question::PhoneLastFour => "phone, last 4",
    }
}

/// What a field says beside itself: the last answer's mark, a closed question, or
/// how a date being typed is read.
fn status(field: &CheckField, check: &CallerCheck, strikes: &Strikes) -> Span<'static> {
    if check.has_matched(field.question) {
        return Span::styled("✔ matches", theme::good());
    }
    if check.is_closed(strikes, field.question) {
        return Span::styled("✘ closed: 3 answers did not match", theme::bad());
    }
    let typed = field.input.value();
    if !typed.trim().is_empty() {
        return match caller_check::read(field.question, typed) {
            Ok(Reading::Date(date)) => Span::styled(
                format!("read as {}", crate::api::IsoDate(date)),
                theme::dim(),
            ),
            Ok(_) => Span::styled("Enter compares", theme::dim()),
            Err(unreadable) => Span::styled(unreadable_text(unreadable), theme::dim()),
        };
    }
    match field.last {
        Some(Ok(Mark::DoesNotMatch)) => Span::styled("✘ does not match", theme::bad()),
        Some(Err(NotCompared::Unreadable(unreadable))) => {
            Span::styled(unreadable_text(unreadable), theme::warn())
        }
        _ => Span::styled(hint(field.question), theme::dim()),
    }
}

fn hint(question: Question) -> &'static str {
    match question {
        Question::BirthDate => "YYYY-MM-DD or DD/MM/YYYY",
        Question::IdLastFour | Question::PhoneLastFour => "the last four",
        Question::Zip => "of any address on file",
    }
}

fn unreadable_text(unreadable: Unreadable) -> &'static str {
    match unreadable {
        Unreadable::Empty => "type what the caller says",
        Unreadable::NotADate => "not a date: YYYY-MM-DD or DD/MM/YYYY",
        Unreadable::NotFour => "type exactly four",
    }
}

/// Where the check stands, in one line.
pub(in crate::ui) fn outcome_line(outcome: &Outcome, policy: Policy) -> Line<'static> {
    match outcome {
        Outcome::Passed(questions) => {
            let mut spans = vec![Span::styled("caller checked:", theme::good())];
            for question in questions {
                spans.push(Span::styled(
                    format!(" {} ✔", question_name(*question)),
                    theme::good(),
                ));
            }
            Line::from(spans)
        }
        Outcome::Failed => Line::from(Span::styled("caller check failed", theme::bad())),
        Outcome::Open => Line::from(Span::styled(
            format!("{} matching answers pass the check", policy.matches),
            theme::dim(),
        )),
    }
}

/// Draws the box over `area` (the tab's content).
pub(super) fn render(
    check_box: &CheckBox,
    check: &CallerCheck,
    strikes: &Strikes,
    policy: Policy,
    frame: &mut Frame,
    area: Rect,
) {
    let mut lines = vec![
        Line::from(Span::styled(
            "Type what the caller says; each answer only matches or not.",
            theme::dim(),
        )),
        Line::default(),
    ];
    if check_box.fields.is_empty() {
        lines.push(Line::from(Span::styled(
            "Nothing verified on file to ask about.",
            theme::warn(),
        )));
    }
    for (index, field) in check_box.fields.iter().enumerate() {
        let focused = index == check_box.focus;
        let label = format!(
            "{} {:<width$}",
            if focused { "▸" } else { " " },
            question_name(field.question),
            width = LABEL_WIDTH - 2
        );
        let shown: String = field
            .input
            .value()
            .chars()
            .skip(field.input.visual_scroll(FIELD_WIDTH))
            .take(FIELD_WIDTH)
            .collect();
        lines.push(Line::from(vec![
            Span::styled(
                label,
                if focused {
                    theme::focused()
                } else {
                    theme::label()
                },
            ),
            Span::raw(format!("[{shown:<FIELD_WIDTH$}] ")),
            status(field, check, strikes),
        ]));
    }
    lines.push(Line::default());
    lines.push(outcome_line(&check.outcome(strikes, policy), policy));
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let boxed = Rect::new(area.x, area.y, area.width, height.min(area.height));
    frame.render_widget(Clear, boxed);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Check the caller ", theme::title()));
    let inner = block.inner(boxed);
    frame.render_widget(Paragraph::new(lines).block(block), boxed);
    if let Some(field) = check_box.fields.get(check_box.focus) {
        let row = u16::try_from(2 + check_box.focus).unwrap_or(u16::MAX);
        let column = LABEL_WIDTH
            + 1
            + field
                .input
                .visual_cursor()
                .saturating_sub(field.input.visual_scroll(FIELD_WIDTH));
        let x = inner
            .x
            .saturating_add(u16::try_from(column).unwrap_or(u16::MAX))
            .min(inner.right().saturating_sub(1));
        let y = inner
            .y
            .saturating_add(row)
            .min(inner.bottom().saturating_sub(1));
        frame.set_cursor_position(Position::new(x, y));
    }
}
