//! Unix: every terminating signal, and SIGTSTP for job control.

use std::future::Future;
use std::io;

use tokio::signal::unix::{Signal, SignalKind, signal};

/// Every signal whose default action ends the process and that can be caught
/// safely. Left out: SIGKILL and SIGSTOP (cannot be caught); SIGSEGV, SIGBUS, SIGILL,
/// SIGFPE (faults: the process cannot go on); SIGABRT (a panic aborts, after its
/// hook has restored the terminal); SIGPIPE (Rust ignores it, so it ends nothing).
const TERMINATING: &[i32] = &[
    libc::SIGHUP,
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGTRAP,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGTERM,
    libc::SIGXCPU,
    libc::SIGXFSZ,
    libc::SIGVTALRM,
    libc::SIGPROF,
    libc::SIGIO,
    libc::SIGSYS,
    #[cfg(any(target_os = "linux", target_os = "android"))]
    libc::SIGPWR,
    #[cfg(any(target_os = "linux", target_os = "android"))]
    libc::SIGSTKFLT,
];

/// The real-time signals, which end the process by default too (those below
/// SIGRTMIN belong to the C library).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn real_time_signals() -> std::ops::RangeInclusive<i32> {
    libc::SIGRTMIN()..=libc::SIGRTMAX()
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn real_time_signals() -> std::ops::RangeInclusive<i32> {
    1..=0
}

/// Completes when any terminating signal arrives (see [`TERMINATING`]).
pub(crate) fn terminating() -> io::Result<impl Future<Output = ()>> {
    let (arrived, mut first) = tokio::sync::mpsc::channel::<()>(1);
    let mut watchers = Vec::new();
    for &number in TERMINATING {
        watchers.push(signal(SignalKind::from_raw(number))?);
    }
    // tokio cannot watch every real-time signal (SIGRTMAX is past its table): those
    // it can, it does; the rest are rare enough not to stop the app from starting.
    watchers.extend(real_time_signals().filter_map(|n| signal(SignalKind::from_raw(n)).ok()));
    for mut watcher in watchers {
        let arrived = arrived.clone();
        tokio::spawn(async move {
            if watcher.recv().await.is_some() {
                let _ = arrived.try_send(());
            }
        });
    }
    Ok(async move {
        // Every sender lives in a task that waits forever: `None` never comes first.
        let _ = first.recv().await;
    })
}

/// Job control's request to stop (SIGTSTP: the shell's `kill -TSTP`, or Ctrl-Z
/// when the terminal is not in raw mode). Catching it keeps the default stop from
/// happening with the terminal still taken over; [`suspend`] stops properly.
pub(crate) struct SuspendRequests(Signal);

impl SuspendRequests {
    /// Starts watching for SIGTSTP.
    pub(crate) fn watch() -> io::Result<Self> {
        signal(SignalKind::from_raw(libc::SIGTSTP)).map(Self)
    }

    /// Completes at the next SIGTSTP.
    pub(crate) async fn next(&mut self) {
        if self.0.recv().await.is_none() {
            std::future::pending::<()>().await;
        }
    }
}

/// Suspends as full-screen programs do: gives the terminal back, stops the process
/// (SIGSTOP, which cannot be caught) and, once the shell's `fg` continues it, takes
/// the terminal over again. The caller redraws everything.
pub(crate) fn suspend() -> io::Result<()> {
    crate::terminal::restore();
    tracing::info!("suspended");
    let stopped = signal_hook::low_level::raise(libc::SIGSTOP);
    // Running again (SIGCONT): whatever happened, the terminal is taken back.
    crate::terminal::enter()?;
    tracing::info!("resumed");
    stopped
}
