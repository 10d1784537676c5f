//! This session's lookups, newest first, for repeating one with a key. Held in
//! memory only; the idle lock drops them all.

use crate::api::Secret;

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
    /// The request failed; the class of failure ("timeout", "dns", …).
    Failed(&'static str),
}
