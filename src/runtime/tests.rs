//! The loop on a `TestBackend` with a channel for input and paused time: the idle
//! lock is tested over minutes of virtual time, instantly and deterministically.

use std::time::Duration;

use futures_util::stream;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tokio::sync::mpsc;

use super::*;
use crate::api::{Lookup, Secret, decode_customers};
use crate::app::{Answer, FieldId, Prefill, Screen, Settings};

const MINUTE: Duration = Duration::from_secs(60);

/// John Doe on display, idle lock after 15 minutes.
fn john_doe() -> App {
    let prefill = Prefill {
        user_code: "396".into(),
        app_key: Secret::new("1656d700707ad9a77f737e5df3db088a"),
        box_id: "811111".into(),
        customer_key: Secret::new("YpbCNpzqxYqVWv+tzg4e4Ex6ALiT+DfKSYA3NY2dZcw="),
    };
    let today = time::Date::from_calendar_date(2026, time::Month::November, 27).unwrap();
    let mut app = App::new(Settings::default(), &prefill, today);
    app.update(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    let body = include_bytes!("../../assets/demo/811111.json");
    app.update(Msg::Loaded {
        id: 1,
        result: Ok(Answer::new(Lookup {
            customers: decode_customers(body).unwrap(),
            body: body.to_vec(),
        })),
        at: time::Time::MIDNIGHT,
    });
    assert_eq!(app.screen, Screen::Detail);
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
    }
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
        output(&mut clipboard),
        stop,
    )
    .await
    .unwrap();
    assert_eq!(started.elapsed(), 16 * MINUTE);
    assert_eq!(app.screen, Screen::Locked);
    assert!(app.loaded.is_none() && app.recent.is_empty());
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
        output(&mut clipboard),
        tokio::time::sleep(24 * MINUTE),
    )
    .await
    .unwrap();
    assert_eq!(app.screen, Screen::Detail);
    assert!(app.loaded.is_some());
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
        output(&mut clipboard),
        tokio::time::sleep(24 * 60 * MINUTE),
    )
    .await
    .unwrap();
    assert_eq!(app.screen, Screen::Detail);
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
        output(&mut clipboard),
        std::future::pending(),
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
