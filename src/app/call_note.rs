//! The call note for the ticket system, as data: what the agent looked at during one
//! customer's call. It holds nothing the note must never carry (identity or tax
//! number, key, e-mail, phone): it cannot, since none of them is a field here. Its
//! words come from the catalog when it is drawn or copied.

use time::OffsetDateTime;

use super::caller_check::{Outcome, Question};
use super::{App, Cmd, Overlay, Screen, Toast};
use crate::api::{Customer, IsoDate, ShipmentInfo, StatusCode, TrackingEvent};
use crate::i18n::{Lang, msg};

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
    /// The latest scan, when there is one: its stage is the shipment's status.
    pub latest: Option<Scan>,
}

/// One tracking event, as the note shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scan {
    /// The stage's code (`PAY`), which the note shows in words and code.
    pub stage: String,
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
            stage: event.track_cdg.trim().to_string(),
            time: event.time_label(),
            place: event.iata_code.trim().to_string(),
            description: event.track_description.trim().to_string(),
        }
    }
}

impl NoteShipment {
    /// What the note says of shipment `awb` (its tracking is newest first: the latest
    /// scan is the first event).
    pub fn of(awb: u64, info: &ShipmentInfo) -> Self {
        Self {
            awb: awb.to_string(),
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

impl CallNote {
    /// The note as text for the ticket system, in `lang`: one line per fact. Carries
    /// no identity or tax number, key, e-mail or phone (it holds none).
    pub fn text(&self, lang: Lang) -> String {
        use msg::note as words;
        let time = format!(
            "{} {:02}:{:02} {}",
            IsoDate(self.at.date()),
            self.at.hour(),
            self.at.minute(),
            offset(self.at.offset())
        );
        let cust_id = self
            .cust_id
            .map_or_else(|| "—".to_string(), |id| id.to_string());
        let names = |questions: &[Question]| {
            questions
                .iter()
                .map(|q| format!("{} ✔", question_name(lang, *q)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let check = match &self.check {
            CheckLine::NotDone => words::check_not_done(lang).to_string(),
            CheckLine::Open(matched) => words::check_open(lang, matched.len()),
            CheckLine::Passed(questions) => words::check_passed(lang, names(questions)),
            CheckLine::Failed => words::check_failed(lang).to_string(),
        };
        let mut lines = vec![
            words::heading(lang, time, &self.environment),
            words::customer(lang, &self.name, &self.suite, cust_id),
            check,
        ];
        if self.shipments.is_empty() {
            lines.push(words::no_shipments(lang).to_string());
        }
        for shipment in &self.shipments {
            lines.push(match &shipment.latest {
                Some(scan) => words::shipment(
                    lang,
                    &shipment.awb,
                    crate::i18n::status(lang, StatusCode(&scan.stage)),
                    [scan.time.as_str(), &scan.place, &scan.description]
                        .into_iter()
                        .filter(|part| !part.is_empty())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                None => words::shipment_no_scan(lang, &shipment.awb),
            });
        }
        // Text from the server could hold control characters: none reach the ticket.
        lines
            .iter()
            .map(|line| line.chars().filter(|c| !c.is_control()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// `−05:00`, `+01:00`, as the tracking times write the offset.
fn offset(offset: time::UtcOffset) -> String {
    let (hours, minutes, _) = offset.as_hms();
    let sign = if offset.is_negative() { '−' } else { '+' };
    format!(
        "{sign}{:02}:{:02}",
        hours.unsigned_abs(),
        minutes.unsigned_abs()
    )
}

/// A question as the note names it.
pub(crate) fn question_name(lang: Lang, question: Question) -> &'static str {
    use msg::check as words;
    match question {
        Question::BirthDate => words::birth_date(lang),
        Question::IdLastFour => words::id_last_four(lang),
        Question::Zip => words::zip(lang),
        Question::PhoneLastFour => words::phone_last_four(lang),
    }
}

impl App {
    /// The note of the customer on display, if any: its call's time (the answer's)
    /// with the local offset, the environment, the caller check as it stands, and the
    /// shipments opened.
    pub fn call_note(&self) -> Option<CallNote> {
        let Screen::Detail(detail) = &self.screen else {
            return None;
        };
        let at = time::PrimitiveDateTime::new(self.today, detail.loaded.at)
            .assume_offset(self.settings.utc_offset);
        let check = &detail.caller_check;
        let line = CheckLine::new(
            check.outcome(&self.strikes, self.settings.caller_check),
            check.matched(),
            check.asked(&self.strikes),
        );
        Some(CallNote::new(
            at,
            &self.environment().label,
            detail.customer(),
            detail.loaded.box_id(),
            line,
            detail.shipments.opened.clone(),
        ))
    }

    /// The note's language: the config's `note_language`, else the agent's.
    fn note_language(&self) -> Lang {
        self.settings.note_language.unwrap_or(self.settings.lang)
    }

    /// `w`: the note to the clipboard (OSC 52), in the note's language; the footer
    /// says it was sent (no terminal confirms OSC 52).
    pub(super) fn copy_call_note(&mut self) -> Vec<Cmd> {
        let Some(note) = self.call_note() else {
            return vec![];
        };
        self.overlay = None;
        self.toast = Some(Toast::NoteCopied);
        vec![Cmd::Copy {
            text: note.text(self.note_language()),
            what: "call note".into(),
        }]
    }

    /// `W`: the note in a box, to select by hand.
    pub(super) fn show_call_note(&mut self) -> Vec<Cmd> {
        if let Some(note) = self.call_note() {
            self.overlay = Some(Overlay::CallNote {
                text: note.text(self.note_language()),
            });
        }
        vec![]
    }
}
