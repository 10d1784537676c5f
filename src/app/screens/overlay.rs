//! Keys on a box drawn over the screen: help, recent lookups, the copy menu, the
//! accounts an e-mail belongs to.

use std::cell::Cell;

use ratatui::crossterm::event::KeyEvent;

use super::{Outcome, move_selection};
use crate::app::keys::{Action, Context, KeyMap};
use crate::app::{Account, App, Cmd, CopyItem};

/// A box drawn over the screen; it takes every key until closed (Esc closes it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// Keys of the current screen; it scrolls when taller than the screen.
    Help(HelpScroll),
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

/// How far the help box is scrolled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HelpScroll {
    /// The first line shown.
    pub first: usize,
    /// The largest `first` that still fills the box, as last drawn.
    pub max: Cell<Option<usize>>,
}

impl HelpScroll {
    /// Moves as a movement action says, or `rows` lines for the wheel (`delta`).
    pub(in crate::app) fn by(&mut self, action: Action, page: usize) {
        let max = self.max.get().unwrap_or(0);
        let mut first = self.first.min(max);
        move_selection(&mut first, max.saturating_add(1), action, page);
        self.first = first;
    }

    /// Moves `delta` lines (the wheel), as far as the help goes.
    pub(in crate::app) fn wheel(&mut self, delta: isize) {
        let max = self.max.get().unwrap_or(0);
        self.first = self.first.saturating_add_signed(delta).min(max);
    }
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
    pub(in crate::app) fn on_key(
        &mut self,
        keys: &KeyMap,
        key: KeyEvent,
        recent: usize,
        page: usize,
    ) -> Outcome {
        let context = match self {
            Self::Help(_) => Context::Help,
            Self::Recent { .. } => Context::Recent,
            Self::Accounts { .. } => Context::Accounts,
            Self::CopyMenu { .. } => Context::CopyMenu,
            // Esc closes it; the rest leaves the text there to select.
            Self::CallNote { .. } => Context::CallNote,
        };
        let Some(action) = keys.action(context, &key) else {
            return Outcome::none();
        };
        match (self, action) {
            (_, Action::CloseBox) => Outcome::Close,
            // The key that opened the box closes it.
            (Self::Recent { .. }, Action::Recent) | (Self::CopyMenu { .. }, Action::CopyMenu) => {
                Outcome::Close
            }
            (Self::Recent { selected }, Action::Open) => Outcome::Repeat(*selected),
            (Self::Accounts { .. }, Action::Open) => Outcome::OpenAccount(None),
            (Self::CopyMenu { items, selected }, Action::Open) => match items.get(*selected) {
                Some(item) => Outcome::Copy(*item),
                None => Outcome::Close,
            },
            (Self::Recent { selected }, action) => {
                move_selection(selected, recent, action, page);
                Outcome::none()
            }
            (
                Self::Accounts {
                    accounts, selected, ..
                },
                action,
            ) => {
                move_selection(selected, accounts.len(), action, page);
                Outcome::none()
            }
            (Self::CopyMenu { items, selected }, action) => {
                move_selection(selected, items.len(), action, page);
                Outcome::none()
            }
            (Self::Help(scroll), action) => {
                scroll.by(action, page);
                Outcome::none()
            }
            (Self::CallNote { .. }, _) => Outcome::none(),
        }
    }
}
