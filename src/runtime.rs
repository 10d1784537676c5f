//! The event loop: owns the terminal, the input stream, the request in flight and the
//! idle-lock deadline, and turns the app's commands into effects (a request, a
//! cancel, OSC 52 on the terminal). No business rules live here.

use std::future::Future;
use std::io::{self, Write};
use std::time::Duration;

use futures_util::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::Command;
use ratatui::crossterm::clipboard::CopyToClipboard;
use ratatui::crossterm::event::{EnableMouseCapture, Event, EventStream};
use ratatui::crossterm::execute;
#[cfg(unix)]
use tokio::signal::unix::{SignalKind, signal};
use tokio::task::{JoinError, JoinHandle};
use tokio::time::Instant;

use crate::api::{ApiError, Client, Credentials};
use crate::app::{Answer, App, Cmd, Msg, RequestId};
use crate::offload;
use crate::terminal::Tui;
use crate::ui;

/// How often the spinner advances while a request is in flight (and only then).
const TICK: Duration = Duration::from_millis(100);

type LookupResult = Result<Answer, ApiError>;

/// The one request in flight: its id, when it started, and the task doing it.
struct Flight {
    id: RequestId,
    started: Instant,
    task: JoinHandle<LookupResult>,
}

impl Drop for Flight {
    fn drop(&mut self) {
        // Replacing or dropping a flight cancels its request.
        self.task.abort();
    }
}

/// Where the loop's side effects beyond drawing go.
pub struct Output<W> {
    /// Receives the OSC 52 copy sequences (the terminal's own output stream).
    pub clipboard: W,
    /// Inside tmux: also send the passthrough-wrapped sequence.
    pub in_tmux: bool,
    /// The local time zone's offset, for the times of the recent lookups.
    pub utc_offset: time::UtcOffset,
}

/// Runs the app until the agent quits or a terminating signal arrives.
/// Completes when SIGTERM, SIGHUP or SIGINT arrives. Set it up before the terminal is
/// taken over, so that no signal can end the process with the terminal left in raw
/// mode.
#[cfg(unix)]
pub fn terminating_signal() -> io::Result<impl Future<Output = ()>> {
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    Ok(async move {
        tokio::select! {
            _ = terminate.recv() => {}
            _ = hangup.recv() => {}
            _ = interrupt.recv() => {}
        }
    })
}

/// Completes on the console's terminating events, which Windows sends where Unix sends
/// signals: Ctrl-Break, Ctrl-C (in raw mode only from outside: typed, it is a key),
/// closing the console window, logoff and shutdown. Set it up before the terminal is
/// taken over, as on Unix. Windows ends the process once a close, logoff or shutdown
/// handler returns; tokio's never does, so the console is restored first.
#[cfg(windows)]
pub fn terminating_signal() -> io::Result<impl Future<Output = ()>> {
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

/// `clients` holds one client per entry of `app.settings.environments`, in order;
/// `utc_offset` is the local time zone's, for the times of the recent lookups; `stop`
/// ends the loop (see [`terminating_signal`]).
pub async fn run(
    terminal: &mut Tui,
    mut app: App,
    clients: Vec<Client>,
    utc_offset: time::UtcOffset,
    stop: impl Future<Output = ()>,
) -> io::Result<()> {
    if app.settings.mouse {
        // terminal::restore turns it off again, whatever happens.
        execute!(terminal.backend_mut(), EnableMouseCapture)?;
    }
    let output = Output {
        clipboard: io::stdout(),
        in_tmux: std::env::var_os("TMUX").is_some_and(|v| !v.is_empty()),
        utc_offset,
    };
    run_loop(
        terminal,
        &mut app,
        &clients,
        EventStream::new(),
        output,
        stop,
    )
    .await
}

/// The loop itself, on any backend and input stream (tests use `TestBackend` and a
/// channel). Returns when the app quits, the input ends, or `stop` completes.
///
/// Redraws only after a message. Two timers, neither periodic while idle: the spinner
/// ticks only while a request is in flight, and the idle lock is one deadline, moved
/// forward by each key, paste or mouse event, that fires once.
pub async fn run_loop<B, E, W>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    clients: &[Client],
    mut events: E,
    mut output: Output<W>,
    stop: impl Future<Output = ()>,
) -> io::Result<()>
where
    B: Backend,
    B::Error: std::error::Error + Send + Sync + 'static,
    E: Stream<Item = io::Result<Event>> + Unpin,
    W: Write,
{
    let mut flight: Option<Flight> = None;
    let mut ticker = tokio::time::interval(TICK);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let size = terminal.size().map_err(io::Error::other)?;
    app.update(Msg::Resize {
        cols: size.width,
        rows: size.height,
    });
    let idle = app.settings.idle_lock;
    let deadline = |now: Instant| idle.and_then(|d| now.checked_add(d));
    let mut lock_at = deadline(Instant::now());
    let idle_timer = tokio::time::sleep_until(lock_at.unwrap_or_else(Instant::now));
    tokio::pin!(idle_timer);
    tokio::pin!(stop);

    loop {
        terminal
            .draw(|frame| ui::render(app, frame))
            .map_err(io::Error::other)?;
        let started = flight.as_ref().map(|f| f.started);
        let msg = tokio::select! {
            event = events.next() => match event {
                Some(Ok(event)) => {
                    if is_input(&event)
                        && let Some(at) = deadline(Instant::now())
                    {
                        idle_timer.as_mut().reset(at);
                        lock_at = Some(at);
                    }
                    match to_msg(event) {
                        Some(msg) => msg,
                        None => continue,
                    }
                }
                Some(Err(error)) => return Err(error),
                None => return Ok(()),
            },
            (id, joined) = join(&mut flight) => match joined {
                Ok(result) => {
                    log_outcome(id, started, &result);
                    let at = time::OffsetDateTime::now_utc().to_offset(output.utc_offset).time();
                    Msg::Loaded { id, result, at }
                }
                // A panic in the worker is a bug: re-raise it here so the panic hook
                // restores the terminal and reports it, instead of hanging on a spinner.
                Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
                Err(_) => continue,
            },
            _ = ticker.tick(), if started.is_some() => Msg::Tick {
                elapsed: started.map(|s| s.elapsed()).unwrap_or_default(),
            },
            () = &mut idle_timer, if lock_at.is_some() => {
                // Fires once; the next input arms it again.
                lock_at = None;
                tracing::info!("idle lock: customer data wiped");
                Msg::IdleLock
            },
            () = &mut stop => return Ok(()),
        };
        for cmd in app.update(msg) {
            match cmd {
                Cmd::Fetch {
                    id,
                    environment,
                    credentials,
                } => {
                    tracing::info!(request = id, environment, "lookup sent");
                    let client = clients.get(environment).cloned();
                    flight = Some(Flight {
                        id,
                        started: Instant::now(),
                        task: tokio::spawn(fetch(client, credentials)),
                    });
                    ticker.reset();
                }
                Cmd::Cancel => {
                    tracing::info!("lookup cancelled");
                    flight = None;
                }
                Cmd::Copy { text, what } => {
                    // The log names what was copied, never the text.
                    let sequence = osc52(&text, output.in_tmux);
                    match output
                        .clipboard
                        .write_all(sequence.as_bytes())
                        .and_then(|()| output.clipboard.flush())
                    {
                        Ok(()) => tracing::info!(what, "copied to the clipboard (OSC 52)"),
                        Err(error) => tracing::warn!(what, %error, "copy failed"),
                    }
                }
                Cmd::Quit => {}
            }
        }
        if app.quit {
            return Ok(());
        }
    }
}

/// The OSC 52 sequence that puts `text` on the terminal's clipboard
/// (`ESC ] 52 ; c ; base64 ESC \`). Inside tmux the same sequence follows, wrapped
/// in tmux's passthrough (`ESC P tmux; … ESC \`, each ESC doubled), so it reaches
/// the outer terminal when tmux has `allow-passthrough on`; with
/// `set-clipboard on`, tmux handles the plain one itself.
pub fn osc52(text: &str, in_tmux: bool) -> String {
    let mut plain = String::new();
    // Writing to a String cannot fail.
    let _ = CopyToClipboard::to_clipboard_from(text.as_bytes()).write_ansi(&mut plain);
    if !in_tmux {
        return plain;
    }
    let wrapped = format!("\x1bPtmux;{}\x1b\\", plain.replace('\x1b', "\x1b\x1b"));
    plain + &wrapped
}

/// Waits for the flight to land, or forever when there is none.
/// One lookup, made ready to show; the heavy part of readying a large answer (the
/// Raw tab's text) runs off the event loop.
async fn fetch(client: Option<Client>, credentials: Credentials) -> LookupResult {
    let Some(client) = client else {
        return Err(ApiError::Config("no client for this environment".into()));
    };
    let lookup = client.customer_get_info(&credentials).await?;
    Ok(if lookup.body.len() <= offload::IN_PLACE_MAX_BYTES {
        Answer::new(lookup)
    } else {
        offload::map(lookup, Answer::new).await
    })
}

async fn join(flight: &mut Option<Flight>) -> (RequestId, Result<LookupResult, JoinError>) {
    let Some(current) = flight.as_mut() else {
        return std::future::pending().await;
    };
    let joined = (&mut current.task).await;
    let id = current.id;
    *flight = None;
    (id, joined)
}

/// Logs what a lookup came to: counts and classes only, never customer data.
fn log_outcome(id: RequestId, started: Option<Instant>, result: &LookupResult) {
    let elapsed_ms = started.map_or(0, |s| s.elapsed().as_millis());
    match result {
        Ok(answer) => tracing::info!(
            request = id,
            elapsed_ms,
            customers = answer.lookup.customers.len(),
            "lookup answered"
        ),
        Err(error) => tracing::warn!(
            request = id,
            elapsed_ms,
            class = error.class(),
            "lookup failed"
        ),
    }
}

/// Whether an event is the agent's doing (and so postpones the idle lock).
fn is_input(event: &Event) -> bool {
    use ratatui::crossterm::event::{KeyEventKind, MouseEventKind};
    match event {
        // Only presses count, as in the app: Windows also reports releases, even of
        // keys pressed in another window (Alt-Tab).
        Event::Key(key) => key.kind == KeyEventKind::Press,
        Event::Paste(_) => true,
        // A pointer passing over the window is not the agent at the desk.
        Event::Mouse(mouse) => !matches!(mouse.kind, MouseEventKind::Moved),
        _ => false,
    }
}

fn to_msg(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) => Some(Msg::Key(key)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Mouse(mouse) => Some(Msg::Mouse(mouse)),
        Event::Resize(cols, rows) => Some(Msg::Resize { cols, rows }),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
