//! Windows: the console's terminating events. A console has no job control, so
//! nothing ever asks skyview to stop and the Ctrl-Z key is not bound there.

use std::future::Future;
use std::io;

/// Completes on the console's terminating events, which Windows sends where Unix sends
/// signals: Ctrl-Break, Ctrl-C (in raw mode only from outside: typed, it is a key),
/// closing the console window, logoff and shutdown. Set it up before the terminal is
/// taken over, as on Unix. Windows ends the process once a close, logoff or shutdown
/// handler returns; tokio's never does, so the console is restored first.
pub(crate) fn terminating() -> io::Result<impl Future<Output = ()>> {
    use tokio::signal::windows::{ctrl_break, ctrl_c, ctrl_close, ctrl_logoff, ctrl_shutdown};
    let mut interrupt = ctrl_c()?;
    let mut brk = ctrl_break()?;
    let mut close = ctrl_close()?;
    let mut logoff = ctrl_logoff()?;
    let mut shutdown = ctrl_shutdown()?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = brk.recv() => {}
            _ = close.recv() => {}
            _ = logoff.recv() => {}
            _ = shutdown.recv() => {}
        }
    })
}

/// Job control's requests to stop: a Windows console sends none.
pub(crate) struct SuspendRequests;

impl SuspendRequests {
    /// There is nothing to watch.
    pub(crate) fn watch() -> io::Result<Self> {
        Ok(Self)
    }

    /// Never completes.
    pub(crate) async fn next(&mut self) {
        std::future::pending::<()>().await;
    }
}

/// Never asked for (Ctrl-Z is bound on Unix only): the console stays as it is.
pub(crate) fn suspend() -> io::Result<()> {
    Ok(())
}
