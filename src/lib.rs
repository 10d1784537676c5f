//! skyview: look a SkyPostal box customer up from a terminal, while the customer is
//! on the line.

pub mod api;
pub mod app;
pub mod cause;
pub(crate) mod cli;
pub mod config;
pub mod demo;
pub(crate) mod files;
pub mod i18n;
pub mod logging;
mod offload;
pub(crate) mod oneshot;
pub(crate) mod pop;
pub(crate) mod private_file;
pub mod query;
mod run;
pub(crate) mod runtime;
pub mod setup;
pub(crate) mod signals;
pub mod terminal;
pub mod text;
pub mod ui;

pub use run::main_with;
