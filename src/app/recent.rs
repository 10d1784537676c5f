//! This session's lookups, newest first, for repeating one with a key. Held in
//! memory only; the idle lock drops them all.

use super::{App, Cmd, FieldId};
use crate::api::{ApiError, ConnectFailure, Secret};

/// How many lookups the list keeps; older ones fall off.
pub(crate) const RECENT_LIMIT: usize = 100;

/// One answered lookup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecentLookup {
    /// The box id asked for (0 when an e-mail found none).
    pub box_id: u64,
    /// The e-mail it was asked by, if so; the repeat asks by e-mail again.
    pub email: Option<String>,
    /// The (first) customer's full name, when one came back.
    pub name: Option<String>,
    /// Index of the environment it ran in.
    pub environment: usize,
    /// That environment's label, as it was.
    pub environment_label: String,
    /// Local wall time of the answer, from the runtime.
    pub at: time::Time,
    /// What it came to.
    pub outcome: Outcome,
    /// The customer key typed, to repeat the lookup (empty for an e-mail lookup: a
    /// received key is not kept). Memory only; never shown.
    pub(super) customer_key: Secret,
}

/// What a lookup came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// This many customers came back (at least one).
    Found(usize),
    /// An empty answer: no customer with this box id.
    NotFound,
    /// SkyPostal rejected the customer credentials.
    Rejected,
    /// SkyPostal reported a failure on its side.
    SystemError,
    /// The request failed, or SkyPostal answered with an error.
    Failed(Failure),
}

/// Why a lookup failed, as the recent list says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// Nothing listens at the host's port.
    Refused,
    /// The host name did not resolve.
    Dns,
    /// The TLS handshake or certificate check failed.
    Tls,
    /// Any other connect failure.
    Connect,
    /// The timeout ran out.
    Timeout,
    /// A non-2xx HTTP status.
    Status,
    /// The body is not JSON.
    NotJson,
    /// JSON of the wrong shape.
    Unexpected,
    /// The body passed the size cap.
    TooLarge,
    /// The client could not be set up.
    Setup,
    /// Any other transport failure.
    Transport,
    /// SkyPostal answered, reporting an error.
    SkyPostal,
}

impl From<&ApiError> for Failure {
    fn from(error: &ApiError) -> Self {
        match error {
            ApiError::Connect { failure, .. } => match failure {
                ConnectFailure::Refused => Self::Refused,
                ConnectFailure::Dns => Self::Dns,
                ConnectFailure::Tls => Self::Tls,
                ConnectFailure::Other => Self::Connect,
            },
            ApiError::Timeout { .. } => Self::Timeout,
            ApiError::Status { .. } | ApiError::Redirect { .. } => Self::Status,
            ApiError::NotJson { .. } => Self::NotJson,
            ApiError::Unexpected { .. } => Self::Unexpected,
            ApiError::TooLarge { .. } => Self::TooLarge,
            ApiError::Setup(_) => Self::Setup,
            ApiError::Other { .. } => Self::Transport,
        }
    }
}
impl App {
    /// Repeats recent lookup `index`: its environment, box id and customer key (or its
    /// e-mail), with the partner credentials on the form.
    pub(super) fn repeat(&mut self, index: usize) -> Vec<Cmd> {
        let Some(entry) = self.recent.get(index).cloned() else {
            return vec![];
        };
        self.overlay = None;
        let mut cmds = self.set_environment(entry.environment);
        match &entry.email {
            Some(email) => self.form.set_value(FieldId::BoxId, email),
            None => {
                self.form
                    .set_value(FieldId::BoxId, &entry.box_id.to_string());
                self.form
                    .set_value(FieldId::CustomerKey, entry.customer_key.expose());
            }
        }
        cmds.extend(self.submit());
        cmds
    }

    /// Adds a lookup to the top of the recent list, dropping the oldest past the limit.
    pub(super) fn remember(&mut self, entry: RecentLookup) {
        self.recent.insert(0, entry);
        self.recent.truncate(RECENT_LIMIT);
    }
}
