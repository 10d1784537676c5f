//! Key handling, one module per screen (and one for the boxes drawn over them): each
//! turns the key table's actions into changes of its own state.

mod choose;
mod detail;
mod form;
mod overlay;

pub use detail::Detail;
