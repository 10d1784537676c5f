use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEventState, KeyModifiers};

use super::recent::RECENT_LIMIT;
use super::*;
use crate::api::{
    ApiError, Column, Credentials, DateWindow, Lookup, Secret, ShipmentInfo, ShipmentLookup,
    ShipmentRow, ShipmentsLookup, decode_customers,
};
use crate::app::keys::KeyMap;
use crate::demo::{DEMO_APP_KEY, DEMO_CUSTOMER_KEY};
use crate::i18n::Lang;

fn settings(label: &str) -> Settings {
    Settings {
        environments: vec![EnvChoice::new(label, label == "PROD")],
        ..Settings::default()
    }
}

/// A window of dates as the Shipments tab says it, in English.
fn shown(window: &crate::api::DateWindow) -> String {
    crate::i18n::msg::shipments::window(
        Lang::En,
        window.start_text(),
        window.end_text(),
        window.days(),
    )
}

/// A field's message, in English.
fn field_error(app: &App, field: FieldId) -> Option<String> {
    app.form.error(field).map(|e| e.text(Lang::En))
}

const SAMPLE: &str = include_str!("../../assets/demo/811111.json");

/// What `notice` says, in English with the default keys.
fn english(notice: &Notice) -> String {
    notice.text(Lang::En, &KeyMap::default())
}

fn today() -> time::Date {
    time::Date::from_calendar_date(2026, time::Month::November, 27).unwrap()
}

fn noon() -> time::Time {
    time::Time::from_hms(12, 0, 0).unwrap()
}

fn docs_prefill() -> Prefill {
    crate::demo::prefill()
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

/// The detail view on screen; the test fails when there is none.
fn detail(app: &App) -> &Detail {
    match &app.screen {
        Screen::Detail(detail) => detail,
        other => panic!("not on the detail view: {other:?}"),
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
    app.update(Msg::Loaded {
        id: *id,
        reply: Reply::Customer(result.map(Answer::new)),
        at: noon(),
    });
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
            request: Request::Customer(Arc::new(Credentials {
                user_code: 396,
                app_key: Secret::new(DEMO_APP_KEY),
                customer_box_id: 811_111,
                customer_key: Secret::new(DEMO_CUSTOMER_KEY),
            })),
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
        field_error(&app, FieldId::UserCode).as_deref(),
        Some("must be a positive whole number")
    );
    assert_eq!(
        field_error(&app, FieldId::AppKey).as_deref(),
        Some("required")
    );
    assert_eq!(
        field_error(&app, FieldId::BoxId).as_deref(),
        Some("required")
    );
    assert_eq!(app.form.focus(), FieldId::UserCode);
    assert!(!app.is_loading());
    // Editing the field clears its message; the others stay until the next try.
    app.update(key(KeyCode::Backspace));
    assert_eq!(field_error(&app, FieldId::UserCode).as_deref(), None);
    assert_eq!(
        field_error(&app, FieldId::AppKey).as_deref(),
        Some("required")
    );
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
        app.form
            .warning(FieldId::CustomerKey)
            .map(|w| w.text(Lang::En)),
        Some("customer keys are usually 44 base64 characters")
    );
    assert_eq!(
        app.form.warning(FieldId::AppKey).map(|w| w.text(Lang::En)),
        None
    );
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
    // No command, but the customer field's first character warms the connection.
    assert_eq!(cmds, vec![Cmd::WarmUp { environment: 0 }]);
    assert!(!app.quit);
    assert_eq!(app.form.value(FieldId::BoxId), "qr123");
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    let mut app = app();
    assert!(app.update(ctrl('c')).is_empty());
    assert!(app.quit);
}

#[test]
fn paste_is_trimmed_and_a_pasted_newline_does_not_submit() {
    let mut app = app();
    app.form.set_focus(FieldId::BoxId);
    app.update(ctrl('u'));
    let cmds = app.update(Msg::Paste("  822222\r\n".into()));
    assert_eq!(cmds, vec![Cmd::WarmUp { environment: 0 }]);
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
    assert!(!debug.contains(DEMO_APP_KEY));
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
    assert!(matches!(app.screen, Screen::Detail(_)));
    assert_eq!(detail(&app).tab, Tab::Profile);
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
    assert_eq!(detail(&app).tab, Tab::Phones);
    app.update(key(KeyCode::Tab));
    assert_eq!(detail(&app).tab, Tab::Shipments);
    app.update(key(KeyCode::Tab));
    assert_eq!(detail(&app).tab, Tab::Raw, "Tab cycling reaches Raw");
    app.update(key(KeyCode::Tab));
    assert_eq!(detail(&app).tab, Tab::Profile);
    app.update(key(KeyCode::Left));
    assert_eq!(detail(&app).tab, Tab::Raw);
    app.update(key(KeyCode::Left));
    assert_eq!(detail(&app).tab, Tab::Shipments);
    app.update(key(KeyCode::BackTab));
    assert_eq!(detail(&app).tab, Tab::Phones);
    app.update(key(KeyCode::Char('4')));
    assert_eq!(detail(&app).tab, Tab::Shipments);
    app.update(key(KeyCode::Char('5')));
    assert_eq!(detail(&app).tab, Tab::Raw);
    app.update(key(KeyCode::Char('2')));
    app.update(key(KeyCode::Right));
    assert_eq!(detail(&app).tab, Tab::Phones);
    app.update(key(KeyCode::Char('1')));
    assert_eq!(detail(&app).tab, Tab::Profile);
}

#[test]
fn scrolling_stays_within_the_list() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    app.update(key(KeyCode::Char('3')));
    app.update(key(KeyCode::PageDown));
    assert_eq!(
        detail(&app).scroll,
        1,
        "two phones: the last one may be first on screen"
    );
    app.update(key(KeyCode::Down));
    assert_eq!(detail(&app).scroll, 1);
    app.update(key(KeyCode::Home));
    assert_eq!(detail(&app).scroll, 0);
    app.update(key(KeyCode::Up));
    assert_eq!(detail(&app).scroll, 0);
    app.update(key(KeyCode::End));
    assert_eq!(detail(&app).scroll, 1);
    app.update(key(KeyCode::Char('2')));
    assert_eq!(detail(&app).scroll, 0, "a new tab starts at the top");
}

#[test]
fn esc_goes_back_to_the_form_with_every_value_kept() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    app.update(key(KeyCode::Esc));
    assert!(matches!(app.screen, Screen::Form));
    assert_eq!(app.form.value(FieldId::BoxId), "811111");
    assert_eq!(app.form.value(FieldId::CustomerKey), DEMO_CUSTOMER_KEY);
}

#[test]
fn r_fetches_again_and_q_quits_from_the_detail_view() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    // Request 2 is the customer's shipments, asked for when it came up.
    assert!(matches!(
        app.update(key(KeyCode::Char('r'))).as_slice(),
        [Cmd::Fetch {
            id: 3,
            request: Request::Customer(_),
            ..
        }]
    ));
    assert!(app.update(key(KeyCode::Char('q'))).is_empty());
    assert!(app.quit);
}

#[test]
fn a_letter_with_alt_is_not_the_letter() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    let alt_q = Msg::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT));
    assert!(app.update(alt_q).is_empty());
    assert!(!app.quit);
    let alt_y = Msg::Key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::ALT));
    assert!(app.update(alt_y).is_empty(), "Alt-Y copies nothing");
}

#[test]
fn a_stale_result_is_ignored() {
    let mut app = app();
    app.update(key(KeyCode::Enter));
    // A new lookup replaces the one in flight: that one, and only it, is cancelled.
    assert!(matches!(
        app.update(key(KeyCode::Enter)).as_slice(),
        [Cmd::Cancel(1), Cmd::Fetch { id: 2, .. }]
    ));
    app.update(Msg::Loaded {
        id: 1,
        reply: Reply::Customer(customers(sample()).map(Answer::new)),
        at: noon(),
    });
    assert!(matches!(app.screen, Screen::Form));
    assert_eq!(app.requests.customer().map(|(f, _)| f.id), Some(2));
}

#[test]
fn esc_cancels_the_request_in_flight() {
    let mut app = app();
    app.update(key(KeyCode::Enter));
    assert_eq!(app.update(key(KeyCode::Esc)), vec![Cmd::Cancel(1)]);
    assert!(!app.is_loading());
    assert!(
        app.notice
            .as_ref()
            .is_some_and(|n| english(n).contains("cancelled"))
    );
    // The cancelled request's answer, should it still arrive, changes nothing.
    app.update(Msg::Loaded {
        id: 1,
        reply: Reply::Customer(customers(sample()).map(Answer::new)),
        at: noon(),
    });
    assert!(matches!(app.screen, Screen::Form));
}

#[test]
fn ticks_advance_the_spinner_only_while_loading() {
    let mut app = app();
    app.update(Msg::Tick(vec![(1, Duration::from_secs(1))]));
    assert!(app.requests.is_empty());
    app.update(key(KeyCode::Enter));
    app.update(Msg::Tick(vec![(1, Duration::from_millis(1300))]));
    let (flight, _) = app.requests.customer().unwrap();
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
    assert!(matches!(app.screen, Screen::Form));
    let notice = app.notice.clone().unwrap();
    assert_eq!(notice.severity(), Severity::Error);
    let text = english(&notice);
    assert!(text.contains("timed out after 2 s"), "{text}");
    assert_eq!(app.form.value(FieldId::BoxId), "811111");
}

#[test]
fn an_empty_answer_says_no_customer_found() {
    let mut app = app();
    answer(&mut app, customers(vec![]));
    let notice = app.notice.clone().unwrap();
    assert_eq!(
        english(&notice),
        "No customer found for box id 811111 in DEMO."
    );
    assert!(matches!(app.screen, Screen::Form));
}

#[test]
fn an_unverified_customer_means_rejected_credentials() {
    let body = br#"[{"_verify":false,"error":{"error_description":"Invalid session","error_location":"x","system_error":false}}]"#;
    let mut app = app();
    answer(&mut app, customers(decode_customers(body).unwrap()));
    let notice = app.notice.clone().unwrap();
    assert_eq!(notice.severity(), Severity::Warning);
    let text = english(&notice);
    assert!(text.contains("rejected these customer credentials"));
    assert!(text.ends_with("Invalid session"));
}

#[test]
fn a_system_error_says_the_failure_is_skypostals() {
    let body = br#"[{"_verify":false,"error":{"error_description":"Database timeout","error_location":"x","system_error":true}}]"#;
    let mut app = app();
    answer(&mut app, customers(decode_customers(body).unwrap()));
    let notice = app.notice.clone().unwrap();
    assert_eq!(notice.severity(), Severity::SystemError);
    let text = english(&notice);
    assert!(text.contains("on its side"));
    assert!(text.contains("Database timeout"));
}

#[test]
fn several_customers_offer_a_choice() {
    let mut second = sample().remove(0);
    second.customer_first_name = crate::api::Text::new("Jane");
    let mut app = app();
    answer(&mut app, customers(vec![sample().remove(0), second]));
    assert!(matches!(app.screen, Screen::Choose(_)));
    app.update(key(KeyCode::Down));
    app.update(key(KeyCode::Down));
    assert_eq!(
        app.loaded().unwrap().customers.selected(),
        1,
        "the selection stops at the last customer"
    );
    app.update(key(KeyCode::Enter));
    assert!(matches!(app.screen, Screen::Detail(_)));
    assert_eq!(
        app.customer().map(Customer::full_name).as_deref(),
        Some("Jane Doe")
    );
    app.update(key(KeyCode::Esc));
    assert!(matches!(app.screen, Screen::Choose(_)));
    app.update(key(KeyCode::Esc));
    assert!(matches!(app.screen, Screen::Form));
}

// ---- Environments -------------------------------------------------------------

const PROD_APP_KEY: &str = "ffffffffffffffffffffffffffffffff";

/// TEST without presets, PROD with a preset user code and app key.
fn two_environments() -> App {
    let mut prod = EnvChoice::new("PROD", true);
    prod.user_code = Some("500".into());
    prod.app_key = Some(Secret::new(PROD_APP_KEY));
    let settings = Settings {
        environments: vec![EnvChoice::new("TEST", false), prod],
        ..Settings::default()
    };
    App::new(settings, &docs_prefill(), today())
}

fn f(n: u8) -> Msg {
    key(KeyCode::F(n))
}

#[test]
fn settings_default_to_test_a_15_minute_lock_no_mouse_and_colour() {
    let settings = Settings::default();
    assert_eq!(settings.environments, vec![EnvChoice::test()]);
    assert_eq!(settings.environments[0].label, "TEST");
    assert_eq!(settings.idle_lock, Some(Duration::from_secs(900)));
    assert!(!settings.mouse);
    assert!(settings.color);
}

#[test]
fn f2_switches_environment_applies_presets_and_cancels_the_request() {
    let mut app = two_environments();
    app.notice = Some(Notice::NoAccount { user_code: 1 });
    app.update(key(KeyCode::Enter));
    assert!(app.is_loading());
    // The new environment's connection is warmed up for the next lookup.
    assert_eq!(
        app.update(f(2)),
        vec![Cmd::Cancel(1), Cmd::WarmUp { environment: 1 }]
    );
    assert!(!app.is_loading());
    assert_eq!(app.environment().label, "PROD");
    assert_eq!(app.environment_index, 1);
    assert_eq!(app.form.value(FieldId::UserCode), "500");
    assert_eq!(app.form.value(FieldId::AppKey), PROD_APP_KEY);
    assert_eq!(
        app.form.value(FieldId::BoxId),
        "811111",
        "the customer stays"
    );
    assert!(app.notice.is_none(), "the old notice is cleared");
    // The next lookup goes to PROD's client.
    assert!(matches!(
        app.update(key(KeyCode::Enter)).as_slice(),
        [Cmd::Fetch { environment: 1, .. }]
    ));
    // Ctrl-N is the same key; TEST has no presets: the form keeps what it has.
    assert_eq!(
        app.update(ctrl('n')),
        vec![Cmd::Cancel(2), Cmd::WarmUp { environment: 0 }]
    );
    assert_eq!(app.environment().label, "TEST");
    assert_eq!(app.form.value(FieldId::UserCode), "500");
}

#[test]
fn f2_works_from_the_detail_view_and_brings_the_form_up() {
    let mut app = two_environments();
    answer(&mut app, customers(sample()));
    // The customer's shipments, still in flight, are not waited for.
    assert_eq!(
        app.update(f(2)),
        vec![Cmd::Cancel(2), Cmd::WarmUp { environment: 1 }]
    );
    assert!(matches!(app.screen, Screen::Form));
    assert!(
        app.loaded().is_none(),
        "the old environment's customer goes"
    );
    assert_eq!(
        app.toast_text(Lang::En).as_deref(),
        Some("Environment: PROD")
    );
}

#[test]
fn f2_with_a_single_environment_says_so() {
    let mut app = app();
    assert!(app.update(f(2)).is_empty());
    assert_eq!(app.environment().label, "DEMO");
    assert_eq!(
        app.toast_text(Lang::En).as_deref(),
        Some("Only one environment is configured: DEMO")
    );
}

#[test]
fn the_first_environments_presets_fill_empty_fields_at_start() {
    let mut prod = EnvChoice::new("PROD", true);
    prod.user_code = Some("500".into());
    let settings = Settings {
        environments: vec![prod],
        ..Settings::default()
    };
    let app = App::new(settings, &Prefill::default(), today());
    assert_eq!(app.form.value(FieldId::UserCode), "500");
}

// ---- Recent lookups -------------------------------------------------------------

#[test]
fn every_answered_lookup_is_remembered_newest_first() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    app.update(key(KeyCode::Esc));
    answer(&mut app, customers(vec![]));
    let error = ApiError::Timeout {
        after: Duration::from_secs(2),
        host: "h".into(),
    };
    answer(&mut app, Err(error));
    let outcomes: Vec<_> = app.recent.iter().map(|r| r.outcome.clone()).collect();
    assert_eq!(
        outcomes,
        vec![
            Outcome::Failed(Failure::Timeout),
            Outcome::NotFound,
            Outcome::Found(1)
        ]
    );
    let first = app.recent.last().unwrap();
    assert_eq!(first.box_id, 811_111);
    assert_eq!(first.name.as_deref(), Some("John Doe"));
    assert_eq!(first.environment_label, "DEMO");
    assert_eq!(first.at, noon());
    assert!(!format!("{:?}", app.recent).contains("YpbCNpzq"));
}

#[test]
fn recent_list_keeps_a_bounded_number() {
    let mut app = app();
    for _ in 0..RECENT_LIMIT + 5 {
        answer(&mut app, customers(vec![]));
    }
    assert_eq!(app.recent.len(), RECENT_LIMIT);
}

#[test]
fn f3_opens_recent_lookups_and_enter_repeats_one() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    app.update(key(KeyCode::Esc));
    // The form now holds another customer.
    app.form.set_value(FieldId::BoxId, "822222");
    app.form.set_value(
        FieldId::CustomerKey,
        "xs+0GojjE72E0WzrP1My+97lhB8f1Z3da4Hldy0FeKQ=",
    );
    answer(&mut app, customers(vec![]));
    app.update(f(3));
    assert_eq!(app.overlay, Some(Overlay::Recent { selected: 0 }));
    app.update(key(KeyCode::Down));
    app.update(key(KeyCode::Down));
    assert_eq!(app.overlay, Some(Overlay::Recent { selected: 1 }));
    let cmds = app.update(key(KeyCode::Enter));
    let [
        Cmd::Fetch {
            request: Request::Customer(credentials),
            environment: 0,
            ..
        },
    ] = cmds.as_slice()
    else {
        panic!("Enter did not repeat the lookup: {cmds:?}");
    };
    assert_eq!(credentials.customer_box_id, 811_111);
    assert_eq!(credentials.customer_key.expose(), DEMO_CUSTOMER_KEY);
    assert!(app.overlay.is_none());
    assert_eq!(app.form.value(FieldId::BoxId), "811111");
}

#[test]
fn repeating_a_lookup_from_another_environment_switches_back_to_it() {
    let mut app = two_environments();
    answer(&mut app, customers(vec![]));
    app.update(f(2));
    assert_eq!(app.environment().label, "PROD");
    app.update(f(3));
    let cmds = app.update(key(KeyCode::Enter));
    assert!(matches!(
        cmds.as_slice(),
        [Cmd::Fetch { environment: 0, .. }]
    ));
    assert_eq!(app.environment().label, "TEST");
}

#[test]
fn h_opens_recent_lookups_outside_text_fields_only() {
    let mut app = app();
    app.form.set_focus(FieldId::BoxId);
    app.update(key(KeyCode::Char('h')));
    assert!(app.overlay.is_none());
    assert_eq!(app.form.value(FieldId::BoxId), "811111h");
    app.update(key(KeyCode::Backspace));
    answer(&mut app, customers(sample()));
    app.update(key(KeyCode::Char('h')));
    assert!(matches!(app.overlay, Some(Overlay::Recent { .. })));
    // h (or F3) again closes it.
    app.update(key(KeyCode::Char('h')));
    assert!(app.overlay.is_none());
    app.update(f(3));
    app.update(f(3));
    assert!(app.overlay.is_none());
}

// ---- Copy --------------------------------------------------------------------------

#[test]
fn y_copies_the_box_suite_and_a_toast_says_so_until_the_next_key() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    app.update(key(KeyCode::Char('3')));
    assert_eq!(
        app.update(key(KeyCode::Char('y'))),
        vec![Cmd::Copy {
            text: "MX811111".into(),
            what: "box suite".into(),
        }]
    );
    assert_eq!(
        app.toast_text(Lang::En).as_deref(),
        Some("Copied box suite MX811111")
    );
    app.update(key(KeyCode::Down));
    assert!(app.toast.is_none());
}

#[test]
fn c_opens_a_menu_of_every_copyable_field() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    app.update(key(KeyCode::Char('c')));
    let Some(Overlay::CopyMenu { items, selected: 0 }) = app.overlay.clone() else {
        panic!("no copy menu: {:?}", app.overlay);
    };
    assert_eq!(
        items,
        vec![
            CopyItem::Suite,
            CopyItem::CustId,
            CopyItem::FullName,
            CopyItem::Email,
            CopyItem::Phone(0),
            CopyItem::Phone(1),
            CopyItem::Address(0),
            CopyItem::CallNote,
        ]
    );
    let customer = app.customer().unwrap();
    // The call note has lines of its own (tests/note.rs); the rest is one line each.
    let texts: Vec<String> = items
        .iter()
        .filter(|i| **i != CopyItem::CallNote)
        .map(|i| i.text(customer, 811_111, None).unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "MX811111",
            "51736850",
            "John Doe",
            "JOHNDOE@EMAIL.COM",
            "+1123456789,333",
            "+1987654321",
            "123 Fake St., Neighborhood, Locality/Town, Calvillo, Aguascalientes 998877, Mexico",
        ]
    );
    for text in &texts {
        assert!(!text.contains("1656d700"), "a secret is copyable");
        assert!(!text.contains("YpbCNpzq"), "a secret is copyable");
        assert!(
            !text.contains("11111111"),
            "the identity number is copyable"
        );
    }
    // Down to the first phone, Enter copies it and closes the menu.
    for _ in 0..4 {
        app.update(key(KeyCode::Down));
    }
    assert_eq!(
        app.update(key(KeyCode::Enter)),
        vec![Cmd::Copy {
            text: "+1123456789,333".into(),
            what: "phone 1 (landline)".into(),
        }]
    );
    assert!(app.overlay.is_none());
    assert!(matches!(app.screen, Screen::Detail(_)));
}

#[test]
fn esc_closes_a_menu_before_anything_else() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    app.update(key(KeyCode::Char('r')));
    assert!(app.is_loading());
    app.update(key(KeyCode::Char('c')));
    assert!(app.update(key(KeyCode::Esc)).is_empty());
    assert!(app.overlay.is_none());
    assert!(app.is_loading(), "the first Esc only closed the menu");
    assert_eq!(
        app.update(key(KeyCode::Esc)),
        vec![Cmd::Cancel(3)],
        "the lookup is cancelled, the shipments (2) fetched alongside are not"
    );
    assert!(matches!(app.screen, Screen::Detail(_)));
}

#[test]
fn dial_strings_keep_plus_and_digits_and_pause_for_the_extension() {
    assert_eq!(dial_string("+1", "123-456 789", "333"), "+1123456789,333");
    assert_eq!(dial_string(" 57", "(300) 1234567", ""), "573001234567");
}

// ---- Help -----------------------------------------------------------------------------

#[test]
fn question_mark_opens_help_outside_text_fields_and_any_key_closes_it() {
    let mut app = app();
    app.form.set_focus(FieldId::BoxId);
    app.update(key(KeyCode::Char('?')));
    assert!(app.overlay.is_none(), "? is typed into the field");
    assert_eq!(app.form.value(FieldId::BoxId), "811111?");
    app.update(key(KeyCode::Backspace));
    app.update(f(1));
    assert_eq!(
        app.overlay,
        Some(Overlay::Help(HelpScroll::default())),
        "F1 works in the form"
    );
    app.update(key(KeyCode::Char('x')));
    assert!(app.overlay.is_none());
    assert_eq!(
        app.form.value(FieldId::BoxId),
        "811111",
        "the key only closed help"
    );
    answer(&mut app, customers(sample()));
    app.update(key(KeyCode::Char('?')));
    assert_eq!(app.overlay, Some(Overlay::Help(HelpScroll::default())));
    app.update(key(KeyCode::Char('q')));
    assert!(!app.quit, "q closed help instead of quitting");
    assert!(app.overlay.is_none());
}

// ---- Privacy --------------------------------------------------------------------------

#[test]
fn v_reveals_and_hides_identity_and_tax_numbers_and_a_new_customer_starts_hidden() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    assert!(!detail(&app).reveal_ids);
    app.update(key(KeyCode::Char('v')));
    assert!(detail(&app).reveal_ids);
    app.update(key(KeyCode::Char('v')));
    assert!(!detail(&app).reveal_ids);
    app.update(key(KeyCode::Char('v')));
    let cmds = app.update(key(KeyCode::Char('r')));
    let Some(Cmd::Fetch { id, .. }) = cmds.first() else {
        panic!("no fetch");
    };
    app.update(Msg::Loaded {
        id: *id,
        reply: Reply::Customer(customers(sample()).map(Answer::new)),
        at: noon(),
    });
    assert!(!detail(&app).reveal_ids);
}

// ---- Filter -----------------------------------------------------------------------------

fn zoe() -> App {
    let body = include_str!("../../assets/demo/844444.json");
    let mut app = app();
    answer(
        &mut app,
        customers(decode_customers(body.as_bytes()).unwrap()),
    );
    app
}

#[test]
fn slash_filters_addresses_as_you_type_case_insensitively() {
    let mut app = zoe();
    let total = app.customer().unwrap().customer_address.len();
    app.update(key(KeyCode::Char('/')));
    assert!(detail(&app).filter.is_none(), "no filter on Profile");
    app.update(key(KeyCode::Char('2')));
    app.update(key(KeyCode::Char('/')));
    assert_eq!(detail(&app).active_filter().unwrap().matches.len(), total);
    assert!(app.text_has_focus());
    // Letters go into the filter, not to commands.
    type_text(&mut app, "QY");
    assert!(!app.quit);
    assert!(app.toast.is_none(), "y did not copy");
    assert_eq!(detail(&app).active_filter().unwrap().query(), "QY");
    assert!(detail(&app).active_filter().unwrap().matches.is_empty());
    app.update(ctrl('u'));
    let city = app.customer().unwrap().customer_address[1]
        .city_name
        .to_uppercase();
    type_text(&mut app, &city);
    let matches = detail(&app).active_filter().unwrap().matches.clone();
    assert!(matches.contains(&1), "{city}: {matches:?}");
    assert!(matches.len() < total);
    // Enter keeps the filter and gives keys back to the list; Esc clears it.
    app.update(key(KeyCode::Enter));
    assert!(!app.text_has_focus());
    assert!(detail(&app).active_filter().is_some());
    app.update(key(KeyCode::Esc));
    assert!(detail(&app).filter.is_none());
    assert!(
        matches!(app.screen, Screen::Detail(_)),
        "Esc cleared the filter, no more"
    );
}

/// Agents type without accents, callers spell with them: `garcia` finds García and
/// `nunez` finds Ñúñez, whatever the case.
#[test]
fn the_filter_ignores_accents_and_case() {
    let mut list = decode_customers(include_bytes!("../../assets/demo/844444.json")).unwrap();
    let addresses = &mut list[0].customer_address;
    addresses[0].city_name = crate::api::Text::new("García");
    addresses[1].city_name = crate::api::Text::new("ÑÚÑEZ");
    let mut app = app();
    answer(&mut app, customers(list));
    app.update(key(KeyCode::Char('2')));
    app.update(key(KeyCode::Char('/')));
    type_text(&mut app, "garcia");
    assert_eq!(detail(&app).active_filter().unwrap().matches, [0]);
    app.update(ctrl('u'));
    type_text(&mut app, "Nunez");
    assert_eq!(detail(&app).active_filter().unwrap().matches, [1]);
}

#[test]
fn scrolling_a_filtered_list_stays_within_its_matches() {
    let mut app = zoe();
    app.update(key(KeyCode::Char('3')));
    app.update(key(KeyCode::Char('/')));
    type_text(&mut app, "mobile");
    let matches = detail(&app).active_filter().unwrap().matches.len();
    app.update(key(KeyCode::Enter));
    app.update(key(KeyCode::End));
    assert_eq!(detail(&app).scroll, matches.saturating_sub(1));
    app.update(key(KeyCode::Char('1')));
    assert!(
        detail(&app).filter.is_none(),
        "another tab drops the filter"
    );
}

#[test]
fn paste_goes_into_the_filter_while_it_has_focus() {
    let mut app = zoe();
    app.update(key(KeyCode::Char('2')));
    app.update(key(KeyCode::Char('/')));
    app.update(Msg::Paste(" zzzz\n".into()));
    assert_eq!(detail(&app).active_filter().unwrap().query(), "zzzz");
}

// ---- Raw -----------------------------------------------------------------------------

#[test]
fn raw_tab_holds_the_body_pretty_printed_once_and_scrolls() {
    let mut app = app();
    answer(
        &mut app,
        Ok(Lookup {
            customers: sample(),
            body: SAMPLE.as_bytes().to_vec(),
        }),
    );
    let raw = app.loaded().unwrap().raw.clone();
    assert_eq!(raw.line(0), Some("["));
    assert!(raw.lines().any(|l| l == "    \"cust_id\": 51736850,"));
    app.update(key(KeyCode::Char('5')));
    app.update(key(KeyCode::End));
    assert_eq!(detail(&app).scroll, raw.len() - 1);
}

// ---- Idle lock ---------------------------------------------------------------------------

#[test]
fn idle_lock_wipes_the_customer_and_keeps_the_partner_credentials() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    app.update(key(KeyCode::Char('2')));
    app.update(key(KeyCode::Char('/')));
    app.update(ctrl('r'));
    app.form.toggle_reveal();
    assert_eq!(app.update(Msg::IdleLock), vec![Cmd::Cancel(2)]);
    assert!(matches!(app.screen, Screen::Locked(_)));
    assert!(app.loaded().is_none());
    assert!(app.recent.is_empty());
    assert!(!app.form.revealed());
    assert_eq!(app.form.value(FieldId::CustomerKey), "");
    assert_eq!(app.form.value(FieldId::UserCode), "396");
    assert_eq!(app.form.value(FieldId::AppKey), DEMO_APP_KEY);
    assert_eq!(app.form.value(FieldId::BoxId), "811111");
    let debug = format!("{app:?}");
    assert!(!debug.contains("John") && !debug.contains("JOHNDOE"));
    // The next key only wakes the screen, onto the form, focused on the key.
    assert!(app.update(key(KeyCode::Char('q'))).is_empty());
    assert!(!app.quit);
    assert!(matches!(app.screen, Screen::Form));
    assert_eq!(app.form.focus(), FieldId::CustomerKey);
}

#[test]
fn idle_lock_cancels_a_request_in_flight_and_its_answer_is_dropped() {
    let mut app = app();
    app.update(key(KeyCode::Enter));
    assert_eq!(app.update(Msg::IdleLock), vec![Cmd::Cancel(1)]);
    app.update(Msg::Loaded {
        id: 1,
        reply: Reply::Customer(customers(sample()).map(Answer::new)),
        at: noon(),
    });
    assert!(app.loaded().is_none());
    assert!(app.recent.is_empty());
}

#[test]
fn ctrl_c_still_quits_from_the_lock_screen() {
    let mut app = app();
    app.update(Msg::IdleLock);
    assert!(app.update(ctrl('c')).is_empty());
}

#[test]
fn durations_read_as_words() {
    let human_duration = |d| crate::i18n::duration(Lang::En, d);
    assert_eq!(human_duration(Duration::from_secs(900)), "15 min");
    assert_eq!(human_duration(Duration::from_secs(3)), "3 s");
    assert_eq!(human_duration(Duration::from_secs(5400)), "1 h 30 min");
}

// ---- Mouse (where a click lands is the UI's business: tests/render.rs) ----------

#[test]
fn clicks_focus_fields_and_switch_tabs_and_the_wheel_scrolls() {
    let mut app = app();
    app.update(Msg::Click(Some(Target::Field(FieldId::BoxId))));
    assert_eq!(app.form.focus(), FieldId::BoxId);
    answer(
        &mut app,
        customers(decode_customers(include_bytes!("../../assets/demo/844444.json")).unwrap()),
    );
    app.update(Msg::Click(Some(Target::Tab(Tab::Addresses))));
    assert_eq!(detail(&app).tab, Tab::Addresses);
    app.update(Msg::Wheel(WHEEL_STEP));
    assert_eq!(detail(&app).scroll, 3);
    app.update(Msg::Click(Some(Target::Tab(Tab::Profile))));
    assert_eq!(detail(&app).tab, Tab::Profile);
}

#[test]
fn clicks_on_list_rows_open_them_and_outside_an_overlay_close_it() {
    let mut app = app();
    let mut second = sample().remove(0);
    second.customer_first_name = crate::api::Text::new("Jane");
    answer(&mut app, customers(vec![sample().remove(0), second]));
    assert!(matches!(app.screen, Screen::Choose(_)));
    app.update(Msg::Click(Some(Target::Customer(1))));
    assert_eq!(app.loaded().unwrap().customers.selected(), 1);
    assert!(matches!(app.screen, Screen::Detail(_)));
    app.update(key(KeyCode::Char('h')));
    assert!(app.overlay.is_some());
    app.update(Msg::Click(Some(Target::OutsideOverlay)));
    assert!(app.overlay.is_none());
}

#[test]
fn a_click_wakes_the_lock_screen_and_does_nothing_else() {
    let mut app = app();
    app.update(Msg::IdleLock);
    app.update(Msg::Click(Some(Target::Field(FieldId::UserCode))));
    assert!(matches!(app.screen, Screen::Form));
    assert_eq!(app.form.focus(), FieldId::CustomerKey);
}

// ---- Shipments ---------------------------------------------------------------------------

const DOCS_SHIPMENTS: &str =
    include_str!("../../assets/samples/customer-get-shipments.response.json");
const DOCS_SHIPMENT: &str = include_str!("../../assets/samples/get-shipment-info.response.json");

/// The docs' two shipments, answered for `window`.
fn docs_shipments(window: DateWindow) -> Reply {
    let mut rows = crate::api::decode_shipments(DOCS_SHIPMENTS.as_bytes()).unwrap();
    crate::api::newest_first(&mut rows);
    Reply::Shipments(Ok(ShipmentList::from_lookup(
        ShipmentsLookup {
            window,
            rows,
            body: Vec::new(),
        },
        Lang::En,
        crate::i18n::Decimal::Dot,
    )))
}

fn docs_shipment() -> Reply {
    let mut answers: Vec<ShipmentInfo> = serde_json::from_str(DOCS_SHIPMENT).unwrap();
    answers.iter_mut().for_each(ShipmentInfo::sort_tracking);
    Reply::Shipment(Ok(ShipmentLookup {
        answers,
        body: Vec::new(),
    }))
}

fn loaded_msg(id: RequestId, reply: Reply) -> Msg {
    Msg::Loaded {
        id,
        reply,
        at: noon(),
    }
}

/// The `Fetch` among `cmds`, with its id and request.
fn fetched(cmds: &[Cmd]) -> (RequestId, &Request) {
    cmds.iter()
        .find_map(|cmd| match cmd {
            Cmd::Fetch { id, request, .. } => Some((*id, request)),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no fetch in {cmds:?}"))
}

/// John Doe on screen, on the Shipments tab, his docs' shipments answered.
fn on_shipments() -> App {
    let mut app = app();
    answer(&mut app, customers(sample()));
    let window = detail(&app).shipments.window;
    app.update(loaded_msg(2, docs_shipments(window)));
    app.update(key(KeyCode::Char('4')));
    app
}

fn shipments_list(app: &App) -> &ShipmentList {
    detail(app)
        .shipments
        .list
        .ready()
        .unwrap_or_else(|| panic!("no list: {:?}", detail(app).shipments.list))
}

fn panel(app: &App) -> &ShipmentPanel {
    detail(app).open_shipment().expect("a shipment is open")
}

/// Enter on the form, John Doe answered: the shipments request that follows.
fn shipments_after_lookup(app: &mut App) -> Request {
    let id = match app.update(key(KeyCode::Enter)).pop() {
        Some(Cmd::Fetch { id, .. }) => id,
        other => panic!("{other:?}"),
    };
    let cmds = app.update(loaded_msg(
        id,
        Reply::Customer(customers(sample()).map(Answer::new)),
    ));
    cmds.into_iter()
        .find_map(|cmd| match cmd {
            Cmd::Fetch { request, .. } => Some(request),
            _ => None,
        })
        .expect("a fetch follows the customer")
}

#[test]
fn a_customer_on_screen_asks_for_the_last_90_days_alongside() {
    let mut app = app();
    let request = shipments_after_lookup(&mut app);
    let Request::Shipments {
        credentials,
        window,
        ..
    } = request
    else {
        panic!("not the shipments: {request:?}");
    };
    assert_eq!(credentials.customer_box_id, 811_111);
    assert_eq!(credentials.customer_key, Secret::new(DEMO_CUSTOMER_KEY));
    assert_eq!(credentials.app_key, Secret::new(DEMO_APP_KEY));
    assert_eq!(shown(&window), "Received 2026-08-30 – 2026-11-27 (90 days)");
    // The profile is up at once; the shipments load alongside, not as a lookup.
    assert_eq!(detail(&app).tab, Tab::Profile);
    assert!(!app.is_loading());
    assert_eq!(app.page(), Page::Detail);
    assert!(detail(&app).shipments.list.loading().is_some());
}

/// Past midnight the shipments' default window ends on the new day, not on the day
/// the app started.
#[test]
fn after_midnight_the_shipments_window_ends_on_the_new_day() {
    let mut app = app();
    let next_day = time::Date::from_calendar_date(2026, time::Month::November, 28).unwrap();
    assert!(app.update(Msg::NewDay(next_day)).is_empty());
    let request = shipments_after_lookup(&mut app);
    assert!(
        matches!(request, Request::Shipments { window, .. }
            if shown(&window) == "Received 2026-08-31 – 2026-11-28 (90 days)"),
        "{request:?}"
    );
}

/// A warning from outside the app (the log file failing) stays in the footer until
/// the next key, whatever comes up meanwhile: a customer answering a lookup sent at
/// start (`--lookup`) does not hide it.
#[test]
fn a_warning_from_outside_stays_until_the_next_key_even_as_a_customer_comes_up() {
    let mut app = app();
    let failure = crate::logging::LogFailure {
        path: "/dev/full".into(),
        reason: crate::cause::Cause::io(&std::io::Error::from_raw_os_error(28)),
    };
    let notice = Notice::LogStopped(failure);
    let cmds = app.update(key(KeyCode::Enter));
    assert!(app.update(Msg::Warning(notice.clone())).is_empty());
    let (id, _) = fetched(&cmds);
    app.update(Msg::Loaded {
        id,
        reply: Reply::Customer(customers(sample()).map(Answer::new)),
        at: noon(),
    });
    assert!(app.loaded().is_some());
    assert_eq!(app.warning, Some(notice));
    let shown = app.warning.as_ref().map(english);
    assert_eq!(
        shown.as_deref(),
        Some("log file /dev/full cannot be written (the disk is full): logging stopped")
    );
    app.update(key(KeyCode::Char('2')));
    assert_eq!(app.warning, None);
}

/// `r` on the customer fetches again while its shipments load; that lookup fails:
/// the form comes back and the shipments fetch, now for no one on screen, is
/// cancelled rather than left to run with the customer's key.
#[test]
fn the_shipments_of_a_customer_that_left_the_screen_are_cancelled() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    let shipments = detail(&app).shipments.list.loading().expect("asked for");
    let (lookup, _) = fetched(&app.update(key(KeyCode::Char('r'))));
    let cmds = app.update(loaded_msg(
        lookup,
        Reply::Customer(Err(ApiError::Timeout {
            after: Duration::from_secs(15),
            host: "127.0.0.1".into(),
        })),
    ));
    assert!(matches!(app.screen, Screen::Form));
    assert!(cmds.contains(&Cmd::Cancel(shipments)), "{cmds:?}");
    assert!(app.requests.is_empty());
}

/// Esc from the customer's Profile while its shipments are being fetched: the form
/// comes back and the fetch is cancelled.
#[test]
fn back_from_a_customer_cancels_its_shipments_fetch() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    let shipments = detail(&app).shipments.list.loading().expect("asked for");
    let cmds = app.update(key(KeyCode::Esc));
    assert!(matches!(app.screen, Screen::Form));
    assert_eq!(cmds, vec![Cmd::Cancel(shipments)]);
    assert!(app.requests.is_empty());
}

/// Ctrl-R reveals keys on the form; on the customer it is not `r` (fetch again).
#[test]
fn ctrl_r_on_the_customer_fetches_nothing() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    assert_eq!(app.update(ctrl('r')), vec![]);
    assert!(matches!(app.screen, Screen::Detail(_)));
}

#[test]
fn the_list_comes_newest_first_with_its_attention_count() {
    let app = on_shipments();
    let list = shipments_list(&app);
    let awbs: Vec<_> = list.rows.iter().filter_map(ShipmentRow::awb).collect();
    assert_eq!(awbs, [13_869_085, 13_818_527]);
    assert_eq!(list.attention, 0);
    // The docs' rows are of 2018, outside the 2026 window: kept, and marked.
    assert_eq!(list.outside, 2);
    let first = list.cells.first().unwrap();
    assert_eq!(first[Column::Received.index()], "2018-02-04 ⚠");
    assert_eq!(first[Column::Status.index()], "BILLED (PAY)");
    assert_eq!(first[Column::Value.index()], "USD 10.00");
    assert_eq!(first[Column::Weight.index()], "0.44 lb");
}

#[test]
fn brackets_move_the_window_by_its_length_never_past_today() {
    let mut app = on_shipments();
    let cmds = app.update(key(KeyCode::Char('[')));
    let (id, request) = fetched(&cmds);
    assert!(matches!(request, Request::Shipments { window, .. }
            if shown(window) == "Received 2026-06-01 – 2026-08-29 (90 days)"));
    // Moving again before the answer cancels the fetch in flight.
    let cmds = app.update(key(KeyCode::Char(']')));
    assert!(cmds.contains(&Cmd::Cancel(id)), "{cmds:?}");
    assert_eq!(
        shown(&detail(&app).shipments.window),
        "Received 2026-08-30 – 2026-11-27 (90 days)"
    );
    let cmds = app.update(key(KeyCode::Char(']')));
    assert!(cmds.iter().all(|c| !matches!(c, Cmd::Fetch { .. })));
    assert_eq!(
        app.toast_text(Lang::En).as_deref(),
        Some("The window already ends today.")
    );
}

#[test]
fn brackets_do_nothing_off_the_shipments_tab() {
    let mut app = on_shipments();
    app.update(key(KeyCode::Char('1')));
    assert!(app.update(key(KeyCode::Char('['))).is_empty());
    assert!(app.update(key(KeyCode::Char('d'))).is_empty());
    assert!(detail(&app).dates().is_none());
}

#[test]
fn the_dates_form_validates_then_fetches_the_window() {
    let mut app = on_shipments();
    app.update(key(KeyCode::Char('d')));
    assert_eq!(app.page(), Page::Dates);
    assert!(app.text_has_focus(), "q and ? are typed, not commands");
    let clear = |app: &mut App| {
        for _ in 0..10 {
            app.update(key(KeyCode::Backspace));
        }
    };
    clear(&mut app);
    type_text(&mut app, "2026-11-02");
    app.update(key(KeyCode::Tab));
    clear(&mut app);
    type_text(&mut app, "2026-11-01");
    assert!(app.update(key(KeyCode::Enter)).is_empty());
    let form = detail(&app).dates().unwrap();
    assert_eq!(
        form.error.map(|e| e.text(Lang::En)).as_deref(),
        Some("From is after To.")
    );
    clear(&mut app);
    type_text(&mut app, "2026-11-30");
    app.update(key(KeyCode::Enter));
    let form = detail(&app).dates().unwrap();
    assert_eq!(
        form.error.map(|e| e.text(Lang::En)).as_deref(),
        Some("To is after today.")
    );
    clear(&mut app);
    type_text(&mut app, "2026-11-20");
    let cmds = app.update(key(KeyCode::Enter));
    let (_, request) = fetched(&cmds);
    assert!(matches!(request, Request::Shipments { window, .. }
            if shown(window) == "Received 2026-11-02 – 2026-11-20 (19 days)"));
    assert!(detail(&app).dates().is_none());
    // Esc closes the form and keeps the window.
    app.update(key(KeyCode::Char('d')));
    type_text(&mut app, "xx");
    assert!(app.update(key(KeyCode::Esc)).is_empty());
    assert!(detail(&app).dates().is_none());
    assert_eq!(
        shown(&detail(&app).shipments.window),
        "Received 2026-11-02 – 2026-11-20 (19 days)"
    );
}

#[test]
fn an_answer_for_another_window_or_customer_is_dropped() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    app.update(key(KeyCode::Char('4')));
    let window = detail(&app).shipments.window;
    app.update(key(KeyCode::Char('[')));
    // Request 2 asked for the window before `[`: its answer is no longer wanted.
    app.update(loaded_msg(2, docs_shipments(window)));
    assert!(detail(&app).shipments.list.loading().is_some());
    // Back to the form: the shipments in flight are cancelled, their answer dropped.
    let cmds = app.update(key(KeyCode::Esc));
    assert_eq!(
        cmds,
        vec![Cmd::Cancel(3)],
        "Esc first cancels the fetch in flight"
    );
    let cmds = app.update(key(KeyCode::Esc));
    assert!(matches!(app.screen, Screen::Form));
    assert!(cmds.is_empty(), "nothing was left in flight: {cmds:?}");
    app.update(loaded_msg(3, docs_shipments(window)));
    assert!(matches!(app.screen, Screen::Form));
}

#[test]
fn esc_cancels_the_shipments_fetch_alone() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    app.update(key(KeyCode::Char('4')));
    assert_eq!(app.update(key(KeyCode::Esc)), vec![Cmd::Cancel(2)]);
    assert!(
        matches!(app.screen, Screen::Detail(_)),
        "the customer stays"
    );
    assert!(
        matches!(detail(&app).shipments.list, Fetched::Cancelled),
        "not cancelled"
    );
    let cmds = app.update(key(KeyCode::Char('r')));
    assert!(matches!(fetched(&cmds).1, Request::Shipments { .. }));
}

#[test]
fn a_failed_shipments_call_stays_in_the_tab() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    let error = crate::api::ApiError::Status {
        code: 500,
        reason: "Internal Server Error".into(),
        snippet: String::new(),
        retry_after: None,
    };
    app.update(loaded_msg(2, Reply::Shipments(Err(error))));
    assert_eq!(
        detail(&app).tab,
        Tab::Profile,
        "the profile stays on screen"
    );
    assert!(app.notice.is_none());
    assert!(app.customer().is_some());
    let Fetched::Failed(notice) = &detail(&app).shipments.list else {
        panic!("not failed");
    };
    assert_eq!(notice.severity(), Severity::Error);
    let text = english(notice);
    assert!(text.contains("HTTP 500 Internal Server Error"), "{text}");
}

#[test]
fn skypostals_system_error_on_the_shipments_is_marked_as_such() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    let window = detail(&app).shipments.window;
    let rows = crate::api::decode_shipments(
        br#"[{"_verify":false,"error":{"error_description":"Timeout expired","system_error":true}}]"#,
    )
    .unwrap();
    app.update(loaded_msg(
        2,
        Reply::Shipments(Ok(ShipmentList::from_lookup(
            ShipmentsLookup {
                window,
                rows,
                body: Vec::new(),
            },
            Lang::En,
            crate::i18n::Decimal::Dot,
        ))),
    ));
    let Fetched::Failed(notice) = &detail(&app).shipments.list else {
        panic!("not failed");
    };
    assert_eq!(notice.severity(), Severity::SystemError);
    assert_eq!(
        english(notice),
        "SkyPostal failed on its side (system error): Timeout expired. Retry in a moment."
    );
}

#[test]
fn enter_opens_the_shipment_and_esc_returns_to_the_same_row() {
    let mut app = on_shipments();
    app.update(key(KeyCode::Down));
    let cmds = app.update(key(KeyCode::Enter));
    let (id, request) = fetched(&cmds);
    assert!(matches!(
        request,
        Request::Shipment {
            awb: 13_818_527,
            ..
        }
    ));
    assert_eq!(app.page(), Page::Shipment);
    app.update(loaded_msg(id, docs_shipment()));
    let Fetched::Ready(info) = &panel(&app).info else {
        panic!("not ready");
    };
    let stages: Vec<&str> = info
        .tracking
        .iter()
        .map(|e| &*e.track_description)
        .collect();
    assert_eq!(
        stages,
        ["BILLED", "RECEIVED", "PROCESSED", "PROCESSING PAYMENT"]
    );
    // r fetches it again.
    let cmds = app.update(key(KeyCode::Char('r')));
    assert!(matches!(
        fetched(&cmds).1,
        Request::Shipment {
            awb: 13_818_527,
            ..
        }
    ));
    // Esc cancels that fetch, the next goes back to the list, on the same row.
    assert!(matches!(
        app.update(key(KeyCode::Esc)).as_slice(),
        [Cmd::Cancel(_)]
    ));
    assert!(app.update(key(KeyCode::Esc)).is_empty());
    assert!(detail(&app).open_shipment().is_none());
    assert_eq!(detail(&app).scroll, 1);
    assert_eq!(
        app.highlighted_shipment().and_then(ShipmentRow::awb),
        Some(13_818_527)
    );
}

#[test]
fn a_failed_shipment_call_stays_in_its_panel() {
    let mut app = on_shipments();
    let (id, _) = fetched(&app.update(key(KeyCode::Enter)));
    app.update(loaded_msg(
        id,
        Reply::Shipment(Ok(ShipmentLookup {
            answers: Vec::new(),
            body: Vec::new(),
        })),
    ));
    let Fetched::Failed(notice) = &panel(&app).info else {
        panic!("not failed");
    };
    assert_eq!(
        english(notice),
        "No shipment 13869085 found for box id 811111."
    );
    assert!(shipments_list(&app).rows.len() == 2, "the list stays");
}

#[test]
fn the_filter_finds_a_row_by_part_of_its_carrier_tracking_number() {
    let mut app = on_shipments();
    app.update(key(KeyCode::Char('/')));
    type_text(&mut app, "CO123");
    assert_eq!(detail(&app).active_filter().unwrap().matches, [1]);
    assert_eq!(
        app.highlighted_shipment().and_then(ShipmentRow::awb),
        Some(13_818_527)
    );
}

#[test]
fn the_copy_menu_adds_the_shipments_numbers_on_the_shipments_tab() {
    let mut app = on_shipments();
    app.update(key(KeyCode::Char('c')));
    let Some(Overlay::CopyMenu { items, .. }) = &app.overlay else {
        panic!("no menu");
    };
    assert_eq!(items.last(), Some(&CopyItem::CarrierTracking));
    // The menu opens on the highlighted shipment's AWB, not on the box suite.
    assert_eq!(
        app.update(key(KeyCode::Enter)),
        vec![Cmd::Copy {
            text: "13869085".into(),
            what: "AWB".into(),
        }]
    );
    app.update(key(KeyCode::Char('c')));
    app.update(key(KeyCode::End));
    assert_eq!(
        app.update(key(KeyCode::Enter)),
        vec![Cmd::Copy {
            text: "322324324".into(),
            what: "carrier tracking".into(),
        }]
    );
    // y still copies the suite.
    assert!(matches!(
        app.update(key(KeyCode::Char('y'))).as_slice(),
        [Cmd::Copy { what, .. }] if what == "box suite"
    ));
}

#[test]
fn the_idle_lock_wipes_the_shipments_and_the_timeline() {
    let mut app = on_shipments();
    let (id, _) = fetched(&app.update(key(KeyCode::Enter)));
    app.update(loaded_msg(id, docs_shipment()));
    app.update(Msg::IdleLock);
    assert!(matches!(app.screen, Screen::Locked(_)));
    let debug = format!("{app:?}");
    for text in ["13869085", "Amazon", "HANS SPERBER", "322324324"] {
        assert!(!debug.contains(text), "{text} survived the lock");
    }
}

#[test]
fn another_tab_closes_the_shipment_and_the_date_form() {
    let mut app = on_shipments();
    app.update(key(KeyCode::Enter));
    app.update(Msg::Click(Some(Target::Tab(Tab::Profile))));
    assert!(detail(&app).open_shipment().is_none());
    assert_eq!(app.page(), Page::Detail);
    app.update(key(KeyCode::Char('4')));
    app.update(key(KeyCode::Char('d')));
    app.update(Msg::Click(Some(Target::Tab(Tab::Phones))));
    assert!(detail(&app).dates().is_none());
    assert!(!app.text_has_focus(), "letters are commands again");
}

mod check;
mod email;
mod note;
mod pop;
