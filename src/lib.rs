//! skyview: look a SkyPostal box customer up from a terminal, while the customer is
//! on the line.

pub mod api;
pub mod text;
