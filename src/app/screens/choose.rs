//! Keys on the list of customers.

use ratatui::crossterm::event::KeyEvent;

use super::{Outcome, is_movement, move_selection};
use crate::app::keys::{Action, Context, KeyMap};
use crate::app::{App, Cmd, Loaded, Screen};

pub(super) fn on_key(loaded: &mut Loaded, keys: &KeyMap, key: KeyEvent) -> Outcome {
    match keys.action(Context::Choose, &key) {
        Some(action) if is_movement(action) => {
            let customers = &mut loaded.customers;
            let mut selected = customers.selected();
            move_selection(&mut selected, customers.len(), action, 1);
            customers.select(selected);
        }
        Some(Action::Open) => return Outcome::OpenCustomer(None),
        Some(Action::Back) => return Outcome::Back,
        Some(Action::Refresh) => return Outcome::LookUp,
        Some(Action::Quit) => return Outcome::Quit,
        _ => {}
    }
    Outcome::none()
}

impl App {
    /// Opens customer `index` of the list (the highlighted one when `None`) on its
    /// Profile tab, and asks for its shipments; an index past the list opens nothing.
    pub(in crate::app) fn open_customer(&mut self, index: Option<usize>) -> Vec<Cmd> {
        match std::mem::replace(&mut self.screen, Screen::Form) {
            Screen::Choose(mut loaded) => {
                if index.is_some_and(|index| !loaded.customers.select(index)) {
                    self.screen = Screen::Choose(loaded);
                    return vec![];
                }
                self.show_detail(loaded)
            }
            other => {
                self.screen = other;
                vec![]
            }
        }
    }
}
