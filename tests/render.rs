//! Render snapshots of every screen at 80x24 and 120x40, plus styled-cell checks of the
//! colour-critical cells (text snapshots do not show colour).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use skyview::api::{ApiError, Customer, Lookup, Secret, decode_customers};
use skyview::app::{App, Cmd, EnvChoice, Msg, Prefill, Settings};

fn settings(label: &str) -> Settings {
    Settings {
        environments: vec![EnvChoice::new(label, label == "PROD")],
    }
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn fixture(box_id: u64) -> Vec<Customer> {
    let body = match box_id {
        811_111 => include_str!("../assets/demo/811111.json"),
        822_222 => include_str!("../assets/demo/822222.json"),
        833_333 => include_str!("../assets/demo/833333.json"),
        844_444 => include_str!("../assets/demo/844444.json"),
        _ => panic!("no fixture for {box_id}"),
    };
    decode_customers(body.as_bytes()).unwrap()
}

fn app_for(box_id: u64) -> App {
    let prefill = Prefill {
        user_code: "396".into(),
        app_key: Secret::new("1656d700707ad9a77f737e5df3db088a"),
        box_id: box_id.to_string(),
        customer_key: Secret::new("YpbCNpzqxYqVWv+tzg4e4Ex6ALiT+DfKSYA3NY2dZcw="),
    };
    let today = time::Date::from_calendar_date(2026, time::Month::November, 27).unwrap();
    App::new(settings("DEMO"), &prefill, today)
}

fn press(app: &mut App, code: KeyCode) -> Vec<Cmd> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// Submits the form and answers with `result`.
fn answered(mut app: App, result: Result<Lookup, ApiError>) -> App {
    let Some(Cmd::Fetch { id, .. }) = press(&mut app, KeyCode::Enter).pop() else {
        panic!("Enter did not fetch");
    };
    app.update(Msg::Loaded { id, result });
    app
}

fn loaded(box_id: u64) -> App {
    answered(
        app_for(box_id),
        Ok(Lookup {
            customers: fixture(box_id),
            body: Vec::new(),
        }),
    )
}

fn draw(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| skyview::ui::render(app, frame))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// Snapshots the app at both sizes, named `{name}_{w}x{h}`.
fn snapshot(name: &str, app: &App) {
    for (width, height) in SIZES {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| skyview::ui::render(app, frame))
            .unwrap();
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), terminal.backend());
    }
}

fn screen_text(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width);
    buffer
        .content
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The cell where `needle` starts on screen.
fn find(buffer: &Buffer, needle: &str) -> (u16, u16) {
    let first = needle.chars().next().unwrap().to_string();
    let width = buffer.area.width;
    for y in 0..buffer.area.height {
        for x in 0..width {
            let matches = needle.chars().enumerate().all(|(i, c)| {
                let x = x + i as u16;
                x < width && buffer[(x, y)].symbol() == c.to_string()
            });
            if matches && buffer[(x, y)].symbol() == first {
                return (x, y);
            }
        }
    }
    panic!("{needle:?} not on screen:\n{}", screen_text(buffer));
}

#[test]
fn form_prefilled_for_the_demo() {
    snapshot("form", &app_for(811_111));
}

#[test]
fn form_with_secrets_revealed() {
    let mut app = app_for(811_111);
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('r'),
        KeyModifiers::CONTROL,
    )));
    snapshot("form_revealed", &app);
}

#[test]
fn form_with_validation_messages() {
    let today = time::Date::from_calendar_date(2026, time::Month::November, 27).unwrap();
    let mut app = App::new(settings("TEST"), &Prefill::default(), today);
    for c in "39x".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Tab);
    for c in "not-hex".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    snapshot("form_invalid", &app);
}

#[test]
fn loading_shows_spinner_and_elapsed_time() {
    let mut app = app_for(811_111);
    press(&mut app, KeyCode::Enter);
    app.update(Msg::Tick {
        elapsed: Duration::from_millis(1250),
    });
    snapshot("loading", &app);
}

#[test]
fn john_doe_profile_addresses_and_phones() {
    let mut app = loaded(811_111);
    snapshot("john_doe_profile", &app);
    press(&mut app, KeyCode::Char('2'));
    snapshot("john_doe_addresses", &app);
    press(&mut app, KeyCode::Char('3'));
    snapshot("john_doe_phones", &app);
}

#[test]
fn unverified_items_are_counted_and_explained() {
    let mut app = loaded(822_222);
    snapshot("unverified_profile", &app);
    press(&mut app, KeyCode::Char('2'));
    snapshot("unverified_addresses", &app);
    press(&mut app, KeyCode::Char('3'));
    snapshot("unverified_phones", &app);
}

#[test]
fn inactive_disabled_customer_with_an_error_object() {
    snapshot("inactive_profile", &loaded(833_333));
}

#[test]
fn non_ascii_names_and_many_addresses() {
    let mut app = loaded(844_444);
    snapshot("non_ascii_profile", &app);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Down);
    snapshot("non_ascii_addresses_scrolled", &app);
}

#[test]
fn a_failure_keeps_the_form_and_says_what_happened() {
    let error = ApiError::Timeout {
        after: Duration::from_secs(15),
        host: "api-box-test.skypostal.com".into(),
    };
    snapshot("error_timeout", &answered(app_for(811_111), Err(error)));
}

#[test]
fn rejected_credentials_and_empty_answers() {
    let rejected = decode_customers(
        br#"[{"_verify":false,"error":{"error_description":"Invalid session: the customer key does not match this box id or has expired","error_location":"customer-get-info","system_error":false}}]"#,
    )
    .unwrap();
    snapshot(
        "error_rejected",
        &answered(
            app_for(811_111),
            Ok(Lookup {
                customers: rejected,
                body: Vec::new(),
            }),
        ),
    );
    snapshot(
        "error_no_customer",
        &answered(
            app_for(811_111),
            Ok(Lookup {
                customers: vec![],
                body: Vec::new(),
            }),
        ),
    );
}

#[test]
fn system_error_is_a_red_banner() {
    let mut customers = fixture(811_111);
    customers[0].customer_phone[1]
        .error
        .as_mut()
        .unwrap()
        .system_error = true;
    let app = answered(
        app_for(811_111),
        Ok(Lookup {
            customers,
            body: Vec::new(),
        }),
    );
    snapshot("system_error", &app);
    let buffer = draw(&app, 80, 24);
    let (x, y) = find(&buffer, "SKYPOSTAL SYSTEM ERROR");
    assert_eq!(buffer[(x, y)].bg, Color::Red);
}

#[test]
fn several_customers_to_choose_from() {
    let mut customers = fixture(811_111);
    customers.extend(fixture(844_444));
    snapshot(
        "choose",
        &answered(
            app_for(811_111),
            Ok(Lookup {
                customers,
                body: Vec::new(),
            }),
        ),
    );
}

#[test]
fn too_small_a_terminal_says_so() {
    let buffer = draw(&loaded(811_111), 20, 5);
    assert!(
        screen_text(&buffer).contains("Terminal too"),
        "{}",
        screen_text(&buffer)
    );
}

#[test]
fn verified_is_green_and_unverified_is_red_and_bold() {
    let mut app = loaded(822_222);
    press(&mut app, KeyCode::Char('2'));
    let buffer = draw(&app, 120, 40);
    let (x, y) = find(&buffer, "✔ VERIFIED");
    assert_eq!(buffer[(x, y)].fg, Color::Green);
    let (x, y) = find(&buffer, "✘ UNVERIFIED");
    assert_eq!(buffer[(x, y)].fg, Color::Red);
    assert!(buffer[(x, y)].modifier.contains(Modifier::BOLD));
}

#[test]
fn prod_badge_is_red() {
    let today = time::Date::from_calendar_date(2026, time::Month::November, 27).unwrap();
    let app = App::new(settings("PROD"), &Prefill::default(), today);
    let buffer = draw(&app, 80, 24);
    let (x, y) = find(&buffer, "PROD");
    assert_eq!(buffer[(x, y)].bg, Color::Red);
}
