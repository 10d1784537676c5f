//! The partner call `customer-get-info` by e-mail: who owns an e-mail address, with
//! the box id and the customer key to look them up. The key is a credential for the
//! customer's whole account, so it is decoded straight into a [`Secret`] and this
//! answer has no `Serialize` and keeps no body. Its wire type, request body, client
//! method and verdict; the call lives at one of two paths, tried in turn (see
//! `route`).

use serde::{Deserialize, Deserializer, Serialize};
use zeroize::Zeroize;

use super::customer::{CallVerdict, Credentials, Reason, refusal};
use super::date::DateField;
use super::decode::decode_json;
use super::wire::{ErrorInfo, Text, full_name, null_as_false};
use super::{ApiError, Client, Preview, Scrubber, Secret};

/// Paths of the partner lookup by e-mail, in the order tried: SkyPostal's client's,
/// then the docs'.
pub const PARTNER_LOOKUP_PATHS: [&str; 2] = [
    "/service-partner.svc/partner/customer-get-info",
    "/service-customer.svc/partner/customer-get-info",
];

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
    pub fn credentials(&self, user_code: u64, app_key: &Secret) -> Option<Credentials> {
        self.usable().then(|| Credentials {
            user_code,
            app_key: app_key.clone(),
            customer_box_id: self.customer_box_id.unwrap_or_default(),
            customer_key: self.customer_key.clone(),
        })
    }
}

/// A partner answer. Holds no body: the body holds the customer's key.
#[derive(Clone, Debug)]
pub struct PartnerLookup {
    /// The accounts as received.
    pub accounts: Vec<PartnerAccount>,
    /// Whether this answers the e-mail upper-cased (asked first), rather than as
    /// typed (asked when that found nothing).
    pub upper_cased: bool,
}

impl PartnerLookup {
    /// `[]` or `_verify: false` without error text: the one neutral not-found.
    fn plain_not_found(&self) -> bool {
        self.accounts
            .iter()
            .all(|a| !a.verify && !a.error.as_ref().is_some_and(ErrorInfo::is_error))
    }

    /// The usable accounts (more than one: let the agent choose), or why none.
    pub fn verdict(&self) -> CallVerdict<Vec<&PartnerAccount>> {
        let usable: Vec<&PartnerAccount> = self.accounts.iter().filter(|a| a.usable()).collect();
        if !usable.is_empty() {
            return CallVerdict::Found(usable);
        }
        if self.plain_not_found() {
            return CallVerdict::NotFound;
        }
        match self.accounts.iter().find(|a| !a.verify) {
            Some(refused) => refusal(refused.error.as_ref()),
            None => CallVerdict::SkyPostalError(Reason::NoAccountData),
        }
    }
}

/// Partner credentials and the e-mail: no customer credentials at all.
#[derive(Serialize)]
struct PartnerRequest<'a> {
    user_code: u64,
    app_key: &'a str,
    customer_email: &'a str,
}

impl Client {
    /// Finds the customer who owns `email` with the partner credentials alone.
    /// SkyPostal stores e-mails upper-cased, so the e-mail is sent trimmed and
    /// upper-cased first (ASCII letters only: `straße` stays `STRAßE`); as typed only
    /// when that finds nothing, with or without a reason.
    pub async fn partner_lookup(
        &self,
        user_code: u64,
        app_key: &Secret,
        email: &str,
    ) -> Result<PartnerLookup, ApiError> {
        let email = email.trim();
        let upper = email.to_ascii_uppercase();
        let mut lookup = self.partner_once(user_code, app_key, &upper).await?;
        lookup.upper_cased = true;
        let not_found = matches!(
            lookup.verdict(),
            CallVerdict::NotFound | CallVerdict::Rejected(_)
        );
        if not_found && upper != email {
            return self.partner_once(user_code, app_key, email).await;
        }
        Ok(lookup)
    }

    async fn partner_once(
        &self,
        user_code: u64,
        app_key: &Secret,
        email: &str,
    ) -> Result<PartnerLookup, ApiError> {
        let request = PartnerRequest {
            user_code,
            app_key: app_key.expose(),
            customer_email: email,
        };
        let answer = self
            .post_routed(
                &self.routes.partner_lookup,
                &request,
                &Scrubber::new([app_key]),
            )
            .await?;
        let body = answer.into_body().map_err(withhold_key)?;
        // Decoded twice and scrubbed between: a large answer (thousands of accounts)
        // would hold the event loop up for most of a second.
        let accounts = if body.len() <= crate::offload::IN_PLACE_MAX_BYTES {
            decode_wiping(body)
        } else {
            crate::offload::map(body, decode_wiping).await
        };
        Ok(PartnerLookup {
            accounts: accounts.map_err(withhold_key)?,
            upper_cased: false,
        })
    }
}

/// [`decode_partner`], then the body wiped.
fn decode_wiping(mut body: Vec<u8>) -> Result<Vec<PartnerAccount>, ApiError> {
    let accounts = decode_partner(&body);
    // Best effort, as for `Secret`: the body held the key.
    body.zeroize();
    accounts
}

/// Decodes the partner answer, then decodes it again from a copy scrubbed of the keys
/// it carries, through the same scrub as the typed keys: a key echoed in any other
/// field (a name, an error text) reads `<redacted>`; only `customer_key` holds it.
/// An account that sent no key may still name one in its text: then any long
/// base64 run in the answer's strings is taken for a key.
fn decode_partner(body: &[u8]) -> Result<Vec<PartnerAccount>, ApiError> {
    let mut accounts: Vec<PartnerAccount> = decode_json(body)?;
    let mut scrubber = Scrubber::new(accounts.iter().map(|a| &a.customer_key));
    if accounts.iter().any(|a| a.customer_key.expose().is_empty()) {
        scrubber = scrubber.with_keylike_runs();
    }
    let mut scrubbed = scrubber.scrub_body(body.to_vec());
    if scrubbed == body {
        return Ok(accounts);
    }
    let clean = decode_json::<Vec<PartnerAccount>>(&scrubbed);
    // Best effort, as for the body: a key too short to look for stays in the copy.
    scrubbed.zeroize();
    let mut clean = clean?;
    for (clean, raw) in clean.iter_mut().zip(accounts.iter_mut()) {
        clean.customer_key = std::mem::take(&mut raw.customer_key);
    }
    Ok(clean)
}

/// An error made from a partner answer quotes the body (a preview, a status page's
/// line, serde's detail), and that body may hold a customer key: such parts are
/// withheld.
fn withhold_key(error: ApiError) -> ApiError {
    match error {
        // serde's reason names a position, never the text there: it stays.
        ApiError::NotJson { reason, .. } => ApiError::NotJson {
            reason,
            preview: Preview::Withheld,
        },
        ApiError::Unexpected { path, detail } => ApiError::Unexpected {
            path,
            detail: detail.withheld(),
        },
        ApiError::Status {
            code,
            reason,
            retry_after,
            ..
        } => ApiError::Status {
            code,
            reason,
            snippet: String::new(),
            retry_after,
        },
        other => other,
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
}
