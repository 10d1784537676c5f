//! Keys on the credentials form: what the key table does not bind is typed.

use ratatui::crossterm::event::{Event, KeyEvent};

use crate::app::keys::{self, Action, Context};
use crate::app::{App, Cmd};

impl App {
    pub(in crate::app) fn on_form_key(&mut self, key: KeyEvent) -> Vec<Cmd> {
        match keys::action(Context::Form, &key) {
            Some(Action::Submit) => return self.submit(),
            Some(Action::FocusNext) => self.form.focus_next(),
            Some(Action::FocusPrev) => self.form.focus_prev(),
            Some(Action::RevealKeys) => self.form.toggle_reveal(),
            _ => self.form.handle_event(&Event::Key(key)),
        }
        vec![]
    }
}
