//! Requests in flight, kept by id and by kind. Several may run at once (one of each
//! kind); each is cancelled on its own, and an answer whose id is no longer here is
//! stale and dropped.
//!
//! Adding a kind of request: a variant in [`Request`] (what to send), in [`Reply`]
//! (what comes back) and in [`Pending`] (what the app keeps until the answer), and
//! the runtime's arm that sends it.

use crate::i18n::{Decimal, Lang};
use std::sync::Arc;
use std::time::Duration;

use super::{Answer, Cmd, PartnerAnswer, ShipmentList};
use crate::api::{ApiError, CallVerdict, Credentials, DateWindow, ShipmentLookup};
use crate::query::EmailQuery;

/// Identifies one request, so a result that arrives after it was replaced or
/// cancelled is recognised and dropped.
pub type RequestId = u64;

/// What the runtime is asked to send. What it holds is shared, not copied, with
/// the app's record of the request ([`Pending`]) and, for a customer, with the
/// customer on display: the app key exists once per request, beside the form's field
/// and the body being sent.
#[derive(Debug, PartialEq, Eq)]
pub enum Request {
    /// `customer-get-info`.
    Customer(Arc<Credentials>),
    /// The partner call: who owns the e-mail, with the partner credentials alone.
    Partner(Arc<EmailQuery>),
    /// `customer-get-shipments` for the customer on display.
    Shipments {
        /// The customer's credentials, as the lookup sent them.
        credentials: Arc<Credentials>,
        /// The receipt dates asked for.
        window: DateWindow,
        /// The language the list is readied in.
        lang: Lang,
        /// The decimal separator its amounts and weights are written with.
        decimal: Decimal,
    },
    /// `get-shipment-info` for one shipment of the customer on display.
    Shipment {
        /// The customer's credentials, as the lookup sent them.
        credentials: Arc<Credentials>,
        /// The shipment's AWB.
        awb: u64,
    },
}

impl Request {
    /// Whether it loads beside the customer just put on screen (the shipments list),
    /// rather than being what the agent waits for.
    pub fn loads_alongside(&self) -> bool {
        matches!(self, Self::Shipments { .. })
    }
}

/// What came back for a [`Request`] of the same kind. No `Debug`: it holds a
/// customer's personal data.
pub enum Reply {
    /// The answer to [`Request::Customer`], readied for display.
    Customer(Result<Answer, ApiError>),
    /// The answer to [`Request::Partner`], its accounts listed; it holds customer keys.
    Partner(Result<PartnerAnswer, ApiError>),
    /// The answer to [`Request::Shipments`], readied for display.
    Shipments(Result<CallVerdict<ShipmentList>, ApiError>),
    /// The answer to [`Request::Shipment`].
    Shipment(Result<ShipmentLookup, ApiError>),
}

/// What the app keeps about a request until its answer lands; the variant is its kind.
/// It shares what was sent with the [`Request`] rather than keeping a copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// A customer lookup.
    Customer {
        /// The credentials sent: the box id and key for the recent lookups when
        /// typed; all of them for the shipments calls that follow. A key received from
        /// the partner call lives here and in the customer on display, nowhere else.
        credentials: Arc<Credentials>,
        /// The e-mail that found the customer, when it was looked up by e-mail.
        email: Option<String>,
    },
    /// An e-mail lookup (the partner call), the first step before the customer's; its
    /// partner credentials serve the chained lookup.
    Partner(Arc<EmailQuery>),
    /// The shipments of the customer on display; fetched alongside, not a lookup.
    Shipments {
        /// The receipt dates asked for.
        window: DateWindow,
    },
    /// One shipment of the customer on display; fetched alongside, not a lookup.
    Shipment {
        /// Its AWB.
        awb: u64,
    },
}

impl Pending {
    /// Whether it is a lookup (the agent waits for it, Esc cancels it), rather than
    /// something fetched alongside the customer on display.
    fn is_lookup(&self) -> bool {
        !matches!(self, Self::Shipments { .. } | Self::Shipment { .. })
    }
}

/// One request in flight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InFlight {
    /// Its id.
    pub id: RequestId,
    /// Index of the environment it was sent to.
    pub environment: usize,
    /// What it is for.
    pub pending: Pending,
    /// Time since it was sent, as of the last tick.
    pub elapsed: Duration,
    /// Frame of the spinner.
    pub spinner: usize,
}

/// The requests in flight, oldest first, at most one of each kind.
#[derive(Debug, Default)]
pub struct Requests {
    in_flight: Vec<InFlight>,
    last_id: RequestId,
}

impl Requests {
    /// Registers a new request and says what the runtime must do: cancel the one of
    /// the same kind still in flight, if any (it is replaced), and send `request`.
    pub(super) fn send(
        &mut self,
        environment: usize,
        pending: Pending,
        request: Request,
    ) -> (RequestId, Vec<Cmd>) {
        let replaced = self
            .in_flight
            .iter()
            .position(|f| std::mem::discriminant(&f.pending) == std::mem::discriminant(&pending))
            .map(|index| self.in_flight.remove(index).id);
        self.last_id += 1;
        let id = self.last_id;
        self.in_flight.push(InFlight {
            id,
            environment,
            pending,
            elapsed: Duration::ZERO,
            spinner: 0,
        });
        let mut cmds: Vec<Cmd> = replaced.into_iter().map(Cmd::Cancel).collect();
        cmds.push(Cmd::Fetch {
            id,
            environment,
            request,
        });
        (id, cmds)
    }

    /// Takes request `id` out, its answer having landed; `None` when it is stale.
    pub(super) fn finish(&mut self, id: RequestId) -> Option<InFlight> {
        let index = self.in_flight.iter().position(|f| f.id == id)?;
        Some(self.in_flight.remove(index))
    }

    /// Forgets every request in flight; their ids, for the runtime to cancel.
    pub(super) fn cancel_all(&mut self) -> Vec<RequestId> {
        self.in_flight.drain(..).map(|f| f.id).collect()
    }

    /// Forgets the lookups in flight (by box id or by e-mail), leaving what is fetched
    /// alongside; their ids, for the runtime to cancel.
    pub(super) fn cancel_lookups(&mut self) -> Vec<RequestId> {
        let (lookups, others) = std::mem::take(&mut self.in_flight)
            .into_iter()
            .partition(|f| f.pending.is_lookup());
        self.in_flight = others;
        lookups.into_iter().map(|f: InFlight| f.id).collect()
    }

    /// Forgets what is fetched alongside a customer, but for `keep`; their ids, for
    /// the runtime to cancel.
    pub(super) fn cancel_alongside_except(&mut self, keep: &[RequestId]) -> Vec<RequestId> {
        let (orphans, others) = std::mem::take(&mut self.in_flight)
            .into_iter()
            .partition(|f| !f.pending.is_lookup() && !keep.contains(&f.id));
        self.in_flight = others;
        orphans.into_iter().map(|f: InFlight| f.id).collect()
    }

    /// Whether a lookup is in flight (the agent is waiting for it).
    pub fn has_lookup(&self) -> bool {
        self.in_flight.iter().any(|f| f.pending.is_lookup())
    }

    /// Advances the spinners and records how long each request has run.
    pub(super) fn tick(&mut self, elapsed: &[(RequestId, Duration)]) {
        for flight in &mut self.in_flight {
            if let Some((_, since)) = elapsed.iter().find(|(id, _)| *id == flight.id) {
                flight.elapsed = *since;
                flight.spinner = flight.spinner.wrapping_add(1);
            }
        }
    }

    /// Request `id`, if it is in flight.
    pub fn get(&self, id: RequestId) -> Option<&InFlight> {
        self.in_flight.iter().find(|f| f.id == id)
    }

    /// Whether nothing is in flight.
    pub fn is_empty(&self) -> bool {
        self.in_flight.is_empty()
    }

    /// The customer lookup in flight, with its box id, if any.
    pub fn customer(&self) -> Option<(&InFlight, u64)> {
        self.in_flight.iter().find_map(|f| match &f.pending {
            Pending::Customer { credentials, .. } => Some((f, credentials.customer_box_id)),
            Pending::Partner(_) | Pending::Shipments { .. } | Pending::Shipment { .. } => None,
        })
    }

    /// The e-mail lookup in flight, with its e-mail, if any.
    pub fn partner(&self) -> Option<(&InFlight, &str)> {
        self.in_flight.iter().find_map(|f| match &f.pending {
            Pending::Partner(query) => Some((f, query.email.as_str())),
            Pending::Customer { .. } | Pending::Shipments { .. } | Pending::Shipment { .. } => None,
        })
    }
}
