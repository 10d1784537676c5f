//! `customer-get-info`: the customer by box id and key. Its wire types (the customer,
//! its addresses and phones), the request body the other customer calls build on,
//! the client's method, and the verdicts: this call's [`Verdict`], and the
//! [`CallVerdict`] the other calls share.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::date::DateField;
use super::decode::{decode_json, decode_offloaded};
use super::wire::{ErrorInfo, Text, full_name, null_as_empty, null_as_false};
use super::{ApiError, Client, Scrubber, Secret};

/// Path of the mission's endpoint below the base URL.
pub(crate) const CUSTOMER_GET_INFO_PATH: &str = "/service-customer.svc/customer/customer-get-info";

/// Everything one `customer-get-info` call needs. `Debug` redacts both secrets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Credentials {
    /// Partner user code, from SkyPostal.
    pub user_code: u64,
    /// Partner app key, from SkyPostal.
    pub app_key: Secret,
    /// The customer's box id.
    pub customer_box_id: u64,
    /// The customer's key; changes when the customer's e-mail changes.
    pub customer_key: Secret,
}

impl Credentials {
    /// A scrubber of the two secrets, for answers that quote them.
    pub(super) fn scrubber(&self) -> Scrubber {
        Scrubber::new([&self.app_key, &self.customer_key])
    }
}

/// The request body, flat as the docs show it; the other customer calls add to it.
#[derive(Serialize)]
pub(super) struct CustomerGetInfoRequest<'a> {
    user_code: u64,
    app_key: &'a str,
    customer_box_id: u64,
    customer_key: &'a str,
}

impl<'a> CustomerGetInfoRequest<'a> {
    pub(super) fn new(credentials: &'a Credentials) -> Self {
        Self {
            user_code: credentials.user_code,
            app_key: credentials.app_key.expose(),
            customer_box_id: credentials.customer_box_id,
            customer_key: credentials.customer_key.expose(),
        }
    }
}

/// A successful exchange: the decoded customers and the body as received.
#[derive(Clone, Debug)]
pub struct Lookup {
    /// The response array; may be empty.
    pub customers: Vec<Customer>,
    /// The body exactly as received (for the Raw view and `get --output raw`); not
    /// sanitized, so it must pass through [`crate::text::sanitize`] before a terminal.
    pub body: Vec<u8>,
}

impl Client {
    /// POSTs the credentials to `customer-get-info` and decodes the answer.
    ///
    /// Transport failures, non-2xx statuses, oversized and undecodable bodies are
    /// errors; an empty array or `_verify: false` is a valid answer for the caller to
    /// judge.
    pub async fn customer_get_info(&self, credentials: &Credentials) -> Result<Lookup, ApiError> {
        let request = CustomerGetInfoRequest::new(credentials);
        let body = self
            .post(
                &format!("{}{CUSTOMER_GET_INFO_PATH}", self.base),
                &request,
                &credentials.scrubber(),
            )
            .await?
            .into_body()?;
        let (customers, body) = decode_offloaded::<Vec<Customer>>(body, |_| ()).await?;
        Ok(Lookup { customers, body })
    }
}

/// Decodes a `customer-get-info` body: a JSON array of customers.
pub fn decode_customers(bytes: &[u8]) -> Result<Vec<Customer>, ApiError> {
    decode_json(bytes)
}

/// One customer of the response array.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Customer {
    /// SkyPostal's validation flag; `false` on the first customer means the customer
    /// credentials were rejected. `None` (missing or `null`): unknown, not rejected.
    #[serde(rename = "_verify")]
    pub verify: Option<bool>,
    /// The error object for the customer as a whole.
    pub error: Option<ErrorInfo>,
    /// Internal customer id (not the box id).
    pub cust_id: Option<i64>,
    /// First name.
    pub customer_first_name: Text,
    /// Last name.
    pub customer_last_name: Text,
    /// E-mail, upper-cased by SkyPostal.
    pub customer_email: Text,
    /// Marketing opt-in.
    #[serde(deserialize_with = "null_as_false")]
    pub customer_email_agreement: bool,
    /// Birth date, a WCF date.
    pub customer_birth_date: Option<DateField>,
    /// `"M"` or `"F"`.
    pub customer_gender: Text,
    /// National identity number (personal data).
    pub customer_identity_number: Text,
    /// Tax number; `0` when none.
    pub customer_tax_number: Text,
    /// Marketing campaign.
    pub customer_campaign: Text,
    /// Referrer's box id; `0` when none. (SkyPostal's spelling.)
    pub customer_refered_by: Text,
    /// `false`: registered, box not activated yet; `None` (missing or `null`): unknown.
    pub is_active: Option<bool>,
    /// `false`: account disabled; SkyPostal's own client refuses login; `None`
    /// (missing or `null`): unknown.
    pub is_enable: Option<bool>,
    /// VIP account.
    #[serde(deserialize_with = "null_as_false")]
    pub is_vip: bool,
    /// Business account.
    #[serde(deserialize_with = "null_as_false")]
    pub is_business: bool,
    /// Last payment method, when SkyPostal sends it.
    pub last_payment_method: Text,
    /// Addresses.
    #[serde(deserialize_with = "null_as_empty")]
    pub customer_address: Vec<Address>,
    /// Phones.
    #[serde(deserialize_with = "null_as_empty")]
    pub customer_phone: Vec<Phone>,
}

/// What a customer's flags add up to. Walking ten thousand addresses takes longer
/// than drawing a frame, so the app works this out once per answer
/// (`Customer::tally`) and keeps it beside the customer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Unverified addresses.
    pub unverified_addresses: usize,
    /// Unverified phones.
    pub unverified_phones: usize,
    /// Unverified objects in all: addresses, phones, and the customer itself.
    pub unverified: usize,
    /// Objects carrying an error: the customer, its addresses and its phones.
    pub errors: usize,
    /// Whether any of them reports `system_error`.
    pub system_error: bool,
}

impl Tally {
    fn add_error(&mut self, error: Option<&ErrorInfo>) {
        self.errors += usize::from(error.is_some_and(ErrorInfo::is_error));
        self.system_error |= error.is_some_and(|e| e.system_error);
    }
}

/// One of a customer's addresses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct Address {
    /// SkyPostal's validation flag for this address.
    #[serde(rename = "_verify", deserialize_with = "null_as_false")]
    pub verify: bool,
    /// The error object for this address.
    pub error: Option<ErrorInfo>,
    /// Address id.
    pub address_id: Option<i64>,
    /// Owning customer.
    pub cust_id: Option<i64>,
    /// Street line.
    pub address_01: Text,
    /// Locality or town.
    pub locality_town: Text,
    /// Neighborhood.
    pub neighborhood: Text,
    /// Postal code.
    pub zip_code: Text,
    /// SkyPostal's internal city id.
    pub city_code: Option<i64>,
    /// City.
    pub city_name: Text,
    /// SkyPostal's internal state id.
    pub state_code: Option<i64>,
    /// State.
    pub state_name: Text,
    /// SkyPostal's internal country id (155 is Mexico), not ISO.
    pub country_code: Option<i64>,
    /// Country.
    pub country_name: Text,
    /// ISO 3166-1 alpha-2 country code.
    pub ctry_iso_code: Text,
    /// Dialing code of the address phone.
    pub phone_area: Text,
    /// Address phone number.
    pub phone_number: Text,
    /// Address phone extension.
    pub phone_extension: Text,
}

/// One of a customer's phones.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct Phone {
    /// SkyPostal's validation flag for this phone.
    #[serde(rename = "_verify", deserialize_with = "null_as_false")]
    pub verify: bool,
    /// The error object for this phone.
    pub error: Option<ErrorInfo>,
    /// Phone id.
    pub phone_id: Option<i64>,
    /// Owning customer.
    pub cust_id: Option<i64>,
    /// Dialing code, `"+1"` or `"57"`.
    pub phone_area_code: Text,
    /// Number.
    pub phone_number: Text,
    /// Extension.
    pub phone_extension: Text,
    /// `1` landline, `2` mobile; anything else is shown as "type N".
    pub phone_type: Option<i64>,
}

/// What a phone type code means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneKind {
    /// `1`: residential or corporate landline.
    Landline,
    /// `2`: mobile.
    Mobile,
    /// Any other code, or none.
    Other(Option<i64>),
}

impl fmt::Display for PhoneKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Landline => f.write_str("landline"),
            Self::Mobile => f.write_str("mobile"),
            Self::Other(Some(n)) => write!(f, "type {n}"),
            Self::Other(None) => f.write_str("type not given"),
        }
    }
}

impl Phone {
    /// The phone's type in words.
    pub fn kind(&self) -> PhoneKind {
        match self.phone_type {
            Some(1) => PhoneKind::Landline,
            Some(2) => PhoneKind::Mobile,
            other => PhoneKind::Other(other),
        }
    }
}

/// A validation flag and an error object: what every customer, address and phone has.
pub trait Checked {
    /// SkyPostal's `_verify`; `None` when it did not say (customers only).
    fn verified(&self) -> Option<bool>;
    /// The error object, when it reports something.
    fn reported_error(&self) -> Option<&ErrorInfo>;
}

macro_rules! impl_checked {
    ($($ty:ty),*) => {$(
        impl Checked for $ty {
            fn verified(&self) -> Option<bool> {
                self.verify.into()
            }
            fn reported_error(&self) -> Option<&ErrorInfo> {
                self.error.as_ref().filter(|e| e.is_error())
            }
        }
    )*};
}
impl_checked!(Customer, Address, Phone);

impl Customer {
    /// First and last name, or a placeholder when SkyPostal sent neither.
    pub fn full_name(&self) -> String {
        full_name(&self.customer_first_name, &self.customer_last_name)
    }

    /// The box suite a customer ships to: ISO country of the first address plus the
    /// box id (`MX811111`). Without an address the box id stands alone.
    pub fn box_suite(&self, box_id: u64) -> String {
        let country = self
            .customer_address
            .first()
            .and_then(|a| a.ctry_iso_code.non_empty())
            .unwrap_or("");
        format!("{country}{box_id}")
    }

    /// Counts the unverified and failed objects in one walk over the lists.
    pub(crate) fn tally(&self) -> Tally {
        let mut tally = Tally {
            unverified: usize::from(self.verify == Some(false)),
            ..Tally::default()
        };
        tally.add_error(self.error.as_ref());
        for address in &self.customer_address {
            tally.unverified_addresses += usize::from(!address.verify);
            tally.add_error(address.error.as_ref());
        }
        for phone in &self.customer_phone {
            tally.unverified_phones += usize::from(!phone.verify);
            tally.add_error(phone.error.as_ref());
        }
        tally.unverified += tally.unverified_addresses + tally.unverified_phones;
        tally
    }
}

/// The verdict on a [`Lookup`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict<'a> {
    /// The first customer is verified, or its `_verify` is missing and it reports no
    /// error: there is something to show.
    Found,
    /// The answer holds no customer.
    NotFound,
    /// SkyPostal refused the customer credentials; its reason, if it gave one.
    Rejected(Option<&'a str>),
    /// SkyPostal says the failure is on its side (`system_error: true`); its reason,
    /// if it gave one.
    SystemError(Option<&'a str>),
}

/// Why SkyPostal refused a call or failed: its own words, or what its answer lacked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// SkyPostal's `error_description`, as sent.
    Said(String),
    /// No description came with it.
    NotGiven,
    /// The shipments call answered a lone unverified row without an AWB or a reason.
    ShipmentsCallFailed,
    /// The partner lookup found the e-mail but sent no box id or key.
    NoAccountData,
}

impl From<Option<&str>> for Reason {
    fn from(said: Option<&str>) -> Self {
        said.map_or(Self::NotGiven, |said| Self::Said(said.to_string()))
    }
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
        let description = error.and_then(|e| e.error_description.non_empty());
        if error.is_some_and(|e| e.system_error) {
            Verdict::SystemError(description)
        } else {
            Verdict::Rejected(description)
        }
    }
}

/// What an answer amounts to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallVerdict<T> {
    /// What was asked for (for the shipments, possibly none in the window).
    Found(T),
    /// Nothing there, and no reason given.
    NotFound,
    /// SkyPostal refused (`_verify: false`), with its reason.
    Rejected(Reason),
    /// SkyPostal answered, reporting an error.
    SkyPostalError(Reason),
    /// SkyPostal failed on its side (`system_error`).
    SystemError(Reason),
}

impl<T> CallVerdict<T> {
    /// The same verdict with what was found turned by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> CallVerdict<U> {
        match self {
            Self::Found(found) => CallVerdict::Found(f(found)),
            Self::NotFound => CallVerdict::NotFound,
            Self::Rejected(reason) => CallVerdict::Rejected(reason),
            Self::SkyPostalError(reason) => CallVerdict::SkyPostalError(reason),
            Self::SystemError(reason) => CallVerdict::SystemError(reason),
        }
    }

    /// What was found, or the verdict that found nothing (of any type, since it
    /// holds nothing found).
    pub fn found<U>(self) -> Result<T, CallVerdict<U>> {
        match self {
            Self::Found(found) => Ok(found),
            Self::NotFound => Err(CallVerdict::NotFound),
            Self::Rejected(reason) => Err(CallVerdict::Rejected(reason)),
            Self::SkyPostalError(reason) => Err(CallVerdict::SkyPostalError(reason)),
            Self::SystemError(reason) => Err(CallVerdict::SystemError(reason)),
        }
    }
}

/// The verdict for a `_verify: false` answer with this error object.
pub(super) fn refusal<T>(error: Option<&ErrorInfo>) -> CallVerdict<T> {
    let description = error.and_then(|e| e.error_description.non_empty());
    match (error.is_some_and(|e| e.system_error), description) {
        (true, description) => CallVerdict::SystemError(Reason::from(description)),
        (false, Some(description)) => CallVerdict::Rejected(Reason::from(Some(description))),
        (false, None) => CallVerdict::NotFound,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            r#"SystemError(Some("down"))"#
        );
        assert_eq!(verdict_of(br#"[{"_verify":false}]"#), r#"Rejected(None)"#);
    }
}
