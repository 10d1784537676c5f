//! The one way every call talks to SkyPostal: a reqwest client per kind of
//! environment, a JSON POST, and the answer read within the size cap and the timeout
//! and scrubbed of the request's secrets.

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use serde::Serialize;

use super::environment::percent_decoded;
use super::{ApiError, Client, ClientConfig, Location, Scrubber, error};
use crate::cause::{Cause, Kind};
use crate::setup::SetupError;

/// The longest a TCP/TLS connect may take, however long the total timeout.
const MAX_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

impl Client {
    /// POSTs `request` as JSON to `url` and reads the answer within the size cap and
    /// the timeout, scrubbed of `scrubber`'s secrets: the one way every call talks to
    /// SkyPostal.
    pub(super) async fn post(
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
                        Location::Withheld
                    } else {
                        Location::Url(l.to_string())
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
        // Read for a failed answer only: a success has no use for it.
        let retry_after = if status.is_success() {
            None
        } else {
            error::retry_after(response.headers())
        };
        let html = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().contains("text/html"));
        // Kept in the pieces hyper read it into: joining them copies the whole body
        // (up to 8 MiB) into memory touched for the first time, which for a large
        // answer is done off the event loop, with the scrubbing.
        let mut pieces = Vec::new();
        let mut length = 0;
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.transport_error(&e))?
        {
            length += chunk.len();
            if length > self.max_body_bytes {
                return Err(ApiError::TooLarge {
                    limit: self.max_body_bytes,
                });
            }
            pieces.push(chunk);
        }
        tracing::trace!(status = status.as_u16(), bytes = length, "answer received");
        // A server (or a proxy) that echoes the request into its answer must not get a
        // credential onto the screen, into a log or into the Raw view by quoting it, in
        // any JSON spelling: the body is scrubbed before anything is made of it.
        let bytes = if length <= crate::offload::IN_PLACE_MAX_BYTES {
            scrubber.scrub_body(pieces.concat())
        } else {
            crate::offload::map((scrubber.clone(), pieces), |(s, pieces)| {
                s.scrub_body(pieces.concat())
            })
            .await
        };
        Ok(Answer {
            status,
            retry_after,
            html,
            bytes,
            scrubber: scrubber.clone(),
        })
    }

    /// Opens a connection to the environment ahead of a lookup, so that the lookup
    /// does not pay the TCP and TLS handshakes: a `HEAD` of the base URL, with no
    /// credentials and no body. Any HTTP answer counts; the connection stays in the
    /// pool for the lookup.
    pub async fn warm_up(&self) -> Result<(), ApiError> {
        let response = self
            .http
            .get()?
            .head(&self.base)
            .send()
            .await
            .map_err(|e| self.transport_error(&e))?;
        tracing::debug!(status = response.status().as_u16(), "connection warmed up");
        Ok(())
    }

    fn transport_error(&self, error: &reqwest::Error) -> ApiError {
        ApiError::from_transport(error, &self.host, self.timeout)
    }
}

/// An answer as read: its status and its body, scrubbed of the request's secrets.
pub(super) struct Answer {
    status: reqwest::StatusCode,
    retry_after: Option<error::RetryAfter>,
    /// Sent as `text/html`.
    html: bool,
    bytes: Vec<u8>,
    /// What the body was scrubbed of: an error made of it is scrubbed again once made.
    scrubber: Scrubber,
}

impl Answer {
    /// The body of a 2xx answer; any other status is an error.
    pub(super) fn into_body(self) -> Result<Vec<u8>, ApiError> {
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
    pub(super) fn is_missing_page(&self) -> bool {
        let looks_html = || {
            String::from_utf8_lossy(&self.bytes)
                .trim_start()
                .starts_with('<')
        };
        self.status == reqwest::StatusCode::NOT_FOUND && (self.html || looks_html())
    }
}

/// What decides how a reqwest client must be set up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct HttpKind {
    /// Plain http:// (loopback only, per `check_base_url`): no TLS at all.
    pub(super) plain: bool,
    /// A loopback host: never through a proxy.
    pub(super) loopback: bool,
}

/// The reqwest client for one kind of environment: for https with the OS trust store,
/// loaded on a thread of its own while the app starts; for plain http with none.
pub(super) fn http_client(config: &ClientConfig, kind: HttpKind) -> Result<Arc<Http>, ApiError> {
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
            .map_err(|e| SetupError::HttpClient(Some(Cause::chain(&e))))?;
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
pub(super) struct Http {
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
                        .map_err(|e| SetupError::HttpClient(Some(Cause::chain(&e)))),
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
    let pem = crate::files::read_capped(path).map_err(|reason| SetupError::CaUnreadable {
        path: path.into(),
        reason,
    })?;
    let certificates =
        reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| SetupError::CaNotPem {
            path: path.into(),
            // reqwest says only "invalid certificate encoding": the PEM text is bad.
            reason: Cause::of(Kind::PemDamaged, Cause::chain(&e).to_string()),
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
            .map_err(|e| Cause::root(&e))
            .and_then(|der| roots.add(der).map_err(|e| Cause::root(&e)));
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
