//! Key handling, one module per screen (and one for the boxes drawn over them): each
//! turns the key table's actions into changes of its own state.

mod choose;
pub(crate) mod detail;
mod form;
mod overlay;

pub use detail::Detail;
pub use overlay::Overlay;

use ratatui::crossterm::event::KeyCode;

use super::Loaded;

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
    Locked,
}

/// Next and previous in declaration order, wrapping: the tabs, the form's fields.
pub trait Cycle: strum::VariantArray + PartialEq + Copy {
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

/// Moves a list highlight with the arrow, page and Home/End keys.
pub(crate) fn move_selection(selected: &mut usize, count: usize, code: KeyCode, page: usize) {
    let last = count.saturating_sub(1);
    *selected = match code {
        KeyCode::Up => selected.saturating_sub(1),
        KeyCode::Down => (*selected + 1).min(last),
        KeyCode::PageUp => selected.saturating_sub(page),
        KeyCode::PageDown => (*selected + page).min(last),
        KeyCode::Home => 0,
        KeyCode::End => last,
        _ => *selected,
    };
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
