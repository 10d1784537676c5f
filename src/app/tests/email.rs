//! Finding the caller by e-mail or suite: the partner call, then the usual lookup.

use super::*;
use crate::api::PartnerLookup;
use crate::app::keys::Page;
use crate::query::EmailQuery;

/// A key the partner call hands over: never typed, so it must show up nowhere.
const RECEIVED_KEY: &str = "RcvdKeyRcvdKeyRcvdKeyRcvdKeyRcvdKeyRcvdKey0=";
const EMAIL: &str = "JohnDoe@Email.com";

fn account(box_id: u64, first: &str) -> String {
    format!(
        r#"{{"_verify":true,"customer_box_id":{box_id},"customer_key":"{RECEIVED_KEY}",
            "customer_first_name":"{first}","customer_last_name":"Doe","is_active":false}}"#
    )
}

/// The partner call's answer, readied as the runtime readies it for the query the
/// form sends (the demo's partner, `EMAIL`).
fn partner(json: &str) -> Reply {
    let lookup = PartnerLookup {
        accounts: serde_json::from_str(json).unwrap(),
        upper_cased: false,
    };
    let query = Arc::new(EmailQuery {
        user_code: 396,
        app_key: Secret::new(DEMO_APP_KEY),
        email: EMAIL.to_string(),
    });
    Reply::Partner(Ok(PartnerAnswer::new(lookup, &query)))
}

/// The demo's partner on the form, no customer key, the customer field empty.
fn partner_only() -> Prefill {
    Prefill {
        box_id: String::new(),
        customer_key: Secret::default(),
        ..docs_prefill()
    }
}

/// An app with `text` typed in the customer field and Enter pressed; the commands.
fn submit_customer(text: &str) -> (App, Vec<Cmd>) {
    let mut app = App::new(settings("DEMO"), &partner_only(), today());
    type_text(&mut app, &format!("  {text} "));
    let cmds = app.update(key(KeyCode::Enter));
    (app, cmds)
}

fn loaded(app: &mut App, id: RequestId, reply: Reply) -> Vec<Cmd> {
    app.update(Msg::Loaded {
        id,
        reply,
        at: noon(),
    })
}

/// Partner call answered with John: the chained lookup's commands.
fn found_john(app: &mut App) -> Vec<Cmd> {
    loaded(app, 1, partner(&format!("[{}]", account(811_111, "John"))))
}

fn notice(app: &App) -> Option<(Severity, String)> {
    app.notice.as_ref().map(|n| (n.severity(), english(n)))
}

#[test]
fn a_suite_is_looked_up_by_its_box_id() {
    let mut app = app();
    app.form.set_value(FieldId::BoxId, "MX811111");
    let cmds = app.update(key(KeyCode::Enter));
    let [
        Cmd::Fetch {
            request: Request::Customer(credentials),
            ..
        },
    ] = cmds.as_slice()
    else {
        panic!("no lookup: {cmds:?}");
    };
    assert_eq!(credentials.customer_box_id, 811_111);
}

#[test]
fn an_e_mail_needs_no_customer_key_and_sends_the_partner_call() {
    let (app, cmds) = submit_customer(EMAIL);
    assert_eq!(
        app.form
            .note(FieldId::CustomerKey)
            .map(|n| n.text(Lang::En)),
        Some("not needed for an e-mail lookup")
    );
    assert_eq!(field_error(&app, FieldId::CustomerKey).as_deref(), None);
    assert_eq!(
        cmds,
        vec![Cmd::Fetch {
            id: 1,
            environment: 0,
            request: Request::Partner(Arc::new(EmailQuery {
                user_code: 396,
                app_key: Secret::new(DEMO_APP_KEY),
                email: EMAIL.into(),
            })),
        }]
    );
    // Tab goes over the key field, unused.
    let mut app = app;
    app.form.set_focus(FieldId::AppKey);
    app.update(key(KeyCode::Tab));
    app.update(key(KeyCode::Tab));
    assert_eq!(app.form.focus(), FieldId::UserCode);
    app.update(key(KeyCode::BackTab));
    assert_eq!(app.form.focus(), FieldId::BoxId);
    // A box id needs the key again.
    app.form.set_value(FieldId::BoxId, "811111");
    assert_eq!(app.form.note(FieldId::CustomerKey), None);
}

#[test]
fn a_box_id_or_suite_still_requires_the_key_and_a_bad_value_says_why() {
    for (text, field, message) in [
        ("MX811111", FieldId::CustomerKey, "required"),
        (
            "john doe@email.com",
            FieldId::BoxId,
            "not an e-mail address",
        ),
        ("@email.com", FieldId::BoxId, "not an e-mail address"),
        ("john@", FieldId::BoxId, "not an e-mail address"),
        (
            "81a111",
            FieldId::BoxId,
            "a box id (811111), a suite (MX811111) or an e-mail",
        ),
    ] {
        let (app, cmds) = submit_customer(text);
        assert!(cmds.is_empty(), "{text} was sent");
        assert_eq!(field_error(&app, field).as_deref(), Some(message), "{text}");
        assert_eq!(app.form.focus(), field, "{text}");
    }
}

#[test]
fn at_start_the_focus_is_on_the_first_empty_field_it_needs() {
    let app = App::new(settings("DEMO"), &partner_only(), today());
    assert_eq!(app.form.focus(), FieldId::BoxId);
    let with_email = Prefill {
        box_id: EMAIL.into(),
        app_key: Secret::default(),
        ..partner_only()
    };
    let app = App::new(settings("DEMO"), &with_email, today());
    assert_eq!(app.form.focus(), FieldId::AppKey);
}

fn lookup_at_start(prefill: &Prefill) -> (App, Vec<Cmd>) {
    let settings = Settings {
        lookup_at_start: true,
        ..settings("DEMO")
    };
    let mut app = App::new(settings, prefill, today());
    let cmds = app.start();
    (app, cmds)
}

#[test]
fn lookup_flag_sends_a_complete_form_at_once() {
    let (app, cmds) = lookup_at_start(&Prefill {
        box_id: EMAIL.into(),
        ..partner_only()
    });
    assert!(matches!(
        cmds.as_slice(),
        [Cmd::Fetch {
            request: Request::Partner { .. },
            ..
        }]
    ));
    assert!(app.requests.partner().is_some());
    // A suite with the key (SKYPOSTAL_CUSTOMER_KEY) works too.
    let (_, cmds) = lookup_at_start(&Prefill {
        box_id: "MX811111".into(),
        ..docs_prefill()
    });
    assert!(matches!(
        cmds.as_slice(),
        [Cmd::Fetch {
            request: Request::Customer(credentials),
            ..
        }] if credentials.customer_box_id == 811_111
    ));
    // Without the flag nothing is sent.
    let mut app = App::new(settings("DEMO"), &docs_prefill(), today());
    assert!(app.start().is_empty());
}

#[test]
fn lookup_flag_with_an_incomplete_form_marks_the_missing_field() {
    let (app, cmds) = lookup_at_start(&Prefill {
        box_id: "MX811111".into(),
        ..partner_only()
    });
    assert!(cmds.is_empty());
    assert!(matches!(app.screen, Screen::Form));
    assert_eq!(
        field_error(&app, FieldId::CustomerKey).as_deref(),
        Some("required")
    );
    assert_eq!(app.form.focus(), FieldId::CustomerKey);
}

#[test]
fn the_e_mail_finds_the_box_then_the_customer_is_looked_up_as_if_typed() {
    let (mut app, _) = submit_customer(EMAIL);
    let (flight, email) = app.requests.partner().unwrap();
    assert_eq!((flight.id, email), (1, EMAIL));
    assert!(app.requests.customer().is_none());

    let cmds = found_john(&mut app);
    assert_eq!(
        cmds,
        vec![Cmd::Fetch {
            id: 2,
            environment: 0,
            request: Request::Customer(Arc::new(Credentials {
                user_code: 396,
                app_key: Secret::new(DEMO_APP_KEY),
                customer_box_id: 811_111,
                customer_key: Secret::new(RECEIVED_KEY),
            })),
        }]
    );
    assert!(app.requests.partner().is_none());
    assert!(matches!(app.requests.customer(), Some((_, 811_111))));
    loaded(
        &mut app,
        2,
        Reply::Customer(customers(sample()).map(Answer::new)),
    );
    assert_eq!(detail(&app).customer().full_name(), "John Doe");
    // The recent lookups show and repeat it by its e-mail, without the key.
    let entry = app.recent.first().unwrap();
    assert_eq!(entry.email.as_deref(), Some(EMAIL));
    assert_eq!(entry.box_id, 811_111);
    assert_eq!(entry.customer_key.expose(), "");
}

#[test]
fn the_received_key_never_reaches_the_form_the_recent_list_or_debug_output() {
    let (mut app, _) = submit_customer(EMAIL);
    found_john(&mut app);
    assert!(!format!("{app:?}").contains(RECEIVED_KEY));
    loaded(
        &mut app,
        2,
        Reply::Customer(customers(sample()).map(Answer::new)),
    );
    app.update(key(KeyCode::Esc));
    app.update(ctrl('r'));
    assert!(app.form.revealed());
    assert_eq!(app.form.value(FieldId::CustomerKey), "");
    assert_eq!(app.form.value(FieldId::BoxId), format!("  {EMAIL} "));
    assert!(!format!("{app:?}").contains(RECEIVED_KEY));
    assert!(!format!("{:?}", app.recent).contains(RECEIVED_KEY));
    // Repeating it asks the partner call again.
    app.update(f(3));
    let cmds = app.update(key(KeyCode::Enter));
    assert!(matches!(
        cmds.as_slice(),
        [Cmd::Fetch {
            request: Request::Partner(query),
            ..
        }] if query.email == EMAIL
    ));
}

#[test]
fn esc_cancels_the_e_mail_step() {
    let (mut app, _) = submit_customer(EMAIL);
    assert_eq!(app.update(key(KeyCode::Esc)), vec![Cmd::Cancel(1)]);
    assert!(!app.is_loading());
    assert!(notice(&app).is_some_and(|(_, text)| text.contains("cancelled")));
    // Its answer, should it still arrive, starts nothing.
    assert!(found_john(&mut app).is_empty());
    assert!(matches!(app.screen, Screen::Form));
}

#[test]
fn esc_cancels_the_customer_step() {
    let (mut app, _) = submit_customer(EMAIL);
    found_john(&mut app);
    assert_eq!(app.update(key(KeyCode::Esc)), vec![Cmd::Cancel(2)]);
    assert!(!app.is_loading());
    assert!(!format!("{app:?}").contains(RECEIVED_KEY));
}

#[test]
fn a_new_lookup_replaces_the_e_mail_lookup_in_flight() {
    let (mut app, _) = submit_customer(EMAIL);
    app.form.set_value(FieldId::BoxId, "811111");
    app.form.set_value(FieldId::CustomerKey, DEMO_CUSTOMER_KEY);
    assert!(matches!(
        app.update(key(KeyCode::Enter)).as_slice(),
        [Cmd::Cancel(1), Cmd::Fetch { id: 2, .. }]
    ));
    assert!(app.requests.partner().is_none());
}

#[test]
fn no_account_says_so_under_the_partner_and_keeps_the_form() {
    for answer in ["[]", r#"[{"_verify":false,"customer_key":null}]"#] {
        let (mut app, _) = submit_customer(EMAIL);
        assert!(loaded(&mut app, 1, partner(answer)).is_empty());
        assert_eq!(
            notice(&app),
            Some((
                Severity::Warning,
                "No account found for this e-mail under partner 396.".to_string()
            ))
        );
        assert!(matches!(app.screen, Screen::Form));
        assert_eq!(app.form.value(FieldId::BoxId), format!("  {EMAIL} "));
        assert_eq!(app.form.value(FieldId::UserCode), "396");
        assert_eq!(app.form.value(FieldId::AppKey), DEMO_APP_KEY);
        assert_eq!(app.recent.first().unwrap().outcome, Outcome::NotFound);
    }
}

#[test]
fn skypostal_errors_on_the_e_mail_lookup_show_as_for_a_lookup() {
    let (mut app, _) = submit_customer(EMAIL);
    loaded(
        &mut app,
        1,
        partner(
            r#"[{"_verify":false,"error":{"error_description":"Database down","system_error":true}}]"#,
        ),
    );
    let (severity, text) = notice(&app).unwrap();
    assert_eq!(severity, Severity::SystemError);
    assert!(text.contains("Database down"), "{text}");

    let (mut app, _) = submit_customer(EMAIL);
    loaded(
        &mut app,
        1,
        partner(r#"[{"_verify":false,"error":{"error_description":"Partner not allowed"}}]"#),
    );
    let (severity, text) = notice(&app).unwrap();
    assert_eq!(severity, Severity::Warning);
    assert!(text.contains("Partner not allowed"), "{text}");

    let (mut app, _) = submit_customer(EMAIL);
    let error = ApiError::Timeout {
        after: Duration::from_secs(15),
        host: "127.0.0.1".into(),
    };
    loaded(&mut app, 1, Reply::Partner(Err(error)));
    assert_eq!(notice(&app).unwrap().0, Severity::Error);
}

#[test]
fn several_accounts_are_listed_and_choosing_one_looks_it_up() {
    let (mut app, _) = submit_customer(EMAIL);
    let answer = format!(
        "[{},{}]",
        account(811_111, "John"),
        account(899_999, "Jane")
    );
    assert!(loaded(&mut app, 1, partner(&answer)).is_empty());
    let Some(Overlay::Accounts {
        email, accounts, ..
    }) = &app.overlay
    else {
        panic!("no list of accounts: {:?}", app.overlay);
    };
    assert_eq!(email, EMAIL);
    let listed: Vec<(&str, u64)> = accounts
        .iter()
        .map(|a| (a.name.as_str(), a.box_id()))
        .collect();
    assert_eq!(listed, [("John Doe", 811_111), ("Jane Doe", 899_999)]);
    assert_eq!(app.page(), Page::Accounts);
    assert!(!format!("{app:?}").contains(RECEIVED_KEY));

    app.update(key(KeyCode::Down));
    let cmds = app.update(key(KeyCode::Enter));
    assert!(matches!(
        cmds.as_slice(),
        [Cmd::Fetch {
            request: Request::Customer(credentials),
            ..
        }] if credentials.customer_box_id == 899_999
    ));
    assert!(app.overlay.is_none());
}

#[test]
fn idle_lock_wipes_the_received_key_in_flight_and_in_the_list_of_accounts() {
    let (mut app, _) = submit_customer(EMAIL);
    found_john(&mut app);
    assert_eq!(app.update(Msg::IdleLock), vec![Cmd::Cancel(2)]);
    assert!(app.requests.is_empty());

    let (mut app, _) = submit_customer(EMAIL);
    let answer = format!(
        "[{},{}]",
        account(811_111, "John"),
        account(899_999, "Jane")
    );
    loaded(&mut app, 1, partner(&answer));
    app.update(Msg::IdleLock);
    assert!(app.overlay.is_none());
    assert!(!format!("{app:?}").contains(RECEIVED_KEY));
    assert!(!format!("{app:?}").contains("899999"));
}

/// A customer found by e-mail gets its shipments like a typed one: asked with the
/// key the partner call handed over, although the form never held it.
#[test]
fn a_customer_found_by_e_mail_has_its_shipments_asked_with_the_received_key() {
    let (mut app, _) = submit_customer(EMAIL);
    found_john(&mut app);
    let cmds = loaded(
        &mut app,
        2,
        Reply::Customer(customers(sample()).map(Answer::new)),
    );
    let shipments = cmds.iter().find_map(|cmd| match cmd {
        Cmd::Fetch {
            request: Request::Shipments { credentials, .. },
            ..
        } => Some(credentials),
        _ => None,
    });
    let credentials = shipments.expect("the shipments are asked for");
    assert_eq!(credentials.customer_box_id, 811_111);
    assert_eq!(credentials.customer_key, Secret::new(RECEIVED_KEY));
    assert_eq!(app.form.value(FieldId::CustomerKey), "");
}

/// The idle lock after an e-mail lookup: the e-mail goes with the customer, since it
/// needs no key to find them again; any key, then Enter, sends nothing, and neither
/// F3 nor `r` brings the customer back (issue 16, defect 1).
#[test]
fn idle_lock_after_an_e_mail_lookup_wipes_the_e_mail_too() {
    let (mut app, _) = submit_customer(EMAIL);
    found_john(&mut app);
    loaded(
        &mut app,
        2,
        Reply::Customer(customers(sample()).map(Answer::new)),
    );
    assert!(app.loaded().is_some());
    app.update(Msg::IdleLock);
    assert!(matches!(app.screen, Screen::Locked(Wiped { email: true })));
    assert_eq!(app.form.value(FieldId::BoxId), "");
    assert!(!format!("{app:?}").to_lowercase().contains("johndoe"));
    assert!(app.update(key(KeyCode::Char('x'))).is_empty());
    assert_eq!(app.form.focus(), FieldId::BoxId);
    assert!(app.update(key(KeyCode::Enter)).is_empty());
    assert_eq!(
        field_error(&app, FieldId::BoxId).as_deref(),
        Some("required")
    );
    app.update(key(KeyCode::F(3)));
    assert_eq!(app.page(), Page::Recent);
    assert!(app.recent.is_empty());
    assert!(app.update(key(KeyCode::Enter)).is_empty());
    app.update(key(KeyCode::Esc));
    let cmds = app.update(key(KeyCode::Char('r')));
    assert!(
        !cmds.iter().any(|c| matches!(c, Cmd::Fetch { .. })),
        "{cmds:?}"
    );
    assert!(app.loaded().is_none());
    // A box id is not wiped: the key it needs is.
    let mut app = self::app();
    app.update(Msg::IdleLock);
    assert!(matches!(app.screen, Screen::Locked(Wiped { email: false })));
    assert_eq!(app.form.value(FieldId::BoxId), "811111");
}

/// Esc from a customer found by e-mail at start (`--email … --lookup`, focus on the
/// user code) lands on the customer field: typing a box id then replaces the e-mail,
/// never the user code.
#[test]
fn esc_from_a_customer_found_by_e_mail_lands_on_the_customer_field() {
    let (mut app, _) = submit_customer(EMAIL);
    app.form.set_focus(FieldId::UserCode);
    found_john(&mut app);
    loaded(
        &mut app,
        2,
        Reply::Customer(customers(sample()).map(Answer::new)),
    );
    app.update(key(KeyCode::Esc));
    assert!(matches!(app.screen, Screen::Form));
    assert_eq!(app.form.focus(), FieldId::BoxId);
    assert_eq!(app.form.value(FieldId::UserCode), "396");
}
