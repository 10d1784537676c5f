//! What the app tells the agent, kept as meaning: a notice about a lookup or a call,
//! the footer's toast, a field's message. The words come from the catalog when drawn
//! ([`crate::i18n`]), in the language the view is given.

use crate::api::{ApiError, Reason};
use crate::config::ConfigWarning;
use crate::logging::LogFailure;

use super::CopyItem;

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

/// What a lookup, or a call about the customer on display, came to when it did not
/// bring what was asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The agent cancelled the lookup.
    LookupCancelled,
    /// The request failed on its way (network, HTTP, decoding).
    Failed(ApiError),
    /// No customer with this box id in this environment.
    NoCustomer {
        /// The box id asked for.
        box_id: u64,
        /// The environment's label.
        environment: String,
    },
    /// SkyPostal refused the customer credentials, with its reason.
    CredentialsRejected(Reason),
    /// No account of this partner has the e-mail.
    NoAccount {
        /// The partner's user code.
        user_code: u64,
    },
    /// SkyPostal refused the e-mail lookup, with its reason.
    EmailRefused(Reason),
    /// SkyPostal refused a call about the customer on display (a shipment that is
    /// not theirs, say), with its reason.
    RequestRefused(Reason),
    /// SkyPostal answered with an error, with its reason.
    SkyPostalError(Reason),
    /// SkyPostal failed on its side (`system_error`), with its reason.
    SystemError(Reason),
    /// The shipments call brought nothing, and no reason.
    ShipmentsFailed,
    /// The config file loaded, with these warnings.
    ConfigWarnings(Vec<ConfigWarning>),
    /// The log file cannot be written: logging stopped.
    LogStopped(LogFailure),
    /// No shipment with this AWB for this box id.
    NoShipment {
        /// The AWB asked for.
        awb: u64,
        /// The customer's box id.
        box_id: u64,
    },
}

impl Notice {
    /// How serious it is.
    pub fn severity(&self) -> Severity {
        match self {
            Self::LookupCancelled => Severity::Info,
            Self::Failed(_) | Self::SkyPostalError(_) => Severity::Error,
            Self::SystemError(_) => Severity::SystemError,
            Self::NoCustomer { .. }
            | Self::CredentialsRejected(_)
            | Self::NoAccount { .. }
            | Self::EmailRefused(_)
            | Self::RequestRefused(_)
            | Self::ShipmentsFailed
            | Self::NoShipment { .. }
            | Self::ConfigWarnings(_)
            | Self::LogStopped(_) => Severity::Warning,
        }
    }
}

/// A short confirmation in the footer; the next key clears it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Toast {
    /// `text`, which is `item` of the customer on display, went to the clipboard.
    Copied {
        /// What was copied.
        item: CopyItem,
        /// The text copied.
        text: String,
    },
    /// The environment in use changed.
    Environment(String),
    /// F2 with one environment: it stays.
    OnlyEnvironment(String),
    /// The highlighted shipment row has no AWB to open.
    NoAwb,
    /// `]` on a window that already ends today.
    WindowEndsToday,
    /// The call note went to the clipboard.
    NoteCopied,
}

/// A remark on a field that is not a refusal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldNote {
    /// The customer key, when the customer field holds an e-mail: not used.
    NotNeededForEmail,
    /// An app key that is not 32 hex characters (sending is still allowed).
    AppKeyShape,
    /// A customer key that is not 44 base64 characters (sending is still allowed).
    CustomerKeyShape,
}
