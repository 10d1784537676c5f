//! The shipments, shipment-info and partner calls against servers on 127.0.0.1 only:
//! a scripted HTTP/1.1 server that answers each connection with the next canned
//! response and records what it was sent, and the built-in demo server.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use skyview::api::{
    ApiError, CallVerdict, Client, ClientConfig, Credentials, DateWindow, Environment, IsoDate,
    PARTNER_LOOKUP_PATHS, Reason, SHIPMENT_INFO_PATHS, Secret,
};
use skyview::demo::{DEMO_APP_KEY, DEMO_CUSTOMER_KEY, DOCS_AWB, DemoServer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

const SHIPMENTS: &str = include_str!("../assets/samples/customer-get-shipments.response.json");
const SHIPMENT_INFO: &str = include_str!("../assets/samples/get-shipment-info.response.json");
const PARTNER: &str = include_str!("../assets/samples/partner-customer-get-info.response.json");
/// The customer key in the docs' partner answer.
const RECEIVED_KEY: &str = "YpbCNpzqxYqVWv+tzg4e4Ex6ALiT+DfKSYA3NY2dZcw=";

fn client(base: &str) -> Client {
    let config = ClientConfig {
        timeout: Duration::from_secs(5),
        ..ClientConfig::new(Environment::Custom(base.to_string()))
    };
    Client::new(&config).unwrap()
}

fn credentials() -> Credentials {
    Credentials {
        user_code: 396,
        app_key: Secret::new(DEMO_APP_KEY),
        customer_box_id: 811_111,
        customer_key: Secret::new(DEMO_CUSTOMER_KEY),
    }
}

fn today() -> time::Date {
    time::Date::from_calendar_date(2026, time::Month::November, 29).unwrap()
}

/// One request as the scripted server read it.
#[derive(Debug)]
struct Seen {
    path: String,
    body: Value,
}

/// Reads one request: the head up to the blank line, then `Content-Length` bytes.
async fn read_request(stream: &mut TcpStream) -> Seen {
    let mut buffer = Vec::new();
    let mut chunk = [0_u8; 4096];
    loop {
        let n = stream.read(&mut chunk).await.unwrap();
        assert!(n > 0, "the client hung up mid-request");
        buffer.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&buffer).into_owned();
        let Some((head, body)) = text.split_once("\r\n\r\n") else {
            continue;
        };
        let length: usize = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().parse().unwrap())
            })
            .unwrap_or(0);
        if body.len() >= length {
            let path = head.split_whitespace().nth(1).unwrap().to_string();
            return Seen {
                path,
                body: serde_json::from_str(body).unwrap(),
            };
        }
    }
}

/// A server answering the n-th connection with `responses[n]`; yields what it saw.
async fn scripted(responses: Vec<Vec<u8>>) -> (String, JoinHandle<Vec<Seen>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        let mut seen = Vec::new();
        for response in responses {
            let (mut stream, _) = listener.accept().await.unwrap();
            seen.push(read_request(&mut stream).await);
            stream.write_all(&response).await.unwrap();
            stream.shutdown().await.unwrap();
        }
        seen
    });
    (format!("http://{addr}/wcf-services"), task)
}

fn response(status: &str, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn json(body: &str) -> Vec<u8> {
    response("200 OK", "application/json; charset=utf-8", body)
}

fn page_404() -> Vec<u8> {
    response(
        "404 Not Found",
        "text/html",
        "<html><body><h1>404 - File or directory not found.</h1></body></html>",
    )
}

const NOT_FOUND: &str = r#"[{"_verify":false,"customer_key":null,"error":{"error_description":"","error_location":"","system_error":false}}]"#;

// ---------------------------------------------------------------------------------
// customer-get-shipments
// ---------------------------------------------------------------------------------

#[tokio::test]
async fn shipments_ask_for_the_window_and_come_back_newest_first() {
    let (base, server) = scripted(vec![json(SHIPMENTS)]).await;
    let window = DateWindow::parse("2018-01-01", "2018-02-28", today()).unwrap();
    let lookup = client(&base)
        .customer_get_shipments(&credentials(), &window)
        .await
        .unwrap();
    let seen = server.await.unwrap();
    assert!(
        seen[0]
            .path
            .ends_with("/wcf-services/service-customer.svc/customer/customer-get-shipments")
    );
    let body = &seen[0].body;
    assert_eq!(body["user_code"], 396);
    assert_eq!(body["customer_box_id"], 811_111);
    assert_eq!(body["customer_key"], DEMO_CUSTOMER_KEY);
    assert_eq!(body["start_date"], "2018-01-01");
    assert_eq!(body["end_date"], "2018-02-28");
    let CallVerdict::Found(rows) = lookup.verdict() else {
        panic!("found")
    };
    let shown: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                IsoDate(r.received_date().unwrap()),
                r.trck_nmr_fol,
                skyview::i18n::status(skyview::i18n::Lang::En, r.status())
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            "2018-02-04 13869085 BILLED (PAY)",
            "2018-01-03 13818527 BILLED (PAY)"
        ]
    );
    assert_eq!(lookup.body, SHIPMENTS.as_bytes());
    assert_eq!(lookup.attention_count(), 0);
}

#[tokio::test]
async fn a_lone_failure_is_the_call_failing_and_system_errors_say_so() {
    for (answer, expected) in [
        (
            r#"[{"_verify":false,"error":{"error_description":"Invalid session","system_error":false}}]"#,
            CallVerdict::Rejected(Reason::Said("Invalid session".to_string())),
        ),
        (
            r#"[{"_verify":false,"error":{"error_description":"Timeout expired","system_error":true}}]"#,
            CallVerdict::SystemError(Reason::Said("Timeout expired".to_string())),
        ),
    ] {
        let (base, _server) = scripted(vec![json(answer)]).await;
        let lookup = client(&base)
            .customer_get_shipments(&credentials(), &DateWindow::default_for(today()))
            .await
            .unwrap();
        assert_eq!(lookup.verdict().map(<[_]>::len), expected);
    }
}

#[tokio::test]
async fn an_unverified_row_among_others_is_shown_not_hidden() {
    let answer = r#"[{"_verify":true,"trck_nmr_fol":1},{"_verify":false,"trck_nmr_fol":2,"error":{"error_description":"held"}}]"#;
    let (base, _server) = scripted(vec![json(answer)]).await;
    let lookup = client(&base)
        .customer_get_shipments(&credentials(), &DateWindow::default_for(today()))
        .await
        .unwrap();
    assert_eq!(lookup.verdict().map(<[_]>::len), CallVerdict::Found(2));
    assert_eq!(lookup.attention_count(), 1);
}

#[tokio::test]
async fn shipments_fail_with_the_lookups_sentences() {
    let (base, _server) = scripted(vec![response(
        "500 Internal Server Error",
        "text/html",
        "<html><head><title>Runtime Error</title></head></html>",
    )])
    .await;
    let error = client(&base)
        .customer_get_shipments(&credentials(), &DateWindow::default_for(today()))
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Status { code: 500, .. }));
    assert!(
        error
            .to_string()
            .starts_with("SkyPostal answered HTTP 500 Internal Server Error"),
        "{error}"
    );
}

// ---------------------------------------------------------------------------------
// get-shipment-info
// ---------------------------------------------------------------------------------

#[tokio::test]
async fn shipment_info_falls_back_to_the_docs_path_once_and_remembers_it() {
    let (base, server) = scripted(vec![page_404(), json(SHIPMENT_INFO), json(SHIPMENT_INFO)]).await;
    let client = client(&base);
    let first = client
        .shipment_info(&credentials(), DOCS_AWB)
        .await
        .unwrap();
    let again = client
        .clone()
        .shipment_info(&credentials(), DOCS_AWB)
        .await
        .unwrap();
    let seen = server.await.unwrap();
    let paths: Vec<&str> = seen
        .iter()
        .map(|s| s.path.trim_start_matches("/wcf-services"))
        .collect();
    assert_eq!(
        paths,
        [
            SHIPMENT_INFO_PATHS[0],
            SHIPMENT_INFO_PATHS[1],
            SHIPMENT_INFO_PATHS[1]
        ]
    );
    assert_eq!(seen[0].body["trck_nmr_fol"], DOCS_AWB);
    assert_eq!(seen[0].body["language_code"], "");
    assert_eq!(seen[0].body["customer_key"], DEMO_CUSTOMER_KEY);
    for lookup in [first, again] {
        let CallVerdict::Found(info) = lookup.verdict() else {
            panic!("found")
        };
        let codes: Vec<&str> = info.tracking.iter().map(|e| &*e.track_cdg).collect();
        assert_eq!(codes, ["PAY", "REC", "PRO", "CUT"]);
    }
}

#[tokio::test]
async fn a_404_on_both_paths_is_reported_as_the_status() {
    let (base, _server) = scripted(vec![page_404(), page_404()]).await;
    let error = client(&base)
        .shipment_info(&credentials(), 1)
        .await
        .unwrap_err();
    assert!(
        matches!(error, ApiError::Status { code: 404, .. }),
        "{error}"
    );
}

#[tokio::test]
async fn a_404_with_json_is_not_a_missing_page() {
    let (base, server) = scripted(vec![response(
        "404 Not Found",
        "application/json",
        r#"{"Message":"no such shipment"}"#,
    )])
    .await;
    let error = client(&base)
        .shipment_info(&credentials(), 1)
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Status { code: 404, .. }));
    assert_eq!(server.await.unwrap().len(), 1, "no second path tried");
}

#[tokio::test]
async fn configured_paths_replace_the_built_in_ones() {
    let (base, server) = scripted(vec![json(SHIPMENT_INFO)]).await;
    let paths = skyview::api::EndpointPaths {
        shipment_info: vec!["/custom/get-shipment-info".into()],
        ..Default::default()
    };
    client(&base)
        .with_paths(&paths)
        .shipment_info(&credentials(), DOCS_AWB)
        .await
        .unwrap();
    assert_eq!(
        server.await.unwrap()[0].path,
        "/wcf-services/custom/get-shipment-info"
    );
}

// ---------------------------------------------------------------------------------
// The partner lookup by e-mail
// ---------------------------------------------------------------------------------

async fn partner(
    responses: Vec<Vec<u8>>,
    email: &str,
) -> (Result<skyview::api::PartnerLookup, ApiError>, Vec<Seen>) {
    let (base, server) = scripted(responses).await;
    let result = client(&base)
        .partner_lookup(396, &Secret::new(DEMO_APP_KEY), email)
        .await;
    (result, server.await.unwrap())
}

#[tokio::test]
async fn found_sends_partner_credentials_only_and_hides_the_key() {
    let (lookup, seen) = partner(vec![json(PARTNER)], "  johndoe@email.com ").await;
    let lookup = lookup.unwrap();
    let body = seen[0].body.as_object().unwrap();
    let mut keys: Vec<&str> = body.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["app_key", "customer_email", "user_code"]);
    assert_eq!(body["customer_email"], "JOHNDOE@EMAIL.COM");
    assert!(seen[0].path.ends_with(PARTNER_LOOKUP_PATHS[0]));
    let CallVerdict::Found(accounts) = lookup.verdict() else {
        panic!("found")
    };
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].customer_box_id, Some(811_111));
    assert_eq!(accounts[0].full_name(), "John Doe");
    assert_eq!(accounts[0].customer_key, Secret::new(RECEIVED_KEY));
    assert!(!format!("{lookup:?}").contains("YpbC"));
}

/// SkyPostal keeps e-mails upper-cased: the e-mail is asked upper-cased first, so a
/// lower-case lookup takes one round trip, not two.
#[tokio::test]
async fn an_e_mail_is_asked_upper_cased_first() {
    let (lookup, seen) = partner(vec![json(PARTNER)], "  johndoe@email.com ").await;
    let emails: Vec<&Value> = seen.iter().map(|s| &s.body["customer_email"]).collect();
    assert_eq!(emails, ["JOHNDOE@EMAIL.COM"]);
    let lookup = lookup.unwrap();
    assert!(lookup.upper_cased);
    assert!(matches!(lookup.verdict(), CallVerdict::Found(_)));
}

/// Only ASCII letters are upper-cased (`ß` would become `SS`, another address); and
/// any not-found, with a reason or without, is asked once more as typed.
#[tokio::test]
async fn any_not_found_is_asked_again_as_typed() {
    let refused = r#"[{"_verify":false,"customer_key":null,"error":{"error_description":"E-mail not registered","error_location":"","system_error":false}}]"#;
    for first in [NOT_FOUND, "[]", refused] {
        let (lookup, seen) = partner(vec![json(first), json(PARTNER)], "hans.straße@mail.de").await;
        let emails: Vec<&Value> = seen.iter().map(|s| &s.body["customer_email"]).collect();
        assert_eq!(
            emails,
            ["HANS.STRAßE@MAIL.DE", "hans.straße@mail.de"],
            "{first}"
        );
        let lookup = lookup.unwrap();
        assert!(!lookup.upper_cased);
        assert!(matches!(lookup.verdict(), CallVerdict::Found(_)));
    }
}

#[tokio::test]
async fn not_found_twice_is_not_found() {
    let (lookup, seen) = partner(vec![json("[]"), json(NOT_FOUND)], "nobody@example.com").await;
    assert_eq!(seen.len(), 2);
    assert_eq!(lookup.unwrap().verdict().map(|_| ()), CallVerdict::NotFound);
}

#[tokio::test]
async fn an_upper_case_e_mail_is_not_asked_twice() {
    let (lookup, seen) = partner(vec![json("[]")], "NOBODY@EXAMPLE.COM").await;
    assert_eq!(seen.len(), 1);
    assert_eq!(lookup.unwrap().verdict().map(|_| ()), CallVerdict::NotFound);
}

#[tokio::test]
async fn a_system_error_is_reported_and_not_retried() {
    let answer = r#"[{"_verify":false,"error":{"error_description":"Database unavailable","error_location":"partner","system_error":true}}]"#;
    let (lookup, seen) = partner(vec![json(answer)], "johndoe@email.com").await;
    assert_eq!(seen.len(), 1);
    assert_eq!(
        lookup.unwrap().verdict().map(|_| ()),
        CallVerdict::SystemError(Reason::Said("Database unavailable".into()))
    );
}

#[tokio::test]
async fn the_partner_call_falls_back_to_the_docs_path() {
    let (lookup, seen) = partner(vec![page_404(), json(PARTNER)], "johndoe@email.com").await;
    assert!(seen[0].path.ends_with(PARTNER_LOOKUP_PATHS[0]));
    assert!(seen[1].path.ends_with(PARTNER_LOOKUP_PATHS[1]));
    assert!(matches!(lookup.unwrap().verdict(), CallVerdict::Found(_)));
}

#[tokio::test]
async fn several_accounts_are_a_list() {
    let mut answer: Value = serde_json::from_str(PARTNER).unwrap();
    let mut second = answer[0].clone();
    second["customer_box_id"] = 822_222.into();
    answer.as_array_mut().unwrap().push(second);
    let (lookup, _) = partner(vec![json(&answer.to_string())], "shared@example.com").await;
    let lookup = lookup.unwrap();
    let CallVerdict::Found(accounts) = lookup.verdict() else {
        panic!("found")
    };
    let boxes: Vec<_> = accounts.iter().map(|a| a.customer_box_id).collect();
    assert_eq!(boxes, [Some(811_111), Some(822_222)]);
}

#[tokio::test]
async fn a_broken_partner_answer_never_quotes_the_key() {
    let broken = format!("[{{\"customer_key\":\"{RECEIVED_KEY}\",\"customer_box_id\":{{}}}}]");
    let truncated = format!("[{{\"customer_key\":\"{RECEIVED_KEY}\"");
    for body in [broken, truncated] {
        let (lookup, _) = partner(vec![json(&body)], "johndoe@email.com").await;
        let error = lookup.unwrap_err();
        assert!(!error.to_string().contains("YpbC"), "{error}");
        assert!(!format!("{error:?}").contains("YpbC"), "{error:?}");
    }
}

/// Sends every `tracing` event of this test binary, at trace level, into `buffer`.
/// Global rather than per thread: a callsite first reached by a test on another
/// thread would otherwise stay switched off for this one.
fn trace_into(buffer: &Arc<Mutex<Vec<u8>>>) {
    struct Sink(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Sink {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buffer = Arc::clone(buffer);
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || Sink(Arc::clone(&buffer)))
        .finish();
    tracing::subscriber::set_global_default(subscriber).unwrap();
}

#[tokio::test]
async fn a_received_key_echoed_anywhere_is_scrubbed_everywhere() {
    let log = Arc::new(Mutex::new(Vec::new()));
    trace_into(&log);
    // The partner answer repeats the key in a name; the customer answer echoes it
    // plainly and with .NET's escaped slashes; the shipments answer in an error.
    let echoed = PARTNER.replace("\"Doe\"", &format!("\"Doe {RECEIVED_KEY}\""));
    let customer = format!(
        r#"[{{"_verify":true,"customer_first_name":"{RECEIVED_KEY}","customer_last_name":"{}"}}]"#,
        RECEIVED_KEY.replace('/', "\\/")
    );
    let shipments = format!(
        r#"[{{"_verify":false,"trck_nmr_fol":1,"error":{{"error_description":"key {RECEIVED_KEY} expired"}}}}]"#
    );
    let (base, _server) = scripted(vec![json(&echoed), json(&customer), json(&shipments)]).await;
    let client = client(&base);
    let app_key = Secret::new(DEMO_APP_KEY);
    let lookup = client
        .partner_lookup(396, &app_key, "johndoe@email.com")
        .await
        .unwrap();
    let CallVerdict::Found(accounts) = lookup.verdict() else {
        panic!("found")
    };
    // The key goes, and only it: the rest of the name stays.
    assert_eq!(accounts[0].full_name(), "John Doe <redacted>");
    let credentials = accounts[0].credentials(396, &app_key).unwrap();
    let customer = client.customer_get_info(&credentials).await.unwrap();
    let shipments = client
        .customer_get_shipments(&credentials, &DateWindow::default_for(today()))
        .await
        .unwrap();
    let everything = format!(
        "{lookup:?}{customer:?}{}{}{shipments:?}{}",
        serde_json::to_string(&customer.customers).unwrap(),
        String::from_utf8_lossy(&customer.body),
        String::from_utf8_lossy(&shipments.body),
    );
    let log = String::from_utf8(log.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("answer received"),
        "the trace log was captured: {log}"
    );
    for text in [everything, log] {
        assert!(!text.contains("YpbC"), "{text}");
    }
}

/// A partner answer that sends no key of its own but names one in its reason: the
/// reason reads `<redacted>` where the key stood (issue 16, defect 3).
#[tokio::test]
async fn a_key_named_only_in_a_keyless_partner_answer_is_withheld() {
    let refused = format!(
        r#"[{{"_verify":false,"customer_key":"","error":{{"error_description":"use key {RECEIVED_KEY} for this e-mail","error_location":"","system_error":false}}}}]"#
    );
    let (base, _server) = scripted(vec![json(&refused)]).await;
    let lookup = client(&base)
        .partner_lookup(396, &Secret::new(DEMO_APP_KEY), "JOHNDOE@EMAIL.COM")
        .await
        .unwrap();
    assert_eq!(
        lookup.verdict().map(|_| ()),
        CallVerdict::Rejected(Reason::Said("use key <redacted> for this e-mail".into()))
    );
    assert!(!format!("{lookup:?}").contains("YpbC"));
}

/// A received key that shares words with the answer's field names and its names
/// (`TwoCustomersKey…`, "Customer") hides only itself: the account is usable and the
/// names read as sent (issue 16, defect 4).
#[tokio::test]
async fn a_received_key_sharing_words_with_the_answer_hides_only_itself() {
    const KEY: &str = "TwoCustomersKey0123456789abcdefghijklmnopq=";
    let two = format!(
        r#"[{{"_verify":true,"customer_box_id":822222,"customer_first_name":"Customer","customer_last_name":"TwoCustomers","customer_key":"{KEY}","error":{{"error_description":"","error_location":"","system_error":false}}}}]"#
    );
    let (base, _server) = scripted(vec![json(&two)]).await;
    let app_key = Secret::new(DEMO_APP_KEY);
    let lookup = client(&base)
        .partner_lookup(396, &app_key, "TWO@EXAMPLE.COM")
        .await
        .unwrap();
    let CallVerdict::Found(accounts) = lookup.verdict() else {
        panic!("found: {:?}", lookup.verdict().map(|_| ()))
    };
    assert_eq!(accounts[0].full_name(), "Customer TwoCustomers");
    let credentials = accounts[0].credentials(396, &app_key).unwrap();
    assert_eq!(credentials.customer_box_id, 822_222);
}

// ---------------------------------------------------------------------------------
// Against the built-in demo server
// ---------------------------------------------------------------------------------

#[tokio::test]
async fn demo_finds_john_doe_by_e_mail_in_any_case_then_his_shipments_and_tracking() {
    let server = DemoServer::start(0).await.unwrap();
    let client = client(&server.base_url());
    let app_key = Secret::new(DEMO_APP_KEY);
    let lookup = client
        .partner_lookup(396, &app_key, "JohnDoe@Email.com")
        .await
        .unwrap();
    assert!(lookup.upper_cased);
    let CallVerdict::Found(accounts) = lookup.verdict() else {
        panic!("found")
    };
    let credentials = accounts[0].credentials(396, &app_key).unwrap();
    assert_eq!(credentials.customer_box_id, 811_111);
    let today = time::OffsetDateTime::now_utc().date();
    let shipments = client
        .customer_get_shipments(&credentials, &DateWindow::default_for(today))
        .await
        .unwrap();
    let awbs: Vec<_> = shipments.rows.iter().filter_map(|r| r.awb()).collect();
    assert_eq!(awbs, [DOCS_AWB, 13_818_527]);
    let info = client.shipment_info(&credentials, DOCS_AWB).await.unwrap();
    let CallVerdict::Found(info) = info.verdict() else {
        panic!("found")
    };
    let words: Vec<String> = info
        .tracking
        .iter()
        .map(|e| skyview::i18n::status(skyview::i18n::Lang::En, e.status()))
        .collect();
    assert_eq!(
        words,
        [
            "BILLED (PAY)",
            "RECEIVED (REC)",
            "PROCESSED (PRO)",
            "PROCESSING PAYMENT (CUT)"
        ]
    );
    let unknown = client
        .partner_lookup(396, &app_key, "nobody@example.com")
        .await
        .unwrap();
    assert_eq!(unknown.verdict().map(|_| ()), CallVerdict::NotFound);
}
