//! Property tests: whatever the server sends, nothing panics and nothing that could
//! steer the terminal reaches a cell.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::{Value, json};
use skyview::api::{DateField, Lookup, Secret, WcfDate, decode_customers};
use skyview::app::{Answer, App, Cmd, EnvChoice, Msg, Reply, Settings};
use skyview::query::Prefill;
use skyview::text::sanitize;

fn settings(label: &str) -> Settings {
    Settings {
        environments: vec![EnvChoice::new(label, label == "PROD")],
        ..Settings::default()
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::hash_map(field_name(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Real field names most of the time, so the decoder gets past the top level.
fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "_verify",
            "cust_id",
            "customer_first_name",
            "customer_last_name",
            "customer_email",
            "customer_birth_date",
            "customer_address",
            "customer_phone",
            "error",
            "system_error",
            "error_description",
            "phone_number",
            "phone_type",
            "ctry_iso_code",
            "address_01",
            "customer_tax_number",
            "customer_refered_by",
            "is_active",
        ])
        .prop_map(str::to_string),
        "[a-z_]{1,12}",
    ]
}

/// Text with a good share of escape sequences, controls, bidi overrides and wide chars.
fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            any::<char>().prop_map(String::from),
            Just("\u{1b}]52;c;ZXZpbA==\u{7}".to_string()),
            Just("\u{1b}[2J\u{1b}[H".to_string()),
            Just("\u{202e}".to_string()),
            Just("中村👩‍💻e\u{301}".to_string()),
            Just("\r\n\t\u{0}\u{7f}\u{9b}".to_string()),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

fn customer_json(name: String, city: String, phone: String, date: String, verify: bool) -> Value {
    json!([{
        "_verify": true,
        "cust_id": 1,
        "customer_first_name": name,
        "customer_last_name": city.clone(),
        "customer_email": phone.clone(),
        "customer_birth_date": date,
        "customer_address": [{ "_verify": verify, "city_name": city, "address_01": name,
            "ctry_iso_code": phone.clone(),
            "error": { "error_description": phone.clone(), "error_location": "x", "system_error": !verify } }],
        "customer_phone": [{ "_verify": verify, "phone_number": phone, "phone_type": 7 }],
        "error": { "error_description": "", "error_location": "", "system_error": false }
    }])
}

fn app_with(customers: Vec<skyview::api::Customer>, body: Vec<u8>) -> App {
    let prefill = Prefill {
        user_code: "1".into(),
        app_key: Secret::new("k"),
        box_id: "1".into(),
        customer_key: Secret::new("k"),
    };
    let today = time::Date::from_calendar_date(2026, time::Month::November, 27).unwrap();
    let mut app = App::new(settings("TEST"), &prefill, today);
    let cmds = app.update(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    let Some(Cmd::Fetch { id, .. }) = cmds.first() else {
        panic!("no fetch");
    };
    app.update(Msg::Loaded {
        id: *id,
        reply: Reply::Customer(Ok(Answer::new(Lookup { customers, body }))),
        at: time::Time::MIDNIGHT,
    });
    app
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn date_parser_never_panics(text in any::<String>()) {
        if let Ok(date) = WcfDate::parse(&text) {
            let _ = date.server_date();
        }
        let _ = DateField::from_wire(&text).date();
    }

    #[test]
    fn date_parser_never_panics_on_near_misses(
        millis in any::<i64>(),
        sign in prop::sample::select(vec!["+", "-", ""]),
        offset in 0u32..10_000,
    ) {
        let text = format!("/Date({millis}{sign}{offset:04})/");
        if let Ok(date) = WcfDate::parse(&text) {
            let _ = date.server_date();
        }
    }

    #[test]
    fn decoder_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode_customers(&bytes);
    }

    #[test]
    fn decoder_never_panics_on_json(value in json_value()) {
        let bytes = serde_json::to_vec(&value).unwrap();
        let _ = decode_customers(&bytes);
        let wrapped = serde_json::to_vec(&Value::Array(vec![value])).unwrap();
        let _ = decode_customers(&wrapped);
    }

    #[test]
    fn raw_tab_lines_have_no_controls(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        for line in skyview::app::RawText::from_body(&bytes).lines() {
            prop_assert!(!line.chars().any(char::is_control), "{line:?}");
        }
    }

    #[test]
    fn sanitized_text_has_no_controls(text in hostile_text()) {
        prop_assert!(!sanitize(&text).chars().any(char::is_control));
    }

    #[test]
    fn hostile_customers_render_without_panics_or_escapes(
        name in hostile_text(),
        city in hostile_text(),
        phone in hostile_text(),
        date in hostile_text(),
        verify in any::<bool>(),
        width in 1u16..160,
        height in 1u16..50,
        tab in prop::sample::select(vec!['1', '2', '3', '4']),
    ) {
        let body = serde_json::to_vec(&customer_json(name, city, phone, date, verify)).unwrap();
        let customers = decode_customers(&body).unwrap();
        let mut app = app_with(customers, body);
        app.update(Msg::Key(KeyEvent::new(KeyCode::Char(tab), KeyModifiers::NONE)));
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| skyview::ui::render(&app, frame)).unwrap();
        let buffer = terminal.backend().buffer();
        for cell in &buffer.content {
            prop_assert!(!cell.symbol().chars().any(char::is_control), "{:?}", cell.symbol());
        }
    }
}
