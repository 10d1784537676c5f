//! A call handed over by `skyview pop`: at once, behind a banner while the agent
//! types, behind the lock screen, and in the environment whose endpoint it came by.

use super::*;
use crate::pop::Pop;
use crate::query::CustomerRef;

/// A pop of `email`; `recently_typed`: the agent pressed a key in the last 30 s.
fn by_email(email: &str, recently_typed: bool) -> Msg {
    pop(
        Pop {
            customer: CustomerRef::Email(email.into()),
            customer_key: None,
        },
        recently_typed,
    )
}

fn pop(pop: Pop, recently_typed: bool) -> Msg {
    Msg::Pop {
        pop,
        environment: 0,
        recently_typed,
    }
}

fn ana_by_box(recently_typed: bool) -> Msg {
    pop(
        Pop {
            customer: CustomerRef::BoxId(822_222),
            customer_key: Some(Secret::new("ana-key")),
        },
        recently_typed,
    )
}

/// The request a command list sends, if any.
fn sent(cmds: &[Cmd]) -> Option<&Request> {
    cmds.iter().find_map(|cmd| match cmd {
        Cmd::Fetch { request, .. } => Some(request),
        _ => None,
    })
}

#[test]
fn a_pop_is_looked_up_as_if_typed_and_entered() {
    let mut app = app();
    let cmds = app.update(by_email("johndoe@example.com", false));
    assert!(
        matches!(sent(&cmds), Some(Request::Partner(query)) if query.email == "johndoe@example.com"),
        "{cmds:?}"
    );
    assert_eq!(app.form.value(FieldId::BoxId), "johndoe@example.com");
    assert!(app.incoming.is_none());
}

#[test]
fn a_box_id_pop_sends_its_own_key_and_never_the_one_on_the_form() {
    let mut app = app();
    let cmds = app.update(ana_by_box(false));
    let Some(Request::Customer(credentials)) = sent(&cmds) else {
        panic!("{cmds:?}");
    };
    assert_eq!(credentials.customer_box_id, 822_222);
    assert_eq!(credentials.customer_key, Secret::new("ana-key"));
    // Without a key, the form's key (John Doe's) is not sent with another box id.
    let mut app = app_on_john();
    let cmds = app.update(pop(
        Pop {
            customer: CustomerRef::BoxId(822_222),
            customer_key: None,
        },
        false,
    ));
    assert!(sent(&cmds).is_none(), "{cmds:?}");
    assert_eq!(app.form.value(FieldId::CustomerKey), "");
    assert!(app.form.error(FieldId::CustomerKey).is_some());
}

fn app_on_john() -> App {
    let mut app = app();
    answer(&mut app, customers(sample()));
    assert!(matches!(app.screen, Screen::Detail(_)));
    app
}

#[test]
fn while_the_agent_types_a_pop_waits_behind_a_banner() {
    let mut app = app_on_john();
    let cmds = app.update(ana_by_box(true));
    assert!(cmds.is_empty(), "{cmds:?}");
    assert!(matches!(app.screen, Screen::Detail(_)), "nothing replaced");
    assert_eq!(
        app.incoming.as_ref().map(Incoming::caller).as_deref(),
        Some("822222")
    );
    // Other keys go on working; Enter opens the call.
    app.update(key(KeyCode::Char('2')));
    assert_eq!(detail(&app).tab, Tab::Addresses);
    let cmds = app.update(key(KeyCode::Enter));
    assert!(matches!(sent(&cmds), Some(Request::Customer(c)) if c.customer_box_id == 822_222));
    assert!(app.incoming.is_none());
}

#[test]
fn esc_ignores_the_call_and_changes_nothing() {
    let mut app = app_on_john();
    app.update(by_email("johndoe@example.com", true));
    assert_eq!(
        app.incoming.as_ref().map(Incoming::caller).as_deref(),
        Some("johndoe@…")
    );
    let cmds = app.update(key(KeyCode::Esc));
    assert!(cmds.is_empty());
    assert!(app.incoming.is_none());
    assert!(matches!(app.screen, Screen::Detail(_)));
}

#[test]
fn on_the_lock_screen_the_next_key_opens_that_call_only() {
    let mut app = app_on_john();
    app.update(Msg::IdleLock);
    let cmds = app.update(ana_by_box(false));
    assert!(cmds.is_empty());
    assert!(matches!(app.screen, Screen::Locked(_)));
    let cmds = app.update(key(KeyCode::Char('x')));
    let Some(Request::Customer(credentials)) = sent(&cmds) else {
        panic!("{cmds:?}");
    };
    assert_eq!(credentials.customer_box_id, 822_222);
    // Without a call waiting, a key only wakes the screen.
    app.update(Msg::IdleLock);
    assert!(app.update(key(KeyCode::Char('x'))).is_empty());
    assert!(matches!(app.screen, Screen::Form));
}

#[test]
fn a_pop_during_a_lookup_in_flight_replaces_it() {
    let mut app = app();
    let first = app.update(key(KeyCode::Enter));
    let Some(Cmd::Fetch { id: first_id, .. }) = first.first() else {
        panic!("{first:?}");
    };
    let cmds = app.update(ana_by_box(false));
    assert!(cmds.contains(&Cmd::Cancel(*first_id)), "{cmds:?}");
    assert!(sent(&cmds).is_some());
}

#[test]
fn a_pop_goes_to_the_environment_of_its_endpoint() {
    let mut settings = settings("TEST");
    settings.environments.push(EnvChoice::new("PROD", true));
    let mut app = App::new(settings, &docs_prefill(), today());
    app.update(key(KeyCode::F(2)));
    assert_eq!(app.environment().label, "PROD");
    let cmds = app.update(by_email("johndoe@example.com", false));
    assert_eq!(app.environment().label, "TEST");
    assert!(
        matches!(cmds.last(), Some(Cmd::Fetch { environment: 0, .. })),
        "{cmds:?}"
    );
}
