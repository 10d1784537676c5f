//! The `customer-get-info` response, field for field as SkyPostal names them.
//!
//! Decoding is lenient where the contract is loose: unknown fields are ignored, a
//! missing field or a `null` takes its empty value, phone-like fields take a string or
//! a number. Every string is sanitized on the way in, so nothing from the wire can
//! steer the terminal. A value of the wrong type (an object where a number belongs)
//! still fails, with the JSON path of the field.

use std::fmt;
use std::ops::Deref;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use super::date::DateField;

/// A string from the wire, already sanitized. Accepts a JSON string, number or bool
/// (SkyPostal sends some phone numbers as numbers), and `null` as empty.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(String);

impl Text {
    /// Sanitizes `raw` into a `Text`.
    pub fn new(raw: &str) -> Self {
        Self(crate::text::sanitize(raw).into_owned())
    }

    /// Whether the text is empty or only white space.
    pub(crate) fn is_blank(&self) -> bool {
        self.non_empty().is_none()
    }

    /// The text, or `None` when it is empty or blank.
    pub fn non_empty(&self) -> Option<&str> {
        let trimmed = self.0.trim();
        (!trimmed.is_empty()).then_some(trimmed)
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::new(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text::default())
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// `null` reads as `false`, like a missing field. For the flags that say something is
/// wrong when false (`_verify`, `is_active`, `is_enable` of a customer), a missing or
/// `null` flag is unknown instead: those are `Option<bool>`, `None` for both, printed
/// as `null` by `skyview get --output json`.
pub(super) fn null_as_false<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(deserializer)?.unwrap_or(false))
}

/// `null` reads as an empty list, like a missing field.
pub(super) fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// The `error` object every customer, address and phone carries. Empty strings and
/// `system_error: false` mean "no error".
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct ErrorInfo {
    /// What went wrong, in SkyPostal's words.
    pub error_description: Text,
    /// Where SkyPostal says it went wrong.
    pub error_location: Text,
    /// A failure on SkyPostal's side rather than a business error (undocumented; by name).
    #[serde(deserialize_with = "null_as_false")]
    pub system_error: bool,
    /// Sent by some other SkyPostal APIs.
    #[serde(skip_serializing_if = "Text::is_blank")]
    pub error_code: Text,
}

impl ErrorInfo {
    /// Whether this object reports anything at all.
    pub fn is_error(&self) -> bool {
        self.system_error
            || self.error_description.non_empty().is_some()
            || self.error_location.non_empty().is_some()
            || self.error_code.non_empty().is_some()
    }
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

/// First and last name, or a placeholder when SkyPostal sent neither.
pub(super) fn full_name(first: &Text, last: &Text) -> String {
    let name = [first, last]
        .iter()
        .filter_map(|part| part.non_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        "(no name)".to_string()
    } else {
        name
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
