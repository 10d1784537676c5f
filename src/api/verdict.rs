//! What an answer to a customer lookup comes to, decided once for the TUI and for
//! `skyview get`.

use super::Lookup;
use super::model::Checked;

/// The verdict on a [`Lookup`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict<'a> {
    /// The first customer is verified, or its `_verify` is missing and it reports no
    /// error: there is something to show.
    Found,
    /// The answer holds no customer.
    NotFound,
    /// SkyPostal refused the customer credentials; its reason, or "no reason given".
    Rejected(&'a str),
    /// SkyPostal says the failure is on its side (`system_error: true`); its reason.
    SystemError(&'a str),
}

impl Lookup {
    /// Judges the answer by its first customer, the way SkyPostal reports a refusal.
    pub(crate) fn verdict(&self) -> Verdict<'_> {
        let Some(first) = self.customers.first() else {
            return Verdict::NotFound;
        };
        let error = first.reported_error();
        match first.verified() {
            Some(true) => return Verdict::Found,
            // No flag is no refusal: show what was sent, its flags marked unknown.
            None if error.is_none_or(|e| !e.system_error) => return Verdict::Found,
            _ => {}
        }
        let description = error
            .and_then(|e| e.error_description.non_empty())
            .unwrap_or("no reason given");
        if error.is_some_and(|e| e.system_error) {
            Verdict::SystemError(description)
        } else {
            Verdict::Rejected(description)
        }
    }
}

impl Verdict<'_> {
    /// Why nothing is shown, as a clause (no capital, no full stop); `None` when found.
    pub fn problem(self, box_id: u64, environment: &str) -> Option<String> {
        match self {
            Self::Found => None,
            Self::NotFound => Some(format!(
                "no customer found for box id {box_id} in {environment}"
            )),
            Self::Rejected(description) => Some(format!(
                "SkyPostal rejected these customer credentials (invalid or expired box id / key): {description}"
            )),
            Self::SystemError(description) => Some(format!(
                "SkyPostal failed on its side (system error): {description}"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::decode_customers;

    fn verdict_of(body: &[u8]) -> String {
        let lookup = Lookup {
            customers: decode_customers(body).unwrap(),
            body: Vec::new(),
        };
        format!("{:?}", lookup.verdict())
    }

    #[test]
    fn a_missing_verify_is_no_refusal() {
        assert_eq!(verdict_of(b"[{}]"), "Found");
        assert_eq!(verdict_of(br#"[{"_verify":null}]"#), "Found");
        assert_eq!(
            verdict_of(br#"[{"error":{"error_description":"down","system_error":true}}]"#),
            r#"SystemError("down")"#
        );
        assert_eq!(
            verdict_of(br#"[{"_verify":false}]"#),
            r#"Rejected("no reason given")"#
        );
    }
}
