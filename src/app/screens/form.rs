//! Keys on the credentials form: what the key table does not bind is typed.

use ratatui::crossterm::event::{Event, KeyEvent};

use super::Outcome;
use crate::app::Form;
use crate::app::keys::{self, Action, Context};

pub(super) fn on_key(form: &mut Form, key: KeyEvent) -> Outcome {
    match keys::action(Context::Form, &key) {
        Some(Action::Submit) => return Outcome::LookUp,
        Some(Action::FocusNext) => form.focus_next(),
        Some(Action::FocusPrev) => form.focus_prev(),
        Some(Action::RevealKeys) => form.toggle_reveal(),
        _ => form.handle_event(&Event::Key(key)),
    }
    Outcome::none()
}
