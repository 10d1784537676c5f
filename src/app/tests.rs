use ratatui::crossterm::event::{KeyEventState, KeyModifiers};

use super::*;
use crate::api::{Secret, decode_customers};

fn settings(label: &str) -> Settings {
    Settings {
        environments: vec![EnvChoice::new(label, label == "PROD")],
    }
}

const SAMPLE: &str = include_str!("../../assets/demo/811111.json");

fn today() -> time::Date {
    time::Date::from_calendar_date(2026, time::Month::November, 27).unwrap()
}

fn docs_prefill() -> Prefill {
    Prefill {
        user_code: "396".into(),
        app_key: Secret::new("1656d700707ad9a77f737e5df3db088a"),
        box_id: "811111".into(),
        customer_key: Secret::new("YpbCNpzqxYqVWv+tzg4e4Ex6ALiT+DfKSYA3NY2dZcw="),
    }
}

fn app() -> App {
    App::new(settings("DEMO"), &docs_prefill(), today())
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(key(KeyCode::Char(c)));
    }
}

fn sample() -> Vec<Customer> {
    decode_customers(SAMPLE.as_bytes()).unwrap()
}

/// Submits the form and answers the request with `result`.
fn answer(app: &mut App, result: Result<Lookup, ApiError>) {
    let cmds = app.update(key(KeyCode::Enter));
    let Some(Cmd::Fetch { id, .. }) = cmds.first() else {
        panic!("Enter did not fetch: {cmds:?}");
    };
    app.update(Msg::Loaded { id: *id, result });
}

fn customers(list: Vec<Customer>) -> Result<Lookup, ApiError> {
    Ok(Lookup {
        customers: list,
        body: Vec::new(),
    })
}

#[test]
fn enter_sends_the_typed_credentials() {
    let mut app = app();
    let cmds = app.update(key(KeyCode::Enter));
    assert_eq!(
        cmds,
        vec![Cmd::Fetch {
            id: 1,
            environment: 0,
            credentials: Credentials {
                user_code: 396,
                app_key: Secret::new("1656d700707ad9a77f737e5df3db088a"),
                customer_box_id: 811_111,
                customer_key: Secret::new("YpbCNpzqxYqVWv+tzg4e4Ex6ALiT+DfKSYA3NY2dZcw="),
            },
        }]
    );
    assert!(app.is_loading());
}

#[test]
fn invalid_fields_block_sending_and_say_why_on_the_field() {
    let mut app = App::new(settings("TEST"), &Prefill::default(), today());
    type_text(&mut app, "abc");
    assert!(app.update(key(KeyCode::Enter)).is_empty());
    assert_eq!(
        app.form.error(FieldId::UserCode),
        Some("must be a positive whole number")
    );
    assert_eq!(app.form.error(FieldId::AppKey), Some("required"));
    assert_eq!(app.form.error(FieldId::BoxId), Some("required"));
    assert_eq!(app.form.focus(), FieldId::UserCode);
    assert!(!app.is_loading());
    // Editing the field clears its message; the others stay until the next try.
    app.update(key(KeyCode::Backspace));
    assert_eq!(app.form.error(FieldId::UserCode), None);
    assert_eq!(app.form.error(FieldId::AppKey), Some("required"));
}

#[test]
fn zero_box_id_is_refused_and_focus_moves_to_it() {
    let mut app = app();
    app.form.set_focus(FieldId::BoxId);
    app.update(ctrl('u'));
    type_text(&mut app, "0");
    app.form.set_focus(FieldId::UserCode);
    assert!(app.update(key(KeyCode::Enter)).is_empty());
    assert_eq!(app.form.focus(), FieldId::BoxId);
}

#[test]
fn odd_key_shapes_warn_but_still_send() {
    let mut app = app();
    app.form.set_focus(FieldId::CustomerKey);
    app.update(ctrl('u'));
    type_text(&mut app, "short");
    assert_eq!(
        app.form.warning(FieldId::CustomerKey),
        Some("customer keys are usually 44 base64 characters")
    );
    assert_eq!(app.form.warning(FieldId::AppKey), None);
    assert!(matches!(
        app.update(key(KeyCode::Enter)).as_slice(),
        [Cmd::Fetch { .. }]
    ));
}

#[test]
fn focus_cycles_with_tab_and_arrows() {
    let mut app = app();
    assert_eq!(app.form.focus(), FieldId::UserCode);
    app.update(key(KeyCode::Tab));
    assert_eq!(app.form.focus(), FieldId::AppKey);
    app.update(key(KeyCode::Down));
    assert_eq!(app.form.focus(), FieldId::BoxId);
    app.update(key(KeyCode::BackTab));
    app.update(key(KeyCode::Up));
    assert_eq!(app.form.focus(), FieldId::UserCode);
    app.update(key(KeyCode::Up));
    assert_eq!(app.form.focus(), FieldId::CustomerKey);
}

#[test]
fn letters_type_into_fields_instead_of_firing_commands() {
    let mut app = app();
    app.form.set_focus(FieldId::BoxId);
    app.update(ctrl('u'));
    let cmds: Vec<Cmd> = "qr123"
        .chars()
        .flat_map(|c| app.update(key(KeyCode::Char(c))))
        .collect();
    assert!(cmds.is_empty());
    assert!(!app.quit);
    assert_eq!(app.form.value(FieldId::BoxId), "qr123");
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    let mut app = app();
    assert_eq!(app.update(ctrl('c')), vec![Cmd::Quit]);
    assert!(app.quit);
}

#[test]
fn paste_is_trimmed_and_a_pasted_newline_does_not_submit() {
    let mut app = app();
    app.form.set_focus(FieldId::BoxId);
    app.update(ctrl('u'));
    let cmds = app.update(Msg::Paste("  822222\r\n".into()));
    assert!(cmds.is_empty());
    assert!(!app.is_loading());
    assert_eq!(app.form.value(FieldId::BoxId), "822222");
}

#[test]
fn ctrl_r_reveals_and_hides_the_secrets() {
    let mut app = app();
    assert!(!app.form.revealed());
    app.update(ctrl('r'));
    assert!(app.form.revealed());
    app.update(ctrl('r'));
    assert!(!app.form.revealed());
}

#[test]
fn debug_output_never_holds_a_secret() {
    let app = app();
    let debug = format!("{app:?}");
    assert!(!debug.contains("1656d700707ad9a77f737e5df3db088a"));
    assert!(!debug.contains("YpbCNpzqxYqVWv"));
    assert!(debug.contains("811111"));
}

#[test]
fn key_releases_are_ignored() {
    let mut app = app();
    let release = KeyEvent {
        code: KeyCode::Enter,
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Release,
        state: KeyEventState::NONE,
    };
    assert!(app.update(Msg::Key(release)).is_empty());
}

#[test]
fn a_customer_opens_on_the_profile_tab() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    assert_eq!(app.screen, Screen::Detail);
    assert_eq!(app.tab, Tab::Profile);
    assert!(!app.is_loading());
    assert_eq!(
        app.customer().map(Customer::full_name).as_deref(),
        Some("John Doe")
    );
}

#[test]
fn tabs_switch_by_number_tab_and_arrows() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    app.update(key(KeyCode::Char('3')));
    assert_eq!(app.tab, Tab::Phones);
    app.update(key(KeyCode::Tab));
    assert_eq!(app.tab, Tab::Profile);
    app.update(key(KeyCode::Left));
    assert_eq!(app.tab, Tab::Phones);
    app.update(key(KeyCode::BackTab));
    assert_eq!(app.tab, Tab::Addresses);
    app.update(key(KeyCode::Right));
    assert_eq!(app.tab, Tab::Phones);
    app.update(key(KeyCode::Char('1')));
    assert_eq!(app.tab, Tab::Profile);
}

#[test]
fn scrolling_stays_within_the_list() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    app.update(key(KeyCode::Char('3')));
    app.update(key(KeyCode::PageDown));
    assert_eq!(
        app.scroll, 1,
        "two phones: the last one may be first on screen"
    );
    app.update(key(KeyCode::Down));
    assert_eq!(app.scroll, 1);
    app.update(key(KeyCode::Home));
    assert_eq!(app.scroll, 0);
    app.update(key(KeyCode::Up));
    assert_eq!(app.scroll, 0);
    app.update(key(KeyCode::End));
    assert_eq!(app.scroll, 1);
    app.update(key(KeyCode::Char('2')));
    assert_eq!(app.scroll, 0, "a new tab starts at the top");
}

#[test]
fn esc_goes_back_to_the_form_with_every_value_kept() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    app.update(key(KeyCode::Esc));
    assert_eq!(app.screen, Screen::Form);
    assert_eq!(app.form.value(FieldId::BoxId), "811111");
    assert_eq!(
        app.form.value(FieldId::CustomerKey),
        "YpbCNpzqxYqVWv+tzg4e4Ex6ALiT+DfKSYA3NY2dZcw="
    );
}

#[test]
fn r_fetches_again_and_q_quits_from_the_detail_view() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    assert!(matches!(
        app.update(key(KeyCode::Char('r'))).as_slice(),
        [Cmd::Fetch { id: 2, .. }]
    ));
    assert_eq!(app.update(key(KeyCode::Char('q'))), vec![Cmd::Quit]);
}

#[test]
fn a_stale_result_is_ignored() {
    let mut app = app();
    app.update(key(KeyCode::Enter));
    app.update(key(KeyCode::Enter));
    app.update(Msg::Loaded {
        id: 1,
        result: customers(sample()),
    });
    assert_eq!(app.screen, Screen::Form);
    assert_eq!(app.in_flight.as_ref().map(|f| f.id), Some(2));
}

#[test]
fn esc_cancels_the_request_in_flight() {
    let mut app = app();
    app.update(key(KeyCode::Enter));
    assert_eq!(app.update(key(KeyCode::Esc)), vec![Cmd::Cancel]);
    assert!(!app.is_loading());
    assert!(
        app.notice
            .as_ref()
            .is_some_and(|n| n.text.contains("cancelled"))
    );
    // The cancelled request's answer, should it still arrive, changes nothing.
    app.update(Msg::Loaded {
        id: 1,
        result: customers(sample()),
    });
    assert_eq!(app.screen, Screen::Form);
}

#[test]
fn ticks_advance_the_spinner_only_while_loading() {
    let mut app = app();
    app.update(Msg::Tick {
        elapsed: Duration::from_secs(1),
    });
    assert!(app.in_flight.is_none());
    app.update(key(KeyCode::Enter));
    app.update(Msg::Tick {
        elapsed: Duration::from_millis(1300),
    });
    let flight = app.in_flight.as_ref().unwrap();
    assert_eq!(
        (flight.spinner, flight.elapsed),
        (1, Duration::from_millis(1300))
    );
}

#[test]
fn a_failure_lands_on_the_form_with_its_sentence() {
    let mut app = app();
    let error = ApiError::Timeout {
        after: Duration::from_secs(2),
        host: "api-box-test.skypostal.com".into(),
    };
    answer(&mut app, Err(error));
    assert_eq!(app.screen, Screen::Form);
    let notice = app.notice.clone().unwrap();
    assert_eq!(notice.severity, Severity::Error);
    assert!(
        notice.text.contains("timed out after 2 s"),
        "{}",
        notice.text
    );
    assert_eq!(app.form.value(FieldId::BoxId), "811111");
}

#[test]
fn an_empty_answer_says_no_customer_found() {
    let mut app = app();
    answer(&mut app, customers(vec![]));
    let notice = app.notice.clone().unwrap();
    assert_eq!(notice.text, "No customer found for box id 811111 in DEMO.");
    assert_eq!(app.screen, Screen::Form);
}

#[test]
fn an_unverified_customer_means_rejected_credentials() {
    let body = br#"[{"_verify":false,"error":{"error_description":"Invalid session","error_location":"x","system_error":false}}]"#;
    let mut app = app();
    answer(&mut app, customers(decode_customers(body).unwrap()));
    let notice = app.notice.clone().unwrap();
    assert_eq!(notice.severity, Severity::Warning);
    assert!(notice.text.contains("rejected these customer credentials"));
    assert!(notice.text.ends_with("Invalid session"));
}

#[test]
fn a_system_error_says_the_failure_is_skypostals() {
    let body = br#"[{"_verify":false,"error":{"error_description":"Database timeout","error_location":"x","system_error":true}}]"#;
    let mut app = app();
    answer(&mut app, customers(decode_customers(body).unwrap()));
    let notice = app.notice.clone().unwrap();
    assert_eq!(notice.severity, Severity::SystemError);
    assert!(notice.text.contains("on its side"));
    assert!(notice.text.contains("Database timeout"));
}

#[test]
fn several_customers_offer_a_choice() {
    let mut second = sample().remove(0);
    second.customer_first_name = crate::api::Text::new("Jane");
    let mut app = app();
    answer(&mut app, customers(vec![sample().remove(0), second]));
    assert_eq!(app.screen, Screen::Choose);
    app.update(key(KeyCode::Down));
    app.update(key(KeyCode::Down));
    assert_eq!(app.selected, 1, "the selection stops at the last customer");
    app.update(key(KeyCode::Enter));
    assert_eq!(app.screen, Screen::Detail);
    assert_eq!(
        app.customer().map(Customer::full_name).as_deref(),
        Some("Jane Doe")
    );
    app.update(key(KeyCode::Esc));
    assert_eq!(app.screen, Screen::Choose);
    app.update(key(KeyCode::Esc));
    assert_eq!(app.screen, Screen::Form);
}
