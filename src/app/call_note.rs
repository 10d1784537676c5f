//! The call note for the ticket system, as data: what the agent looked at during one
//! customer's call. It holds nothing the note must never carry (identity or tax
//! number, key, e-mail, phone): it cannot, since none of them is a field here. Its
//! words come from the catalog when it is drawn or copied.

use time::OffsetDateTime;

use super::caller_check::{Outcome, Question};
use crate::api::{Customer, ShipmentInfo, TrackingEvent};

/// One call's note.
#[derive(Clone, Debug, PartialEq)]
pub struct CallNote {
    /// When the note was taken, with the local offset.
    pub at: OffsetDateTime,
    /// The environment's label (TEST, PROD, DEMO, a configured name).
    pub environment: String,
    /// The customer's name.
    pub name: String,
    /// The box suite (`MX811111`).
    pub suite: String,
    /// SkyPostal's customer id, when sent.
    pub cust_id: Option<i64>,
    /// The caller check as it stands.
    pub check: CheckLine,
    /// The shipments the agent opened during the call, in the order opened.
    pub shipments: Vec<NoteShipment>,
}

/// The caller check in the note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckLine {
    /// No question was answered.
    NotDone,
    /// Not enough matches yet: these matched.
    Open(Vec<Question>),
    /// Passed on these questions.
    Passed(Vec<Question>),
    /// Failed.
    Failed,
}

impl CheckLine {
    /// The line for a check whose `outcome` is known and of which `matched` matched;
    /// `asked`: whether any answer was given.
    pub fn new(outcome: Outcome, matched: Vec<Question>, asked: bool) -> Self {
        match outcome {
            Outcome::Passed(questions) => Self::Passed(questions),
            Outcome::Failed => Self::Failed,
            Outcome::Open if asked => Self::Open(matched),
            Outcome::Open => Self::NotDone,
        }
    }
}

/// A shipment opened during the call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteShipment {
    /// Its AWB.
    pub awb: String,
    /// SkyPostal's status code (`PAY`), empty when none.
    pub status_code: String,
    /// SkyPostal's status name, as sent.
    pub status_name: String,
    /// The latest scan, when there is one.
    pub latest: Option<Scan>,
}

/// One tracking event, as the note shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scan {
    /// `2018-02-04 21:59:14 −05:00`, empty when the event has no usable time.
    pub time: String,
    /// The airport code.
    pub place: String,
    /// SkyPostal's words for the event.
    pub description: String,
}

impl Scan {
    /// The event as the note shows it.
    pub fn of(event: &TrackingEvent) -> Self {
        Self {
            time: event.time_label(),
            place: event.iata_code.trim().to_string(),
            description: event.track_description.trim().to_string(),
        }
    }
}

impl NoteShipment {
    /// What the note says of `info` (its tracking is newest first: the latest scan is
    /// the first event).
    pub fn of(awb: u64, info: &ShipmentInfo) -> Self {
        let (status_code, status_name) =
            info.shipment.as_ref().map_or_else(Default::default, |s| {
                (
                    s.status_code.trim().to_string(),
                    s.status_name.trim().to_string(),
                )
            });
        Self {
            awb: awb.to_string(),
            status_code,
            status_name,
            latest: info.tracking.first().map(Scan::of),
        }
    }
}

impl CallNote {
    /// The note for `customer` (found by `box_id`) in `environment` at `at`.
    pub fn new(
        at: OffsetDateTime,
        environment: &str,
        customer: &Customer,
        box_id: u64,
        check: CheckLine,
        shipments: Vec<NoteShipment>,
    ) -> Self {
        Self {
            at,
            environment: environment.to_string(),
            name: customer.full_name(),
            suite: customer.box_suite(box_id),
            cust_id: customer.cust_id,
            check,
            shipments,
        }
    }
}
