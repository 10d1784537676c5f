//! The event loop: owns the terminal, the input stream, the requests in flight and the
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
use ratatui::layout::Rect;
use tokio::task::{AbortHandle, JoinError, JoinSet};
use tokio::time::Instant;

use std::collections::HashMap;

use crate::api::{ApiError, CallVerdict, Client, Credentials, DateWindow};
use crate::app::{
    Answer, App, Cmd, Msg, Notice, Reply, Request, RequestId, Severity, ShipmentList,
};
use crate::offload;
use crate::setup::SetupError;
use crate::signals::{self, SuspendRequests};
use crate::terminal::Tui;
use crate::ui;

/// How often the spinner advances while a request is in flight (and only then).
const TICK: Duration = Duration::from_millis(100);

/// How long what loads beside a customer (its shipments) waits after the customer's
/// frame: on two cores, its request, the server's answer and its decoding would
/// otherwise compete with that frame on its way to the screen. Far below what an
/// agent notices, since the shipments are a key away.
const ALONGSIDE_DELAY: Duration = Duration::from_millis(25);

/// The requests in flight, by id: each task answers with its id, and each can be
/// aborted on its own.
#[derive(Default)]
struct Flights {
    tasks: JoinSet<(RequestId, Reply)>,
    started: HashMap<RequestId, (Instant, AbortHandle)>,
}

impl Flights {
    fn send(&mut self, id: RequestId, client: Option<Client>, request: Request) {
        let abort = self
            .tasks
            .spawn(async move { (id, send(client, request).await) });
        self.started.insert(id, (Instant::now(), abort));
    }

    /// Aborts request `id`; the others run on.
    fn cancel(&mut self, id: RequestId) {
        if let Some((_, abort)) = self.started.remove(&id) {
            abort.abort();
        }
    }

    fn is_empty(&self) -> bool {
        self.started.is_empty()
    }

    /// How long each request has run.
    fn elapsed(&self) -> Vec<(RequestId, Duration)> {
        self.started
            .iter()
            .map(|(id, (started, _))| (*id, started.elapsed()))
            .collect()
    }

    /// The next request to land with its reply and how long it took, or a failed
    /// task; waits forever when none is in flight.
    async fn next(&mut self) -> Result<(RequestId, Reply, Option<Instant>), JoinError> {
        let Some(joined) = self.tasks.join_next().await else {
            return std::future::pending().await;
        };
        let (id, reply) = joined?;
        let started = self.started.remove(&id).map(|(started, _)| started);
        Ok((id, reply, started))
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
    /// On a real terminal: SIGTSTP and Ctrl-Z suspend (see [`crate::signals`]).
    pub suspend: Option<SuspendRequests>,
}

/// Runs the app until the agent quits or a terminating signal arrives.
/// Completes when a signal arrives whose default would end the process (SIGTERM,
/// SIGHUP, SIGINT, SIGQUIT, SIGUSR1…: see [`signals::terminating`]). Set it up before the terminal is
/// taken over, so that no signal can end the process with the terminal left in raw
/// mode.
pub fn terminating_signal() -> io::Result<impl Future<Output = ()>> {
    signals::terminating()
}

/// `clients` holds one client per entry of `app.settings.environments`, in order;
/// `utc_offset` is the local time zone's, for the times of the recent lookups; `stop`
/// ends the loop (see [`terminating_signal`]); `suspend` is watched from before the
/// terminal was taken over.
pub async fn run(
    terminal: &mut Tui,
    mut app: App,
    clients: Vec<Client>,
    utc_offset: time::UtcOffset,
    stop: impl Future<Output = ()>,
    suspend: SuspendRequests,
) -> io::Result<()> {
    if app.settings.mouse {
        // terminal::restore turns it off again, whatever happens.
        execute!(terminal.backend_mut(), EnableMouseCapture)?;
    }
    let output = Output {
        clipboard: io::stdout(),
        in_tmux: std::env::var_os("TMUX").is_some_and(|v| !v.is_empty()),
        utc_offset,
        suspend: Some(suspend),
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
pub(crate) async fn run_loop<B, E, W>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    clients: &[Client],
    events: E,
    mut output: Output<W>,
    stop: impl Future<Output = ()>,
) -> io::Result<()>
where
    B: Backend,
    B::Error: std::error::Error + Send + Sync + 'static,
    E: Stream<Item = io::Result<Event>> + Unpin,
    W: Write,
{
    let mut flights = Flights::default();
    let mut ticker = tokio::time::interval(TICK);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let size = terminal.size().map_err(io::Error::other)?;
    app.update(Msg::Resize { rows: size.height });
    let idle = app.settings.idle_lock;
    let deadline = |now: Instant| idle.and_then(|d| now.checked_add(d));
    let mut lock_at = deadline(Instant::now());
    let idle_timer = tokio::time::sleep_until(lock_at.unwrap_or_else(Instant::now));
    tokio::pin!(idle_timer);
    tokio::pin!(stop);

    let mut events = events.peekable();
    let mut area = Rect::new(0, 0, size.width, size.height);
    let mut seen_date = local_date(output.utc_offset);
    // Requests that load beside the customer, sent once ALONGSIDE_DELAY has passed.
    let mut alongside: Vec<(RequestId, Option<Client>, Request)> = Vec::new();
    let alongside_timer = tokio::time::sleep_until(Instant::now());
    tokio::pin!(alongside_timer);
    // `--lookup` sends its lookup before the first frame.
    let mut cmds = app.start();
    loop {
        for cmd in std::mem::take(&mut cmds) {
            match cmd {
                Cmd::Fetch {
                    id,
                    environment,
                    request,
                } => {
                    tracing::info!(request = id, environment, "request sent");
                    let client = clients.get(environment).cloned();
                    if request.loads_alongside() {
                        if alongside.is_empty() {
                            alongside_timer
                                .as_mut()
                                .reset(Instant::now() + ALONGSIDE_DELAY);
                        }
                        alongside.push((id, client, request));
                    } else {
                        flights.send(id, client, request);
                    }
                    ticker.reset();
                }
                Cmd::Cancel(id) => {
                    tracing::info!(request = id, "request cancelled");
                    flights.cancel(id);
                    alongside.retain(|(waiting, ..)| *waiting != id);
                }
                Cmd::Suspend => {
                    if output.suspend.is_some() {
                        resume_after_suspend(terminal, app)?;
                    }
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
            }
        }
        if app.quit {
            return Ok(());
        }
        if let Some(text) = crate::logging::take_failure() {
            app.notice = Some(Notice {
                severity: Severity::Warning,
                text,
            });
        }
        // Input already waiting (a paste typed as keys, a barcode reader) is handled
        // before the next frame: one frame per burst, not one per key.
        if !input_waiting(&mut events).await {
            area = terminal
                .draw(|frame| ui::render(app, frame))
                .map_err(io::Error::other)?
                .area;
        }
        let msg = tokio::select! {
            () = &mut alongside_timer, if !alongside.is_empty() => {
                for (id, client, request) in alongside.drain(..) {
                    flights.send(id, client, request);
                }
                continue;
            },
            () = next_suspend(&mut output.suspend) => {
                resume_after_suspend(terminal, app)?;
                continue;
            },
            event = events.next() => match event {
                Some(Ok(event)) => {
                    if is_input(&event)
                        && let Some(at) = deadline(Instant::now())
                    {
                        idle_timer.as_mut().reset(at);
                        lock_at = Some(at);
                    }
                    match to_msg(app, area, event) {
                        Some(msg) => msg,
                        None => continue,
                    }
                }
                Some(Err(error)) => return Err(error),
                None => return Ok(()),
            },
            joined = flights.next() => match joined {
                Ok((id, reply, started)) => {
                    log_outcome(id, started, &reply);
                    let at = time::OffsetDateTime::now_utc().to_offset(output.utc_offset).time();
                    Msg::Loaded { id, reply, at }
                }
                // A panic in the worker is a bug: re-raise it here so the panic hook
                // restores the terminal and reports it, instead of hanging on a spinner.
                Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
                Err(_) => continue,
            },
            _ = ticker.tick(), if !flights.is_empty() => Msg::Tick(flights.elapsed()),
            () = &mut idle_timer, if lock_at.is_some() => {
                // Fires once; the next input arms it again.
                lock_at = None;
                tracing::info!("idle lock: customer data wiped");
                Msg::IdleLock
            },
            () = &mut stop => return Ok(()),
        };
        // The agent's date moves on at midnight (the shipments' default window ends
        // on it); a session that started on another day keeps the app's own.
        let date = local_date(output.utc_offset);
        if date != seen_date {
            seen_date = date;
            app.today = date;
        }
        cmds = app.update(msg);
    }
}

/// The OSC 52 sequence that puts `text` on the terminal's clipboard
/// (`ESC ] 52 ; c ; base64 ESC \`). Inside tmux the same sequence follows, wrapped
/// in tmux's passthrough (`ESC P tmux; … ESC \`, each ESC doubled), so it reaches
/// the outer terminal when tmux has `allow-passthrough on`; with
/// `set-clipboard on`, tmux handles the plain one itself.
pub(crate) fn osc52(text: &str, in_tmux: bool) -> String {
    let mut plain = String::new();
    // Writing to a String cannot fail.
    let _ = CopyToClipboard::to_clipboard_from(text.as_bytes()).write_ansi(&mut plain);
    if !in_tmux {
        return plain;
    }
    let wrapped = format!("\x1bPtmux;{}\x1b\\", plain.replace('\x1b', "\x1b\x1b"));
    plain + &wrapped
}

/// Sends one request of any kind; the answer is tagged with the same kind.
async fn send(client: Option<Client>, request: Request) -> Reply {
    let Some(client) = client else {
        let error = || SetupError::NoClient.into();
        return match request {
            Request::Customer(_) => Reply::Customer(Err(error())),
            Request::Partner { .. } => Reply::Partner(Err(error())),
            Request::Shipments { .. } => Reply::Shipments(Err(error())),
            Request::Shipment { .. } => Reply::Shipment(Err(error())),
        };
    };
    match request {
        Request::Customer(credentials) => Reply::Customer(fetch(&client, &credentials).await),
        Request::Partner {
            user_code,
            app_key,
            email,
        } => Reply::Partner(client.partner_lookup(user_code, &app_key, &email).await),
        Request::Shipments {
            credentials,
            window,
        } => Reply::Shipments(shipments(&client, &credentials, &window).await),
        Request::Shipment { credentials, awb } => {
            Reply::Shipment(client.shipment_info(&credentials, awb).await)
        }
    }
}

/// One lookup, made ready to show; the heavy part of readying a large answer (the
/// Raw tab's text) runs off the event loop.
async fn fetch(client: &Client, credentials: &Credentials) -> Result<Answer, ApiError> {
    let lookup = client.customer_get_info(credentials).await?;
    Ok(if lookup.body.len() <= offload::IN_PLACE_MAX_BYTES {
        Answer::new(lookup)
    } else {
        offload::map(lookup, Answer::new).await
    })
}

/// The shipments, their list readied to draw; for a large answer (tens of thousands
/// of rows, each cell's text made) off the event loop.
async fn shipments(
    client: &Client,
    credentials: &Credentials,
    window: &DateWindow,
) -> Result<CallVerdict<ShipmentList>, ApiError> {
    let lookup = client.customer_get_shipments(credentials, window).await?;
    Ok(if lookup.body.len() <= offload::IN_PLACE_MAX_BYTES {
        ShipmentList::from_lookup(lookup)
    } else {
        offload::map(lookup, ShipmentList::from_lookup).await
    })
}

/// Logs what a request came to: its kind, counts and classes only, never customer
/// data.
fn log_outcome(id: RequestId, started: Option<Instant>, reply: &Reply) {
    let elapsed_ms = started.map_or(0, |s| s.elapsed().as_millis());
    let (kind, answered) = match reply {
        Reply::Customer(result) => ("lookup", result.as_ref().map(|a| a.lookup.customers.len())),
        Reply::Partner(result) => ("e-mail lookup", result.as_ref().map(|l| l.accounts.len())),
        Reply::Shipments(result) => (
            "shipments",
            result.as_ref().map(|verdict| match verdict {
                CallVerdict::Found(list) => list.rows.len(),
                _ => 0,
            }),
        ),
        Reply::Shipment(result) => ("shipment", result.as_ref().map(|l| l.answers.len())),
    };
    match answered {
        Ok(items) => tracing::info!(request = id, elapsed_ms, items, "{kind} answered"),
        Err(error) => tracing::warn!(
            request = id,
            elapsed_ms,
            class = error.class(),
            "{kind} failed"
        ),
    }
}

/// Today in the agent's time zone.
fn local_date(utc_offset: time::UtcOffset) -> time::Date {
    time::OffsetDateTime::now_utc().to_offset(utc_offset).date()
}

/// Waits for SIGTSTP, or forever when suspending is not possible (tests).
async fn next_suspend(suspend: &mut Option<SuspendRequests>) {
    match suspend {
        Some(requests) => requests.next().await,
        None => std::future::pending().await,
    }
}

/// Suspends (see [`signals::suspend`]), then, running again, takes up where it was:
/// mouse reporting back on, the size read again (the window may have changed while
/// stopped) and every cell drawn anew.
fn resume_after_suspend<B>(terminal: &mut Terminal<B>, app: &mut App) -> io::Result<()>
where
    B: Backend,
    B::Error: std::error::Error + Send + Sync + 'static,
{
    signals::suspend()?;
    if app.settings.mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    // `Terminal::clear` would ask the terminal where its cursor is, which a terminal
    // may not answer: clear, and drop the record of the last frame, so the next
    // frame is drawn whole.
    terminal
        .backend_mut()
        .clear_region(ratatui::backend::ClearType::All)
        .map_err(io::Error::other)?;
    terminal.swap_buffers();
    let size = terminal.size().map_err(io::Error::other)?;
    app.update(Msg::Resize { rows: size.height });
    Ok(())
}

/// Whether the next event is ready now. Polled inside the loop's own task, so a
/// stream that is not ready (crossterm's) keeps the waker that later wakes the loop.
async fn input_waiting<E: Stream + Unpin>(events: &mut futures_util::stream::Peekable<E>) -> bool {
    tokio::select! {
        biased;
        next = std::pin::Pin::new(events).peek() => next.is_some(),
        () = std::future::ready(()) => false,
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

/// The message an event means; a mouse event is resolved on the last frame, drawn
/// in `area`.
fn to_msg(app: &App, area: Rect, event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) => Some(Msg::Key(key)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Mouse(mouse) => ui::mouse_msg(app, area, mouse),
        Event::Resize(_, rows) => Some(Msg::Resize { rows }),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
