//! The call note (`w`, `W`, and the copy menu): what a ticket gets, and what it never
//! carries.

use super::*;
use crate::app::call_note::CheckLine;

/// John Doe's call: birth date and ZIP checked, the docs' shipment opened.
fn johns_call() -> App {
    let mut app = on_shipments();
    let (id, _) = fetched(&app.update(key(KeyCode::Enter)));
    app.update(loaded_msg(id, docs_shipment()));
    app.update(key(KeyCode::Esc));
    app.update(key(KeyCode::Char('k')));
    type_text(&mut app, "19/08/1980");
    app.update(key(KeyCode::Enter));
    app.update(key(KeyCode::Tab));
    app.update(key(KeyCode::Tab));
    type_text(&mut app, "998877");
    app.update(key(KeyCode::Enter));
    app.update(key(KeyCode::Esc));
    app
}

/// The text `w` copies.
fn copied(app: &mut App) -> String {
    let cmds = app.update(key(KeyCode::Char('w')));
    match cmds.as_slice() {
        [Cmd::Copy { text, what }] if what == "call note" => text.clone(),
        other => panic!("w did not copy the note: {other:?}"),
    }
}

#[test]
fn w_copies_the_call_with_its_check_and_the_shipments_opened() {
    let mut app = johns_call();
    let note = app.call_note().unwrap();
    assert_eq!(
        note.check,
        CheckLine::Passed(vec![
            caller_check::Question::BirthDate,
            caller_check::Question::Zip
        ])
    );
    let text = copied(&mut app);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "Call note · 2026-11-27 12:00 +00:00 · DEMO",
            "Customer: John Doe · suite MX811111 · cust_id 51736850",
            "Caller check: passed (birth date ✔ ZIP code ✔)",
            "Shipment 13869085: BILLED (PAY) · latest scan 2018-02-04 21:59:14 −05:00 MIA BILLED",
        ]
    );
    assert_eq!(app.toast, Some(Toast::NoteCopied));
}

#[test]
fn the_note_never_carries_an_identity_number_an_email_a_phone_or_a_key() {
    let mut app = johns_call();
    let text = copied(&mut app);
    for secret in [
        "11111111",
        "JOHNDOE",
        "johndoe",
        "123456789",
        "987654321",
        crate::demo::DEMO_CUSTOMER_KEY,
        crate::demo::DEMO_APP_KEY,
        "1980",
        "998877",
    ] {
        assert!(!text.contains(secret), "{secret} in the note:\n{text}");
    }
}

#[test]
fn big_w_shows_the_note_and_the_copy_menu_offers_it() {
    let mut app = app();
    answer(&mut app, customers(sample()));
    app.update(key(KeyCode::Char('W')));
    let Some(Overlay::CallNote { text }) = &app.overlay else {
        panic!("no note box: {:?}", app.overlay);
    };
    assert!(text.contains("Caller check: not done"), "{text}");
    assert!(
        text.contains("No shipment opened during the call."),
        "{text}"
    );
    app.update(key(KeyCode::Esc));
    app.update(key(KeyCode::Char('c')));
    let Some(Overlay::CopyMenu { items, .. }) = &app.overlay else {
        panic!("no copy menu");
    };
    let index = items.iter().position(|i| *i == CopyItem::CallNote).unwrap();
    for _ in 0..index {
        app.update(key(KeyCode::Down));
    }
    let cmds = app.update(key(KeyCode::Enter));
    assert!(
        matches!(cmds.as_slice(), [Cmd::Copy { what, .. }] if what == "call note"),
        "{cmds:?}"
    );
}

#[test]
fn the_note_follows_the_configs_note_language() {
    let mut app = johns_call();
    app.settings.note_language = Some(Lang::Es);
    let text = copied(&mut app);
    assert!(
        text.starts_with("Nota de la llamada · 2026-11-27 12:00 +00:00 · DEMO"),
        "{text}"
    );
    // The screen stays in the agent's language.
    assert_eq!(app.settings.lang, Lang::En);
}
