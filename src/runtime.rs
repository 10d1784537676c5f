//! The event loop: owns the terminal, the input stream, the requests in flight and the
//! idle-lock deadline, and turns the app's commands into effects (a request, a
//! cancel, OSC 52 on the terminal). No business rules live here.

use std::collections::HashMap;
use std::future::Future;
use std::io::{self, Write};
use std::pin::Pin;
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use futures_util::stream::Peekable;
use futures_util::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::Command;
use ratatui::crossterm::clipboard::CopyToClipboard;
use ratatui::crossterm::event::{EnableMouseCapture, Event, EventStream};
use ratatui::crossterm::{execute, queue};
use ratatui::layout::Rect;
use tokio::sync::mpsc;
use tokio::task::{AbortHandle, JoinError, JoinSet};
use tokio::time::{Instant, Sleep};

use crate::api::{ApiError, CallVerdict, Client, Credentials, DateWindow};
use crate::app::{
    Answer, App, Cmd, Msg, Notice, PartnerAnswer, Reply, Request, RequestId, ShipmentList,
};
use crate::i18n::{Decimal, Lang};
use crate::offload;
use crate::pop::{self, Pop};
use crate::query::EmailQuery;
use crate::setup::SetupError;
use crate::signals::{self, SuspendRequests};
use crate::terminal::{Tui, Unread};
use crate::ui;
use when_woken::WhenWoken;

mod when_woken;

/// How often the spinner advances while a request is in flight (and only then).
const TICK: Duration = Duration::from_millis(100);

/// How long what loads beside a customer (its shipments) waits after the customer's
/// frame: on two cores, its request, the server's answer and its decoding would
/// otherwise compete with that frame on its way to the screen. Far below what an
/// agent notices, since the shipments are a key away.
const ALONGSIDE_DELAY: Duration = Duration::from_millis(25);

/// How long a connection counts as warm after a request: the connection pool keeps
/// an idle connection for 90 s, so a minute leaves a margin.
const WARM_FOR: Duration = Duration::from_secs(60);

/// A pop within this long of the agent's last input waits behind a banner instead of
/// replacing what the agent is doing.
const TYPING: Duration = Duration::from_secs(30);

/// The runtime requests are spawned on: the loop's own, or the requests' thread once
/// started.
enum Net {
    Here,
    NotStarted,
    Thread(tokio::runtime::Handle),
}

impl Net {
    /// The requests' thread's runtime, started if need be; `None` for the loop's own
    /// (also when no thread can be had).
    fn handle(&mut self) -> Option<&tokio::runtime::Handle> {
        if let Net::NotStarted = self {
            *self = match start_requests_thread() {
                Ok(handle) => Net::Thread(handle),
                Err(error) => {
                    tracing::warn!(%error, "no thread for requests: they run on the loop's");
                    Net::Here
                }
            };
        }
        match self {
            Net::Thread(handle) => Some(handle),
            Net::Here | Net::NotStarted => None,
        }
    }
}

/// A thread with a single-threaded runtime that runs until the process ends; its
/// handle spawns tasks on it. Idle, it waits on its sockets and timers only.
fn start_requests_thread() -> io::Result<tokio::runtime::Handle> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let handle = runtime.handle().clone();
    std::thread::Builder::new()
        .name("skyview-net".into())
        .spawn(move || runtime.block_on(std::future::pending::<()>()))?;
    Ok(handle)
}

/// The requests in flight, by id: each task answers with its id, and each can be
/// aborted on its own.
struct Flights {
    net: Net,
    tasks: JoinSet<(RequestId, Reply)>,
    started: HashMap<RequestId, (Instant, AbortHandle)>,
}

impl Flights {
    fn new(own_thread: bool) -> Self {
        Self {
            net: if own_thread {
                Net::NotStarted
            } else {
                Net::Here
            },
            tasks: JoinSet::new(),
            started: HashMap::new(),
        }
    }

    fn send(&mut self, id: RequestId, client: Option<Client>, request: Request) {
        let task = async move { (id, send(client, request).await) };
        let abort = match self.net.handle() {
            Some(net) => self.tasks.spawn_on(task, net),
            None => self.tasks.spawn(task),
        };
        self.started.insert(id, (Instant::now(), abort));
    }

    /// Warms `client`'s connection up (see [`Cmd::WarmUp`]): a task of its own, whose
    /// outcome only the log hears of.
    fn warm_up(&mut self, client: Client) {
        let task = async move {
            if let Err(error) = client.warm_up().await {
                tracing::debug!(class = error.class(), "warm-up failed");
            }
        };
        // Not awaited: the handle is let go of.
        drop(match self.net.handle() {
            Some(net) => net.spawn(task),
            None => tokio::spawn(task),
        });
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
pub(crate) struct Output<W> {
    /// Receives the OSC 52 copy sequences (the terminal's own output stream).
    pub clipboard: W,
    /// Inside tmux: also send the passthrough-wrapped sequence.
    pub in_tmux: bool,
    /// The local time zone's offset, for the times of the recent lookups.
    pub utc_offset: time::UtcOffset,
    /// Requests run on a thread of their own, with a runtime of its own, started by
    /// the first request (the warm-up, after the first frame): reading an answer from
    /// the socket, up to 8 MiB, never holds the event loop's thread. `false` in tests:
    /// on the loop's own runtime, whose clock they pause.
    pub requests_thread: bool,
}

/// What reaches the loop from outside besides the terminal's events, watched from
/// before the terminal was taken over.
pub(crate) struct Inputs<S> {
    /// Ends the loop when it completes (see [`terminating_signal`]).
    pub stop: S,
    /// On a real terminal: SIGTSTP and Ctrl-Z suspend (see [`crate::signals`]);
    /// `None` where suspending is not possible (tests).
    pub suspend: Option<SuspendRequests>,
    /// On a real terminal: input crossterm left unread (see [`Unread`]); `None` in
    /// tests, whose input is a channel.
    pub unread: Option<Unread>,
    /// The phone system's calls (`skyview pop`); `None`: not listened for.
    pub pops: Option<Pops>,
}

/// Where the phone system's calls come in: this user's place for pop endpoints, and
/// the channel the endpoint hands each pop to. Set up before the terminal is taken
/// over; the endpoint itself is bound after the first frame (`skyview pop` retries
/// for a second), so listening never delays that frame.
pub(crate) struct Pops {
    place: pop::Place,
    sender: mpsc::Sender<Pop>,
    received: mpsc::Receiver<Pop>,
    /// The endpoint once bound, kept for as long as the loop runs, and the index of
    /// the environment it listens for.
    bound: Option<(Option<pop::Endpoint>, usize)>,
}

impl Pops {
    /// Pops for this user, through `place`.
    pub(crate) fn new(place: pop::Place) -> Self {
        let (sender, received) = mpsc::channel(4);
        Self {
            place,
            sender,
            received,
            bound: None,
        }
    }

    /// Listens for the environment the app is in, once; tells the app when another
    /// window listens there already (then `true`: the frame needs drawing again).
    /// Failing to listen leaves the app as it is, without pops, and says so in the log.
    fn listen(&mut self, app: &mut App) -> bool {
        if self.bound.is_some() {
            return false;
        }
        let environment = app.environment_index;
        let name = pop::endpoint_name(&app.environment().label);
        let (endpoint, taken) = match pop::Endpoint::bind(&self.place, &name, self.sender.clone()) {
            Ok(pop::Bound::Listening(endpoint)) => (Some(endpoint), false),
            Ok(pop::Bound::Taken) => {
                tracing::info!(
                    endpoint = name,
                    "another window takes this environment's pops"
                );
                // Only the header changes: no command comes of it.
                let _ = app.update(Msg::PopsElsewhere);
                (None, true)
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for pops");
                (None, false)
            }
        };
        self.bound = Some((endpoint, environment));
        taken
    }

    /// The next pop, with the environment it came for; never completes without an
    /// endpoint.
    async fn next(pops: &mut Option<Self>) -> (Pop, usize) {
        if let Some(pops) = pops
            && let Some((Some(_), environment)) = pops.bound
            && let Some(pop) = pops.received.recv().await
        {
            return (pop, environment);
        }
        std::future::pending().await
    }
}

/// Runs the app until the agent quits or a terminating signal arrives.
/// Completes when a signal arrives whose default would end the process (SIGTERM,
/// SIGHUP, SIGINT, SIGQUIT, SIGUSR1…: see [`signals::terminating`]). Set it up before the terminal is
/// taken over, so that no signal can end the process with the terminal left in raw
/// mode.
pub(crate) fn terminating_signal() -> io::Result<impl Future<Output = ()>> {
    signals::terminating()
}

/// `clients` holds one client per entry of `app.settings.environments`, in order;
/// `utc_offset` is the local time zone's, for the times of the recent lookups.
pub(crate) async fn run(
    terminal: &mut Tui,
    mut app: App,
    clients: Vec<Client>,
    utc_offset: time::UtcOffset,
    inputs: Inputs<impl Future<Output = ()>>,
) -> io::Result<()> {
    if app.settings.mouse {
        // Written with the first frame, in the same write. terminal::restore turns
        // it off again, whatever happens.
        queue!(terminal.backend_mut(), EnableMouseCapture)?;
    }
    // crossterm's reader (a thread, the terminal opened again) starts when the loop
    // first asks for input, after the first frame: what is typed meanwhile waits in
    // the terminal, which raw mode did not flush. A resize meanwhile, before the
    // reader listened for one, is told once it does.
    let area_at_start = terminal.get_frame().area();
    let mut reader: Option<EventStream> = None;
    let events = futures_util::stream::poll_fn(move |cx| {
        let reader = match &mut reader {
            Some(reader) => reader,
            None => {
                let started = reader.insert(EventStream::new());
                if let Ok((columns, rows)) = ratatui::crossterm::terminal::size()
                    && (columns, rows) != (area_at_start.width, area_at_start.height)
                {
                    return Poll::Ready(Some(Ok(Event::Resize(columns, rows))));
                }
                started
            }
        };
        reader.poll_next_unpin(cx)
    });
    let output = Output {
        clipboard: io::stdout(),
        in_tmux: std::env::var_os("TMUX").is_some_and(|v| !v.is_empty()),
        utc_offset,
        requests_thread: true,
    };
    run_loop(terminal, &mut app, &clients, events, inputs, output).await
}

/// The loop itself, on any backend and input stream (tests use `TestBackend` and a
/// channel): commands carried out, a frame drawn, the next message awaited and given
/// to the app. Returns when the app quits, the input ends, or `inputs.stop`
/// completes.
///
/// Redraws only after a message. Two timers, neither periodic while idle: the spinner
/// ticks only while a request is in flight, and the idle lock is one deadline, moved
/// forward by each key, paste or mouse event, that fires once.
pub(crate) async fn run_loop<B, E, S, W>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    clients: &[Client],
    events: E,
    inputs: Inputs<S>,
    output: Output<W>,
) -> io::Result<()>
where
    B: Backend,
    B::Error: std::error::Error + Send + Sync + 'static,
    E: Stream<Item = io::Result<Event>> + Unpin,
    S: Future<Output = ()>,
    W: Write,
{
    let size = terminal.size().map_err(io::Error::other)?;
    app.update(Msg::Resize { rows: size.height });
    let mut state = Loop::new(clients, output, app.settings.idle_lock, size);
    // Asked only when it may have an event (see `when_woken`).
    let mut events = WhenWoken::new(events).peekable();
    let mut inputs = Inputs {
        stop: std::pin::pin!(inputs.stop),
        suspend: inputs.suspend,
        unread: inputs.unread,
        pops: inputs.pops,
    };
    // `--lookup` sends its lookup before the first frame.
    let mut cmds = app.start();
    let mut first_frame_out = false;
    loop {
        for cmd in std::mem::take(&mut cmds) {
            state.execute(cmd, terminal, app, inputs.suspend.is_some())?;
        }
        if app.quit {
            return Ok(());
        }
        if let Some(failure) = crate::logging::take_failure() {
            cmds = app.update(Msg::Warning(Notice::LogStopped(failure)));
            continue;
        }
        // Input already waiting (a paste typed as keys, a barcode reader) is handled
        // before the next frame: one frame per burst, not one per key. After the
        // burst, what crossterm left unread is read on at once, not at the next key;
        // it leaves some only right after handing an event over, so a frame that
        // follows none (the spinner, an answer) asks the terminal nothing. The first
        // frame asks nothing either: it comes first.
        if !first_frame_out || !input_waiting(&mut events).await {
            if std::mem::take(&mut state.events_since_frame)
                && let Some(unread) = &inputs.unread
                && unread.wake_reader()
            {
                tracing::trace!("input left unread: reader woken");
            }
            state.area = terminal
                .draw(|frame| ui::render(app, frame))
                .map_err(io::Error::other)?
                .area;
            // The first lookup should not pay the handshakes: the connection is
            // opened once the first frame is out (never before it).
            if !first_frame_out {
                first_frame_out = true;
                state.warm_up(app.environment_index);
            }
            // After the first frame only; drawn again when the header has news.
            if let Some(pops) = &mut inputs.pops
                && pops.listen(app)
            {
                continue;
            }
        }
        match state
            .next_msg(terminal, app, &mut events, &mut inputs)
            .await?
        {
            Next::Msg(msg) => cmds = state.update(app, msg),
            Next::Redraw => {}
            Next::End => return Ok(()),
        }
    }
}

/// What the loop waits for next comes to.
enum Next {
    /// A message for the app.
    Msg(Msg),
    /// Nothing for the app, but the frame may need drawing again (requests sent
    /// after their delay, a resume from suspend, an event that means nothing).
    Redraw,
    /// The input ended or a terminating signal arrived.
    End,
}

/// What the loop keeps between messages: the requests in flight, the timers, and
/// where effects go.
struct Loop<'a, W> {
    clients: &'a [Client],
    output: Output<W>,
    flights: Flights,
    /// Advances the spinner while a request is in flight.
    ticker: tokio::time::Interval,
    /// Requests that load beside the customer, sent once `alongside_timer` fires.
    alongside: Vec<(RequestId, Option<Client>, Request)>,
    alongside_timer: Pin<Box<Sleep>>,
    /// How long without input locks the screen (`None`: never).
    idle_lock: Option<Duration>,
    /// When the idle lock fires; `None` once it has, until the next input.
    lock_at: Option<Instant>,
    idle_timer: Pin<Box<Sleep>>,
    /// Where the last frame was drawn: mouse events are resolved on it.
    area: Rect,
    /// The agent's date, as the app was last told it.
    seen_date: time::Date,
    /// When the agent last pressed a key, pasted or used the mouse.
    last_input: Option<Instant>,
    /// The terminal handed an event over since the last frame (see [`Unread`]).
    events_since_frame: bool,
    /// When each environment (by index) was last sent something: a warm-up within
    /// [`WARM_FOR`] of it is not needed.
    last_sent: HashMap<usize, Instant>,
}

impl<'a, W: Write> Loop<'a, W> {
    fn new(
        clients: &'a [Client],
        output: Output<W>,
        idle_lock: Option<Duration>,
        size: ratatui::layout::Size,
    ) -> Self {
        let mut ticker = tokio::time::interval(TICK);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        let now = Instant::now();
        let lock_at = idle_lock.and_then(|d| now.checked_add(d));
        Self {
            clients,
            seen_date: local_date(output.utc_offset),
            flights: Flights::new(output.requests_thread),
            output,
            ticker,
            alongside: Vec::new(),
            alongside_timer: Box::pin(tokio::time::sleep_until(now)),
            idle_lock,
            lock_at,
            idle_timer: Box::pin(tokio::time::sleep_until(lock_at.unwrap_or(now))),
            area: Rect::new(0, 0, size.width, size.height),
            last_input: None,
            events_since_frame: false,
            last_sent: HashMap::new(),
        }
    }

    /// Warms environment `environment`'s connection up (see [`Flights::warm_up`])
    /// unless it was sent something within [`WARM_FOR`].
    fn warm_up(&mut self, environment: usize) {
        let now = Instant::now();
        if self
            .last_sent
            .get(&environment)
            .is_some_and(|sent| now.duration_since(*sent) < WARM_FOR)
        {
            return;
        }
        let Some(client) = self.clients.get(environment).cloned() else {
            return;
        };
        self.last_sent.insert(environment, now);
        self.flights.warm_up(client);
    }

    /// Carries one of the app's commands out.
    fn execute<B>(
        &mut self,
        cmd: Cmd,
        terminal: &mut Terminal<B>,
        app: &mut App,
        can_suspend: bool,
    ) -> io::Result<()>
    where
        B: Backend,
        B::Error: std::error::Error + Send + Sync + 'static,
    {
        match cmd {
            Cmd::Fetch {
                id,
                environment,
                request,
            } => {
                tracing::info!(request = id, environment, "request sent");
                self.last_sent.insert(environment, Instant::now());
                let client = self.clients.get(environment).cloned();
                if request.loads_alongside() {
                    if self.alongside.is_empty() {
                        self.alongside_timer
                            .as_mut()
                            .reset(Instant::now() + ALONGSIDE_DELAY);
                    }
                    self.alongside.push((id, client, request));
                } else {
                    self.flights.send(id, client, request);
                }
                self.ticker.reset();
            }
            Cmd::Cancel(id) => {
                tracing::info!(request = id, "request cancelled");
                self.flights.cancel(id);
                self.alongside.retain(|(waiting, ..)| *waiting != id);
            }
            Cmd::Suspend => {
                if can_suspend {
                    resume_after_suspend(terminal, app)?;
                }
            }
            Cmd::WarmUp { environment } => self.warm_up(environment),
            Cmd::Copy { text, what } => {
                // The log names what was copied, never the text.
                let sequence = osc52(&text, self.output.in_tmux);
                let clipboard = &mut self.output.clipboard;
                match clipboard
                    .write_all(sequence.as_bytes())
                    .and_then(|()| clipboard.flush())
                {
                    Ok(()) => tracing::info!(what, "copied to the clipboard (OSC 52)"),
                    Err(error) => tracing::warn!(what, %error, "copy failed"),
                }
            }
        }
        Ok(())
    }

    /// Waits for whatever comes first: an input, an answer, the spinner's tick, the
    /// idle lock, a signal.
    async fn next_msg<B, E, S>(
        &mut self,
        terminal: &mut Terminal<B>,
        app: &mut App,
        events: &mut Peekable<E>,
        inputs: &mut Inputs<Pin<&mut S>>,
    ) -> io::Result<Next>
    where
        B: Backend,
        B::Error: std::error::Error + Send + Sync + 'static,
        E: Stream<Item = io::Result<Event>> + Unpin,
        S: Future<Output = ()>,
    {
        Ok(tokio::select! {
            () = &mut self.alongside_timer, if !self.alongside.is_empty() => {
                for (id, client, request) in self.alongside.drain(..) {
                    self.flights.send(id, client, request);
                }
                Next::Redraw
            },
            () = next_suspend(&mut inputs.suspend) => {
                resume_after_suspend(terminal, app)?;
                Next::Redraw
            },
            event = events.next() => match event {
                Some(Ok(event)) => {
                    self.events_since_frame = true;
                    if is_input(&event) {
                        self.last_input = Some(Instant::now());
                    }
                    if is_input(&event)
                        && let Some(at) = self.idle_lock.and_then(|d| Instant::now().checked_add(d))
                    {
                        self.idle_timer.as_mut().reset(at);
                        self.lock_at = Some(at);
                    }
                    to_msg(app, self.area, event).map_or(Next::Redraw, Next::Msg)
                }
                Some(Err(error)) => return Err(error),
                None => Next::End,
            },
            joined = self.flights.next() => match joined {
                Ok((id, reply, started)) => {
                    log_outcome(id, started, &reply);
                    let at = time::OffsetDateTime::now_utc()
                        .to_offset(self.output.utc_offset)
                        .time();
                    Next::Msg(Msg::Loaded { id, reply, at })
                }
                // A panic in the worker is a bug: re-raise it here so the panic hook
                // restores the terminal and reports it, instead of hanging on a spinner.
                Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
                Err(_) => Next::Redraw,
            },
            _ = self.ticker.tick(), if !self.flights.is_empty() => {
                Next::Msg(Msg::Tick(self.flights.elapsed()))
            },
            () = &mut self.idle_timer, if self.lock_at.is_some() => {
                // Fires once; the next input arms it again.
                self.lock_at = None;
                tracing::info!("idle lock: customer data wiped");
                Next::Msg(Msg::IdleLock)
            },
            (pop, environment) = Pops::next(&mut inputs.pops) => {
                // A pop is no input of the agent's: the idle lock keeps its deadline.
                let recently_typed = self
                    .last_input
                    .is_some_and(|at| at.elapsed() < TYPING);
                Next::Msg(Msg::Pop { pop, environment, recently_typed })
            },
            () = &mut inputs.stop => Next::End,
        })
    }

    /// Gives `msg` to the app, after the new date when midnight has passed since
    /// the last message.
    fn update(&mut self, app: &mut App, msg: Msg) -> Vec<Cmd> {
        // A session that started on another day than the app's own (tests) keeps the
        // app's date until midnight.
        let date = local_date(self.output.utc_offset);
        let mut cmds = Vec::new();
        if date != self.seen_date {
            self.seen_date = date;
            cmds = app.update(Msg::NewDay(date));
        }
        cmds.extend(app.update(msg));
        cmds
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
            Request::Partner(_) => Reply::Partner(Err(error())),
            Request::Shipments { .. } => Reply::Shipments(Err(error())),
            Request::Shipment { .. } => Reply::Shipment(Err(error())),
        };
    };
    match request {
        Request::Customer(credentials) => Reply::Customer(fetch(&client, &credentials).await),
        Request::Partner(query) => Reply::Partner(partner(&client, query).await),
        Request::Shipments {
            credentials,
            window,
            lang,
            decimal,
        } => Reply::Shipments(shipments(&client, &credentials, &window, lang, decimal).await),
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

/// An e-mail lookup, its accounts listed; for a large answer (tens of thousands of
/// accounts) off the event loop.
async fn partner(client: &Client, query: Arc<EmailQuery>) -> Result<PartnerAnswer, ApiError> {
    let lookup = client
        .partner_lookup(query.user_code, &query.app_key, &query.email)
        .await?;
    Ok(if lookup.accounts.len() <= offload::IN_PLACE_MAX_ITEMS {
        PartnerAnswer::new(lookup, &query)
    } else {
        offload::map((lookup, query), |(lookup, query)| {
            PartnerAnswer::new(lookup, &query)
        })
        .await
    })
}

/// The shipments, their list readied to draw; for a large answer (tens of thousands
/// of rows, each cell's text made) off the event loop.
async fn shipments(
    client: &Client,
    credentials: &Credentials,
    window: &DateWindow,
    lang: Lang,
    decimal: Decimal,
) -> Result<CallVerdict<ShipmentList>, ApiError> {
    let lookup = client.customer_get_shipments(credentials, window).await?;
    Ok(if lookup.body.len() <= offload::IN_PLACE_MAX_BYTES {
        ShipmentList::from_lookup(lookup, lang, decimal)
    } else {
        offload::map((lookup, lang, decimal), |(lookup, lang, decimal)| {
            ShipmentList::from_lookup(lookup, lang, decimal)
        })
        .await
    })
}

/// Logs what a request came to: its kind, counts and classes only, never customer
/// data.
fn log_outcome(id: RequestId, started: Option<Instant>, reply: &Reply) {
    let elapsed_ms = started.map_or(0, |s| s.elapsed().as_millis());
    let (kind, answered) = match reply {
        Reply::Customer(result) => ("lookup", result.as_ref().map(|a| a.lookup.customers.len())),
        Reply::Partner(result) => ("e-mail lookup", result.as_ref().map(PartnerAnswer::usable)),
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
            cause = error.cause_for_log().map(tracing::field::display),
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
async fn input_waiting<E: Stream + Unpin>(events: &mut Peekable<E>) -> bool {
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
