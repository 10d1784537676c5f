//! Every way a lookup can fail, each with a sentence an agent can act on.

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;

use crate::setup::SetupError;
use reqwest::header::{DATE, HeaderMap, RETRY_AFTER};

use super::Scrubber;
use crate::cause::{Cause, Kind, sources};
use crate::i18n::{Lang, msg};
use crate::text::sanitize;

/// Why a connection could not be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConnectFailure {
    /// Nothing listens at the host's port.
    Refused,
    /// The host name did not resolve.
    Dns,
    /// The TLS handshake or certificate check failed.
    Tls,
    /// Any other connect failure (reset, unreachable network, proxy).
    Other,
}

/// When a busy SkyPostal (a 429 or a 503) asked to be tried again: its `Retry-After`,
/// as the wait from when the answer came. An HTTP date is counted down from then, so
/// the agent reads a wait in their own words ("2 min"), never a date in English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryAfter(
    /// The wait, in whole seconds, at least one.
    pub Duration,
);

/// A failed lookup; no variant ever holds a credential. `Display` is the sentence in
/// English, for tests and support; the agent reads [`ApiError::text`], in their
/// language.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The request could not reach SkyPostal.
    #[error("{}", connect_sentence(*.failure, host, detail))]
    Connect {
        /// What kind of connect failure.
        failure: ConnectFailure,
        /// The host tried.
        host: String,
        /// Why, as far down as it is known.
        detail: Cause,
    },
    /// The total timeout ran out, while connecting or while the body was arriving.
    #[error("timed out after {} s waiting for {host}; check the network, then retry", .after.as_secs_f64())]
    Timeout {
        /// The timeout in force.
        after: Duration,
        /// The host tried.
        host: String,
    },
    /// The server answered with a non-2xx status.
    #[error("{}", status_sentence(*.code, reason, snippet, retry_after.as_ref()))]
    Status {
        /// HTTP status code.
        code: u16,
        /// Its canonical reason phrase.
        reason: String,
        /// The first meaningful line of the body, tags stripped.
        snippet: String,
        /// The `Retry-After` header, when sent with a 429 or 503.
        retry_after: Option<RetryAfter>,
    },
    /// A 3xx: redirects are never followed (they would carry the credentials along).
    #[error("{}", status_sentence(*.code, reason, &redirect_snippet(to.as_ref()), None))]
    Redirect {
        /// HTTP status code.
        code: u16,
        /// Its canonical reason phrase.
        reason: String,
        /// Where it pointed, if it said.
        to: Option<Location>,
    },
    /// The body is not JSON at all (IIS serves HTML error pages).
    #[error(
        "SkyPostal's answer is not valid JSON{}{}",
        reason_suffix(reason.as_ref()),
        preview_suffix(preview)
    )]
    NotJson {
        /// Why, and where (line and column), as the JSON parser found it.
        reason: Option<Cause>,
        /// The start of the body.
        preview: Preview,
    },
    /// JSON of the wrong shape.
    #[error("unexpected response from SkyPostal at {path}: {detail}")]
    Unexpected {
        /// JSON path of the offending value.
        path: String,
        /// What was wrong with it.
        detail: Cause,
    },
    /// The body exceeded the size cap; reading stopped there.
    #[error("response too large: SkyPostal sent more than {}, the configured cap", byte_size(*.limit))]
    TooLarge {
        /// The cap in bytes.
        limit: usize,
    },
    /// The client could not be set up (bad base URL and the like).
    #[error("configuration error: {0}")]
    Setup(#[from] SetupError),
    /// Any other transport failure.
    #[error("the request to {host} failed: {detail}")]
    Other {
        /// The host tried.
        host: String,
        /// The cause.
        detail: Cause,
    },
}

fn connect_sentence(failure: ConnectFailure, host: &str, detail: &Cause) -> String {
    match failure {
        ConnectFailure::Refused => {
            format!("connection refused by {host}: is the address right and the service up?")
        }
        ConnectFailure::Dns => {
            format!("could not resolve {host}: check the base URL and the network's DNS")
        }
        ConnectFailure::Tls => format!("TLS failure talking to {host}: {detail}"),
        ConnectFailure::Other => format!("could not connect to {host}: {detail}"),
    }
}

/// The start of a body, as a failure quotes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Preview {
    /// Its first line, sanitized and cut short; empty when the body is.
    Start(String),
    /// Not quoted: the body may hold a customer key (a partner answer).
    Withheld,
}

/// Where a redirect pointed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// This address, sanitized and cut to a line.
    Url(String),
    /// An address that quotes a credential: not repeated.
    Withheld,
}

/// The log's words for a redirect.
fn redirect_snippet(to: Option<&Location>) -> String {
    let target = match to {
        None => "no Location given".to_string(),
        Some(Location::Url(url)) => format!("to {url}"),
        Some(Location::Withheld) => "to (withheld: it quotes a credential)".to_string(),
    };
    format!("a redirect ({target}), not followed: check the base URL")
}

fn status_sentence(
    code: u16,
    reason: &str,
    snippet: &str,
    retry_after: Option<&RetryAfter>,
) -> String {
    let mut sentence = format!("SkyPostal answered HTTP {code}");
    if !reason.is_empty() {
        sentence.push(' ');
        sentence.push_str(reason);
    }
    if !snippet.is_empty() {
        sentence.push_str(": ");
        sentence.push_str(snippet);
    }
    if let Some(after) = retry_after {
        let after = after.text(Lang::En);
        sentence.push_str(&format!(" (retry after {after})"));
    }
    sentence
}

/// A byte count in the largest unit that divides it: `8 MiB`, `512 KiB`, `100000 bytes`.
/// (Whole MiB alone would show a cap below 1 MiB as "0 MiB".)
fn byte_size(bytes: usize) -> String {
    const KIB: usize = 1024;
    const MIB: usize = 1024 * 1024;
    match bytes {
        0 => "0 bytes".into(),
        b if b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b % KIB == 0 => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

fn reason_suffix(reason: Option<&Cause>) -> String {
    reason
        .map(|reason| format!(" ({reason})"))
        .unwrap_or_default()
}

fn preview_suffix(preview: &Preview) -> String {
    match preview {
        Preview::Start(start) if start.is_empty() => " (the body is empty)".into(),
        Preview::Start(start) => format!(": it starts {start:?}"),
        Preview::Withheld => format!(": it starts {}", msg::cause::withheld(Lang::En)),
    }
}

impl ApiError {
    pub(crate) fn from_transport(error: &reqwest::Error, host: &str, timeout: Duration) -> Self {
        let host = host.to_string();
        if error.is_timeout() {
            return Self::Timeout {
                after: timeout,
                host,
            };
        }
        let detail = Cause::chain(error);
        if error.is_connect() {
            let failure = classify_connect(error);
            return Self::Connect {
                failure,
                host,
                detail,
            };
        }
        Self::Other { host, detail }
    }

    /// A non-2xx answer. `body` is scrubbed already (see `Client::post`); the line
    /// quoted from it is scrubbed of `scrubber`'s secrets again once the page is
    /// stripped, since stripping can join what the body's scrub saw apart: a key cut
    /// up by `&nbsp;`, an HTML comment or a `<script>` block.
    pub(crate) fn status(
        status: StatusCode,
        retry_after: Option<RetryAfter>,
        body: &[u8],
        scrubber: &Scrubber,
    ) -> Self {
        let wants_retry_after = matches!(status.as_u16(), 429 | 503);
        Self::Status {
            code: status.as_u16(),
            reason: status.canonical_reason().unwrap_or("").to_string(),
            snippet: first_meaningful_line(body, scrubber),
            retry_after: retry_after.filter(|_| wants_retry_after),
        }
    }

    /// A 3xx: redirects are never followed (they would carry the credentials along),
    /// and the message says where it pointed.
    pub(crate) fn redirect(status: StatusCode, location: Option<Location>) -> Self {
        let to = location.map(|to| match to {
            Location::Url(url) => Location::Url(truncate(&sanitize(&url), 160)),
            Location::Withheld => Location::Withheld,
        });
        Self::Redirect {
            code: status.as_u16(),
            reason: status.canonical_reason().unwrap_or("").to_string(),
            to,
        }
    }

    pub(crate) fn decode(
        error: serde_path_to_error::Error<serde_json::Error>,
        body: &[u8],
    ) -> Self {
        let path = error.path().to_string();
        let inner = error.into_inner();
        let cause = Cause::json(&inner);
        // Valid JSON with a number too large for its field is a wrong value, not
        // broken JSON.
        let wrong_value = inner.classify() == serde_json::error::Category::Data
            || cause.kind() == Some(&Kind::OutOfRange);
        if wrong_value {
            // The path names the body's keys: the server's text.
            Self::Unexpected {
                path: sanitize(&json_path(&path)).into_owned(),
                detail: cause,
            }
        } else {
            Self::not_json(&inner, body)
        }
    }

    /// Broken JSON: the parser's reason with its line and column (never a value from
    /// the body), then the body's start.
    pub(crate) fn not_json(error: &serde_json::Error, body: &[u8]) -> Self {
        Self::NotJson {
            reason: Some(Cause::json(error)),
            preview: preview(body),
        }
    }
}

/// `serde_path_to_error` writes `.`, `[0].customer_phone[1].phone_type`; agents and
/// support tools read `$[0].customer_phone[1].phone_type`.
fn json_path(path: &str) -> String {
    match path {
        "." | "" => "$".into(),
        p if p.starts_with('[') => format!("${p}"),
        p => format!("$.{p}"),
    }
}

fn classify_connect(error: &reqwest::Error) -> ConnectFailure {
    for cause in sources(error).skip(1) {
        if cause.downcast_ref::<rustls::Error>().is_some() {
            return ConnectFailure::Tls;
        }
        let text = cause.to_string();
        if text.contains("dns error") || text.contains("failed to lookup address") {
            return ConnectFailure::Dns;
        }
        let refused = cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused);
        if refused {
            return ConnectFailure::Refused;
        }
    }
    ConnectFailure::Other
}

/// The longest wait worth repeating: anything longer is not advice an agent can use.
const MAX_RETRY_AFTER_SECONDS: u64 = 24 * 60 * 60;

/// `Retry-After`, when it is a sane number of seconds or an HTTP date still to come,
/// up to a day away; anything else (none, negative, absurd, past, free text) is not
/// repeated.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<RetryAfter> {
    retry_after_at(headers, SystemTime::now())
}

/// [`retry_after`] for an answer that came at `now` by this machine's clock. A date
/// is counted from the answer's own `Date` when it has one: both are then the
/// server's clock, and a skewed clock here neither hides nor stretches the wait.
fn retry_after_at(headers: &HeaderMap, now: SystemTime) -> Option<RetryAfter> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let seconds = if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        value.parse::<u64>().ok()?
    } else {
        // Any of the three date forms HTTP allows; the wait, in whole seconds, rounded
        // up so that a wait still to come never reads as none.
        let sent = headers
            .get(DATE)
            .and_then(|date| httpdate::parse_http_date(date.to_str().ok()?).ok())
            .unwrap_or(now);
        let wait = httpdate::parse_http_date(value)
            .ok()?
            .duration_since(sent)
            .ok()?;
        wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
    };
    (1..=MAX_RETRY_AFTER_SECONDS)
        .contains(&seconds)
        .then(|| RetryAfter(Duration::from_secs(seconds)))
}

/// The longest the preview of a body may be in a message.
const PREVIEW_CHARS: usize = 60;

/// The start of a body, safe to show.
pub(crate) fn preview(body: &[u8]) -> Preview {
    let text = String::from_utf8_lossy(body.get(..1024).unwrap_or(body));
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    Preview::Start(truncate(&sanitize(line), PREVIEW_CHARS))
}

/// The first line of an error page that says something: tags stripped, whitespace
/// folded, `<title>` preferred, capped in length.
fn first_meaningful_line(body: &[u8], scrubber: &Scrubber) -> String {
    let text = String::from_utf8_lossy(body.get(..64 * 1024).unwrap_or(body));
    let stripped = strip_tags(&text);
    let scrubbed = scrubber.scrub_text(&stripped);
    let line = scrubbed
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    truncate(&sanitize(&line), 160)
}

/// Drops `<…>` tags and the content of `<script>`/`<style>`/`<head>` except `<title>`.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(rest.get(..start).unwrap_or(""));
        let after = rest.get(start..).unwrap_or("");
        let end = after.find('>').map_or(after.len(), |i| i + 1);
        let tag = after.get(..end).unwrap_or("").to_ascii_lowercase();
        rest = after.get(end..).unwrap_or("");
        // What the scrubber put in the body's place of a secret is text, not a tag.
        if tag == super::REDACTED {
            out.push_str(super::REDACTED);
            continue;
        }
        for hidden in ["script", "style"] {
            if tag.starts_with(&format!("<{hidden}")) {
                let close = format!("</{hidden}");
                let skip = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
                rest = rest.get(skip..).unwrap_or("");
            }
        }
        // Block-level tags end a line, so "<h1>Error</h1><p>x</p>" stays two lines.
        if tag.starts_with("</") || tag.starts_with("<br") || tag.starts_with("<p") {
            out.push('\n');
        }
    }
    out.push_str(rest);
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text)),
        None => text.to_string(),
    }
}

impl ApiError {
    /// What the OS or a library said of the failure, in its English, for the log:
    /// only where it quotes nothing the server sent (a connection's or the JSON
    /// parser's reason; not a wrong value, which serde quotes).
    pub fn cause_for_log(&self) -> Option<&Cause> {
        match self {
            Self::Connect { detail, .. } | Self::Other { detail, .. } => Some(detail),
            Self::NotJson { reason, .. } => reason.as_ref(),
            _ => None,
        }
    }

    /// A short, fixed name for the kind of failure, for logs: it carries nothing the
    /// server sent, so it cannot carry personal data either.
    pub fn class(&self) -> &'static str {
        match self {
            Self::Connect { failure, .. } => match failure {
                ConnectFailure::Refused => "connection refused",
                ConnectFailure::Dns => "dns",
                ConnectFailure::Tls => "tls",
                ConnectFailure::Other => "connect",
            },
            Self::Timeout { .. } => "timeout",
            Self::Status { .. } | Self::Redirect { .. } => "http status",
            Self::NotJson { .. } => "not json",
            Self::Unexpected { .. } => "unexpected response",
            Self::TooLarge { .. } => "too large",
            Self::Setup(_) => "configuration",
            Self::Other { .. } => "transport",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none() -> Scrubber {
        Scrubber::default()
    }

    #[test]
    fn iis_error_page_shows_its_heading() {
        let page = b"<!DOCTYPE html>\r\n<html><head><title>500 - Internal server error.</title>\
            <style>body{color:red}</style></head><body><h1>Server Error</h1></body></html>";
        let error = ApiError::status(StatusCode::INTERNAL_SERVER_ERROR, None, page, &none());
        assert_eq!(
            error.to_string(),
            "SkyPostal answered HTTP 500 Internal Server Error: 500 - Internal server error."
        );
    }

    #[test]
    fn retry_after_only_for_429_and_503() {
        let busy = ApiError::status(
            StatusCode::SERVICE_UNAVAILABLE,
            Some(RetryAfter(Duration::from_secs(120))),
            b"",
            &none(),
        );
        assert_eq!(
            busy.to_string(),
            "SkyPostal answered HTTP 503 Service Unavailable (retry after 2 min)"
        );
        let not_found = ApiError::status(
            StatusCode::NOT_FOUND,
            Some(RetryAfter(Duration::from_secs(120))),
            b"",
            &none(),
        );
        assert_eq!(
            not_found.to_string(),
            "SkyPostal answered HTTP 404 Not Found"
        );
    }

    #[test]
    fn only_a_sane_retry_after_is_repeated() {
        // Wed, 21 Oct 2015 07:26:00 GMT: two minutes before the dates below.
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_360);
        let header = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(RETRY_AFTER, value.parse().unwrap());
            retry_after_at(&headers, now)
        };
        let two_minutes = Some(RetryAfter(Duration::from_secs(120)));
        assert_eq!(header("120"), two_minutes);
        // The date forms HTTP allows, each counted down from when the answer came.
        assert_eq!(header("Wed, 21 Oct 2015 07:28:00 GMT"), two_minutes);
        assert_eq!(header("Wednesday, 21-Oct-15 07:28:00 GMT"), two_minutes);
        assert_eq!(header("Wed Oct 21 07:28:00 2015"), two_minutes);
        assert_eq!(
            retry_after_at(
                &[(
                    RETRY_AFTER,
                    "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap()
                )]
                .into_iter()
                .collect(),
                now + Duration::from_millis(500),
            ),
            two_minutes,
            "a part of a second left counts as a whole one"
        );
        // Counted from the answer's own Date when it has one: this machine's clock,
        // an hour fast here, neither hides the wait nor stretches it.
        let dated: HeaderMap = [
            (
                RETRY_AFTER,
                "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
            ),
            (DATE, "Wed, 21 Oct 2015 07:26:00 GMT".parse().unwrap()),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            retry_after_at(&dated, now + Duration::from_secs(3600)),
            two_minutes
        );
        for absurd in [
            "-5",
            "+120",
            "0",
            "99999999999",
            "soon",
            "1e9",
            "",
            // Now, past, and more than a day away.
            "Wed, 21 Oct 2015 07:26:00 GMT",
            "Wed, 21 Oct 2015 07:25:00 GMT",
            "Fri, 23 Oct 2015 07:28:00 GMT",
        ] {
            assert_eq!(header(absurd), None, "{absurd:?}");
        }
    }

    #[test]
    fn hostile_body_cannot_reach_the_message() {
        let error = ApiError::status(
            StatusCode::BAD_GATEWAY,
            None,
            b"\x1b]0;pwned\x07oops",
            &none(),
        );
        assert!(!error.to_string().contains('\u{1b}'));
    }

    #[test]
    fn size_cap_is_shown_in_a_unit_that_fits() {
        assert_eq!(byte_size(8 * 1024 * 1024), "8 MiB");
        assert_eq!(byte_size(512 * 1024), "512 KiB");
        assert_eq!(byte_size(100_000), "100000 bytes");
        let small = ApiError::TooLarge { limit: 1024 };
        assert!(small.to_string().contains("more than 1 KiB"));
    }

    #[test]
    fn unknown_status_code_has_no_dangling_space() {
        let odd = ApiError::status(
            StatusCode::from_u16(599).unwrap(),
            None,
            b"gave up",
            &none(),
        );
        assert_eq!(odd.to_string(), "SkyPostal answered HTTP 599: gave up");
    }

    /// What only stripping the page joins (a key cut up by `&nbsp;` or a comment),
    /// the body's own scrub misses and the line's scrub catches.
    #[test]
    fn a_key_joined_by_stripping_the_page_is_withheld() {
        const KEY: &str = "YpbCNpzqxYqVWv+tzg4e4Ex6ALiT+DfKSYA3NY2dZcw=";
        let scrubber = Scrubber::new([&crate::api::Secret::new(KEY)]);
        let (head, tail) = KEY.split_at(20);
        for cut in [
            format!("{head}&nbsp;{tail}"),
            format!("{head}<!-- -->{tail}"),
        ] {
            let page = format!("<p>Invalid key {cut} for box 811111</p>");
            let body = scrubber.scrub_body(page.into_bytes());
            let error = ApiError::status(StatusCode::BAD_REQUEST, None, &body, &scrubber);
            assert_eq!(
                error.to_string(),
                "SkyPostal answered HTTP 400 Bad Request: Invalid key <redacted> for box 811111",
                "{cut}"
            );
        }
    }

    /// The log gets the OS's or the parser's words, never a value serde quoted
    /// from the body.
    #[test]
    fn the_log_gets_a_cause_that_quotes_nothing_from_the_server() {
        let reset = ApiError::Other {
            host: "example.com".into(),
            detail: Cause::io(&std::io::Error::from_raw_os_error(104)),
        };
        assert!(
            reset
                .cause_for_log()
                .is_some_and(|c| c.to_string().contains("os error 104"))
        );
        let wrong: serde_json::Error = serde_json::from_str::<u64>(r#""Jane Doe""#).unwrap_err();
        let unexpected = ApiError::Unexpected {
            path: "$.cust_id".into(),
            detail: Cause::json(&wrong),
        };
        assert_eq!(unexpected.cause_for_log(), None);
    }

    #[test]
    fn paths_read_like_jsonpath() {
        assert_eq!(json_path("."), "$");
        assert_eq!(json_path("[0].cust_id"), "$[0].cust_id");
    }
}
