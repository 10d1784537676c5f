//! Signals that would otherwise leave the terminal in raw mode on the alternate screen:
//! every catchable one whose default ends the process, and job control's stop (Unix);
//! the console's terminating events (Windows). Watched from before the terminal is
//! taken over.

#[cfg(unix)]
mod unix;
#[cfg(windows)]
mod windows;

#[cfg(unix)]
pub(crate) use unix::{SuspendRequests, suspend, terminating};
#[cfg(windows)]
pub(crate) use windows::{SuspendRequests, suspend, terminating};
