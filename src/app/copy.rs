//! What the agent can copy from the detail view, and the text each item copies.
//!
//! Secrets are not among them: no item reads the app key or the customer key, and the
//! identity and tax numbers are left out too, since they are shown masked.

use super::{App, Cmd, Toast};
use crate::api::{Address, Customer, Phone, ShipmentRow};
use crate::i18n::{self, Lang, msg};

/// One thing the copy menu offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyItem {
    /// The box suite (`MX811111`), also on `y`.
    Suite,
    /// SkyPostal's customer id.
    CustId,
    /// First and last name.
    FullName,
    /// The e-mail address.
    Email,
    /// A phone (index into `customer_phone`), as dialable text.
    Phone(usize),
    /// An address (index into `customer_address`), on one line.
    Address(usize),
    /// The highlighted shipment's AWB.
    Awb,
    /// The highlighted shipment's inbound carrier tracking number.
    CarrierTracking,
    /// The call note (as `w` copies it).
    CallNote,
}

impl CopyItem {
    /// Every item this customer has, in menu order; empty values are left out.
    pub fn all(customer: &Customer) -> Vec<CopyItem> {
        let mut items = vec![Self::Suite];
        if customer.cust_id.is_some() {
            items.push(Self::CustId);
        }
        if !customer.full_name().is_empty() {
            items.push(Self::FullName);
        }
        if customer.customer_email.non_empty().is_some() {
            items.push(Self::Email);
        }
        items.extend((0..customer.customer_phone.len()).map(Self::Phone));
        items.extend((0..customer.customer_address.len()).map(Self::Address));
        items.push(Self::CallNote);
        items
    }

    /// The items of `shipment` (the one highlighted or open), empty values left out.
    pub fn of_shipment(shipment: &ShipmentRow) -> Vec<CopyItem> {
        [
            (Self::Awb, &shipment.trck_nmr_fol),
            (Self::CarrierTracking, &shipment.external_tracking),
        ]
        .into_iter()
        .filter_map(|(item, text)| text.non_empty().map(|_| item))
        .collect()
    }

    /// What the menu and the toast call it, in `lang`: "box suite", "phone 2 (mobile)".
    pub fn name(self, lang: Lang, customer: &Customer) -> String {
        match self {
            Self::Suite => msg::copy::suite(lang).into(),
            Self::CustId => msg::copy::cust_id(lang).into(),
            Self::FullName => msg::copy::full_name(lang).into(),
            Self::Email => msg::copy::email(lang).into(),
            Self::Phone(index) => match customer.customer_phone.get(index) {
                Some(phone) => {
                    msg::copy::phone_kind(lang, index + 1, i18n::phone_kind(lang, phone.kind()))
                }
                None => msg::copy::phone(lang, index + 1),
            },
            Self::Address(index) => msg::copy::address(lang, index + 1),
            Self::Awb => msg::copy::awb(lang).into(),
            Self::CarrierTracking => msg::copy::carrier_tracking(lang).into(),
            Self::CallNote => msg::copy::call_note(lang).into(),
        }
    }

    /// The text it copies: single line, no control characters. The shipment items
    /// read `shipment`, the one highlighted or open.
    pub fn text(
        self,
        customer: &Customer,
        box_id: u64,
        shipment: Option<&ShipmentRow>,
    ) -> Option<String> {
        let text = match self {
            Self::Suite => customer.box_suite(box_id),
            Self::CustId => customer.cust_id?.to_string(),
            Self::FullName => customer.full_name(),
            Self::Email => customer.customer_email.trim().to_string(),
            Self::Phone(index) => phone_dial_string(customer.customer_phone.get(index)?),
            Self::Address(index) => address_line(customer.customer_address.get(index)?),
            Self::Awb => shipment?.trck_nmr_fol.trim().to_string(),
            Self::CarrierTracking => shipment?.external_tracking.trim().to_string(),
            // Several lines, in the agent's language: see `App::copy_call_note`.
            Self::CallNote => return None,
        };
        Some(text.chars().filter(|c| !c.is_control()).collect())
    }
}

/// A phone as a dialer takes it: the area code's `+` and digits, then the number's
/// digits, then `,` and the extension's digits (a comma is the dial-string pause).
pub(crate) fn phone_dial_string(phone: &Phone) -> String {
    dial_string(
        &phone.phone_area_code,
        &phone.phone_number,
        &phone.phone_extension,
    )
}

/// See [`phone_dial_string`]: `+1`, `123456789`, `333` give `+1123456789,333`.
pub(crate) fn dial_string(area: &str, number: &str, extension: &str) -> String {
    let digits = |text: &str| {
        text.chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
    };
    let mut dial = String::new();
    if area.trim_start().starts_with('+') {
        dial.push('+');
    }
    dial.push_str(&digits(area));
    dial.push_str(&digits(number));
    let extension = digits(extension);
    if !extension.is_empty() {
        dial.push(',');
        dial.push_str(&extension);
    }
    dial
}

/// An address on one line: street, neighborhood, locality, city, state and ZIP,
/// country; empty parts are left out.
pub(crate) fn address_line(address: &Address) -> String {
    let state_zip = [address.state_name.trim(), address.zip_code.trim()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    [
        address.address_01.trim(),
        address.neighborhood.trim(),
        address.locality_town.trim(),
        address.city_name.trim(),
        state_zip.as_str(),
        address.country_name.trim(),
    ]
    .into_iter()
    .filter(|p| !p.is_empty())
    .collect::<Vec<_>>()
    .join(", ")
}

impl App {
    /// Asks the runtime to copy `item` of the customer on display, and says so.
    pub(super) fn copy(&mut self, item: CopyItem) -> Vec<Cmd> {
        if item == CopyItem::CallNote {
            return self.copy_call_note();
        }
        let Some(loaded) = self.loaded() else {
            return vec![];
        };
        let customer = loaded.customer();
        let Some(text) = item.text(customer, loaded.box_id(), self.highlighted_shipment()) else {
            return vec![];
        };
        // The log names it in English, as every log line.
        let what = item.name(Lang::En, customer);
        self.toast = Some(Toast::Copied {
            item,
            text: text.clone(),
        });
        vec![Cmd::Copy { text, what }]
    }
}
