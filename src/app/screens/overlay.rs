//! Keys on a box drawn over the screen: help, recent lookups, the copy menu, the
//! accounts an e-mail belongs to.

use ratatui::crossterm::event::KeyEvent;

use super::{Outcome, move_selection};
use crate::app::keys::{self, Action, Context};
use crate::app::{Account, App, Cmd, CopyItem};

/// A box drawn over the screen; it takes every key until closed (Esc closes it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// Keys of the current screen.
    Help,
    /// This session's lookups; Enter repeats the highlighted one.
    Recent {
        /// Index of the highlighted entry in `App::recent`.
        selected: usize,
    },
    /// The accounts an e-mail belongs to; Enter looks the highlighted one up.
    Accounts {
        /// The e-mail that found them.
        email: String,
        /// The accounts, in SkyPostal's order.
        accounts: Vec<Account>,
        /// Index of the highlighted account.
        selected: usize,
    },
    /// The call note, to select by hand (`W`).
    CallNote {
        /// The note, as `w` copies it.
        text: String,
    },
    /// What can be copied from the customer on display.
    CopyMenu {
        /// The items offered, in order.
        items: Vec<CopyItem>,
        /// Index of the highlighted item.
        selected: usize,
    },
}

impl App {
    /// Opens `overlay`, or closes it when one of its kind is already open.
    pub(in crate::app) fn toggle_overlay(&mut self, overlay: Overlay) -> Vec<Cmd> {
        let same = self
            .overlay
            .as_ref()
            .is_some_and(|o| std::mem::discriminant(o) == std::mem::discriminant(&overlay));
        self.overlay = if same { None } else { Some(overlay) };
        vec![]
    }
}

impl Overlay {
    /// A key on the box; `recent` is how many recent lookups there are, `page` how
    /// far a page key moves.
    pub(in crate::app) fn on_key(&mut self, key: KeyEvent, recent: usize, page: usize) -> Outcome {
        if keys::action(Context::Overlay, &key) == Some(Action::Close) {
            return Outcome::Close;
        }
        match self {
            // Esc closes it (above); the rest leaves the text still to select.
            Self::CallNote { .. } => {}
            Self::Help => {
                if keys::action(Context::Help, &key) == Some(Action::Close) {
                    return Outcome::Close;
                }
            }
            Self::Recent { selected } => match keys::action(Context::Recent, &key) {
                Some(Action::Choose) => return Outcome::Repeat(*selected),
                Some(Action::Close) => return Outcome::Close,
                Some(Action::Move) => move_selection(selected, recent, key.code, page),
                _ => {}
            },
            Self::Accounts {
                accounts, selected, ..
            } => match keys::action(Context::Accounts, &key) {
                Some(Action::Choose) => return Outcome::OpenAccount(None),
                Some(Action::Move) => move_selection(selected, accounts.len(), key.code, page),
                _ => {}
            },
            Self::CopyMenu { items, selected } => match keys::action(Context::CopyMenu, &key) {
                Some(Action::Choose) => {
                    return match items.get(*selected) {
                        Some(item) => Outcome::Copy(*item),
                        None => Outcome::Close,
                    };
                }
                Some(Action::Close) => return Outcome::Close,
                Some(Action::Move) => move_selection(selected, items.len(), key.code, page),
                _ => {}
            },
        }
        Outcome::none()
    }
}
