//! Optional diagnostics to a file (`--log-file`), never to the terminal the TUI owns.
//!
//! What is logged is chosen so a log can be attached to a support ticket: request ids,
//! timings, byte counts, status codes and error classes. Never a credential, never a
//! response body, never a field of the customer.

use std::fs::OpenOptions;
use std::path::Path;
use std::sync::Mutex;

use tracing::level_filters::LevelFilter;

/// Starts writing `tracing` events at `level` and above to `path` (appending; created
/// for its owner only, see [`crate::private_file`]).
pub fn init(path: &Path, level: LevelFilter) -> Result<(), String> {
    let file = crate::private_file::open(path, OpenOptions::new().append(true))
        .map_err(|e| format!("cannot open log file {}: {e}", path.display()))?;
    tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_max_level(level)
        .try_init()
        .map_err(|e| format!("cannot start logging: {e}"))
}

/// Parses `--log-level`: error, warn, info, debug or trace.
pub fn parse_level(text: &str) -> Result<LevelFilter, String> {
    text.parse::<LevelFilter>()
        .map_err(|_| "use one of error, warn, info, debug, trace".to_string())
}
