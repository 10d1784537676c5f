//! Keys on the list of customers.

use ratatui::crossterm::event::KeyEvent;

use super::move_selection;
use crate::app::keys::{self, Action, Context};
use crate::app::{App, Cmd, Screen};

impl App {
    pub(in crate::app) fn on_choose_key(&mut self, key: KeyEvent) -> Vec<Cmd> {
        let Screen::Choose(loaded) = &mut self.screen else {
            return vec![];
        };
        match keys::action(Context::Choose, &key) {
            Some(Action::Move) => {
                move_selection(&mut loaded.selected, loaded.customers.len(), key.code, 1);
            }
            Some(Action::Open) => return self.open_customer(None),
            Some(Action::Back) => self.screen = Screen::Form,
            Some(Action::Submit) => return self.submit(),
            Some(Action::Quit) => return self.request_quit(),
            _ => {}
        }
        vec![]
    }

    /// Opens customer `index` of the list (the highlighted one when `None`) on its
    /// Profile tab, and asks for its shipments.
    pub(in crate::app) fn open_customer(&mut self, index: Option<usize>) -> Vec<Cmd> {
        match std::mem::replace(&mut self.screen, Screen::Form) {
            Screen::Choose(mut loaded) => {
                if let Some(index) = index {
                    loaded.selected = index;
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
