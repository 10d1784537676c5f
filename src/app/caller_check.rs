//! Checking the caller is the account holder without showing anything: the agent types
//! what the caller says, and each answer only matches or does not. The rules alone,
//! with no widget and no words: the questions a customer's verified records allow,
//! how an answer is read and compared, three strikes per question, and whether the
//! check has passed or can no longer pass under the call center's policy.

use std::collections::{BTreeSet, HashMap};

use time::{Date, Month};

use crate::api::{Customer, IsoDate};

/// More candidates than this (a business with 300 addresses) and a question is not
/// offered: one of them would match too easily.
pub(crate) const MAX_CANDIDATES: usize = 5;

/// Matching answers that pass the check when the config does not say.
pub(crate) const DEFAULT_MATCHES: u8 = 2;

/// Mismatches that close a question.
pub(crate) const STRIKES: u8 = 3;

/// What the agent can ask the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, strum::EnumIter)]
pub enum Question {
    /// The birth date.
    BirthDate,
    /// The last four characters of the identity number.
    IdLastFour,
    /// The ZIP code of an address on file.
    Zip,
    /// The last four digits of a phone on file.
    PhoneLastFour,
}

impl Question {
    /// The name the log uses (never with an answer or a stored value).
    pub fn log_name(self) -> &'static str {
        match self {
            Self::BirthDate => "birth_date",
            Self::IdLastFour => "id_last_four",
            Self::Zip => "zip",
            Self::PhoneLastFour => "phone_last_four",
        }
    }

    fn index(self) -> usize {
        match self {
            Self::BirthDate => 0,
            Self::IdLastFour => 1,
            Self::Zip => 2,
            Self::PhoneLastFour => 3,
        }
    }
}

/// The call center's policy (config `caller_check`, `caller_check_matches`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// `"required"`: the values the questions use stay hidden, and `v` and Raw are
    /// refused, until the check has passed. `"offered"` (`false`, the default): the
    /// check is there, nothing waits on it.
    pub required: bool,
    /// Matching answers that pass the check.
    pub matches: usize,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            required: false,
            matches: usize::from(DEFAULT_MATCHES),
        }
    }
}

/// The values a customer's verified records allow asking about, normalised for
/// comparing. Never shown, copied or logged.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct Facts {
    birth_date: Option<Date>,
    id_last_four: Option<String>,
    zips: BTreeSet<String>,
    phone_last_fours: BTreeSet<String>,
}

impl std::fmt::Debug for Facts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Facts(<redacted>)")
    }
}

impl Facts {
    /// What `customer` allows: its birth date and identity number when SkyPostal
    /// verified the customer, the ZIP codes of its verified addresses and the last
    /// four digits of its verified phones.
    pub(crate) fn of(customer: &Customer) -> Self {
        let verified = customer.verify == Some(true);
        let birth_date = customer
            .customer_birth_date
            .as_ref()
            .and_then(crate::api::DateField::date)
            .filter(|_| verified);
        let id_last_four =
            last_four(&code(&customer.customer_identity_number)).filter(|_| verified);
        let zips = customer
            .customer_address
            .iter()
            .filter(|a| a.verify)
            .map(|a| zip(&a.zip_code))
            .filter(|z| !z.is_empty())
            .collect();
        let phone_last_fours = customer
            .customer_phone
            .iter()
            .filter(|p| p.verify)
            .filter_map(|p| last_four(&digits(&p.phone_number)))
            .collect();
        Self {
            birth_date,
            id_last_four,
            zips,
            phone_last_fours,
        }
    }

    fn candidates(&self, question: Question) -> usize {
        match question {
            Question::BirthDate => usize::from(self.birth_date.is_some()),
            Question::IdLastFour => usize::from(self.id_last_four.is_some()),
            Question::Zip => self.zips.len(),
            Question::PhoneLastFour => self.phone_last_fours.len(),
        }
    }

    /// The questions this customer allows, in a fixed order: one with no candidate,
    /// or more than [`MAX_CANDIDATES`], is left out.
    pub(crate) fn offered(&self) -> Vec<Question> {
        use strum::IntoEnumIterator;
        Question::iter()
            .filter(|&q| (1..=MAX_CANDIDATES).contains(&self.candidates(q)))
            .collect()
    }

    fn matches(&self, reading: &Reading) -> bool {
        match reading {
            Reading::Date(date) => self.birth_date == Some(*date),
            Reading::IdLastFour(four) => self.id_last_four.as_ref() == Some(four),
            Reading::Zip(zip) => self.zips.contains(zip),
            Reading::PhoneLastFour(four) => self.phone_last_fours.contains(four),
        }
    }
}

/// An answer as understood, before it is compared: the box shows the date it read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Reading {
    /// A birth date.
    Date(Date),
    /// Four letters or digits, upper case.
    IdLastFour(String),
    /// A ZIP code: letters and digits, upper case, no leading zeros.
    Zip(String),
    /// Four digits.
    PhoneLastFour(String),
}

/// Why an answer could not be read; it counts as no strike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Nothing typed.
    Empty,
    /// Neither `YYYY-MM-DD` nor `DD/MM/YYYY`, or no such day.
    NotADate,
    /// Not exactly four letters or digits (four digits for a phone).
    NotFour,
}

/// Reads what the agent typed for `question`: spaces and dashes between digits do not
/// matter; a date is `YYYY-MM-DD` or `DD/MM/YYYY`.
pub(crate) fn read(question: Question, typed: &str) -> Result<Reading, Unreadable> {
    if typed.trim().is_empty() {
        return Err(Unreadable::Empty);
    }
    match question {
        Question::BirthDate => read_date(typed)
            .map(Reading::Date)
            .ok_or(Unreadable::NotADate),
        Question::IdLastFour => {
            let four = code(typed);
            (four.chars().count() == 4)
                .then_some(Reading::IdLastFour(four))
                .ok_or(Unreadable::NotFour)
        }
        Question::PhoneLastFour => {
            let four = code(typed);
            (four.len() == 4 && four.bytes().all(|b| b.is_ascii_digit()))
                .then_some(Reading::PhoneLastFour(four))
                .ok_or(Unreadable::NotFour)
        }
        Question::Zip => Ok(Reading::Zip(zip(typed))),
    }
}

fn read_date(typed: &str) -> Option<Date> {
    let text: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(date) = IsoDate::parse(&text) {
        return Some(date);
    }
    let mut parts = text.split('/');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    let month = Month::try_from(month.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(year.parse().ok()?, month, day.parse().ok()?).ok()
}

/// Letters and digits only, upper case.
fn code(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// A ZIP code to compare: its letters and digits, and without leading zeros (SkyPostal
/// sends some codes as JSON numbers, which lose them).
fn zip(text: &str) -> String {
    code(text).trim_start_matches('0').to_string()
}

/// The last four characters, when there are at least four.
fn last_four(text: &str) -> Option<String> {
    let start = text.len().checked_sub(4)?;
    text.get(start..).map(str::to_string)
}

/// The mismatches per customer and question, for as long as skyview runs (never on
/// disk): a new lookup, a refresh, a pop or the idle lock do not reset them.
#[derive(Clone, Debug, Default)]
pub struct Strikes(HashMap<Option<i64>, [u8; 4]>);

impl Strikes {
    fn of(&self, cust_id: Option<i64>, question: Question) -> u8 {
        self.0
            .get(&cust_id)
            .and_then(|s| s.get(question.index()))
            .copied()
            .unwrap_or(0)
    }

    fn add(&mut self, cust_id: Option<i64>, question: Question) {
        if let Some(count) = self.0.entry(cust_id).or_default().get_mut(question.index()) {
            *count = count.saturating_add(1);
        }
    }
}

/// The outcome of one answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// ✔ matches.
    Matches,
    /// ✘ does not match (one strike).
    DoesNotMatch,
}

/// Why an answer was not compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotCompared {
    /// The answer could not be read (no strike).
    Unreadable(Unreadable),
    /// The customer's records do not allow this question.
    NotOffered,
    /// Three mismatches closed it.
    Closed,
    /// It matched already.
    Matched,
}

/// Where the check stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Not enough matches yet, and they can still come.
    Open,
    /// Enough answers matched: these.
    Passed(Vec<Question>),
    /// The required number of matches can no longer be reached.
    Failed,
}

/// One customer's check during a call: the facts, and the questions that matched.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallerCheck {
    cust_id: Option<i64>,
    facts: Facts,
    matched: BTreeSet<Question>,
}

impl CallerCheck {
    /// A check of `customer`, nothing asked yet.
    pub fn new(customer: &Customer) -> Self {
        Self {
            cust_id: customer.cust_id,
            facts: Facts::of(customer),
            matched: BTreeSet::new(),
        }
    }

    /// The questions the agent may ask.
    pub fn offered(&self) -> Vec<Question> {
        self.facts.offered()
    }

    /// Whether three mismatches closed `question`.
    pub fn is_closed(&self, strikes: &Strikes, question: Question) -> bool {
        strikes.of(self.cust_id, question) >= STRIKES
    }

    /// Whether any answer was given for this customer (now, or strikes from before).
    pub fn asked(&self, strikes: &Strikes) -> bool {
        use strum::IntoEnumIterator;
        !self.matched.is_empty() || Question::iter().any(|q| strikes.of(self.cust_id, q) > 0)
    }

    /// The questions that matched during this call, in order.
    pub fn matched(&self) -> Vec<Question> {
        self.matched.iter().copied().collect()
    }

    /// Whether `question` matched during this call.
    pub fn has_matched(&self, question: Question) -> bool {
        self.matched.contains(&question)
    }

    /// Each question answered so far for this customer, in order: ✔ when it matched
    /// during this call, else ✘ when an answer to it did not (now, or before).
    pub fn answers(&self, strikes: &Strikes) -> Vec<(Question, Mark)> {
        self.offered()
            .into_iter()
            .filter_map(|q| {
                if self.has_matched(q) {
                    Some((q, Mark::Matches))
                } else {
                    (strikes.of(self.cust_id, q) > 0).then_some((q, Mark::DoesNotMatch))
                }
            })
            .collect()
    }

    /// Compares the agent's `typed` answer to `question`; a mismatch is a strike
    /// against this customer. Logs the question and the count of matches, never the
    /// answer or what is on file.
    pub fn answer(
        &mut self,
        strikes: &mut Strikes,
        question: Question,
        typed: &str,
    ) -> Result<Mark, NotCompared> {
        if !self.offered().contains(&question) {
            return Err(NotCompared::NotOffered);
        }
        if self.is_closed(strikes, question) {
            return Err(NotCompared::Closed);
        }
        if self.has_matched(question) {
            return Err(NotCompared::Matched);
        }
        let reading = read(question, typed).map_err(NotCompared::Unreadable)?;
        let mark = if self.facts.matches(&reading) {
            self.matched.insert(question);
            Mark::Matches
        } else {
            strikes.add(self.cust_id, question);
            Mark::DoesNotMatch
        };
        tracing::info!(
            question = question.log_name(),
            matched = mark == Mark::Matches,
            matches = self.matched.len(),
            "caller check answer"
        );
        Ok(mark)
    }

    /// Where the check stands under `policy`: passed once `policy.matches` answers
    /// matched; failed once the questions still open cannot make up the difference.
    pub fn outcome(&self, strikes: &Strikes, policy: Policy) -> Outcome {
        if self.matched.len() >= policy.matches {
            return Outcome::Passed(self.matched.iter().copied().collect());
        }
        let still_open = self
            .offered()
            .into_iter()
            .filter(|&q| !self.has_matched(q) && !self.is_closed(strikes, q))
            .count();
        if self.matched.len() + still_open < policy.matches {
            Outcome::Failed
        } else {
            Outcome::Open
        }
    }
}

#[cfg(test)]
mod tests;
