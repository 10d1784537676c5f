//! Keys on the credentials form: what the key map does not bind is typed.

use ratatui::crossterm::event::{Event, KeyEvent};

use super::Outcome;
use crate::app::Form;
use crate::app::keys::{Action, Context, KeyMap};

pub(super) fn on_key(form: &mut Form, keys: &KeyMap, key: KeyEvent) -> Outcome {
    match keys.action(Context::Form, &key) {
        Some(Action::LookUp) => return Outcome::LookUp,
        Some(Action::NextField | Action::Down) => form.focus_next(),
        Some(Action::PreviousField | Action::Up) => form.focus_prev(),
        Some(Action::RevealKeys) => form.toggle_reveal(),
        _ => form.handle_event(&Event::Key(key)),
    }
    Outcome::none()
}
