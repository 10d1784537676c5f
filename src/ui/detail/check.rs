//! The Check the caller box, drawn over the tab: one field per question, what each
//! answer came to, and where the check stands. Nothing on file is ever drawn here.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::theme;
use crate::app::call_note::question_name;
use crate::app::caller_check::{
    self, CallerCheck, Mark, NotCompared, Outcome, Policy, Question, Reading, Strikes, Unreadable,
};
use crate::app::keys::{Action, Context};
use crate::app::{App, CheckBox, CheckField};
use crate::i18n::{Lang, msg::check as words};
use crate::text::pad;

/// Columns of a question's label.
const LABEL_WIDTH: usize = 24;
/// Columns of an answer's field.
const FIELD_WIDTH: usize = 14;

/// What a field says beside itself: the last answer's mark, a closed question, or
/// how a date being typed is read.
fn status(
    lang: Lang,
    field: &CheckField,
    check: &CallerCheck,
    strikes: &Strikes,
    compare: &str,
) -> Span<'static> {
    if check.has_matched(field.question) {
        return Span::styled(words::matches(lang), theme::good());
    }
    if check.is_closed(strikes, field.question) {
        return Span::styled(words::closed(lang), theme::bad());
    }
    let typed = field.input.value();
    if !typed.trim().is_empty() {
        return match caller_check::read(field.question, typed) {
            Ok(Reading::Date(date)) => Span::styled(
                words::read_as(lang, crate::api::IsoDate(date)),
                theme::dim(),
            ),
            Ok(_) => Span::styled(words::compares(lang, compare), theme::dim()),
            Err(unreadable) => Span::styled(unreadable_text(lang, unreadable), theme::dim()),
        };
    }
    match field.last {
        Some(Ok(Mark::DoesNotMatch)) => Span::styled(words::does_not_match(lang), theme::bad()),
        Some(Err(NotCompared::Unreadable(unreadable))) => {
            Span::styled(unreadable_text(lang, unreadable), theme::warn())
        }
        _ => Span::styled(hint(lang, field.question), theme::dim()),
    }
}

fn hint(lang: Lang, question: Question) -> &'static str {
    match question {
        Question::BirthDate => words::hint_date(lang),
        Question::IdLastFour | Question::PhoneLastFour => words::hint_last_four(lang),
        Question::Zip => words::hint_zip(lang),
    }
}

fn unreadable_text(lang: Lang, unreadable: Unreadable) -> &'static str {
    match unreadable {
        Unreadable::Empty => words::empty(lang),
        Unreadable::NotADate => words::not_a_date(lang),
        Unreadable::NotFour => words::not_four(lang),
    }
}

/// A question answered, after a space: its name and ✔ or ✘ (only the mark when
/// `named` is false, where the names do not fit).
fn answered(lang: Lang, question: Question, mark: Mark, named: bool) -> Span<'static> {
    let (sign, style) = match mark {
        Mark::Matches => ("✔", theme::good()),
        Mark::DoesNotMatch => ("✘", theme::bad()),
    };
    if named {
        Span::styled(format!(" {} {sign}", question_name(lang, question)), style)
    } else {
        Span::styled(format!(" {sign}"), style)
    }
}

/// Where the check stands, in one line; `named`: with the names of the questions
/// that passed it.
pub(in crate::ui) fn outcome_line(
    lang: Lang,
    outcome: &Outcome,
    policy: Policy,
    named: bool,
) -> Line<'static> {
    match outcome {
        Outcome::Passed(questions) => {
            let mut spans = vec![Span::styled(words::passed(lang), theme::good())];
            spans.extend(
                questions
                    .iter()
                    .map(|q| answered(lang, *q, Mark::Matches, named)),
            );
            Line::from(spans)
        }
        Outcome::Failed => Line::from(Span::styled(words::failed(lang), theme::bad())),
        Outcome::Open => Line::from(Span::styled(
            words::needed(lang, policy.matches),
            theme::dim(),
        )),
    }
}

/// A check under way, for the header: how many of the matches needed are there, and
/// each question answered, ✔ or ✘ (`named`: with its name).
pub(in crate::ui) fn under_way_line(
    lang: Lang,
    check: &CallerCheck,
    strikes: &Strikes,
    policy: Policy,
    named: bool,
) -> Line<'static> {
    let mut spans = vec![Span::styled(
        words::under_way(lang, check.matched().len(), policy.matches),
        theme::warn(),
    )];
    spans.extend(
        check
            .answers(strikes)
            .into_iter()
            .map(|(question, mark)| answered(lang, question, mark, named)),
    );
    Line::from(spans)
}

/// Draws the box over `area` (the tab's content).
pub(super) fn render(
    app: &App,
    check_box: &CheckBox,
    check: &CallerCheck,
    frame: &mut Frame,
    area: Rect,
) {
    let lang = app.settings.lang;
    let (strikes, policy) = (&app.strikes, app.settings.caller_check);
    let compare = app
        .settings
        .keys
        .key(Context::Check, Action::CheckAnswer, app.settings.lang);
    let mut lines = vec![
        Line::from(Span::styled(words::intro(lang), theme::dim())),
        Line::default(),
    ];
    if check_box.fields.is_empty() {
        lines.push(Line::from(Span::styled(
            words::nothing_to_ask(lang),
            theme::warn(),
        )));
    }
    for (index, field) in check_box.fields.iter().enumerate() {
        let focused = index == check_box.focus;
        let label = format!(
            "{} {}",
            if focused { "▸" } else { " " },
            pad(question_name(lang, field.question), LABEL_WIDTH - 2)
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
            status(lang, field, check, strikes, &compare),
        ]));
    }
    lines.push(Line::default());
    lines.push(outcome_line(
        lang,
        &check.outcome(strikes, policy),
        policy,
        true,
    ));
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let boxed = Rect::new(area.x, area.y, area.width, height.min(area.height));
    frame.render_widget(Clear, boxed);
    let block = crate::ui::boxed(format!(" {} ", words::title(lang)));
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
