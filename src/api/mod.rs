//! The SkyPostal client: one shared HTTP client, the typed request and response, the
//! WCF date, and a typed error. Knows nothing of the UI.

mod calls;
mod date;
mod error;
mod model;
mod partner;
mod scrub;
mod secret;
mod shipments;
mod verdict;
mod window;

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::setup::SetupError;

pub use calls::{
    CUSTOMER_GET_SHIPMENTS_PATH, CallVerdict, EndpointPaths, PARTNER_LOOKUP_PATHS, PartnerLookup,
    SHIPMENT_INFO_PATHS, ShipmentLookup, ShipmentsLookup,
};
pub(crate) use date::age_on;
pub use date::{DateField, DateParseError, IsoDate, ServerTime, WcfDate};
pub use error::{ApiError, ConnectFailure};
pub use model::{Address, Checked, Customer, ErrorInfo, Phone, PhoneKind, Tally, Text};
pub use partner::{CustomerRef, CustomerRefError, PartnerAccount};
pub use scrub::{REDACTED, Scrubber};
pub use secret::Secret;
pub use shipments::{
    Invoice, Piece, Pounds, Shipment, ShipmentInfo, ShipmentRow, StatusCode, TrackingEvent, Usd,
    newest_first,
};
pub use verdict::Verdict;
pub use window::{DEFAULT_WINDOW_DAYS, DateWindow, MAX_WINDOW_DAYS, WindowError};

/// Path of the mission's endpoint below the base URL.
pub(crate) const CUSTOMER_GET_INFO_PATH: &str = "/service-customer.svc/customer/customer-get-info";

/// Default cap on a response body: far above any real customer, far below harm.
pub(crate) const DEFAULT_MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// Default total time a lookup may take.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// The longest a TCP/TLS connect may take, however long the total timeout.
const MAX_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A SkyPostal environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Environment {
    /// `https://api-box-test.skypostal.com/wcf-services`, documented.
    Test,
    /// `https://api-box.skypostal.com/wcf-services`, used by SkyPostal's PHP plugin.
    Prod,
    /// The built-in stand-in server on loopback.
    Demo(String),
    /// Any other base URL (everything up to and including `/wcf-services`).
    Custom(String),
}

impl Environment {
    /// The base URL requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        match self {
            Self::Test => "https://api-box-test.skypostal.com/wcf-services",
            Self::Prod => "https://api-box.skypostal.com/wcf-services",
            Self::Demo(url) | Self::Custom(url) => url.trim_end_matches('/'),
        }
    }

    /// What the screen calls it: TEST, PROD, DEMO, or the host of a custom URL.
    pub fn label(&self) -> String {
        match self {
            Self::Test => "TEST".into(),
            Self::Prod => "PROD".into(),
            Self::Demo(_) => "DEMO".into(),
            Self::Custom(url) => reqwest::Url::parse(url)
                .ok()
                .and_then(|u| {
                    let host = u.host_str()?.to_string();
                    Some(match u.port() {
                        Some(port) => format!("{host}:{port}"),
                        None => host,
                    })
                })
                .unwrap_or_else(|| "custom".into()),
        }
    }
}

/// Checks a base URL before anything is sent to it: it must parse, and plain
/// `http://` is allowed only to a loopback host, so credentials never cross a network
/// unencrypted. A query or fragment (the service path would be appended after it and
/// lost) and a `user:password@` (sent as Basic credentials) are refused too. No
/// message repeats what stood before an `@`.
pub fn check_base_url(url: &str) -> Result<(), SetupError> {
    let shown = without_userinfo(url);
    let parsed = reqwest::Url::parse(url).map_err(|e| SetupError::NotAUrl {
        url: shown.clone(),
        reason: e.to_string(),
    })?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(SetupError::UrlUserInfo(shown));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(SetupError::UrlQuery(shown));
    }
    match parsed.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&parsed) => Ok(()),
        "http" => Err(SetupError::PlainHttp(shown)),
        other => Err(SetupError::Scheme {
            url: shown,
            scheme: other.into(),
        }),
    }
}

/// `text` with each `%XX` turned back into its byte (lossy UTF-8).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            _ => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// `url` with anything between `://` and the host's `@` replaced by `…`.
fn without_userinfo(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((_, host)) => format!("{scheme}://…@{host}{path}"),
        None => url.to_string(),
    }
}

fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Everything one `customer-get-info` call needs. `Debug` redacts both secrets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Credentials {
    /// Partner user code, from SkyPostal.
    pub user_code: u64,
    /// Partner app key, from SkyPostal.
    pub app_key: Secret,
    /// The customer's box id.
    pub customer_box_id: u64,
    /// The customer's key; changes when the customer's e-mail changes.
    pub customer_key: Secret,
}

impl Credentials {
    /// A scrubber of the two secrets, for answers that quote them.
    fn scrubber(&self) -> Scrubber {
        Scrubber::new([&self.app_key, &self.customer_key])
    }
}

/// The request body, flat as the docs show it; the other customer calls add to it.
#[derive(Serialize)]
struct CustomerGetInfoRequest<'a> {
    user_code: u64,
    app_key: &'a str,
    customer_box_id: u64,
    customer_key: &'a str,
}

impl<'a> CustomerGetInfoRequest<'a> {
    fn new(credentials: &'a Credentials) -> Self {
        Self {
            user_code: credentials.user_code,
            app_key: credentials.app_key.expose(),
            customer_box_id: credentials.customer_box_id,
            customer_key: credentials.customer_key.expose(),
        }
    }
}

/// How the client connects.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// Where requests go.
    pub environment: Environment,
    /// Total time for one lookup, connect to last byte.
    pub timeout: Duration,
    /// Largest response body accepted.
    pub max_body_bytes: usize,
    /// Extra trusted root certificates (PEM), on top of the operating system's store.
    pub ca_file: Option<std::path::PathBuf>,
}

impl ClientConfig {
    /// Defaults for an environment.
    pub fn new(environment: Environment) -> Self {
        Self {
            environment,
            timeout: DEFAULT_TIMEOUT,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            ca_file: None,
        }
    }
}

/// A successful exchange: the decoded customers and the body as received.
#[derive(Clone, Debug)]
pub struct Lookup {
    /// The response array; may be empty.
    pub customers: Vec<Customer>,
    /// The body exactly as received (for the Raw view and `get --output raw`); not
    /// sanitized, so it must pass through [`crate::text::sanitize`] before a terminal.
    pub body: Vec<u8>,
}

/// The SkyPostal client. Cheap to clone: clones share one connection pool.
#[derive(Clone, Debug)]
pub struct Client {
    http: Arc<Http>,
    /// The environment's base URL, without a trailing slash.
    base: String,
    endpoint: String,
    /// Where the calls of two possible paths go; shared by clones.
    routes: Arc<calls::Routes>,
    host: String,
    timeout: Duration,
    max_body_bytes: usize,
}

impl Client {
    /// Builds a client for `config.environment`.
    pub fn new(config: &ClientConfig) -> Result<Self, ApiError> {
        let environment = std::slice::from_ref(&config.environment);
        Self::for_environments(config, environment)?
            .pop()
            .ok_or(ApiError::Setup(SetupError::NoEnvironment))
    }

    /// One client per environment, in order, with `config`'s timeouts, size cap and
    /// CA file. Environments of the same kind (https or plain loopback http, through
    /// a proxy or not) share one reqwest client and so one connection pool, so many
    /// environments cost no more to set up than one.
    pub fn for_environments(
        config: &ClientConfig,
        environments: &[Environment],
    ) -> Result<Vec<Self>, ApiError> {
        let mut shared: Vec<(HttpKind, Arc<Http>)> = Vec::new();
        environments
            .iter()
            .map(|environment| {
                let base = environment.base_url();
                check_base_url(base)?;
                let url = reqwest::Url::parse(base).ok();
                let kind = HttpKind {
                    plain: url.as_ref().is_some_and(|u| u.scheme() == "http"),
                    loopback: url.as_ref().is_some_and(is_loopback),
                };
                let http = match shared.iter().find(|(k, _)| *k == kind) {
                    Some((_, http)) => Arc::clone(http),
                    None => {
                        let http = http_client(config, kind)?;
                        shared.push((kind, Arc::clone(&http)));
                        http
                    }
                };
                let host = url
                    .as_ref()
                    .and_then(|u| u.host_str().map(str::to_string))
                    .unwrap_or_default();
                Ok(Self {
                    http,
                    base: base.to_string(),
                    endpoint: format!("{base}{CUSTOMER_GET_INFO_PATH}"),
                    routes: Arc::new(calls::Routes::new(&EndpointPaths::default())),
                    host,
                    timeout: config.timeout,
                    max_body_bytes: config.max_body_bytes,
                })
            })
            .collect()
    }

    /// POSTs the credentials to `customer-get-info` and decodes the answer.
    ///
    /// Transport failures, non-2xx statuses, oversized and undecodable bodies are
    /// errors; an empty array or `_verify: false` is a valid answer for the caller to
    /// judge.
    pub async fn customer_get_info(&self, credentials: &Credentials) -> Result<Lookup, ApiError> {
        let request = CustomerGetInfoRequest::new(credentials);
        let body = self
            .post(&self.endpoint, &request, &credentials.scrubber())
            .await?
            .into_body()?;
        let (customers, body) = decode_offloaded::<Vec<Customer>>(body).await?;
        Ok(Lookup { customers, body })
    }

    /// POSTs `request` as JSON to `url` and reads the answer within the size cap and
    /// the timeout, scrubbed of `secrets`: the one way every call talks to SkyPostal.
    async fn post(
        &self,
        url: &str,
        request: &impl Serialize,
        scrubber: &Scrubber,
    ) -> Result<Answer, ApiError> {
        let body =
            serde_json::to_vec(request).map_err(|e| SetupError::RequestBody(e.to_string()))?;
        let mut response = self
            .http
            .get()?
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(reqwest::header::ACCEPT, "application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| self.transport_error(&e))?;

        let status = response.status();
        if status.is_redirection() {
            // A Location that quotes a credential (plain or percent-encoded) is not
            // repeated: the message goes on screen and to stderr.
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|l| l.to_str().ok())
                .map(|l| {
                    if scrubber.reveals(l) || scrubber.reveals(&percent_decoded(l)) {
                        "(withheld: it quotes a credential)"
                    } else {
                        l
                    }
                });
            return Err(ApiError::redirect(status, location));
        }
        if let Some(length) = response.content_length()
            && length > self.max_body_bytes as u64
        {
            return Err(ApiError::TooLarge {
                limit: self.max_body_bytes,
            });
        }
        let retry_after = error::retry_after(response.headers());
        let html = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().contains("text/html"));
        let mut bytes = Vec::with_capacity(
            response
                .content_length()
                .map_or(0, |n| usize::try_from(n).unwrap_or(0)),
        );
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.transport_error(&e))?
        {
            if bytes.len() + chunk.len() > self.max_body_bytes {
                return Err(ApiError::TooLarge {
                    limit: self.max_body_bytes,
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        tracing::trace!(
            status = status.as_u16(),
            bytes = bytes.len(),
            "answer received"
        );
        // A server (or a proxy) that echoes the request into its answer must not get a
        // credential onto the screen, into a log or into the Raw view by quoting it, in
        // any JSON spelling: the body is scrubbed before anything is made of it.
        let bytes = if bytes.len() <= crate::offload::IN_PLACE_MAX_BYTES {
            scrubber.scrub_body(bytes)
        } else {
            crate::offload::map((scrubber.clone(), bytes), |(s, b)| s.scrub_body(b)).await
        };
        Ok(Answer {
            status,
            retry_after,
            html,
            bytes,
            scrubber: scrubber.clone(),
        })
    }

    fn transport_error(&self, error: &reqwest::Error) -> ApiError {
        ApiError::from_transport(error, &self.host, self.timeout)
    }
}

/// An answer as read: its status and its body, scrubbed of the request's secrets.
struct Answer {
    status: reqwest::StatusCode,
    retry_after: Option<String>,
    /// Sent as `text/html`.
    html: bool,
    bytes: Vec<u8>,
    /// What the body was scrubbed of: an error made of it is scrubbed again once made.
    scrubber: Scrubber,
}

impl Answer {
    /// The body of a 2xx answer; any other status is an error.
    fn into_body(self) -> Result<Vec<u8>, ApiError> {
        if self.status.is_success() {
            Ok(self.bytes)
        } else {
            Err(ApiError::status(
                self.status,
                self.retry_after,
                &self.bytes,
                &self.scrubber,
            ))
        }
    }

    /// HTTP 404 with an HTML page: what IIS answers for a path it does not know.
    fn is_missing_page(&self) -> bool {
        let looks_html = || {
            String::from_utf8_lossy(&self.bytes)
                .trim_start()
                .starts_with('<')
        };
        self.status == reqwest::StatusCode::NOT_FOUND && (self.html || looks_html())
    }
}

/// Decodes a JSON body, on a thread of its own when it is large; gives the body back.
async fn decode_offloaded<T>(bytes: Vec<u8>) -> Result<(T, Vec<u8>), ApiError>
where
    T: DeserializeOwned + Send + 'static,
{
    let (bytes, decoded) = if bytes.len() <= crate::offload::IN_PLACE_MAX_BYTES {
        decode_keeping::<T>(bytes)
    } else {
        crate::offload::map(bytes, decode_keeping::<T>).await
    };
    decoded.map(|value| (value, bytes))
}

fn decode_keeping<T: DeserializeOwned>(bytes: Vec<u8>) -> (Vec<u8>, Result<T, ApiError>) {
    let decoded = decode_json(&bytes);
    (bytes, decoded)
}

/// What decides how a reqwest client must be set up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct HttpKind {
    /// Plain http:// (loopback only, per `check_base_url`): no TLS at all.
    plain: bool,
    /// A loopback host: never through a proxy.
    loopback: bool,
}

/// The reqwest client for one kind of environment: for https with the OS trust store,
/// loaded on a thread of its own while the app starts; for plain http with none.
fn http_client(config: &ClientConfig, kind: HttpKind) -> Result<Arc<Http>, ApiError> {
    // reqwest is built without a default crypto provider (ring is far lighter to
    // compile than aws-lc); it must be installed before the first client. A second
    // install fails harmlessly, so the result is ignored.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder()
        .connect_timeout(config.timeout.min(MAX_CONNECT_TIMEOUT))
        .timeout(config.timeout)
        // A 307/308 would resend the credentials in the body to wherever `Location`
        // points, plain http:// included, past `check_base_url`. SkyPostal does not
        // redirect its API; a 3xx is reported as a status instead.
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("skyview/", env!("CARGO_PKG_VERSION")));
    let extra_roots = match &config.ca_file {
        Some(path) => read_ca_file(path)?,
        None => Vec::new(),
    };
    if kind.plain {
        // Plain http:// never speaks TLS, and redirects are not followed: loading the
        // operating system's trust store (about 150 files read and parsed) would only
        // slow every start down.
        builder = builder.tls_certs_only(extra_roots);
    } else if !extra_roots.is_empty() {
        builder = builder.tls_certs_merge(extra_roots);
    }
    if kind.loopback {
        // `http_proxy` and friends would otherwise carry loopback traffic (plain
        // http:// with credentials, per `check_base_url`) to a proxy elsewhere,
        // which cannot reach this machine's 127.0.0.1 anyway.
        builder = builder.no_proxy();
    }
    if kind.plain {
        let http = builder
            .build()
            .map_err(|e| SetupError::HttpClient(Some(e.to_string())))?;
        return Ok(Arc::new(Http::ready(http)));
    }
    // Building an https client loads the operating system's trust store, which takes
    // longer than drawing the first screen: it is done on a thread of its own
    // meanwhile, ready long before the agent presses Enter.
    let http = Arc::new(Http::later(builder));
    let building = Arc::clone(&http);
    let _ = std::thread::Builder::new()
        .name("skyview-tls".into())
        .spawn(move || {
            let _ = building.get();
        });
    Ok(http)
}

/// The reqwest client, built at once or on first need.
struct Http {
    client: OnceLock<Result<reqwest::Client, SetupError>>,
    builder: Mutex<Option<reqwest::ClientBuilder>>,
}

impl Http {
    fn ready(client: reqwest::Client) -> Self {
        Self {
            client: OnceLock::from(Ok(client)),
            builder: Mutex::new(None),
        }
    }

    fn later(builder: reqwest::ClientBuilder) -> Self {
        Self {
            client: OnceLock::new(),
            builder: Mutex::new(Some(builder)),
        }
    }

    /// The client, built now if nobody has yet; waits while another thread builds it
    /// (only a lookup sent within milliseconds of starting can).
    fn get(&self) -> Result<&reqwest::Client, ApiError> {
        self.client
            .get_or_init(|| {
                let builder = self.builder.lock().ok().and_then(|mut b| b.take());
                match builder {
                    Some(builder) => builder
                        .build()
                        .map_err(|e| SetupError::HttpClient(Some(e.to_string()))),
                    None => Err(SetupError::HttpClient(None)),
                }
            })
            .as_ref()
            .map_err(|error| ApiError::Setup(error.clone()))
    }
}

impl std::fmt::Debug for Http {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http")
            .field("client", &self.client.get())
            .finish_non_exhaustive()
    }
}

/// Reads a PEM bundle of extra root certificates.
fn read_ca_file(path: &std::path::Path) -> Result<Vec<reqwest::Certificate>, ApiError> {
    let pem = crate::files::read_capped(path).map_err(|e| SetupError::CaUnreadable {
        path: path.into(),
        reason: e.to_string(),
    })?;
    let certificates =
        reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| SetupError::CaNotPem {
            path: path.into(),
            reason: e.to_string(),
        })?;
    if certificates.is_empty() {
        return Err(SetupError::CaEmpty(path.into()).into());
    }
    // reqwest would find a certificate it cannot use only when the first lookup
    // builds its client ("builder error", as if the network had failed): each one is
    // tried as a root here, so the file and the reason are named at start.
    let mut roots = rustls::RootCertStore::empty();
    for (index, der) in rustls::pki_types::CertificateDer::pem_slice_iter(&pem).enumerate() {
        let added = der
            .map_err(|e| e.to_string())
            .and_then(|der| roots.add(der).map_err(|e| e.to_string()));
        if let Err(reason) = added {
            return Err(SetupError::CaUnusable {
                path: path.into(),
                index: index + 1,
                reason,
            }
            .into());
        }
    }
    Ok(certificates)
}

/// Decodes a `customer-get-info` body: a JSON array of customers.
pub fn decode_customers(bytes: &[u8]) -> Result<Vec<Customer>, ApiError> {
    decode_json(bytes)
}

/// Decodes a `customer-get-shipments` body: a JSON array of shipments.
pub fn decode_shipments(bytes: &[u8]) -> Result<Vec<ShipmentRow>, ApiError> {
    decode_json(bytes)
}

fn decode_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // Plain serde_json first: tracking the path of every value, as serde_path_to_error
    // does, more than doubles the time a large answer takes. Only a body that fails
    // needs the path, so that one is decoded again, with it.
    match serde_json::from_slice(bytes) {
        Ok(value) => Ok(value),
        Err(_) => Err(decode_error::<T>(bytes)),
    }
}

/// Why `bytes` does not decode, with the JSON path of the offending value.
fn decode_error<T: DeserializeOwned>(bytes: &[u8]) -> ApiError {
    match decode_with_path::<T>(bytes) {
        Err(error) => error,
        // Unreachable: both decoders accept the same bodies.
        Ok(_) => ApiError::NotJson {
            reason: String::new(),
            preview: error::preview(bytes),
        },
    }
}

fn decode_with_path<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| ApiError::decode(e, bytes))?;
    deserializer
        .end()
        .map_err(|e| ApiError::not_json(&e, bytes))?;
    Ok(value)
}
