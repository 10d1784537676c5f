//! Integration tests of the SkyPostal client against HTTP servers on 127.0.0.1 only:
//! the built-in demo server, and a tiny hand-written HTTP/1.1 server that answers with
//! canned bytes or misbehaves on purpose. Nothing here touches the internet, and no
//! test sleeps to wait for something to happen.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::future::Future;
use std::time::{Duration, Instant};

use serde_json::Value;
use skyview::api::{
    ApiError, Checked, Client, ClientConfig, ConnectFailure, Credentials, DateField, Environment,
    IsoDate, Lookup, PhoneKind, RetryAfter, Secret, check_base_url, decode_customers,
};
use skyview::demo::{self, CUSTOMERS, DemoServer};
use skyview::i18n::Lang;
use skyview::setup::SetupError;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

const DOCS_APP_KEY: &str = demo::DEMO_APP_KEY;
const DOCS_CUSTOMER_KEY: &str = demo::DEMO_CUSTOMER_KEY;

/// A safety net: no test here should need more than this, and none waits for it.
const TEST_TIMEOUT: Duration = Duration::from_secs(5);

// ---------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------

fn credentials(box_id: u64, customer_key: &str) -> Credentials {
    Credentials {
        user_code: 396,
        app_key: Secret::new(DOCS_APP_KEY),
        customer_box_id: box_id,
        customer_key: Secret::new(customer_key),
    }
}

fn docs_credentials() -> Credentials {
    credentials(811_111, DOCS_CUSTOMER_KEY)
}

fn config(base: &str) -> ClientConfig {
    ClientConfig {
        timeout: TEST_TIMEOUT,
        ..ClientConfig::new(Environment::Custom(base.to_string()))
    }
}

fn client(base: &str) -> Client {
    Client::new(&config(base)).expect("a loopback base URL is accepted")
}

/// One request as the hand-written server read it.
#[derive(Debug)]
struct Received {
    /// Request line and headers, up to and including the blank line.
    head: String,
    body: Vec<u8>,
}

impl Received {
    fn request_line(&self) -> &str {
        self.head.lines().next().unwrap_or("")
    }

    /// The value of the first header called `name` (case-insensitive).
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then_some(value.trim())
        })
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Reads one request: the head up to the blank line, then `Content-Length` bytes.
async fn read_request(stream: &mut TcpStream) -> Received {
    let mut buffer = Vec::new();
    let mut chunk = [0_u8; 4096];
    let head_end = loop {
        if let Some(i) = find(&buffer, b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream
            .read(&mut chunk)
            .await
            .expect("read the request head");
        assert!(n > 0, "the client hung up before the end of the headers");
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8(buffer[..head_end].to_vec()).expect("an ASCII head");
    let mut received = Received {
        head,
        body: buffer[head_end..].to_vec(),
    };
    let length: usize = received
        .header("content-length")
        .map_or(0, |v| v.parse().expect("a numeric Content-Length"));
    while received.body.len() < length {
        let n = stream
            .read(&mut chunk)
            .await
            .expect("read the request body");
        assert!(n > 0, "the client hung up in the middle of the body");
        received.body.extend_from_slice(&chunk[..n]);
    }
    received
}

/// Waits until the client hangs up (or sends more than it should), so a server can
/// hold a connection open without sleeping.
async fn until_hang_up(stream: &mut TcpStream) {
    let mut chunk = [0_u8; 1024];
    while let Ok(n) = stream.read(&mut chunk).await {
        if n == 0 {
            break;
        }
    }
}

/// Starts a one-connection server on 127.0.0.1: it accepts once, reads the request and
/// hands the stream and the request to `handler`. Returns the base URL to give the
/// client and the server task, which yields what `handler` returned.
async fn serve<F, Fut, T>(handler: F) -> (String, JoinHandle<T>)
where
    F: FnOnce(TcpStream, Received) -> Fut + Send + 'static,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local addr");
    let task = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("accept");
        let request = read_request(&mut stream).await;
        handler(stream, request).await
    });
    (format!("http://{addr}/wcf-services"), task)
}

/// A server that answers one request with `response`, raw bytes, and closes.
async fn canned(response: Vec<u8>) -> (String, JoinHandle<Received>) {
    serve(move |mut stream, request| async move {
        stream
            .write_all(&response)
            .await
            .expect("write the response");
        stream.shutdown().await.expect("shut the stream down");
        request
    })
    .await
}

/// A complete HTTP/1.1 response with `Content-Length` and `Connection: close`.
fn http_response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {status}\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    let mut response = head.into_bytes();
    response.extend_from_slice(body);
    response
}

fn json_200(body: &str) -> Vec<u8> {
    http_response(
        "200 OK",
        &[("Content-Type", "application/json; charset=utf-8")],
        body.as_bytes(),
    )
}

/// Looks the docs' customer up with `config`.
async fn lookup_with(config: &ClientConfig) -> Result<Lookup, ApiError> {
    Client::new(config)
        .unwrap()
        .customer_get_info(&docs_credentials())
        .await
}

/// Looks the docs' customer up against a server that answers with `response`.
async fn lookup_answered_with(response: Vec<u8>) -> Result<Lookup, ApiError> {
    let (base, _server) = canned(response).await;
    client(&base).customer_get_info(&docs_credentials()).await
}

fn assert_no_controls(text: &str) {
    assert!(
        !text.chars().any(char::is_control),
        "control character in {text:?}"
    );
}

// ---------------------------------------------------------------------------------
// Against the built-in demo server
// ---------------------------------------------------------------------------------

#[tokio::test]
async fn demo_docs_credentials_return_john_doe() {
    let server = DemoServer::start(0).await.unwrap();
    let lookup = client(&server.base_url())
        .customer_get_info(&docs_credentials())
        .await
        .unwrap();

    assert_eq!(lookup.customers.len(), 1);
    let john = &lookup.customers[0];
    assert_eq!(john.verify, Some(true));
    assert!(john.reported_error().is_none());
    assert_eq!(john.full_name(), "John Doe");
    assert_eq!(&*john.customer_first_name, "John");
    assert_eq!(&*john.customer_last_name, "Doe");
    assert_eq!(john.cust_id, Some(51_736_850));
    assert_eq!(&*john.customer_email, "JOHNDOE@EMAIL.COM");

    assert_eq!(john.customer_address.len(), 1);
    let address = &john.customer_address[0];
    assert_eq!(&*address.city_name, "Calvillo");
    assert_eq!(&*address.ctry_iso_code, "MX");
    assert_eq!(address.country_code, Some(155));

    let kinds: Vec<PhoneKind> = john.customer_phone.iter().map(|p| p.kind()).collect();
    assert_eq!(kinds, [PhoneKind::Landline, PhoneKind::Mobile]);
    let words: Vec<String> = kinds.iter().map(ToString::to_string).collect();
    assert_eq!(words, ["landline", "mobile"]);

    let birth = john
        .customer_birth_date
        .as_ref()
        .and_then(DateField::date)
        .map(|date| IsoDate(date).to_string());
    assert_eq!(birth.as_deref(), Some("1980-08-19"));

    assert_eq!(john.box_suite(811_111), "MX811111");
}

#[tokio::test]
async fn demo_wrong_customer_key_is_unverified_with_a_reason() {
    let server = DemoServer::start(0).await.unwrap();
    let wrong = credentials(811_111, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    let lookup = client(&server.base_url())
        .customer_get_info(&wrong)
        .await
        .unwrap();

    assert_eq!(lookup.customers.len(), 1);
    let rejected = &lookup.customers[0];
    assert_eq!(rejected.verify, Some(false));
    let error = rejected.error.as_ref().expect("an error object");
    assert!(error.error_description.non_empty().is_some());
    assert!(rejected.reported_error().is_some());
}

#[tokio::test]
async fn demo_wrong_partner_credentials_are_unverified_with_a_reason() {
    let server = DemoServer::start(0).await.unwrap();
    let mut wrong = docs_credentials();
    wrong.app_key = Secret::new("00000000000000000000000000000000");
    let lookup = client(&server.base_url())
        .customer_get_info(&wrong)
        .await
        .unwrap();

    assert_eq!(lookup.customers.len(), 1);
    assert_eq!(lookup.customers[0].verify, Some(false));
    assert!(lookup.customers[0].reported_error().is_some());
}

#[tokio::test]
async fn demo_unknown_box_is_an_empty_answer() {
    let server = DemoServer::start(0).await.unwrap();
    let lookup = client(&server.base_url())
        .customer_get_info(&credentials(123_456, DOCS_CUSTOMER_KEY))
        .await
        .unwrap();
    assert!(lookup.customers.is_empty());
}

#[tokio::test]
async fn demo_every_customer_answers_to_its_key() {
    let server = DemoServer::start(0).await.unwrap();
    let client = client(&server.base_url());
    for customer in CUSTOMERS {
        let lookup = client
            .customer_get_info(&credentials(customer.box_id, customer.key))
            .await
            .unwrap_or_else(|e| panic!("box {}: {e}", customer.box_id));
        let expected = decode_customers(customer.body.as_bytes()).unwrap();
        assert!(!lookup.customers.is_empty(), "box {}", customer.box_id);
        assert_eq!(
            lookup.customers[0].verify,
            Some(true),
            "box {}",
            customer.box_id
        );
        assert_eq!(lookup.customers, expected, "box {}", customer.box_id);
    }
}

/// Fixture check: every file in assets/demo decodes, and the demo's catalogue serves
/// exactly those files, byte for byte, under their box ids.
#[test]
fn demo_fixtures_decode_and_match_the_catalogue() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let customers = decode_customers(&bytes)
            .unwrap_or_else(|e| panic!("{} does not decode: {e}", path.display()));
        assert!(!customers.is_empty(), "{} is empty", path.display());
        let box_id: u64 = path
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("{} is not named <box id>.json", path.display()));
        let listed = CUSTOMERS
            .iter()
            .find(|c| c.box_id == box_id)
            .unwrap_or_else(|| panic!("{} is not in demo::CUSTOMERS", path.display()));
        assert_eq!(listed.body.as_bytes(), bytes, "{}", path.display());
        seen += 1;
    }
    assert_eq!(seen, CUSTOMERS.len());
    assert_eq!(demo::DEMO_BOX_ID, 811_111);
    assert_eq!(demo::DEMO_CUSTOMER_KEY, DOCS_CUSTOMER_KEY);
    assert_eq!(demo::DEMO_APP_KEY, DOCS_APP_KEY);
}

// ---------------------------------------------------------------------------------
// HTTP statuses
// ---------------------------------------------------------------------------------

/// What IIS 10 serves for an unhandled 500.
const IIS_500: &str = r#"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>
<title>500 - Internal server error.</title>
<style type="text/css">
<!--
body{margin:0;font-size:.7em;font-family:Verdana, Arial, Helvetica, sans-serif;background:#EEEEEE;}
fieldset{padding:0 15px 10px 15px;}
h1{font-size:2.4em;margin:0;color:#FFF;}
-->
</style>
</head>
<body>
<div id="header"><h1>Server Error</h1></div>
<div id="content">
 <div class="content-container"><fieldset>
  <h2>500 - Internal server error.</h2>
  <h3>There is a problem with the resource you are looking for, and it cannot be displayed.</h3>
 </fieldset></div>
</div>
</body>
</html>
"#;

#[tokio::test]
async fn status_500_shows_the_iis_page_title_without_markup() {
    let error = lookup_answered_with(http_response(
        "500 Internal Server Error",
        &[
            ("Content-Type", "text/html"),
            ("Server", "Microsoft-IIS/10.0"),
        ],
        IIS_500.as_bytes(),
    ))
    .await
    .unwrap_err();
    assert!(
        matches!(error, ApiError::Status { code: 500, .. }),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(text.contains("HTTP 500 Internal Server Error"), "{text}");
    assert!(text.contains("500 - Internal server error."), "{text}");
    assert!(!text.contains('<'), "{text}");
    assert!(!text.contains("font-family"), "{text}");
}

#[tokio::test]
async fn status_503_says_when_to_retry() {
    let error = lookup_answered_with(http_response(
        "503 Service Unavailable",
        &[("Retry-After", "120"), ("Content-Type", "text/html")],
        b"<html><body><h1>Service Unavailable</h1></body></html>",
    ))
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ApiError::Status { code: 503, retry_after: Some(RetryAfter(after)), .. } if after.as_secs() == 120),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(text.contains("503"), "{text}");
    assert!(text.contains("retry after 2 min"), "{text}");
    // The wait in each language's words, as the lock screen says a duration.
    for (lang, says) in [
        (Lang::En, "(retry after 2 min)"),
        (Lang::Es, "(intente de nuevo después de 2 min)"),
        (Lang::Pt, "(tente de novo após 2 min)"),
    ] {
        let text = error.text(lang);
        assert!(text.ends_with(says), "{lang:?}: {text}");
    }
}

/// A date in `Retry-After` is counted down from when the answer came: the agent reads
/// a wait in their language, never an English date.
#[tokio::test]
async fn status_503_counts_an_http_date_down_to_a_wait() {
    let in_two_minutes =
        httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(120));
    let error = lookup_answered_with(http_response(
        "503 Service Unavailable",
        &[("Retry-After", &in_two_minutes)],
        b"",
    ))
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ApiError::Status { code: 503, retry_after: Some(RetryAfter(after)), .. } if (119..=120).contains(&after.as_secs())),
        "{error:?}"
    );
    let text = error.text(Lang::Es);
    assert!(text.contains("(intente de nuevo después de "), "{text}");
    assert!(!text.contains("GMT"), "{text}");
}

#[tokio::test]
async fn status_429_says_when_to_retry() {
    let error = lookup_answered_with(http_response(
        "429 Too Many Requests",
        &[("Retry-After", "120")],
        b"",
    ))
    .await
    .unwrap_err();
    assert!(
        matches!(error, ApiError::Status { code: 429, .. }),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(text.contains("429"), "{text}");
    assert!(text.contains("retry after 2 min"), "{text}");
}

#[tokio::test]
async fn status_with_an_unknown_code_reads_cleanly() {
    let error = lookup_answered_with(http_response("599 Whatever", &[], b"gateway gave up"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, ApiError::Status { code: 599, .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "SkyPostal answered HTTP 599: gateway gave up"
    );
}

#[tokio::test]
async fn a_redirect_that_quotes_a_key_is_not_repeated() {
    // The customer key in the query, once plain and once percent-encoded.
    let encoded = DOCS_CUSTOMER_KEY.replace('+', "%2B").replace('=', "%3D");
    for target in [
        format!("https://elsewhere.example/login?key={DOCS_CUSTOMER_KEY}"),
        format!("https://elsewhere.example/login?key={encoded}"),
        format!("https://elsewhere.example/{DOCS_APP_KEY}"),
    ] {
        let error = lookup_answered_with(http_response("302 Found", &[("Location", &target)], b""))
            .await
            .unwrap_err();
        let message = format!("{error} {error:?}");
        assert!(message.contains("withheld"), "{message}");
        assert!(
            !message.contains("YpbC") && !message.contains("1656d7"),
            "{message}"
        );
    }
}

#[tokio::test]
async fn redirects_are_not_followed_with_the_credentials() {
    // Where a redirect would lead: anything connecting here would be a follow.
    let elsewhere = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    elsewhere.set_nonblocking(true).unwrap();
    let target = format!(
        "http://{}/wcf-services/service-customer.svc/customer/customer-get-info",
        elsewhere.local_addr().unwrap()
    );
    let error = lookup_answered_with(http_response(
        "307 Temporary Redirect",
        &[("Location", &target)],
        b"",
    ))
    .await
    .unwrap_err();
    assert!(
        matches!(error, ApiError::Redirect { code: 307, .. }),
        "{error:?}"
    );
    // The message says it was a redirect, not followed, and where it pointed.
    let message = error.to_string();
    assert!(
        message.contains("redirect") && message.contains("not followed"),
        "{message}"
    );
    assert!(message.contains(&target), "{message}");
    // Had the client followed, its connection would be waiting in the backlog by now.
    match elsewhere.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("the client followed the redirect: {other:?}"),
    }
}

// ---------------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------------

#[tokio::test]
async fn html_with_200_is_not_json() {
    let error = lookup_answered_with(http_response(
        "200 OK",
        &[("Content-Type", "text/html")],
        b"<html>oops</html>",
    ))
    .await
    .unwrap_err();
    assert!(matches!(error, ApiError::NotJson { .. }), "{error:?}");
    let text = error.to_string();
    assert!(text.contains("not valid JSON"), "{text}");
    assert!(text.contains("oops"), "{text}");
}

#[tokio::test]
async fn empty_200_body_is_not_json_and_says_so() {
    let error = lookup_answered_with(json_200("")).await.unwrap_err();
    assert!(matches!(error, ApiError::NotJson { .. }), "{error:?}");
    assert!(error.to_string().contains("the body is empty"), "{error}");
}

#[tokio::test]
async fn object_instead_of_array_is_unexpected() {
    let error = lookup_answered_with(json_200(r#"{"a":1}"#))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, ApiError::Unexpected { path, .. } if path == "$"),
        "{error:?}"
    );
    assert!(error.to_string().contains("unexpected response"), "{error}");
}

#[tokio::test]
async fn wrong_type_is_unexpected_at_its_json_path() {
    let error = lookup_answered_with(json_200(r#"[{"cust_id":"abc"}]"#))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, ApiError::Unexpected { path, .. } if path == "$[0].cust_id"),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(text.contains("unexpected response"), "{text}");
    assert!(text.contains("$[0].cust_id"), "{text}");
    assert!(!text.contains("line 1 column"), "{text}");
}

#[tokio::test]
async fn nested_wrong_type_names_the_nested_path() {
    let error = lookup_answered_with(json_200(
        r#"[{"customer_phone":[{"phone_type":1},{"phone_type":{"x":1}}]}]"#,
    ))
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ApiError::Unexpected { path, .. } if path == "$[0].customer_phone[1].phone_type"),
        "{error:?}"
    );
}

#[tokio::test]
async fn empty_array_is_ok_and_empty() {
    let lookup = lookup_answered_with(json_200("[]")).await.unwrap();
    assert!(lookup.customers.is_empty());
}

#[tokio::test]
async fn decoding_tolerates_nulls_missing_fields_numbers_and_extras() {
    let body = r#"[
        {
            "_verify": true,
            "error": null,
            "cust_id": null,
            "customer_first_name": null,
            "customer_last_name": "Doe",
            "customer_email_agreement": null,
            "customer_birth_date": null,
            "customer_tax_number": 123456789,
            "customer_refered_by": null,
            "is_active": null,
            "customer_address": null,
            "customer_phone": [
                {
                    "_verify": true,
                    "phone_area_code": 52,
                    "phone_number": 5512345678,
                    "phone_extension": null,
                    "phone_type": null,
                    "error": {"error_description": null, "error_location": null, "system_error": null},
                    "brand_new": {"nested": [1, 2, {"deep": null}]}
                },
                {"phone_number": "987654321", "phone_type": 2}
            ],
            "last_payment_method": "CARD",
            "a_field_nobody_documented": [true, 1.5, "x"]
        },
        {}
    ]"#;
    let lookup = lookup_answered_with(json_200(body)).await.unwrap();
    assert_eq!(lookup.customers.len(), 2);

    let first = &lookup.customers[0];
    assert_eq!(first.verify, Some(true));
    assert_eq!(first.error, None);
    assert_eq!(first.cust_id, None);
    assert_eq!(&*first.customer_first_name, "");
    assert_eq!(first.full_name(), "Doe");
    assert!(!first.customer_email_agreement);
    assert_eq!(first.customer_birth_date, None);
    assert_eq!(&*first.customer_tax_number, "123456789");
    assert_eq!(first.customer_refered_by.non_empty(), None);
    assert_eq!(first.is_active, None, "null is unknown, like missing");
    assert!(first.customer_address.is_empty());
    assert_eq!(first.box_suite(811_111), "811111");
    assert_eq!(&*first.last_payment_method, "CARD");

    assert_eq!(first.customer_phone.len(), 2);
    let phone = &first.customer_phone[0];
    assert!(phone.verify);
    assert_eq!(&*phone.phone_area_code, "52");
    assert_eq!(&*phone.phone_number, "5512345678");
    assert_eq!(&*phone.phone_extension, "");
    assert_eq!(phone.kind(), PhoneKind::Other(None));
    let error = phone.error.as_ref().expect("an error object of nulls");
    assert!(!error.is_error());
    assert!(!error.system_error);
    let second_phone = &first.customer_phone[1];
    assert!(
        !second_phone.verify,
        "a missing _verify counts as unverified"
    );
    assert_eq!(second_phone.kind(), PhoneKind::Mobile);
    assert_eq!(&*second_phone.phone_number, "987654321");

    let empty = &lookup.customers[1];
    assert_eq!(empty.verify, None, "a missing _verify is unknown");
    assert_eq!(empty.full_name(), "");
    assert_eq!(
        skyview::i18n::name(skyview::i18n::Lang::En, &empty.full_name()),
        "(no name)"
    );
    assert!(empty.customer_phone.is_empty());
    assert!(empty.customer_address.is_empty());
}

#[tokio::test]
async fn missing_flags_are_unknown_and_json_says_null() {
    let lookup = lookup_answered_with(json_200(r#"[{"is_enable":null}]"#))
        .await
        .unwrap();
    let customer = &lookup.customers[0];
    assert_eq!(customer.verify, None);
    assert_eq!(customer.is_active, None);
    assert_eq!(customer.is_enable, None);
    let json = serde_json::to_value(&lookup.customers).unwrap();
    for flag in ["_verify", "is_active", "is_enable"] {
        assert_eq!(json[0][flag], Value::Null, "{flag}");
    }
}

#[tokio::test]
async fn hostile_text_is_made_inert() {
    let body = r#"[{
        "_verify": true,
        "customer_first_name": "John\u001b]52;c;ZXZpbA==\u0007",
        "customer_last_name": "\u001b[2JDoe\r\n",
        "customer_email": "a\u202eb@c.d",
        "customer_birth_date": "soon\u001b[2J",
        "error": {"error_description": "\u001b]0;pwned\u0007", "error_location": "\u009b31m", "system_error": false},
        "customer_address": [{"city_name": "Calvillo\u001b[5m", "ctry_iso_code": "M\u0000X"}],
        "customer_phone": [{"phone_number": "12\u00083"}]
    }]"#;
    let lookup = lookup_answered_with(json_200(body)).await.unwrap();
    let customer = &lookup.customers[0];
    let error = customer.error.as_ref().unwrap();
    let address = &customer.customer_address[0];
    let birth = match &customer.customer_birth_date {
        Some(DateField::Unparsed(text)) => text.clone(),
        other => panic!("expected unparsed date text, got {other:?}"),
    };
    for text in [
        &*customer.customer_first_name,
        &*customer.customer_last_name,
        &*customer.customer_email,
        &*error.error_description,
        &*error.error_location,
        &*address.city_name,
        &*address.ctry_iso_code,
        &*customer.customer_phone[0].phone_number,
        &birth,
        &customer.full_name(),
        &customer.box_suite(1),
    ] {
        assert_no_controls(text);
    }
    assert!(customer.customer_first_name.starts_with("John"));
    assert!(customer.customer_last_name.contains("Doe"));
    assert!(!customer.customer_email.contains('\u{202e}'));
}

#[tokio::test]
async fn hostile_text_cannot_reach_error_messages() {
    let unexpected =
        lookup_answered_with(json_200(r#"[{"cust_id":"\u001b]52;c;ZXZpbA==\u0007"}]"#))
            .await
            .unwrap_err();
    assert!(
        matches!(unexpected, ApiError::Unexpected { .. }),
        "{unexpected:?}"
    );
    assert_no_controls(&unexpected.to_string());

    let not_json = lookup_answered_with(json_200("\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7}"))
        .await
        .unwrap_err();
    assert!(matches!(not_json, ApiError::NotJson { .. }), "{not_json:?}");
    assert_no_controls(&not_json.to_string());

    let status = lookup_answered_with(http_response(
        "502 Bad Gateway",
        &[],
        b"<title>\x1b]0;pwned\x07down</title>",
    ))
    .await
    .unwrap_err();
    assert!(
        matches!(status, ApiError::Status { code: 502, .. }),
        "{status:?}"
    );
    assert_no_controls(&status.to_string());
}

// ---------------------------------------------------------------------------------
// Transport
// ---------------------------------------------------------------------------------

#[tokio::test]
async fn connection_refused_names_the_host() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let error = client(&format!("http://127.0.0.1:{port}/wcf-services"))
        .customer_get_info(&docs_credentials())
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            ApiError::Connect { failure: ConnectFailure::Refused, host, .. } if host == "127.0.0.1"
        ),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(text.contains("connection refused"), "{text}");
    assert!(text.contains("127.0.0.1"), "{text}");
}

#[tokio::test]
async fn silent_server_times_out() {
    let (base, _server) = serve(|mut stream, _request| async move {
        until_hang_up(&mut stream).await;
    })
    .await;
    let mut config = config(&base);
    config.timeout = Duration::from_secs(1);
    let started = Instant::now();
    let error = lookup_with(&config).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(
        matches!(&error, ApiError::Timeout { after, .. } if *after == Duration::from_secs(1)),
        "{error:?}"
    );
    assert!(error.to_string().contains("timed out after 1 s"), "{error}");
    assert!(error.to_string().contains("127.0.0.1"), "{error}");
    assert!(elapsed >= Duration::from_millis(900), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
}

#[tokio::test]
async fn dripping_body_times_out_within_the_total_deadline() {
    // Headers at once, then one byte of the promised 1000 every 200 ms: each read is
    // quick, only a total deadline can stop it. Returns how many body bytes went out.
    let (base, server) = serve(|mut stream, _request| async move {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                    Content-Length: 1000\r\n\r\n";
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut ticks = tokio::time::interval(Duration::from_millis(200));
        let mut sent = 0_usize;
        while sent < 1000 {
            ticks.tick().await;
            let byte: &[u8] = if sent == 0 { b"[" } else { b" " };
            if stream.write_all(byte).await.is_err() {
                break;
            }
            sent += 1;
        }
        sent
    })
    .await;
    let mut config = config(&base);
    config.timeout = Duration::from_secs(1);
    let started = Instant::now();
    let error = lookup_with(&config).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(matches!(error, ApiError::Timeout { .. }), "{error:?}");
    assert!(error.to_string().contains("timed out after 1 s"), "{error}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");

    // The deadline struck while the body was arriving, and the client then hung up.
    let sent = tokio::time::timeout(TEST_TIMEOUT, server)
        .await
        .expect("the server notices the hang-up")
        .unwrap();
    assert!((2..1000).contains(&sent), "{sent} body bytes sent");
}

#[tokio::test]
async fn content_length_over_the_cap_is_refused_unread() {
    let (base, _server) = serve(|mut stream, _request| async move {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                    Content-Length: 1048576\r\n\r\n";
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(&[b' '; 4096]).await.unwrap();
        until_hang_up(&mut stream).await;
    })
    .await;
    let mut config = config(&base);
    config.max_body_bytes = 1024;
    let error = lookup_with(&config).await.unwrap_err();
    assert_eq!(error, ApiError::TooLarge { limit: 1024 });
    let text = error.to_string();
    assert!(text.contains("response too large"), "{text}");
    assert!(text.contains("1 KiB"), "{text}");
}

#[tokio::test]
async fn error_page_over_the_cap_is_too_large() {
    let (base, _server) = serve(|mut stream, _request| async move {
        let head = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 1048576\r\n\r\n";
        stream.write_all(head.as_bytes()).await.unwrap();
        until_hang_up(&mut stream).await;
    })
    .await;
    let mut config = config(&base);
    config.max_body_bytes = 1024;
    let error = lookup_with(&config).await.unwrap_err();
    assert_eq!(error, ApiError::TooLarge { limit: 1024 });
}

#[tokio::test]
async fn chunked_body_past_the_cap_stops_reading_and_hangs_up() {
    const OFFERED: usize = 50 * 1024 * 1024;
    const CHUNK: usize = 64 * 1024;
    // Chunked, no Content-Length: only counting while reading can catch it. The
    // server offers 50 MB and reports how much it got out before the client hung up.
    let (base, server) = serve(|mut stream, _request| async move {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                    Transfer-Encoding: chunked\r\n\r\n";
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut chunk = format!("{CHUNK:x}\r\n").into_bytes();
        chunk.push(b'[');
        chunk.extend(std::iter::repeat_n(b' ', CHUNK - 1));
        chunk.extend_from_slice(b"\r\n");
        let mut sent = 0;
        while sent < OFFERED {
            if let Err(error) = stream.write_all(&chunk).await {
                return (sent, Some(error.kind()));
            }
            sent += CHUNK;
            chunk[format!("{CHUNK:x}\r\n").len()] = b' ';
        }
        (sent, None)
    })
    .await;
    let mut config = config(&base);
    config.max_body_bytes = 1024;
    let started = Instant::now();
    let error = lookup_with(&config).await.unwrap_err();
    assert_eq!(error, ApiError::TooLarge { limit: 1024 });
    assert!(error.to_string().contains("response too large"), "{error}");

    let (sent, failure) = tokio::time::timeout(TEST_TIMEOUT, server)
        .await
        .expect("the server's writes stop once the client hangs up")
        .unwrap();
    assert!(
        failure.is_some(),
        "the server wrote all {sent} bytes: the client read everything"
    );
    assert!(
        sent < OFFERED / 2,
        "{sent} bytes went out before the hang-up"
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn truncated_body_is_a_transport_failure() {
    let (base, _server) = serve(|mut stream, _request| async move {
        let head = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n[{\"cust_id\":";
        stream.write_all(head.as_bytes()).await.unwrap();
        // Dropping the stream closes it 990 bytes short.
    })
    .await;
    let error = client(&base)
        .customer_get_info(&docs_credentials())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, ApiError::Other { host, .. } if host == "127.0.0.1"),
        "{error:?}"
    );
    // hyper's English is for the log; the agent reads what happened, in words.
    assert_eq!(
        error.text(Lang::Es),
        "la solicitud a 127.0.0.1 falló: los datos terminaron antes de lo esperado"
    );
}

// ---------------------------------------------------------------------------------
// The request itself
// ---------------------------------------------------------------------------------

async fn request_sent_to(base_suffix: &str) -> Received {
    let (base, server) = canned(json_200("[]")).await;
    let lookup = client(&format!("{base}{base_suffix}"))
        .customer_get_info(&docs_credentials())
        .await
        .unwrap();
    assert!(lookup.customers.is_empty());
    server.await.unwrap()
}

#[tokio::test]
async fn request_is_a_flat_json_post_to_customer_get_info() {
    let request = request_sent_to("").await;

    let mut parts = request.request_line().split(' ');
    assert_eq!(parts.next(), Some("POST"), "{}", request.head);
    let path = parts.next().unwrap();
    assert!(
        path.ends_with("/wcf-services/service-customer.svc/customer/customer-get-info"),
        "{path}"
    );
    assert_eq!(
        path,
        "/wcf-services/service-customer.svc/customer/customer-get-info"
    );
    assert_eq!(request.header("content-type"), Some("application/json"));

    let body: Value = serde_json::from_slice(&request.body).unwrap();
    let fields = body.as_object().expect("a flat JSON object");
    let mut names: Vec<&str> = fields.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        ["app_key", "customer_box_id", "customer_key", "user_code"]
    );
    assert_eq!(fields["user_code"].as_u64(), Some(396));
    assert_eq!(fields["app_key"].as_str(), Some(DOCS_APP_KEY));
    assert_eq!(fields["customer_box_id"].as_u64(), Some(811_111));
    assert_eq!(fields["customer_key"].as_str(), Some(DOCS_CUSTOMER_KEY));
}

#[tokio::test]
async fn trailing_slash_on_the_base_does_not_double_up() {
    let request = request_sent_to("/").await;
    assert!(
        request
            .request_line()
            .starts_with("POST /wcf-services/service-customer.svc/customer/customer-get-info "),
        "{}",
        request.head
    );
}

#[test]
fn loopback_lookups_bypass_proxies_from_the_environment() {
    // Proxy settings are process-wide, so one lookup runs in a child: this test binary
    // itself, filtered to the docs lookup, with every proxy variable pointing at a port
    // nothing listens on. Through the proxy the lookup would fail with "refused".
    let dead_port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let proxy = format!("http://127.0.0.1:{dead_port}");
    let mut child = std::process::Command::new(std::env::current_exe().unwrap());
    child.args([
        "--exact",
        "demo_docs_credentials_return_john_doe",
        "--quiet",
    ]);
    for name in [
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ] {
        child.env(name, &proxy);
    }
    for name in ["no_proxy", "NO_PROXY"] {
        child.env_remove(name);
    }
    let output = child.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("1 passed"),
        "the child ran no test: {stdout}"
    );
}

// ---------------------------------------------------------------------------------
// Configuration and secrets
// ---------------------------------------------------------------------------------

#[test]
fn plain_http_only_to_loopback() {
    for refused in [
        "http://api-box-test.skypostal.com/wcf-services",
        "http://10.0.0.1/wcf-services",
        "http://192.168.1.20:8080/wcf-services",
        "http://localhost.attacker.example/wcf-services",
        "http://127.0.0.1.nip.io/wcf-services",
    ] {
        let error = check_base_url(refused).expect_err(refused);
        assert_eq!(error, SetupError::PlainHttp(refused.into()));
        assert!(error.to_string().contains("https://"), "{refused}: {error}");
    }
    for accepted in [
        "http://127.0.0.1/wcf-services",
        "http://127.0.0.1:8080/wcf-services",
        "http://localhost/wcf-services",
        "http://LOCALHOST:9000/wcf-services",
        "http://[::1]:8080/wcf-services",
        "https://api-box-test.skypostal.com/wcf-services",
        "https://api-box.skypostal.com/wcf-services",
        "https://10.0.0.1/wcf-services",
    ] {
        assert_eq!(check_base_url(accepted), Ok(()), "{accepted}");
    }
    for broken in ["ftp://127.0.0.1/wcf-services", "not a url", ""] {
        assert!(check_base_url(broken).is_err(), "{broken:?}");
    }
}

#[test]
fn client_refuses_plain_http_off_loopback() {
    let error = Client::new(&config("http://api-box-test.skypostal.com/wcf-services")).unwrap_err();
    assert!(
        matches!(error, ApiError::Setup(SetupError::PlainHttp(_))),
        "{error:?}"
    );
    assert!(error.to_string().contains("https://"), "{error}");
    assert!(Client::new(&ClientConfig::new(Environment::Test)).is_ok());
    assert!(Client::new(&ClientConfig::new(Environment::Prod)).is_ok());
}

#[test]
fn credentials_debug_shows_no_secret() {
    let shown = format!("{:?}", docs_credentials());
    assert!(!shown.contains(DOCS_APP_KEY), "{shown}");
    assert!(!shown.contains(DOCS_CUSTOMER_KEY), "{shown}");
    assert!(!shown.contains("1656d7"), "{shown}");
    assert!(!shown.contains("YpbCNp"), "{shown}");
    assert!(
        shown.contains("811111"),
        "the box id is not a secret: {shown}"
    );
    let pretty = format!("{:#?}", docs_credentials());
    assert!(!pretty.contains(DOCS_APP_KEY) && !pretty.contains(DOCS_CUSTOMER_KEY));
}

/// A server that echoes the request into its error page must not get a credential
/// into the message, not even part of one cut off by the preview's length.
#[tokio::test]
async fn echoed_credentials_never_reach_the_message() {
    let echo = format!(
        "<html><body><p>Bad request: {{\"user_code\":396,\"app_key\":\"{DOCS_APP_KEY}\",\
         \"customer_key\":\"{DOCS_CUSTOMER_KEY}\"}}</p></body></html>"
    );
    let status = lookup_answered_with(http_response("400 Bad Request", &[], echo.as_bytes()))
        .await
        .unwrap_err();
    let not_json = lookup_answered_with(json_200(&format!(
        "app_key={DOCS_APP_KEY}&customer_key={DOCS_CUSTOMER_KEY}"
    )))
    .await
    .unwrap_err();
    let wrong_type = lookup_answered_with(json_200(&format!(
        r#"[{{"cust_id":"{DOCS_CUSTOMER_KEY}"}}]"#
    )))
    .await
    .unwrap_err();
    for error in [status, not_json, wrong_type] {
        let text = error.to_string();
        assert!(!text.contains(&DOCS_APP_KEY[..8]), "{text}");
        assert!(!text.contains(&DOCS_CUSTOMER_KEY[..8]), "{text}");
        assert!(!format!("{error:?}").contains(&DOCS_CUSTOMER_KEY[..8]));
    }
}

/// An error page that cuts the customer key up with `<wbr>` every 7 characters (as a
/// page that wraps long words does) shows the key nowhere, once its tags are stripped
/// (issue 16, defect 2); the rest of its line stays.
#[tokio::test]
async fn a_key_cut_up_by_markup_in_an_error_page_is_withheld() {
    let cut: Vec<String> = DOCS_CUSTOMER_KEY
        .chars()
        .collect::<Vec<_>>()
        .chunks(7)
        .map(|c| c.iter().collect())
        .collect();
    let page = format!(
        "<html><body><p>Invalid key {} for box 811111</p></body></html>",
        cut.join("<wbr>")
    );
    let error = lookup_answered_with(http_response(
        "500 Internal Server Error",
        &[("Content-Type", "text/html")],
        page.as_bytes(),
    ))
    .await
    .unwrap_err();
    let text = error.to_string();
    assert!(!text.contains(&DOCS_CUSTOMER_KEY[..7]), "{text}");
    assert!(!text.contains(&DOCS_CUSTOMER_KEY[37..]), "{text}");
    assert!(
        text.ends_with("Invalid key <redacted> for box 811111"),
        "{text}"
    );
}

/// A customer key shorter than the scrubber's patterns (`1`) is still sent as typed,
/// and the answer about it reads as sent: nothing in it is taken for the key.
#[tokio::test]
async fn a_short_key_is_sent_as_typed_and_hides_nothing() {
    let refusal = r#"[{"_verify":false,"cust_id":1,"error":{"error_description":"Invalid customer key 1","error_location":"","system_error":false}}]"#;
    let (base, server) = canned(json_200(refusal)).await;
    let lookup = client(&base)
        .customer_get_info(&credentials(811_111, "1"))
        .await
        .unwrap();
    let sent: Value = serde_json::from_slice(&server.await.unwrap().body).unwrap();
    assert_eq!(sent["customer_key"], "1");
    let error = lookup.customers[0].error.as_ref().unwrap();
    assert_eq!(
        error.error_description.to_string(),
        "Invalid customer key 1"
    );
    assert_eq!(String::from_utf8(lookup.body).unwrap(), refusal);
}

fn assert_tls_failure(error: &ApiError) {
    assert!(
        matches!(
            error,
            ApiError::Connect {
                failure: ConnectFailure::Tls,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("TLS"), "{error}");
}

/// https:// to something that does not speak TLS is named a TLS failure.
#[tokio::test]
async fn tls_failure_says_tls() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let _ = stream
            .write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            .await;
        let _ = stream.shutdown().await;
    });
    let error = client(&format!("https://127.0.0.1:{}/wcf-services", addr.port()))
        .customer_get_info(&docs_credentials())
        .await
        .unwrap_err();
    server.await.unwrap();
    assert_tls_failure(&error);
    assert_eq!(
        error.text(Lang::Pt),
        "falha de TLS ao conectar a 127.0.0.1: o servidor não respondeu com TLS"
    );
}

#[test]
fn a_ca_file_that_cannot_be_used_stops_the_client_with_a_reason() {
    let missing = ClientConfig {
        ca_file: Some("/nonexistent/skyview-ca.pem".into()),
        ..config("https://127.0.0.1/wcf-services")
    };
    let error = Client::new(&missing).unwrap_err();
    assert!(
        matches!(error, ApiError::Setup(SetupError::CaUnreadable { .. })),
        "{error:?}"
    );
    assert!(error.to_string().contains("cannot read CA file"), "{error}");
    assert_eq!(
        error.text(Lang::Es),
        "error de configuración: no se puede leer el archivo de CA \
         /nonexistent/skyview-ca.pem: no existe el archivo o el directorio"
    );

    let garbage = std::env::temp_dir().join(format!("skyview-ca-{}.pem", std::process::id()));
    std::fs::write(&garbage, "not a certificate").unwrap();
    let not_pem = ClientConfig {
        ca_file: Some(garbage.clone()),
        ..config("https://127.0.0.1/wcf-services")
    };
    let error = Client::new(&not_pem).unwrap_err();
    let _ = std::fs::remove_file(&garbage);
    assert!(
        matches!(error, ApiError::Setup(SetupError::CaEmpty(_))),
        "{error:?}"
    );
    assert!(error.to_string().contains("CA file"), "{error}");

    let damaged = std::env::temp_dir().join(format!("skyview-ca-{}-2.pem", std::process::id()));
    std::fs::write(
        &damaged,
        "-----BEGIN CERTIFICATE-----\n%%% not base64 %%%\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    let error = Client::new(&ClientConfig {
        ca_file: Some(damaged.clone()),
        ..config("https://127.0.0.1/wcf-services")
    })
    .unwrap_err();
    let _ = std::fs::remove_file(&damaged);
    assert!(
        matches!(error, ApiError::Setup(SetupError::CaNotPem { .. })),
        "{error:?}"
    );
    let said = error.text(Lang::Pt);
    assert!(
        said.contains("o texto de um certificado está danificado"),
        "{said}"
    );
}

/// An https server on 127.0.0.1 whose certificate is signed by the test CA in
/// `tests/fixtures/tls/` (valid until 2126), answering one request with the docs' sample.
async fn tls_server() -> String {
    use tokio_rustls::rustls::ServerConfig;
    use tokio_rustls::rustls::pki_types::pem::PemObject;
    use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

    let _ = tokio_rustls::rustls::crypto::ring::default_provider().install_default();
    let certs = CertificateDer::pem_slice_iter(include_bytes!("fixtures/tls/server.pem"))
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_slice(include_bytes!("fixtures/tls/server-key.pem")).unwrap();
    let config = ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        // Each client gets one connection; a refused handshake just ends it.
        while let Ok((stream, _)) = listener.accept().await {
            let Ok(mut tls) = acceptor.accept(stream).await else {
                continue;
            };
            let mut buf = vec![0_u8; 4096];
            let _ = tls.read(&mut buf).await;
            let _ = tls.write_all(&json_200(DOCS_SAMPLE)).await;
            let _ = tls.shutdown().await;
        }
    });
    format!("https://127.0.0.1:{port}/wcf-services")
}

const DOCS_SAMPLE: &str = include_str!("../assets/demo/811111.json");

/// A certificate from a private CA (a TLS-inspecting proxy's, say) is refused as a TLS
/// failure, and accepted once `--ca-file` names the CA.
#[tokio::test]
async fn ca_file_adds_a_trusted_root() {
    let base = tls_server().await;
    let error = lookup_with(&config(&base)).await.unwrap_err();
    assert_tls_failure(&error);

    let trusted = ClientConfig {
        ca_file: Some(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tls/ca.pem").into()),
        ..config(&base)
    };
    let lookup = lookup_with(&trusted).await.unwrap();
    assert_eq!(lookup.customers[0].full_name(), "John Doe");
}

/// A 2xx answer that quotes the customer key, here with the `\/` escape .NET writes
/// for every slash, is scrubbed before it is decoded or kept for the Raw view: the
/// key goes, the rest of the sentence stays.
#[tokio::test]
async fn a_successful_answer_quoting_a_key_is_scrubbed() {
    const KEY: &str = "Ab/Cd+Ef/Gh0123456789abcdefghijklmnopqrstuv=";
    let escaped = KEY.replace('/', "\\/");
    let body = format!(
        r#"[{{"_verify":false,"error":{{"error_description":"key {escaped} expired","error_location":"x","system_error":false}}}}]"#
    );
    let (base, _server) = canned(json_200(&body)).await;
    let lookup = client(&base)
        .customer_get_info(&credentials(811_111, KEY))
        .await
        .unwrap();
    let description = lookup.customers[0]
        .error
        .as_ref()
        .unwrap()
        .error_description
        .to_string();
    assert_eq!(description, "key <redacted> expired");
    let raw = String::from_utf8(lookup.body).unwrap();
    assert!(!raw.contains("Ab/Cd") && !raw.contains("Ab\\/Cd"), "{raw}");
}

/// The keys quoted JSON-escaped, as .NET's default encoder writes `+` and `=`, or with
/// every character as `\uXXXX`: found once decoded, in a 2xx answer (customers, Raw
/// view), in an error answer's message and in a body that is not JSON.
#[tokio::test]
async fn escaped_spellings_of_the_keys_never_come_back() {
    let every_char = |key: &str| -> String {
        key.chars()
            .map(|c| format!("\\u{:04x}", c as u32))
            .collect()
    };
    let dotnet = DOCS_CUSTOMER_KEY
        .replace('+', "\\u002B")
        .replace('=', "\\u003D");
    for spelling in [
        dotnet,
        every_char(DOCS_CUSTOMER_KEY),
        every_char(DOCS_APP_KEY),
    ] {
        let body = format!(
            r#"[{{"_verify":false,"customer_first_name":"{spelling}","error":{{"error_description":"key {spelling} is wrong"}}}}]"#
        );
        let lookup = lookup_answered_with(json_200(&body)).await.unwrap();
        let shown = serde_json::to_string(&lookup.customers).unwrap();
        let raw = String::from_utf8(lookup.body).unwrap();
        for text in [&shown, &raw] {
            assert!(!text.contains(&spelling), "{text}");
            assert!(!text.contains(&DOCS_CUSTOMER_KEY[..8]), "{text}");
            assert!(!text.contains(&DOCS_APP_KEY[..8]), "{text}");
            assert!(text.contains("<redacted>"), "{text}");
        }
        let decoded_raw: Value = serde_json::from_str(&raw).unwrap();
        assert!(!decoded_raw.to_string().contains(&DOCS_CUSTOMER_KEY[..8]));
        assert!(!decoded_raw.to_string().contains(&DOCS_APP_KEY[..8]));

        let error_body = format!(r#"{{"Message":"bad customer_key {spelling}"}}"#);
        let status =
            lookup_answered_with(http_response("400 Bad Request", &[], error_body.as_bytes()))
                .await
                .unwrap_err();
        let not_json = lookup_answered_with(json_200(&format!("key={spelling}")))
            .await
            .unwrap_err();
        for error in [status, not_json] {
            let text = error.to_string();
            assert!(
                !text.contains(&spelling) && !text.contains(&spelling[..12]),
                "{text}"
            );
        }
    }
}

/// Broken JSON says why and where (line, column); a number too large for its field
/// is a wrong value at its path, not broken JSON.
#[tokio::test]
async fn broken_json_says_why_and_where_and_a_huge_number_is_a_wrong_value() {
    let surrogate = lookup_answered_with(json_200("[\n{\"customer_first_name\":\"\\ud800x\"}]"))
        .await
        .unwrap_err();
    let text = surrogate.to_string();
    assert!(matches!(surrogate, ApiError::NotJson { .. }), "{text}");
    assert!(text.contains("line 2, column"), "{text}");
    assert!(text.contains("escape"), "{text}");

    let not_utf8 = lookup_answered_with(http_response(
        "200 OK",
        &[("Content-Type", "application/json")],
        b"[{\"customer_first_name\":\"Jos\xe9\"}]",
    ))
    .await
    .unwrap_err();
    assert!(
        not_utf8.to_string().contains("line 1, column"),
        "{not_utf8}"
    );

    let huge = lookup_answered_with(json_200(r#"[{"cust_id":99999999999999999999999}]"#))
        .await
        .unwrap_err();
    assert!(
        matches!(&huge, ApiError::Unexpected { path, .. } if path == "$[0].cust_id"),
        "{huge:?}"
    );
}
