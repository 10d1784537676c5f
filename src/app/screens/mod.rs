//! The screens, each with the state only it uses and its own keys (one module per
//! screen, and one for the boxes drawn over them). A screen changes its own state and
//! returns an [`Outcome`] for what only the app can do; `App` applies it once.

mod choose;
pub(crate) mod detail;
mod form;
mod overlay;

pub use detail::Detail;
pub use overlay::{HelpScroll, Overlay};

use ratatui::crossterm::event::KeyEvent;

use super::caller_check::{Policy, Strikes};
use super::keys::{Action, KeyMap};
use super::{App, Cmd, CopyItem, Loaded, Requests, Toast};
use crate::i18n::{Decimal, Lang};
use crate::query::FieldId;

/// Which screen is up, with the state only it uses.
#[derive(Debug)]
pub enum Screen {
    /// The credentials form.
    Form,
    /// A list of customers to choose from (the answer held more than one).
    Choose(Loaded),
    /// One customer's details.
    Detail(Detail),
    /// The idle lock wiped the customer; any key goes back to the form.
    Locked(Wiped),
}

/// What the idle lock wiped besides the customer, the recent lookups and the
/// customer key, for the lock screen to say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Wiped {
    /// The customer field held an e-mail: it finds the customer with no key at all,
    /// so it went too.
    pub email: bool,
}

/// What a key on a screen or a box asks of the app, beyond the state of that screen
/// or box: `App` applies it once.
#[derive(Debug)]
#[must_use]
pub(crate) enum Outcome {
    /// Nothing more than these commands for the runtime (often none).
    Done(Vec<Cmd>),
    /// Validate the form and look the customer up (again).
    LookUp,
    /// Leave the app.
    Quit,
    /// A short confirmation in the footer.
    Toast(Toast),
    /// Copy this item of the customer on display.
    Copy(CopyItem),
    /// Open this box over the screen.
    Overlay(Overlay),
    /// Close the box on screen.
    Close,
    /// Open customer `index` of the list (the highlighted one when `None`).
    OpenCustomer(Option<usize>),
    /// Back one screen: from a customer to the list (or the form), from the list to
    /// the form.
    Back,
    /// Repeat recent lookup `index`.
    Repeat(usize),
    /// Look up account `index` of those an e-mail found (the highlighted one when
    /// `None`).
    OpenAccount(Option<usize>),
    /// The key is refused, for this reason (the footer says so).
    Refused(Refusal),
    /// Copy the call note (`w`), or show it (`W`).
    CallNote {
        /// Show it in a box instead.
        show: bool,
    },
}

/// Why a key was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The caller check is required and has not passed: what it protects stays hidden.
    CheckFirst,
}

impl Outcome {
    /// Handled on the screen; nothing for the app to do.
    pub(crate) const fn none() -> Self {
        Self::Done(Vec::new())
    }
}

/// What a screen may use of the app while it handles a key: the key map, the
/// requests (to start or cancel its own), the environment in use, today, and how far
/// a page moves.
pub(crate) struct Ctx<'a> {
    /// Which key does what.
    pub keys: &'a KeyMap,
    /// The requests in flight.
    pub requests: &'a mut Requests,
    /// Index of the environment in use.
    pub environment: usize,
    /// Today's date.
    pub today: time::Date,
    /// Rows a page key moves.
    pub page: usize,
    /// The caller check's mismatches, per customer.
    pub strikes: &'a mut Strikes,
    /// The caller check's policy.
    pub policy: Policy,
    /// The language of the words the screen readies (the shipments' cells).
    pub lang: Lang,
    /// The decimal separator of the figures it readies.
    pub decimal: Decimal,
}

/// Next and previous in declaration order, wrapping: the tabs, the form's fields.
pub(crate) trait Cycle: strum::VariantArray + PartialEq + Copy {
    /// `by` places further on (back when negative), wrapping.
    fn step(self, by: isize) -> Self {
        let count = Self::VARIANTS.len().max(1) as isize;
        let here = Self::VARIANTS.iter().position(|v| *v == self).unwrap_or(0) as isize;
        let there = (here + by).rem_euclid(count) as usize;
        Self::VARIANTS.get(there).copied().unwrap_or(self)
    }

    /// The one after, wrapping.
    fn next(self) -> Self {
        self.step(1)
    }

    /// The one before, wrapping.
    fn prev(self) -> Self {
        self.step(-1)
    }
}

impl<T: strum::VariantArray + PartialEq + Copy> Cycle for T {}

/// Moves a list highlight as a movement action says (up, down, a page, to the top
/// or the bottom); other actions leave it.
pub(crate) fn move_selection(selected: &mut usize, count: usize, action: Action, page: usize) {
    let last = count.saturating_sub(1);
    *selected = match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (*selected + 1).min(last),
        Action::PageUp => selected.saturating_sub(page),
        Action::PageDown => (*selected + page).min(last),
        Action::Home => 0,
        Action::End => last,
        _ => *selected,
    };
}

/// Moves a list highlight one row for a turn of the wheel (`delta` rows, positive
/// down), as far as the list goes.
pub(crate) fn wheel_selection(selected: &mut usize, count: usize, delta: isize) {
    *selected = selected
        .saturating_add_signed(delta.signum())
        .min(count.saturating_sub(1));
}

/// Whether `action` moves a list highlight.
pub(crate) fn is_movement(action: Action) -> bool {
    matches!(
        action,
        Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Home | Action::End
    )
}

/// The detail view's tabs, in order (`Tab::VARIANTS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::VariantArray)]
pub enum Tab {
    /// Identity, contact and account flags.
    Profile,
    /// Every address.
    Addresses,
    /// Every phone.
    Phones,
    /// The customer's shipments in a window of dates, and one shipment's tracking.
    Shipments,
    /// The response body, pretty-printed.
    Raw,
}

impl App {
    /// A key for the screen on display, which handles it; then its outcome.
    pub(super) fn on_screen_key(&mut self, key: KeyEvent) -> Vec<Cmd> {
        if matches!(self.screen, Screen::Form) {
            let outcome = form::on_key(&mut self.form, &self.settings.keys, key);
            return self.apply(outcome);
        }
        let (screen, mut ctx) = self.screen_and_ctx();
        let outcome = match screen {
            Screen::Choose(loaded) => choose::on_key(loaded, ctx.keys, key),
            Screen::Detail(detail) => detail.on_key(key, &mut ctx),
            Screen::Form | Screen::Locked(_) => Outcome::none(),
        };
        self.apply(outcome)
    }

    /// The screen, and what it may use of the rest of the app.
    pub(super) fn screen_and_ctx(&mut self) -> (&mut Screen, Ctx<'_>) {
        let page = self.page_rows();
        let ctx = Ctx {
            keys: &self.settings.keys,
            requests: &mut self.requests,
            environment: self.environment_index,
            today: self.today,
            page,
            strikes: &mut self.strikes,
            policy: self.settings.caller_check,
            lang: self.settings.lang,
            decimal: self.settings.decimal,
        };
        (&mut self.screen, ctx)
    }

    /// Does what a screen or a box asked for.
    pub(super) fn apply(&mut self, outcome: Outcome) -> Vec<Cmd> {
        match outcome {
            Outcome::Done(cmds) => cmds,
            Outcome::LookUp => self.submit(),
            Outcome::Quit => self.request_quit(),
            Outcome::Toast(text) => {
                self.toast = Some(text);
                vec![]
            }
            Outcome::Copy(item) => {
                self.overlay = None;
                self.copy(item)
            }
            Outcome::Overlay(overlay) => {
                self.overlay = Some(overlay);
                vec![]
            }
            Outcome::Close => {
                self.overlay = None;
                vec![]
            }
            Outcome::OpenCustomer(index) => self.open_customer(index),
            Outcome::Back => self.back(),
            Outcome::Repeat(index) => self.repeat(index),
            Outcome::OpenAccount(index) => self.open_account(index),
            Outcome::CallNote { show: false } => self.copy_call_note(),
            Outcome::CallNote { show: true } => self.show_call_note(),
            Outcome::Refused(refusal) => {
                self.refusal = Some(refusal);
                vec![]
            }
        }
    }

    /// Back on the form, the next customer is what gets typed: the focus is on the
    /// customer field, whichever field it was on before (after an e-mail lookup
    /// started with `--lookup`, the user code: `811111` would have replaced it).
    fn back_on_the_customer_field(&mut self) {
        self.form.set_focus(FieldId::BoxId);
    }

    /// Back one screen: a customer goes back to the list it came from (or the form),
    /// the list goes back to the form. What was fetched for the customer is no longer
    /// waited for: `update` cancels it, as whenever a customer leaves the screen.
    fn back(&mut self) -> Vec<Cmd> {
        match std::mem::replace(&mut self.screen, Screen::Form) {
            Screen::Detail(detail) if detail.loaded.customers.len() > 1 => {
                self.screen = Screen::Choose(detail.loaded);
            }
            Screen::Detail(_) | Screen::Choose(_) => self.back_on_the_customer_field(),
            Screen::Form => {}
            locked @ Screen::Locked(_) => self.screen = locked,
        }
        vec![]
    }
}
