//! The SkyPostal client: one file per call (`customer`, `shipments`, `shipment`,
//! `partner`), each with its wire types, request body, client method and verdict,
//! beside what the calls share: where requests go (`environment`), how they are sent
//! (`http`, and `route` for the two calls of uncertain path), how answers are read
//! (`decode`, `wire`, `date`, `scrub`) and the typed error. Knows nothing of the UI.

mod customer;
mod date;
mod decode;
mod environment;
mod error;
mod http;
mod partner;
mod route;
mod scrub;
mod secret;
mod shipment;
mod shipments;
mod window;
mod wire;

use std::sync::Arc;
use std::time::Duration;

use crate::setup::SetupError;

pub(crate) use customer::CUSTOMER_GET_INFO_PATH;
pub use customer::{
    Address, CallVerdict, Checked, Credentials, Customer, Lookup, Phone, PhoneKind, Reason, Tally,
    Verdict, decode_customers,
};
pub(crate) use date::age_on;
pub use date::{DateField, DateParseError, IsoDate, ServerTime, WcfDate};
use environment::is_loopback;
pub use environment::{Environment, check_base_url};
pub use error::{ApiError, ConnectFailure, Location, Preview, RetryAfter};
use http::{Http, HttpKind, http_client};
pub use partner::{PARTNER_LOOKUP_PATHS, PartnerAccount, PartnerLookup};
pub use route::EndpointPaths;
use route::Routes;
pub use scrub::{REDACTED, Scrubber};
pub use secret::Secret;
pub use shipment::{
    Charge, Piece, SHIPMENT_INFO_PATHS, Shipment, ShipmentInfo, ShipmentLookup, TrackingEvent,
};
pub use shipments::{
    COLUMNS, CUSTOMER_GET_SHIPMENTS_PATH, Column, Invoice, OUTSIDE_MARK, Pounds, ShipmentRow,
    ShipmentsLookup, Stage, StatusCode, Usd, decode_shipments, newest_first, row_cells,
};
pub use window::{DEFAULT_WINDOW_DAYS, DateWindow, MAX_WINDOW_DAYS, WindowError};
pub use wire::{ErrorInfo, Text};

/// Default cap on a response body: far above any real customer, far below harm.
pub(crate) const DEFAULT_MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// Default total time a lookup may take.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

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

/// The SkyPostal client. Cheap to clone: clones share one connection pool.
#[derive(Clone, Debug)]
pub struct Client {
    http: Arc<Http>,
    /// The environment's base URL, without a trailing slash.
    base: String,
    /// Where the calls of two possible paths go; shared by clones.
    routes: Arc<Routes>,
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
                    routes: Arc::new(Routes::new(&EndpointPaths::default())),
                    host,
                    timeout: config.timeout,
                    max_body_bytes: config.max_body_bytes,
                })
            })
            .collect()
    }
}
