//! The calls beyond `customer-get-info`: the customer's shipments, one shipment with
//! its tracking, and the partner lookup by e-mail. All go through the client's one
//! send/read/scrub/decode path; two of them may live at either of two paths.

use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use super::partner::PartnerAccount;
use super::shipments::{ShipmentInfo, ShipmentRow, newest_first};
use super::window::DateWindow;
use super::{Answer, ApiError, Client, Credentials, CustomerGetInfoRequest, Secret};
use super::{Scrubber, decode_json, decode_offloaded};
use crate::setup::SetupError;

/// Path of `customer-get-shipments` below the base URL (docs and SkyPostal's client agree).
pub const CUSTOMER_GET_SHIPMENTS_PATH: &str =
    "/service-customer.svc/customer/customer-get-shipments";

/// Paths of `get-shipment-info`, in the order tried: SkyPostal's client's, then the docs'.
pub const SHIPMENT_INFO_PATHS: [&str; 2] = [
    "/service-shipment.svc/shipment/get-shipment-info",
    "/service-customer.svc/shipment/get-shipment-info",
];

/// Paths of the partner lookup by e-mail, in the order tried: SkyPostal's client's,
/// then the docs'.
pub const PARTNER_LOOKUP_PATHS: [&str; 2] = [
    "/service-partner.svc/partner/customer-get-info",
    "/service-customer.svc/partner/customer-get-info",
];

/// The paths the two calls of uncertain address may take, per environment, in the
/// order tried (config keys `shipment_info_path` and `partner_lookup_path`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointPaths {
    /// `get-shipment-info`.
    pub shipment_info: Vec<String>,
    /// The partner lookup.
    pub partner_lookup: Vec<String>,
}

impl Default for EndpointPaths {
    fn default() -> Self {
        let owned = |paths: [&str; 2]| paths.iter().map(|p| (*p).to_string()).collect();
        Self {
            shipment_info: owned(SHIPMENT_INFO_PATHS),
            partner_lookup: owned(PARTNER_LOOKUP_PATHS),
        }
    }
}

/// Where the two calls go, and which path answered last: shared by a client's clones,
/// so the environment remembers it.
#[derive(Debug)]
pub(super) struct Routes {
    shipment_info: Route,
    partner_lookup: Route,
}

impl Routes {
    pub(super) fn new(paths: &EndpointPaths) -> Self {
        Self {
            shipment_info: Route::new(&paths.shipment_info, &SHIPMENT_INFO_PATHS),
            partner_lookup: Route::new(&paths.partner_lookup, &PARTNER_LOOKUP_PATHS),
        }
    }
}

#[derive(Debug)]
struct Route {
    paths: Vec<String>,
    /// Index of the path that answered last; tried first.
    answered: AtomicUsize,
}

impl Route {
    fn new(paths: &[String], defaults: &[&str]) -> Self {
        let paths = if paths.is_empty() {
            defaults.iter().map(|p| (*p).to_string()).collect()
        } else {
            paths.to_vec()
        };
        Self {
            paths,
            answered: AtomicUsize::new(0),
        }
    }
}

/// What an answer amounts to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallVerdict<T> {
    /// What was asked for (for the shipments, possibly none in the window).
    Found(T),
    /// Nothing there, and no reason given.
    NotFound,
    /// SkyPostal refused (`_verify: false`), with its reason.
    Rejected(String),
    /// SkyPostal answered, reporting an error.
    SkyPostalError(String),
    /// SkyPostal failed on its side (`system_error`).
    SystemError(String),
}

impl<T> CallVerdict<T> {
    /// The same verdict with what was found turned by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> CallVerdict<U> {
        match self {
            Self::Found(found) => CallVerdict::Found(f(found)),
            Self::NotFound => CallVerdict::NotFound,
            Self::Rejected(reason) => CallVerdict::Rejected(reason),
            Self::SkyPostalError(reason) => CallVerdict::SkyPostalError(reason),
            Self::SystemError(reason) => CallVerdict::SystemError(reason),
        }
    }
}

/// The verdict for a `_verify: false` answer with this error object.
fn refusal<T>(error: Option<&super::ErrorInfo>) -> CallVerdict<T> {
    let description = error
        .and_then(|e| e.error_description.non_empty())
        .map(str::to_string);
    match (error.is_some_and(|e| e.system_error), description) {
        (true, description) => {
            CallVerdict::SystemError(description.unwrap_or_else(|| "no reason given".into()))
        }
        (false, Some(description)) => CallVerdict::Rejected(description),
        (false, None) => CallVerdict::NotFound,
    }
}

/// A `customer-get-shipments` answer.
#[derive(Clone, Debug)]
pub struct ShipmentsLookup {
    /// The window asked for.
    pub window: DateWindow,
    /// The rows, newest `date_received` first (ties in received order).
    pub rows: Vec<ShipmentRow>,
    /// The body as received (scrubbed of the credentials, not sanitized).
    pub body: Vec<u8>,
}

impl ShipmentsLookup {
    /// An empty list is found (no shipments in the window); a lone unverified row
    /// without an AWB is the call failing.
    pub fn verdict(&self) -> CallVerdict<&[ShipmentRow]> {
        match self.rows.as_slice() {
            [only] if !only.verify && only.trck_nmr_fol.is_blank() => {
                match refusal(only.error.as_ref()) {
                    CallVerdict::NotFound => {
                        CallVerdict::Rejected("the shipments call failed, no reason given".into())
                    }
                    other => other,
                }
            }
            rows => CallVerdict::Found(rows),
        }
    }

    /// Rows that need the agent: an invoice required and missing, or unverified.
    pub fn attention_count(&self) -> usize {
        self.rows.iter().filter(|r| r.needs_attention()).count()
    }
}

/// A `get-shipment-info` answer.
#[derive(Clone, Debug)]
pub struct ShipmentLookup {
    /// The response array (one element when found), tracking newest first.
    pub answers: Vec<ShipmentInfo>,
    /// The body as received (scrubbed of the credentials, not sanitized).
    pub body: Vec<u8>,
}

impl ShipmentLookup {
    /// The shipment, or why not.
    pub fn verdict(&self) -> CallVerdict<&ShipmentInfo> {
        match self.answers.first() {
            None => CallVerdict::NotFound,
            Some(first) if !first.verify => refusal(first.error.as_ref()),
            Some(first) => match first.reported_error() {
                Some(error) if error.system_error => {
                    CallVerdict::SystemError(error.error_description.to_string())
                }
                Some(error) => CallVerdict::SkyPostalError(error.error_description.to_string()),
                None => CallVerdict::Found(first),
            },
        }
    }
}

/// A partner answer. Holds no body: the body holds the customer's key.
#[derive(Clone, Debug)]
pub struct PartnerLookup {
    /// The accounts as received.
    pub accounts: Vec<PartnerAccount>,
    /// Whether the upper-cased retry was the answer.
    pub upper_cased: bool,
}

impl PartnerLookup {
    /// `[]` or `_verify: false` without error text: the one neutral not-found.
    fn plain_not_found(&self) -> bool {
        self.accounts
            .iter()
            .all(|a| !a.verify && !a.error.as_ref().is_some_and(super::ErrorInfo::is_error))
    }

    /// The usable accounts (more than one: let the agent choose), or why none.
    pub fn verdict(&self) -> CallVerdict<Vec<&PartnerAccount>> {
        let usable: Vec<&PartnerAccount> = self.accounts.iter().filter(|a| a.usable()).collect();
        if !usable.is_empty() {
            return CallVerdict::Found(usable);
        }
        if self.plain_not_found() {
            return CallVerdict::NotFound;
        }
        match self.accounts.iter().find(|a| !a.verify) {
            Some(refused) => refusal(refused.error.as_ref()),
            None => CallVerdict::SkyPostalError(
                "SkyPostal found the e-mail but sent no box id or key".into(),
            ),
        }
    }
}

#[derive(Serialize)]
struct ShipmentsRequest<'a> {
    #[serde(flatten)]
    customer: CustomerGetInfoRequest<'a>,
    start_date: String,
    end_date: String,
}

#[derive(Serialize)]
struct ShipmentInfoRequest<'a> {
    #[serde(flatten)]
    customer: CustomerGetInfoRequest<'a>,
    trck_nmr_fol: u64,
    language_code: &'static str,
}

/// Partner credentials and the e-mail: no customer credentials at all.
#[derive(Serialize)]
struct PartnerRequest<'a> {
    user_code: u64,
    app_key: &'a str,
    customer_email: &'a str,
}

impl Client {
    /// Which paths `get-shipment-info` and the partner lookup take for this
    /// environment; forgets which one answered before.
    #[must_use]
    pub fn with_paths(mut self, paths: &EndpointPaths) -> Self {
        self.routes = std::sync::Arc::new(Routes::new(paths));
        self
    }

    /// POSTs to the route's remembered path; on HTTP 404 with an HTML page (an
    /// unknown path on IIS) tries each other path once, and remembers the one that
    /// answered otherwise.
    async fn post_routed(
        &self,
        route: &Route,
        body: &impl Serialize,
        scrubber: &Scrubber,
    ) -> Result<Answer, ApiError> {
        let first = route.answered.load(Ordering::Relaxed);
        let order = std::iter::once(first).chain((0..route.paths.len()).filter(|&i| i != first));
        let mut missing = None;
        for index in order {
            let Some(path) = route.paths.get(index) else {
                continue;
            };
            let answer = self
                .post(&format!("{}{path}", self.base), body, scrubber)
                .await?;
            if answer.is_missing_page() {
                tracing::debug!(path, "HTTP 404 page: trying the next path");
                missing = Some(answer);
                continue;
            }
            route.answered.store(index, Ordering::Relaxed);
            return Ok(answer);
        }
        // Every path answered 404: the caller reports that status.
        missing.ok_or(ApiError::Setup(SetupError::NoPath))
    }

    /// The customer's shipments received within `window`, newest first.
    pub async fn customer_get_shipments(
        &self,
        credentials: &Credentials,
        window: &DateWindow,
    ) -> Result<ShipmentsLookup, ApiError> {
        let request = ShipmentsRequest {
            customer: CustomerGetInfoRequest::new(credentials),
            start_date: window.start_text(),
            end_date: window.end_text(),
        };
        let url = format!("{}{CUSTOMER_GET_SHIPMENTS_PATH}", self.base);
        let body = self
            .post(&url, &request, &credentials.scrubber())
            .await?
            .into_body()?;
        let (mut rows, body) = decode_offloaded::<Vec<ShipmentRow>>(body).await?;
        newest_first(&mut rows);
        Ok(ShipmentsLookup {
            window: *window,
            rows,
            body,
        })
    }

    /// One shipment of the customer's, by its AWB, with its tracking newest first.
    pub async fn shipment_info(
        &self,
        credentials: &Credentials,
        awb: u64,
    ) -> Result<ShipmentLookup, ApiError> {
        let request = ShipmentInfoRequest {
            customer: CustomerGetInfoRequest::new(credentials),
            trck_nmr_fol: awb,
            language_code: "",
        };
        let body = self
            .post_routed(
                &self.routes.shipment_info,
                &request,
                &credentials.scrubber(),
            )
            .await?
            .into_body()?;
        let (mut answers, body) = decode_offloaded::<Vec<ShipmentInfo>>(body).await?;
        answers.iter_mut().for_each(ShipmentInfo::sort_tracking);
        Ok(ShipmentLookup { answers, body })
    }

    /// Finds the customer who owns `email` with the partner credentials alone. The
    /// e-mail is sent trimmed, as typed; on a plain not-found it is sent once more
    /// upper-cased (SkyPostal stores e-mails upper-cased).
    pub async fn partner_lookup(
        &self,
        user_code: u64,
        app_key: &Secret,
        email: &str,
    ) -> Result<PartnerLookup, ApiError> {
        let email = email.trim();
        let lookup = self.partner_once(user_code, app_key, email).await?;
        let upper = email.to_uppercase();
        if lookup.plain_not_found() && upper != email {
            let mut retry = self.partner_once(user_code, app_key, &upper).await?;
            retry.upper_cased = true;
            return Ok(retry);
        }
        Ok(lookup)
    }

    async fn partner_once(
        &self,
        user_code: u64,
        app_key: &Secret,
        email: &str,
    ) -> Result<PartnerLookup, ApiError> {
        let request = PartnerRequest {
            user_code,
            app_key: app_key.expose(),
            customer_email: email,
        };
        let answer = self
            .post_routed(
                &self.routes.partner_lookup,
                &request,
                &Scrubber::new([app_key]),
            )
            .await?;
        let mut body = answer.into_body().map_err(withhold_key)?;
        let accounts = decode_partner(&body);
        // Best effort, as for `Secret`: the body held the key.
        body.iter_mut().for_each(|b| *b = 0);
        std::hint::black_box(&body);
        Ok(PartnerLookup {
            accounts: accounts.map_err(withhold_key)?,
            upper_cased: false,
        })
    }
}

/// Decodes the partner answer, then decodes it again from a copy scrubbed of the keys
/// it carries, through the same scrub as the typed keys: a key echoed in any other
/// field (a name, an error text) reads `<redacted>`; only `customer_key` holds it.
/// An account that sent no key may still name one in its text: then any long
/// base64 run in the answer's strings is taken for a key.
fn decode_partner(body: &[u8]) -> Result<Vec<PartnerAccount>, ApiError> {
    let mut accounts: Vec<PartnerAccount> = decode_json(body)?;
    let mut scrubber = Scrubber::new(accounts.iter().map(|a| &a.customer_key));
    if accounts.iter().any(|a| a.customer_key.expose().is_empty()) {
        scrubber = scrubber.with_keylike_runs();
    }
    let mut scrubbed = scrubber.scrub_body(body.to_vec());
    if scrubbed == body {
        return Ok(accounts);
    }
    let clean = decode_json::<Vec<PartnerAccount>>(&scrubbed);
    // Best effort, as for the body: a key too short to look for stays in the copy.
    scrubbed.iter_mut().for_each(|b| *b = 0);
    let mut clean = clean?;
    for (clean, raw) in clean.iter_mut().zip(accounts.iter_mut()) {
        clean.customer_key = std::mem::take(&mut raw.customer_key);
    }
    Ok(clean)
}

/// An error made from a partner answer quotes the body (a preview, a status page's
/// line, serde's detail), and that body may hold a customer key: such parts are
/// withheld.
fn withhold_key(error: ApiError) -> ApiError {
    const WITHHELD: &str = "(withheld: the answer may hold a customer key)";
    match error {
        // serde's reason names a position, never the text there: it stays.
        ApiError::NotJson { reason, .. } => ApiError::NotJson {
            reason,
            preview: WITHHELD.into(),
        },
        ApiError::Unexpected { path, .. } => ApiError::Unexpected {
            path,
            detail: WITHHELD.into(),
        },
        ApiError::Status {
            code,
            reason,
            retry_after,
            ..
        } => ApiError::Status {
            code,
            reason,
            snippet: String::new(),
            retry_after,
        },
        other => other,
    }
}
