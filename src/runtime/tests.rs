//! The loop on a `TestBackend` with a channel for input and paused time: the idle
//! lock is tested over minutes of virtual time, instantly and deterministically.

use crate::i18n::Lang;
use std::time::Duration;

use futures_util::stream;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tokio::sync::mpsc;

use super::*;
use crate::api::{Lookup, Secret, decode_customers};
use crate::app::{Answer, Screen, Settings};
use crate::query::FieldId;

const MINUTE: Duration = Duration::from_secs(60);

/// The date the tests' apps start on.
fn today() -> time::Date {
    time::Date::from_calendar_date(2026, time::Month::November, 27).unwrap()
}

/// A client for the stand-in SkyPostal at `base`.
fn client_at(base: String) -> Client {
    Client::new(&crate::api::ClientConfig::new(
        crate::api::Environment::Custom(base),
    ))
    .unwrap()
}

/// John Doe on display, idle lock after 15 minutes.
fn john_doe() -> App {
    let prefill = crate::demo::prefill();
    let mut app = App::new(Settings::default(), &prefill, today());
    app.update(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    let body = include_bytes!("../../assets/demo/811111.json");
    app.update(Msg::Loaded {
        id: 1,
        reply: Reply::Customer(Ok(Answer::new(Lookup {
            customers: decode_customers(body).unwrap(),
            body: body.to_vec(),
        }))),
        at: time::Time::MIDNIGHT,
    });
    assert!(matches!(app.screen, Screen::Detail(_)));
    app
}

type Sender = mpsc::UnboundedSender<io::Result<Event>>;

fn input() -> (Sender, impl Stream<Item = io::Result<Event>> + Unpin) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    (tx, stream::poll_fn(move |cx| rx.poll_recv(cx)))
}

fn key(c: char) -> io::Result<Event> {
    Ok(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )))
}

fn output(clipboard: &mut Vec<u8>) -> Output<&mut Vec<u8>> {
    Output {
        clipboard,
        in_tmux: false,
        utc_offset: time::UtcOffset::UTC,
        requests_thread: false,
    }
}

/// Inputs that end the loop when `stop` completes; no suspending.
fn stopping<S>(stop: S) -> Inputs<S> {
    Inputs {
        stop,
        suspend: None,
        unread: None,
        pops: None,
    }
}

/// Runs the loop on a 100×30 test terminal until the input quits it, and returns the
/// terminal as left; 20 s without an end fails the test, saying `hung` (a guard
/// against a hang, not a synchronisation).
async fn run_to_the_end(
    app: &mut App,
    clients: &[Client],
    events: impl Stream<Item = io::Result<Event>> + Unpin,
    hung: &str,
) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut clipboard = Vec::new();
    let run = run_loop(
        &mut terminal,
        app,
        clients,
        events,
        stopping(std::future::pending()),
        output(&mut clipboard),
    );
    tokio::time::timeout(Duration::from_secs(20), run)
        .await
        .expect(hung)
        .unwrap();
    terminal
}

fn screen(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    buffer
        .content
        .iter()
        .map(|c| c.symbol())
        .collect::<Vec<_>>()
        .concat()
}

#[tokio::test(start_paused = true)]
async fn idle_lock_wipes_the_customer_after_the_configured_time() {
    let mut app = john_doe();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut clipboard = Vec::new();
    let (_keep_open, events) = input();
    let started = Instant::now();
    let stop = tokio::time::sleep(16 * MINUTE);
    run_loop(
        &mut terminal,
        &mut app,
        &[],
        events,
        stopping(stop),
        output(&mut clipboard),
    )
    .await
    .unwrap();
    assert_eq!(started.elapsed(), 16 * MINUTE);
    assert!(matches!(app.screen, Screen::Locked(_)));
    assert!(app.loaded().is_none() && app.recent.is_empty());
    assert_eq!(app.form.value(FieldId::CustomerKey), "");
    assert_eq!(app.form.value(FieldId::BoxId), "811111");
    let shown = screen(&terminal);
    assert!(
        shown.contains("Locked after 15 min without input"),
        "{shown}"
    );
    assert!(!shown.contains("John"), "{shown}");
}

#[tokio::test(start_paused = true)]
async fn each_key_postpones_the_idle_lock() {
    let mut app = john_doe();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut clipboard = Vec::new();
    let (tx, events) = input();
    tokio::spawn(async move {
        tokio::time::sleep(10 * MINUTE).await;
        let _ = tx.send(key('2'));
        tokio::time::sleep(MINUTE * 60).await;
        drop(tx);
    });
    // 24 minutes in: 14 since the last key, so not locked yet.
    run_loop(
        &mut terminal,
        &mut app,
        &[],
        events,
        stopping(tokio::time::sleep(24 * MINUTE)),
        output(&mut clipboard),
    )
    .await
    .unwrap();
    assert!(matches!(app.screen, Screen::Detail(_)));
    assert!(app.loaded().is_some());
}

#[tokio::test(start_paused = true)]
async fn without_an_idle_lock_setting_the_screen_never_locks() {
    let mut app = john_doe();
    app.settings.idle_lock = None;
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut clipboard = Vec::new();
    let (_keep_open, events) = input();
    run_loop(
        &mut terminal,
        &mut app,
        &[],
        events,
        stopping(tokio::time::sleep(24 * 60 * MINUTE)),
        output(&mut clipboard),
    )
    .await
    .unwrap();
    assert!(matches!(app.screen, Screen::Detail(_)));
}

#[tokio::test(start_paused = true)]
async fn y_writes_the_suite_to_the_clipboard_as_osc_52() {
    let mut app = john_doe();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut clipboard = Vec::new();
    let (tx, events) = input();
    tx.send(key('y')).unwrap();
    tx.send(key('q')).unwrap();
    run_loop(
        &mut terminal,
        &mut app,
        &[],
        events,
        stopping(std::future::pending()),
        output(&mut clipboard),
    )
    .await
    .unwrap();
    // base64("MX811111") = TVg4MTExMTE=
    assert_eq!(clipboard, b"\x1b]52;c;TVg4MTExMTE=\x1b\\");
}

#[test]
fn inside_tmux_the_sequence_is_also_sent_wrapped_for_passthrough() {
    assert_eq!(osc52("MX811111", false), "\x1b]52;c;TVg4MTExMTE=\x1b\\");
    assert_eq!(
        osc52("MX811111", true),
        "\x1b]52;c;TVg4MTExMTE=\x1b\\\x1bPtmux;\x1b\x1b]52;c;TVg4MTExMTE=\x1b\x1b\\\x1b\\"
    );
}

#[test]
fn pointer_motion_does_not_postpone_the_idle_lock_but_clicks_do() {
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mouse = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 1,
            row: 1,
            modifiers: KeyModifiers::NONE,
        })
    };
    assert!(!is_input(&mouse(MouseEventKind::Moved)));
    assert!(is_input(&mouse(MouseEventKind::Down(MouseButton::Left))));
    assert!(is_input(&mouse(MouseEventKind::ScrollDown)));
    assert!(!is_input(&Event::Resize(80, 24)));
}

#[tokio::test]
async fn cancelling_one_request_leaves_the_others_running() {
    let credentials = || {
        std::sync::Arc::new(crate::api::Credentials {
            user_code: 1,
            app_key: Secret::new("k"),
            customer_box_id: 1,
            customer_key: Secret::new("k"),
        })
    };
    let mut flights = Flights::new(false);
    flights.send(1, None, Request::Customer(credentials()));
    flights.send(2, None, Request::Customer(credentials()));
    flights.send(3, None, Request::Customer(credentials()));
    flights.cancel(2);
    let mut landed = Vec::new();
    while !flights.tasks.is_empty() {
        if let Ok((id, _, _)) = flights.next().await {
            landed.push(id);
        }
    }
    landed.sort_unstable();
    assert_eq!(landed, [1, 3]);
    assert!(flights.is_empty());
}

/// An e-mail lookup whose server never answers: Esc cancels it, the connection is
/// dropped, and the form says so.
#[tokio::test]
async fn esc_cancels_an_e_mail_lookup_that_hangs() {
    use tokio::io::AsyncReadExt;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let clients = [client_at(base)];
    let (tx, events) = input();
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut buffer = [0_u8; 4096];
        assert!(stream.read(&mut buffer).await.unwrap() > 0);
        // The request is in and no answer will come: the agent gives up.
        tx.send(Ok(Event::Key(KeyEvent::new(
            KeyCode::Esc,
            KeyModifiers::NONE,
        ))))
        .unwrap();
        // Reads end once the client hangs up.
        while stream.read(&mut buffer).await.unwrap_or(0) > 0 {}
        tx.send(Ok(Event::Key(KeyEvent::new(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL,
        ))))
        .unwrap();
    });
    let prefill = crate::query::Prefill {
        box_id: "johndoe@email.com".into(),
        ..crate::demo::prefill()
    };
    let settings = Settings {
        lookup_at_start: true,
        ..Settings::default()
    };
    let mut app = App::new(settings, &prefill, today());
    let terminal = run_to_the_end(
        &mut app,
        &clients,
        events,
        "the cancelled request let go of the connection",
    )
    .await;
    server.await.unwrap();
    assert!(app.requests.is_empty());
    assert!(app.notice.as_ref().is_some_and(|n| {
        n.text(Lang::En, &crate::app::keys::KeyMap::default())
            .contains("cancelled")
    }));
    assert!(screen(&terminal).contains("Lookup cancelled"));
}

#[test]
fn only_key_presses_postpone_the_idle_lock() {
    use ratatui::crossterm::event::{KeyEventKind, KeyEventState};
    let with_kind = |kind| {
        Event::Key(KeyEvent {
            code: KeyCode::Enter,
            modifiers: KeyModifiers::NONE,
            kind,
            state: KeyEventState::NONE,
        })
    };
    assert!(is_input(&with_kind(KeyEventKind::Press)));
    // Windows reports releases too, including those of keys pressed elsewhere.
    assert!(!is_input(&with_kind(KeyEventKind::Release)));
}

/// A stand-in SkyPostal on 127.0.0.1: John Doe for `customer-get-info`, HTTP 500 for
/// `customer-get-shipments`. Returns its base URL.
async fn failing_shipments_server() -> String {
    stand_in(|head| {
        if head.contains("customer-get-shipments ") {
            ("500 Internal Server Error", String::new())
        } else {
            (
                "200 OK",
                include_str!("../../assets/demo/811111.json").to_string(),
            )
        }
    })
    .await
}

/// A stand-in on 127.0.0.1 that answers each request with what `answer` makes of its
/// head (the status and the body); its base URL.
async fn stand_in(answer: fn(&str) -> (&'static str, String)) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                // The head is enough to route; the body is read and ignored.
                let mut request = Vec::new();
                let mut chunk = [0_u8; 4096];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    let n = stream.read(&mut chunk).await.unwrap();
                    assert!(n > 0, "the client hung up mid-request");
                    request.extend_from_slice(&chunk[..n]);
                }
                let head = String::from_utf8_lossy(&request).into_owned();
                let (status, body) = answer(&head);
                let response = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                stream.write_all(response.as_bytes()).await.unwrap();
                stream.shutdown().await.unwrap();
            });
        }
    });
    format!("http://{addr}/wcf-services")
}

#[tokio::test]
async fn a_failing_shipments_call_leaves_the_profile_and_says_so_in_the_tab() {
    let config = crate::api::ClientConfig {
        timeout: Duration::from_secs(10),
        ..crate::api::ClientConfig::new(crate::api::Environment::Custom(
            failing_shipments_server().await,
        ))
    };
    let client = Client::new(&config).unwrap();
    let mut app = App::new(Settings::default(), &crate::demo::prefill(), today());
    // Each command is carried out as the loop would, one answer at a time.
    let mut cmds = app.update(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    let mut kinds = Vec::new();
    while let Some(cmd) = cmds.pop() {
        if let Cmd::Fetch { id, request, .. } = cmd {
            let reply = send(Some(client.clone()), request).await;
            kinds.push(match &reply {
                Reply::Customer(_) => "customer",
                Reply::Partner(_) => "partner",
                Reply::Shipments(_) => "shipments",
                Reply::Shipment(_) => "shipment",
            });
            cmds.extend(app.update(Msg::Loaded {
                id,
                reply,
                at: time::Time::MIDNIGHT,
            }));
        }
    }
    assert_eq!(kinds, ["customer", "shipments"]);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| ui::render(&app, frame)).unwrap();
    let profile = screen(&terminal);
    assert!(
        profile.contains("John Doe") && profile.contains("Verification"),
        "{profile}"
    );
    assert!(profile.contains("4 Shipments (⚠)"), "{profile}");
    assert!(
        !profile.contains("HTTP 500"),
        "the profile is untouched: {profile}"
    );
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('4'),
        KeyModifiers::NONE,
    )));
    terminal.draw(|frame| ui::render(&app, frame)).unwrap();
    let tab = screen(&terminal);
    assert!(tab.contains("HTTP 500 Internal Server Error"), "{tab}");
}

/// What the keep-alive stand-in saw: each request's connection (numbered in the
/// order they were opened) and its request line.
type Seen = mpsc::UnboundedSender<(usize, String)>;

/// A stand-in SkyPostal on 127.0.0.1 that keeps connections open, answers `HEAD`
/// with an empty 200 and any `POST` with John Doe, and reports every request with
/// the number of the connection it came on. Returns its base URL.
async fn counting_server(seen: Seen) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut opened = 0;
        while let Ok((mut stream, _)) = listener.accept().await {
            let (connection, seen) = (opened, seen.clone());
            opened += 1;
            tokio::spawn(async move {
                let mut buffer = Vec::new();
                let mut chunk = [0_u8; 4096];
                loop {
                    let head_end = loop {
                        if let Some(i) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                            break i + 4;
                        }
                        match stream.read(&mut chunk).await {
                            Ok(n) if n > 0 => buffer.extend_from_slice(&chunk[..n]),
                            _ => return,
                        }
                    };
                    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
                    let length: usize = head
                        .lines()
                        .find_map(|l| {
                            let l = l.to_ascii_lowercase();
                            l.strip_prefix("content-length:")
                                .map(|v| v.trim().parse().unwrap())
                        })
                        .unwrap_or(0);
                    while buffer.len() < head_end + length {
                        match stream.read(&mut chunk).await {
                            Ok(n) if n > 0 => buffer.extend_from_slice(&chunk[..n]),
                            _ => return,
                        }
                    }
                    buffer.drain(..head_end + length);
                    let line = head.lines().next().unwrap_or("").to_string();
                    let body = if line.starts_with("HEAD") {
                        ""
                    } else if line.contains("customer-get-info") {
                        include_str!("../../assets/demo/811111.json")
                    } else {
                        "[]"
                    };
                    let response = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{}",
                        body.len(),
                        if line.starts_with("HEAD") { "" } else { body }
                    );
                    stream.write_all(response.as_bytes()).await.unwrap();
                    let _ = seen.send((connection, line));
                }
            });
        }
    });
    format!("http://{addr}/wcf-services")
}

/// The first lookup does not pay for a new connection: once the first frame is out,
/// a `HEAD` of the base URL, carrying no credentials, opens one, and the lookup sent
/// at Enter goes out on it.
#[tokio::test]
async fn the_first_lookup_goes_out_on_a_connection_opened_before_enter() {
    let (seen_tx, mut seen) = mpsc::unbounded_channel();
    let base = counting_server(seen_tx).await;
    let clients = [client_at(base)];
    let (tx, events) = input();
    let driver = tokio::spawn(async move {
        let (warm, line) = seen.recv().await.unwrap();
        assert!(line.starts_with("HEAD /wcf-services "), "{line}");
        tx.send(Ok(Event::Key(KeyEvent::new(
            KeyCode::Enter,
            KeyModifiers::NONE,
        ))))
        .unwrap();
        let (lookup, line) = seen.recv().await.unwrap();
        assert!(line.contains("customer-get-info"), "{line}");
        tx.send(Ok(Event::Key(KeyEvent::new(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL,
        ))))
        .unwrap();
        (warm, lookup)
    });
    let mut app = App::new(Settings::default(), &crate::demo::prefill(), today());
    run_to_the_end(&mut app, &clients, events, "the loop ended").await;
    let (warm, lookup) = driver.await.unwrap();
    assert_eq!(warm, 0, "the warm-up opened the first connection");
    assert_eq!(lookup, warm, "the lookup went out on the warmed connection");
}

/// The warm-up carries no credentials: a `HEAD` with no body, and only the headers
/// any request has.
#[tokio::test]
async fn the_warm_up_carries_no_credentials() {
    use tokio::io::AsyncReadExt;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/wcf-services", listener.local_addr().unwrap());
    let client = client_at(base);
    let warm = tokio::spawn(async move { client.warm_up().await });
    let (mut stream, _) = listener.accept().await.unwrap();
    let mut request = Vec::new();
    let mut chunk = [0_u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).await.unwrap();
        assert!(n > 0);
        request.extend_from_slice(&chunk[..n]);
    }
    drop(stream);
    let request = String::from_utf8(request).unwrap();
    assert!(
        request.starts_with("HEAD /wcf-services HTTP/1.1\r\n"),
        "{request}"
    );
    let prefill = crate::demo::prefill();
    for secret in [
        prefill.app_key.expose(),
        prefill.customer_key.expose(),
        "396",
    ] {
        assert!(!request.contains(secret), "{request}");
    }
    // The server hung up: a failed warm-up is only logged.
    assert!(warm.await.unwrap().is_err());
}

/// Accounts enough that their list is built off the event loop.
const MANY_ACCOUNTS: usize = offload::IN_PLACE_MAX_ITEMS + 500;

#[tokio::test]
async fn a_partner_answer_with_many_accounts_arrives_listed() {
    let base = stand_in(|_| {
        let account = r#"{"_verify":true,"customer_box_id":811111,"customer_key":"RcvdKeyRcvdKeyRcvdKeyRcvdKeyRcvdKeyRcvdKey0=","customer_first_name":"John","customer_last_name":"Doe"}"#;
        ("200 OK", format!("[{}]", vec![account; MANY_ACCOUNTS].join(",")))
    })
    .await;
    let client = client_at(base);
    let prefill = crate::query::Prefill {
        box_id: "johndoe@email.com".to_string(),
        ..crate::demo::prefill()
    };
    let mut app = App::new(Settings::default(), &prefill, today());
    let cmds = app.update(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    let Some(Cmd::Fetch { id, request, .. }) = cmds.into_iter().next() else {
        panic!("Enter sent no e-mail lookup");
    };
    let reply = send(Some(client), request).await;
    let Reply::Partner(Ok(answer)) = &reply else {
        panic!("the e-mail lookup failed");
    };
    assert_eq!(answer.usable(), MANY_ACCOUNTS);
    // The loop only moves the list into place: every account is there to choose.
    assert!(
        app.update(Msg::Loaded {
            id,
            reply,
            at: time::Time::MIDNIGHT,
        })
        .is_empty()
    );
    let Some(crate::app::Overlay::Accounts { accounts, .. }) = &app.overlay else {
        panic!("no list of accounts");
    };
    assert_eq!(accounts.len(), MANY_ACCOUNTS);
}
