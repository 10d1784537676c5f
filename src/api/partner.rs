//! The partner call `customer-get-info` by e-mail: who owns an e-mail address, with
//! the box id and the customer key to look them up. The key is a credential for the
//! customer's whole account, so it is decoded straight into a [`Secret`] and this
//! answer has no `Serialize` and keeps no body.

use serde::{Deserialize, Deserializer};

use super::date::DateField;
use super::model::{ErrorInfo, Text, full_name, null_as_false};
use super::secret::Secret;

/// A box id as a number or a numeric string; anything else is no box id.
fn lenient_box_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    Ok(Option::<Text>::deserialize(deserializer)?.and_then(|text| text.trim().parse().ok()))
}

/// A key that may be `null` or missing: then empty.
fn lenient_secret<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Secret, D::Error> {
    Ok(Option::<Secret>::deserialize(deserializer)?.unwrap_or_default())
}

/// One account of the partner answer. `Debug` shows no key.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PartnerAccount {
    /// `true`: the e-mail exists and this partner may see it.
    #[serde(rename = "_verify", deserialize_with = "null_as_false")]
    pub verify: bool,
    /// The error object.
    pub error: Option<ErrorInfo>,
    /// The customer's box id.
    #[serde(deserialize_with = "lenient_box_id")]
    pub customer_box_id: Option<u64>,
    /// The customer's key: never shown, logged, copied or written.
    #[serde(deserialize_with = "lenient_secret")]
    pub customer_key: Secret,
    /// First name.
    pub customer_first_name: Text,
    /// Last name.
    pub customer_last_name: Text,
    /// When the box was activated.
    pub activation_date: Option<DateField>,
    /// When the customer enrolled (SkyPostal's spelling).
    pub enrolment_date: Option<DateField>,
    /// Box activated.
    #[serde(deserialize_with = "null_as_false")]
    pub is_active: bool,
    /// Account enabled.
    #[serde(deserialize_with = "null_as_false")]
    pub is_enable: bool,
    /// VIP account.
    #[serde(deserialize_with = "null_as_false")]
    pub is_vip: bool,
    /// Business account.
    #[serde(deserialize_with = "null_as_false")]
    pub is_business: bool,
    /// Country of the box, when sent (not in the docs).
    pub ctry_iso_code: Text,
}

impl PartnerAccount {
    /// First and last name, or a placeholder when SkyPostal sent neither.
    pub fn full_name(&self) -> String {
        full_name(&self.customer_first_name, &self.customer_last_name)
    }

    /// Whether this account can be looked up: verified, with a box id and a key.
    pub fn usable(&self) -> bool {
        self.verify && self.customer_box_id.is_some() && !self.customer_key.expose().is_empty()
    }

    /// The customer credentials for `customer-get-info` and the shipments calls.
    pub fn credentials(&self, user_code: u64, app_key: &Secret) -> Option<super::Credentials> {
        self.usable().then(|| super::Credentials {
            user_code,
            app_key: app_key.clone(),
            customer_box_id: self.customer_box_id.unwrap_or_default(),
            customer_key: self.customer_key.clone(),
        })
    }
}

/// What an agent typed in the customer field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CustomerRef {
    /// A box id, or a suite (`MX811111`) with its country letters dropped.
    BoxId(u64),
    /// An e-mail address, trimmed, as typed otherwise.
    Email(String),
}

/// Why the customer field's text is refused; `Display` is the field's message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CustomerRefError {
    /// Nothing typed.
    #[error("required")]
    Empty,
    /// Neither digits nor letters then digits.
    #[error("a box id (811111), a suite (MX811111) or an e-mail")]
    NotABoxId,
    /// An `@` without text on both sides, or with spaces inside.
    #[error("not an e-mail address")]
    BadEmail,
}

impl CustomerRef {
    /// Reads `811111`, `MX811111` or an e-mail (anything with `@`).
    pub fn parse(text: &str) -> Result<Self, CustomerRefError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(CustomerRefError::Empty);
        }
        if text.contains('@') {
            let (user, domain) = text.split_once('@').unwrap_or_default();
            // Control characters would steer the terminal that shows the address;
            // an invisible one (a zero-width space from a pasted address) is never part
            // of an e-mail SkyPostal stores.
            let odd = |c: char| c.is_whitespace() || c.is_control() || crate::text::is_invisible(c);
            if user.is_empty() || domain.is_empty() || text.contains(odd) {
                return Err(CustomerRefError::BadEmail);
            }
            return Ok(Self::Email(text.to_string()));
        }
        let digits = text.trim_start_matches(|c: char| c.is_ascii_alphabetic());
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CustomerRefError::NotABoxId);
        }
        digits
            .parse()
            .map(Self::BoxId)
            .map_err(|_| CustomerRefError::NotABoxId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str =
        include_str!("../../assets/samples/partner-customer-get-info.response.json");

    #[test]
    fn docs_answer_gives_the_box_and_a_key_that_never_prints() {
        let accounts: Vec<PartnerAccount> = serde_json::from_str(SAMPLE).unwrap();
        let [john] = accounts.as_slice() else {
            panic!("one account")
        };
        assert!(john.usable());
        assert_eq!(john.customer_box_id, Some(811_111));
        assert_eq!(john.full_name(), "John Doe");
        assert!(john.is_active && john.is_enable && !john.is_vip);
        assert!(!format!("{john:?}").contains("YpbC"));
        let credentials = john.credentials(396, &Secret::new("app")).unwrap();
        assert_eq!(
            credentials.customer_key.expose(),
            "YpbCNpzqxYqVWv+tzg4e4Ex6ALiT+DfKSYA3NY2dZcw="
        );
    }

    #[test]
    fn a_refusal_has_no_usable_account() {
        let accounts: Vec<PartnerAccount> = serde_json::from_str(
            r#"[{"_verify":false,"customer_key":null,"customer_box_id":"0"}]"#,
        )
        .unwrap();
        assert!(accounts.iter().all(|a| !a.usable()));
    }

    #[test]
    fn the_customer_field_takes_a_box_id_a_suite_or_an_e_mail() {
        assert_eq!(
            CustomerRef::parse("811111"),
            Ok(CustomerRef::BoxId(811_111))
        );
        assert_eq!(
            CustomerRef::parse(" MX811111 "),
            Ok(CustomerRef::BoxId(811_111))
        );
        assert_eq!(
            CustomerRef::parse(" JohnDoe@Email.com "),
            Ok(CustomerRef::Email("JohnDoe@Email.com".into()))
        );
        assert_eq!(CustomerRef::parse(""), Err(CustomerRefError::Empty));
        assert_eq!(CustomerRef::parse("MX"), Err(CustomerRefError::NotABoxId));
        assert_eq!(
            CustomerRef::parse("81a11"),
            Err(CustomerRefError::NotABoxId)
        );
        for bad in [
            "@email.com",
            "john@",
            "john doe@email.com",
            "jo\x1bhn@email.com",
            "john\u{200b}doe@email.com",
            "john@email.com\u{202e}",
        ] {
            assert_eq!(
                CustomerRef::parse(bad),
                Err(CustomerRefError::BadEmail),
                "{bad}"
            );
        }
    }
}
