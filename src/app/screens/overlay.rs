//! Keys on a box drawn over the screen: help, recent lookups, the copy menu, the
//! accounts an e-mail belongs to.

use ratatui::crossterm::event::KeyEvent;

use crate::app::keys::{self, Action, Context};
use crate::app::{App, Cmd, Overlay, move_selection};

impl App {
    pub(in crate::app) fn on_overlay_key(&mut self, key: KeyEvent) -> Vec<Cmd> {
        if keys::action(Context::Overlay, &key) == Some(Action::Close) {
            self.overlay = None;
            return vec![];
        }
        let page = self.page_rows();
        match &mut self.overlay {
            Some(Overlay::Help) | None => {
                if keys::action(Context::Help, &key) == Some(Action::Close) {
                    self.overlay = None;
                }
            }
            Some(Overlay::Recent { selected }) => match keys::action(Context::Recent, &key) {
                Some(Action::Choose) => {
                    let index = *selected;
                    return self.repeat(index);
                }
                Some(Action::Close) => self.overlay = None,
                Some(Action::Move) => move_selection(selected, self.recent.len(), key.code, page),
                _ => {}
            },
            Some(Overlay::Accounts {
                accounts, selected, ..
            }) => match keys::action(Context::Accounts, &key) {
                Some(Action::Choose) => return self.open_account(None),
                Some(Action::Move) => move_selection(selected, accounts.len(), key.code, page),
                _ => {}
            },
            Some(Overlay::CopyMenu { items, selected }) => {
                match keys::action(Context::CopyMenu, &key) {
                    Some(Action::Choose) => {
                        let item = items.get(*selected).copied();
                        self.overlay = None;
                        return item.map(|i| self.copy(i)).unwrap_or_default();
                    }
                    Some(Action::Close) => self.overlay = None,
                    Some(Action::Move) => move_selection(selected, items.len(), key.code, page),
                    _ => {}
                }
            }
        }
        vec![]
    }
}
