//! Every screen in Spanish and Portuguese at 80x24 and 120x40, and every notice at
//! 80x24 (the English ones are the other tests' snapshots); on none of them an
//! English word of the catalog but the allow-list's.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use skyview::api::{ConnectFailure, Preview, Reason, RetryAfter};
use skyview::app::Notice;
use skyview::cause::{Cause, Kind};
use skyview::config::ConfigWarning;
use skyview::logging::LogFailure;

use super::*;

/// The languages translated from English, each with a region's decimal separator.
const TRANSLATED: [Locale; 2] = [LOCALES[1], LOCALES[2]];

/// English words of the catalog that may stand on a Spanish or Portuguese screen: key
/// names, codes and abbreviations, and words spelled the same in that language.
const ALLOWED: &[&str] = &[
    // Key names and the key map's own words.
    "enter",
    "esc",
    "tab",
    "shift",
    "ctrl",
    "home",
    "end",
    "pgup",
    "pgdn", //
    // Codes, names, abbreviations and config keys no language translates.
    "prod",
    "test",
    "demo",
    "awb",
    "cust_id",
    "skypostal",
    "skyview",
    "http",
    "json",
    "toml",
    "tls",
    "dns",
    "iso",
    "url",
    "vip",
    "ok",
    "id",
    "mib",
    "kib",
    "min",
    "ext",
    "dd",
    "mm",
    "chmod",
    "app_key_env",
    "en",
    "es",
    "pt",
    "fg", //
    // Spelled the same in Spanish or Portuguese.
    "email",
    "mail",
    "status",
    "no",
    "total",
    "base",
    "suite",
    "error",
    "local",
    "final",
    "marketing",
    "variable",
    "data",
    "as",
    "log",
    "shell",
];

/// Lower-case words of `text`, its `{placeholders}` left out.
fn words(text: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut depth = 0_u32;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain
        .split(|c: char| !(c.is_alphabetic() || c == '_'))
        .filter(|word| word.chars().count() > 1)
        .map(str::to_lowercase)
        .collect()
}

/// Every English text of the catalog.
fn english_texts(table: &toml::Table, texts: &mut Vec<String>) {
    for (key, value) in table {
        match (key.as_str(), value) {
            ("en", toml::Value::String(text)) => texts.push(text.clone()),
            ("en", toml::Value::Table(forms)) => texts.extend(
                forms
                    .values()
                    .filter_map(|form| form.as_str().map(str::to_string)),
            ),
            (_, toml::Value::Table(group)) => english_texts(group, texts),
            _ => {}
        }
    }
}

/// The words of the catalog's English side.
fn english_words() -> BTreeSet<String> {
    let catalog: toml::Table = include_str!("../../assets/i18n/skyview.toml")
        .parse()
        .unwrap();
    let mut texts = Vec::new();
    english_texts(&catalog, &mut texts);
    texts.iter().flat_map(|text| words(text)).collect()
}

/// Every string the fixtures and samples hold: what SkyPostal wrote stays as it came,
/// in whatever language it came.
fn data_strings() -> Vec<String> {
    fn collect(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::String(text) => out.push(text.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
            serde_json::Value::Object(fields) => fields.values().for_each(|v| collect(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for body in [
        include_str!("../../assets/demo/811111.json"),
        include_str!("../../assets/demo/822222.json"),
        include_str!("../../assets/demo/833333.json"),
        include_str!("../../assets/demo/844444.json"),
        include_str!("../../assets/samples/customer-get-shipments.response.json"),
        DOCS_SHIPMENT,
    ] {
        collect(&serde_json::from_str(body).unwrap(), &mut out);
    }
    out.extend(SERVER_WORDS.iter().map(|s| s.to_string()));
    out
}

/// What the tests below make the server say, and the files they name.
const SERVER_WORDS: &[&str] = &[
    "Internal Server Error",
    "Invalid session: the customer key does not match this box id or has expired",
    "api-box-test.skypostal.com",
    "<html>Service Unavailable</html>",
    "No such shipment for this customer",
    "Service Unavailable",
    CONFIG_PATH,
    LOG_PATH,
];

const CONFIG_PATH: &str = "/home/agent/.config/skyview/config.toml";
const LOG_PATH: &str = "/var/log/skyview.log";

/// The catalog's English words, and the server-written strings as the word
/// sequences [`words`] makes of them (longest first): read and parsed once for every
/// screen checked.
static ENGLISH: LazyLock<BTreeSet<String>> = LazyLock::new(english_words);
static DATA: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let mut data: Vec<Vec<String>> = data_strings()
        .iter()
        .map(|s| words(s))
        .filter(|words| !words.is_empty())
        .collect();
    data.sort_by_key(|words| std::cmp::Reverse(words.len()));
    data.dedup();
    data
});

/// The screen's words but those of a server-written string: each string is taken out
/// where its words stand whole and in a row (across a wrapped line too), never from
/// inside a longer word.
fn own_words(screen: &str) -> Vec<String> {
    let mut text = words(&screen.replace(['│', '┌', '┐', '└', '┘', '─'], " "));
    for string in DATA.iter() {
        let mut kept = Vec::with_capacity(text.len());
        let mut at = 0;
        while at < text.len() {
            if text[at..].starts_with(string) {
                at += string.len();
            } else {
                kept.push(std::mem::take(&mut text[at]));
                at += 1;
            }
        }
        text = kept;
    }
    text
}

/// The English words of the catalog on `screen`, but the allowed ones.
fn english_on(screen: &str) -> BTreeSet<String> {
    own_words(screen)
        .into_iter()
        .filter(|word| ENGLISH.contains(word) && !ALLOWED.contains(&word.as_str()))
        .collect()
}

/// Fails when an English word of the catalog, not allowed, is on `screen`.
fn assert_no_english(name: &str, screen: &str) {
    let found = english_on(screen);
    assert!(
        found.is_empty(),
        "{name}: English words {found:?} on screen:\n{screen}"
    );
}

/// Snapshots the screen `make` draws in each translated language, named
/// `{name}_{lang}_{w}x{h}`, at `sizes`, after checking it holds no English.
fn snapshot_sized(name: &str, sizes: &[(u16, u16)], make: impl Fn(Locale) -> App) {
    for locale in TRANSLATED {
        let app = make(locale);
        for &(width, height) in sizes {
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal
                .draw(|frame| skyview::ui::render(&app, frame))
                .unwrap();
            let name = format!("{name}_{}_{width}x{height}", locale.0.code());
            assert_no_english(&name, &screen_text(terminal.backend().buffer()));
            insta::assert_snapshot!(name, terminal.backend());
        }
    }
}

fn snapshot_in(name: &str, make: impl Fn(Locale) -> App) {
    snapshot_sized(name, &SIZES, make);
}

fn pressed(mut app: App, keys: &[KeyCode]) -> App {
    for key in keys {
        press(&mut app, *key);
    }
    app
}

#[test]
fn the_form_and_the_e_mail_form() {
    snapshot_in("form", |locale| app_in(locale, 811_111));
    snapshot_in("form_email", email_app_in);
    snapshot_in("form_invalid", |locale| {
        let mut app = app_in(locale, 811_111);
        app.form.set_value(FieldId::UserCode, "39x");
        app.form.set_value(FieldId::AppKey, "not-hex");
        app.form.set_value(FieldId::BoxId, "");
        pressed(app, &[KeyCode::Enter])
    });
    snapshot_in("loading", |locale| {
        let mut app = pressed(app_in(locale, 811_111), &[KeyCode::Enter]);
        app.update(Msg::Tick(vec![(1, Duration::from_millis(1250))]));
        app
    });
}

#[test]
fn each_tab_of_the_customer() {
    snapshot_in("profile", |locale| loaded_in(locale, 811_111));
    snapshot_in("profile_inactive", |locale| loaded_in(locale, 833_333));
    snapshot_in("addresses", |locale| {
        pressed(loaded_in(locale, 822_222), &[KeyCode::Char('2')])
    });
    snapshot_in("phones", |locale| {
        pressed(loaded_in(locale, 822_222), &[KeyCode::Char('3')])
    });
    snapshot_in("raw", |locale| {
        pressed(loaded_with_body_in(locale, 811_111), &[KeyCode::Char('5')])
    });
    snapshot_in("choose", |locale| {
        let mut customers = fixture(811_111);
        customers.extend(fixture(844_444));
        answered(
            app_in(locale, 811_111),
            Ok(Lookup {
                customers,
                body: Vec::new(),
            }),
        )
    });
}

#[test]
fn the_shipments_one_shipment_and_the_date_form() {
    snapshot_in("shipments", john_doe_shipments_in);
    snapshot_in("shipment_panel", docs_shipment_open_in);
    snapshot_in("shipments_empty", |locale| {
        with_shipments(loaded_in(locale, 811_111), Ok(vec![]))
    });
    snapshot_in("dates_form", |locale| {
        let app = with_shipments(loaded_in(locale, 811_111), Ok(vec![]));
        pressed(app, &[KeyCode::Char('d')])
    });
}

#[test]
fn the_boxes_over_the_screen() {
    snapshot_in("help_detail", |locale| {
        pressed(loaded_in(locale, 811_111), &[KeyCode::Char('?')])
    });
    snapshot_in("help_form", |locale| {
        pressed(app_in(locale, 811_111), &[KeyCode::F(1)])
    });
    snapshot_in("copy_menu", |locale| {
        pressed(
            loaded_in(locale, 811_111),
            &[KeyCode::Char('c'), KeyCode::Down],
        )
    });
    snapshot_in("recent", |locale| {
        let app = pressed(loaded_in(locale, 811_111), &[KeyCode::Esc]);
        let app = answered(
            app,
            Ok(Lookup {
                customers: vec![],
                body: Vec::new(),
            }),
        );
        let app = answered(
            app,
            Err(ApiError::Timeout {
                after: Duration::from_secs(15),
                host: "api-box-test.skypostal.com".into(),
            }),
        );
        pressed(app, &[KeyCode::F(3), KeyCode::Down])
    });
    snapshot_in("accounts", |locale| {
        let mut app = pressed(email_app_in(locale), &[KeyCode::Enter]);
        partner_answer(&mut app, &[(811_111, "John"), (899_999, "Jane")]);
        app
    });
    snapshot_in("locked", |locale| {
        let mut app = loaded_in(locale, 811_111);
        app.update(Msg::IdleLock);
        app
    });
}

/// The caller check, typing the first answer and after two answers.
#[test]
fn the_caller_check() {
    let typing = |locale| {
        let mut app = pressed(loaded_in(locale, 811_111), &[KeyCode::Char('k')]);
        for c in "19/08/1980".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        app
    };
    snapshot_in("caller_check_typing", typing);
    snapshot_in("caller_check_answered", |locale| {
        let mut app = pressed(typing(locale), &[KeyCode::Enter, KeyCode::Tab]);
        for c in "1234".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        pressed(app, &[KeyCode::Enter])
    });
}

/// Each notice, on the form, at 80x24.
#[test]
fn each_notice() {
    let said = |text: &str| Reason::Said(text.to_string());
    let connect = |failure, detail: Cause| {
        Notice::Failed(ApiError::Connect {
            failure,
            host: "api-box-test.skypostal.com".into(),
            detail,
        })
    };
    let os = |code| Cause::io(&std::io::Error::from_raw_os_error(code));
    let body = b"<html>Service Unavailable</html>";
    let broken = serde_json::from_slice::<serde_json::Value>(body).unwrap_err();
    let notices = [
        ("lookup_cancelled", Notice::LookupCancelled),
        ("refused", connect(ConnectFailure::Refused, os(111))),
        ("dns", connect(ConnectFailure::Dns, Cause::said(""))),
        (
            "tls",
            connect(
                ConnectFailure::Tls,
                Cause::of(
                    Kind::CertificateUntrusted,
                    "invalid peer certificate: UnknownIssuer",
                ),
            ),
        ),
        ("connect", connect(ConnectFailure::Other, os(104))),
        (
            "transport",
            Notice::Failed(ApiError::Other {
                host: "api-box-test.skypostal.com".into(),
                detail: os(110),
            }),
        ),
        (
            "timeout",
            Notice::Failed(ApiError::Timeout {
                after: Duration::from_secs(15),
                host: "api-box-test.skypostal.com".into(),
            }),
        ),
        (
            "http_status",
            Notice::Failed(ApiError::Status {
                code: 503,
                reason: "Service Unavailable".into(),
                snippet: "<html>Service Unavailable</html>".into(),
                retry_after: Some(RetryAfter(Duration::from_secs(120))),
            }),
        ),
        (
            "not_json",
            Notice::Failed(ApiError::NotJson {
                reason: Some(Cause::json(&broken)),
                preview: Preview::Start(String::from_utf8_lossy(body).into_owned()),
            }),
        ),
        (
            "unexpected",
            Notice::Failed(ApiError::Unexpected {
                path: "$[0].cust_id".into(),
                detail: Cause::json(&serde_json::from_str::<u64>(r#""x""#).unwrap_err()),
            }),
        ),
        (
            "too_large",
            Notice::Failed(ApiError::TooLarge {
                limit: 8 * 1024 * 1024,
            }),
        ),
        (
            "no_customer",
            Notice::NoCustomer {
                box_id: 811_111,
                environment: "DEMO".into(),
            },
        ),
        (
            "credentials_rejected",
            Notice::CredentialsRejected(said(SERVER_WORDS[1])),
        ),
        ("no_account", Notice::NoAccount { user_code: 396 }),
        ("email_refused", Notice::EmailRefused(Reason::NotGiven)),
        (
            "request_refused",
            Notice::RequestRefused(said(SERVER_WORDS[4])),
        ),
        (
            "skypostal_error",
            Notice::SkyPostalError(Reason::NoAccountData),
        ),
        ("system_error", Notice::SystemError(said(SERVER_WORDS[0]))),
        ("shipments_failed", Notice::ShipmentsFailed),
        (
            "config_warning",
            Notice::ConfigWarnings(vec![ConfigWarning::ReadableKey {
                path: CONFIG_PATH.into(),
            }]),
        ),
        (
            "log_stopped",
            Notice::LogStopped(LogFailure {
                path: LOG_PATH.into(),
                reason: os(28),
            }),
        ),
        (
            "no_shipment",
            Notice::NoShipment {
                awb: 13_869_085,
                box_id: 811_111,
            },
        ),
    ];
    for (name, notice) in &notices {
        snapshot_sized(&format!("notice_{name}"), &[(80, 24)], |locale| {
            let mut app = app_in(locale, 811_111);
            app.notice = Some(notice.clone());
            app
        });
    }
    // What the OS and the parser said, in English, is for the log only.
    for (lang, _) in TRANSLATED {
        for (name, notice) in &notices {
            let text = notice.text(lang, &Default::default());
            for english in ["os error", "by peer", "timed out", "expected", "no space"] {
                assert!(
                    !text.to_lowercase().contains(english),
                    "{name} {lang:?}: {text}"
                );
            }
        }
    }
}

/// A server's value is taken out as whole words, never from inside one: a Spanish
/// word that holds a short value ("co", "rec") is not cut into English ("in", "to").
#[test]
fn a_spanish_word_holding_a_server_value_is_not_cut_into_english() {
    assert!(DATA.contains(&vec!["co".to_string()]), "{:?}", *DATA);
    let screen = " El código es incorrecto; la contraseña, incorrecta ";
    assert_eq!(english_on(screen), BTreeSet::new());
}

/// The check itself can fail: an English word left on a Spanish screen is found.
#[test]
fn an_english_word_on_a_spanish_screen_is_found() {
    let screen = " Enter buscar  F1 ayuda  Esc back ";
    assert_eq!(english_on(screen), BTreeSet::from(["back".to_string()]));
}
