//! Optional diagnostics to a file (`--log-file`), never to the terminal the TUI owns.
//!
//! What is logged is chosen so a log can be attached to a support ticket: request ids,
//! timings, byte counts, status codes and error classes. Never a credential, never a
//! response body, never a field of the customer.

use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::Mutex;

use tracing::level_filters::LevelFilter;

use crate::setup::SetupError;

/// Starts writing `tracing` events at `level` and above to `path` (appending; created
/// readable by its owner only).
pub fn init(path: &Path, level: LevelFilter) -> Result<(), SetupError> {
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| SetupError::LogFile {
            path: path.into(),
            reason: e.to_string(),
        })?;
    tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_max_level(level)
        .try_init()
        .map_err(|e| SetupError::Logging(e.to_string()))
}

/// Parses `--log-level`: error, warn, info, debug or trace.
pub(crate) fn parse_level(text: &str) -> Result<LevelFilter, String> {
    text.parse::<LevelFilter>()
        .map_err(|_| "use one of error, warn, info, debug, trace".to_string())
}
