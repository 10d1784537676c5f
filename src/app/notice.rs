//! What the form says about the last lookup.

/// How serious a notice is; the UI colours it, and its words say it too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// Something the agent did (cancelled).
    Info,
    /// An answer that is not a customer (none found, credentials rejected).
    Warning,
    /// A failure: network, HTTP, decoding.
    Error,
    /// SkyPostal says the failure is on its side (`system_error: true`).
    SystemError,
}

/// A message on the form about the last lookup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// How serious.
    pub severity: Severity,
    /// The sentence to show.
    pub text: String,
}
