//! The event loop: owns the terminal, the input stream and the request in flight,
//! and turns the app's commands into effects. No business rules live here.

use std::io;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use ratatui::crossterm::event::{Event, EventStream};
use tokio::signal::unix::{SignalKind, signal};
use tokio::task::{JoinError, JoinHandle};

use crate::api::{ApiError, Client, Lookup};
use crate::app::{App, Cmd, Msg, RequestId};
use crate::terminal::Tui;
use crate::ui;

/// How often the spinner advances while a request is in flight (and only then).
const TICK: Duration = Duration::from_millis(100);

type LookupResult = Result<Lookup, ApiError>;

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

/// Runs the app until the agent quits or a terminating signal arrives.
/// `clients` holds one client per entry of `app.settings.environments`, in order.
pub async fn run(terminal: &mut Tui, mut app: App, clients: Vec<Client>) -> io::Result<()> {
    let mut events = EventStream::new();
    let mut flight: Option<Flight> = None;
    let mut ticker = tokio::time::interval(TICK);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    app.rows = terminal.size()?.height;

    loop {
        terminal.draw(|frame| ui::render(&app, frame))?;
        let started = flight.as_ref().map(|f| f.started);
        let msg = tokio::select! {
            event = events.next() => match event {
                Some(Ok(event)) => match to_msg(event) {
                    Some(msg) => msg,
                    None => continue,
                },
                Some(Err(error)) => return Err(error),
                None => return Ok(()),
            },
            (id, joined) = join(&mut flight) => match joined {
                Ok(result) => {
                    log_outcome(id, started, &result);
                    Msg::Loaded { id, result }
                }
                // A panic in the worker is a bug: re-raise it here so the panic hook
                // restores the terminal and reports it, instead of hanging on a spinner.
                Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
                Err(_) => continue,
            },
            _ = ticker.tick(), if started.is_some() => Msg::Tick {
                elapsed: started.map(|s| s.elapsed()).unwrap_or_default(),
            },
            _ = terminate.recv() => return Ok(()),
            _ = hangup.recv() => return Ok(()),
            _ = interrupt.recv() => return Ok(()),
        };
        for cmd in app.update(msg) {
            match cmd {
                Cmd::Fetch {
                    id,
                    environment,
                    credentials,
                } => {
                    let Some(client) = clients.get(environment).cloned() else {
                        tracing::error!(environment, "no client for this environment");
                        continue;
                    };
                    tracing::info!(request = id, "lookup sent");
                    flight = Some(Flight {
                        id,
                        started: Instant::now(),
                        task: tokio::spawn(
                            async move { client.customer_get_info(&credentials).await },
                        ),
                    });
                    ticker.reset();
                }
                Cmd::Cancel => {
                    tracing::info!("lookup cancelled by the agent");
                    flight = None;
                }
                Cmd::Quit => {}
            }
        }
        if app.quit {
            return Ok(());
        }
    }
}

/// Waits for the flight to land, or forever when there is none.
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
        Ok(lookup) => tracing::info!(
            request = id,
            elapsed_ms,
            customers = lookup.customers.len(),
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

fn to_msg(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) => Some(Msg::Key(key)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(_, rows) => Some(Msg::Resize { rows }),
        _ => None,
    }
}
