//! The Check the caller box (`k`): one field per question the customer's records
//! allow; Enter compares the answer in the focused field, which only matches or
//! does not (see [`crate::app::caller_check`]).

use ratatui::crossterm::event::{Event, KeyEvent};
use tui_input::Input;

use super::{Detail, Mode};
use crate::app::caller_check::{Mark, NotCompared, Question, Strikes};
use crate::app::keys::{Action, Context, KeyMap};
use crate::app::limits;

/// The longest answer a field takes: a date written out, with room for spaces.
pub(super) const ANSWER_MAX_CHARS: usize = 24;

/// The box's state: the fields, which one has focus, and each one's last answer.
#[derive(Clone, Debug)]
pub struct CheckBox {
    /// Index of the field with focus.
    pub focus: usize,
    /// One per question offered, in order.
    pub fields: Vec<CheckField>,
}

/// One question's field.
#[derive(Clone, Debug)]
pub struct CheckField {
    /// The question.
    pub question: Question,
    /// What the agent is typing (emptied once compared).
    pub input: Input,
    /// What the last answer came to, if any was given.
    pub last: Option<Result<Mark, NotCompared>>,
}

impl CheckBox {
    /// A box with a field per question in `offered`, the first one focused.
    pub fn new(offered: Vec<Question>) -> Self {
        Self {
            focus: 0,
            fields: offered
                .into_iter()
                .map(|question| CheckField {
                    question,
                    input: Input::default(),
                    last: None,
                })
                .collect(),
        }
    }

    /// Pasted text goes into the focused field.
    pub(super) fn paste(&mut self, text: &str) {
        if let Some(field) = self.focused() {
            limits::paste_into(&mut field.input, text, ANSWER_MAX_CHARS);
        }
    }

    fn focused(&mut self) -> Option<&mut CheckField> {
        self.fields.get_mut(self.focus)
    }

    fn step(&mut self, forward: bool) {
        let count = self.fields.len().max(1);
        self.focus = if forward {
            (self.focus + 1) % count
        } else {
            (self.focus + count - 1) % count
        };
    }
}

impl Detail {
    /// Opens the box over the tab on display.
    pub(in crate::app) fn open_check(&mut self) {
        self.mode = Mode::Check(Box::new(CheckBox::new(self.caller_check.offered())));
    }

    /// A key while the box is open: Enter compares, Tab and the arrows move between
    /// fields, Esc closes, anything else edits the focused field.
    pub(super) fn on_check_key(&mut self, key: KeyEvent, keys: &KeyMap, strikes: &mut Strikes) {
        let Mode::Check(check) = &mut self.mode else {
            return;
        };
        match keys.action(Context::Check, &key) {
            Some(Action::CloseBox) => self.mode = Mode::Browse,
            Some(Action::NextField | Action::Down) => check.step(true),
            Some(Action::PreviousField | Action::Up) => check.step(false),
            Some(Action::CheckAnswer) => {
                if let Some(field) = check.focused() {
                    let result =
                        self.caller_check
                            .answer(strikes, field.question, field.input.value());
                    // A compared answer leaves the field: nothing typed stays on screen
                    // beside its mark.
                    if result.is_ok() {
                        field.input.reset();
                    }
                    field.last = Some(result);
                }
            }
            _ => {
                if let Some(field) = check.focused() {
                    use tui_input::backend::crossterm::EventHandler;
                    let event = Event::Key(key);
                    if !limits::refuses_key(&field.input, &event, ANSWER_MAX_CHARS) {
                        field.input.handle_event(&event);
                    }
                }
            }
        }
    }
}
