//! Where the two calls of uncertain address go: `get-shipment-info` and the partner
//! lookup each live at one of two paths, depending on the server. On an unknown path
//! the next is tried, and the one that answered is remembered for the environment.

use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use super::http::Answer;
use super::partner::PARTNER_LOOKUP_PATHS;
use super::shipment::SHIPMENT_INFO_PATHS;
use super::{ApiError, Client, Scrubber};
use crate::setup::SetupError;

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
    pub(super) shipment_info: Route,
    pub(super) partner_lookup: Route,
}

impl Routes {
    pub(super) fn new(paths: &EndpointPaths) -> Self {
        Self {
            shipment_info: Route::new(&paths.shipment_info, &SHIPMENT_INFO_PATHS),
            partner_lookup: Route::new(&paths.partner_lookup, &PARTNER_LOOKUP_PATHS),
        }
    }
}

/// One call's paths, in the order tried.
#[derive(Debug)]
pub(super) struct Route {
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
    pub(super) async fn post_routed(
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
}
