//! Clicks and the wheel, on what the last frame drew.

use super::screens::wheel_selection;
use super::{App, Cmd, FieldId, Overlay, Screen, Tab};

/// What a mouse click landed on, as the last frame's layout tells (the UI resolves
/// it before `update` sees the click).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A tab title in the detail view.
    Tab(Tab),
    /// A field of the form.
    Field(FieldId),
    /// A row of the list of customers.
    Customer(usize),
    /// A row of the recent lookups.
    Recent(usize),
    /// A row of the copy menu.
    CopyItem(usize),
    /// A row of the accounts an e-mail belongs to.
    Account(usize),
    /// Outside the open overlay.
    OutsideOverlay,
}

/// Lines or items a turn of the mouse wheel scrolls.
pub(crate) const WHEEL_STEP: isize = 3;

impl App {
    /// A turn of the wheel: a list's highlight moves one row, the detail view
    /// scrolls `delta` rows.
    pub(super) fn on_wheel(&mut self, delta: isize) {
        match &mut self.overlay {
            Some(Overlay::Recent { selected }) => {
                wheel_selection(selected, self.recent.len(), delta);
            }
            Some(Overlay::CopyMenu { items, selected }) => {
                wheel_selection(selected, items.len(), delta);
            }
            Some(Overlay::Accounts {
                accounts, selected, ..
            }) => wheel_selection(selected, accounts.len(), delta),
            Some(Overlay::Help(scroll)) => scroll.wheel(delta),
            Some(Overlay::CallNote { .. }) => {}
            None => match &mut self.screen {
                Screen::Detail(detail) => detail.scroll_by(delta),
                Screen::Choose(loaded) => {
                    let customers = &mut loaded.customers;
                    let mut selected = customers.selected();
                    wheel_selection(&mut selected, customers.len(), delta);
                    customers.select(selected);
                }
                Screen::Form | Screen::Locked(_) => {}
            },
        }
    }

    /// A click, on `target` if it landed on one.
    pub(super) fn on_click(&mut self, target: Option<Target>) -> Vec<Cmd> {
        self.toast = None;
        self.warning = None;
        if matches!(self.screen, Screen::Locked(_)) {
            self.screen = Screen::Form;
            return vec![];
        }
        match target {
            Some(Target::Tab(tab)) => {
                if let Screen::Detail(detail) = &mut self.screen {
                    detail.switch_tab(tab);
                }
            }
            Some(Target::Field(field)) => self.form.set_focus(field),
            Some(Target::Customer(index)) => return self.open_customer(Some(index)),
            Some(Target::Recent(index)) => return self.repeat(index),
            Some(Target::Account(index)) => return self.open_account(Some(index)),
            Some(Target::CopyItem(index)) => {
                let item = match &self.overlay {
                    Some(Overlay::CopyMenu { items, .. }) => items.get(index).copied(),
                    _ => None,
                };
                self.overlay = None;
                return item.map(|i| self.copy(i)).unwrap_or_default();
            }
            Some(Target::OutsideOverlay) => self.overlay = None,
            None => {}
        }
        vec![]
    }
}
