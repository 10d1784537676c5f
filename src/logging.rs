//! Optional diagnostics to a file (`--log-file`), never to the terminal the TUI owns.
//!
//! What is logged is chosen so a log can be attached to a support ticket: request ids,
//! timings, byte counts, status codes and error classes. Never a credential, never a
//! response body, never a field of the customer.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

use tracing::level_filters::LevelFilter;

use crate::cause::Cause;
use crate::setup::SetupError;

/// Starts writing `tracing` events at `level` and above to `path` (appending; created
/// for its owner only, see [`crate::private_file`]).
pub(crate) fn init(path: &Path, level: LevelFilter) -> Result<(), SetupError> {
    let file = crate::private_file::open(path, OpenOptions::new().append(true)).map_err(|e| {
        SetupError::LogFile {
            path: path.into(),
            reason: Cause::io(&e),
        }
    })?;
    let writer = Guarded {
        file,
        path: path.display().to_string(),
    };
    tracing_subscriber::fmt()
        .with_writer(Mutex::new(writer))
        // Its own report of a failed write would go to stderr, under the TUI.
        .log_internal_errors(false)
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

/// The log file stopped being written: which, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogFailure {
    /// The log file.
    pub path: String,
    /// The write's error.
    pub reason: Cause,
}

/// Why the log stopped, once a write to it failed.
static FAILURE: OnceLock<LogFailure> = OnceLock::new();
/// Whether [`take_failure`] has handed the failure out.
static REPORTED: AtomicBool = AtomicBool::new(false);

/// Why the log file stopped being written, the first time it is asked after a write
/// failed (a full disk, say), for the footer; `None` before that, and after.
pub(crate) fn take_failure() -> Option<LogFailure> {
    let failure = FAILURE.get()?;
    (!REPORTED.swap(true, Ordering::Relaxed)).then(|| failure.clone())
}

/// The log file, which never fails a write: the first failure is kept for the
/// footer and every later write is dropped, so nothing ever reaches the terminal the
/// TUI owns, and a full disk is not hammered.
struct Guarded {
    file: File,
    path: String,
}

impl Guarded {
    fn attempt(&mut self, write: impl FnOnce(&mut File) -> io::Result<()>) {
        if FAILURE.get().is_some() {
            return;
        }
        if let Err(error) = write(&mut self.file) {
            let _ = FAILURE.set(LogFailure {
                path: self.path.clone(),
                reason: Cause::io(&error),
            });
        }
    }
}

impl Write for Guarded {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.attempt(|file| file.write_all(buf));
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.attempt(File::flush);
        Ok(())
    }
}
