//! `get-shipment-info`: one shipment of the customer's, by its AWB, with its
//! tracking. Its wire types, request body, client method and verdict. The call lives
//! at one of two paths, tried in turn (see `route`).

use serde::{Deserialize, Serialize};

use super::customer::{CallVerdict, Credentials, CustomerGetInfoRequest, Reason, refusal};
use super::date::{DateField, IsoDate, ServerTime, WcfDate};
use super::decode::decode_offloaded;
use super::shipments::{StatusCode, Usd, instant};
use super::wire::{ErrorInfo, Text, lenient_flag, lenient_number, null_as_empty, null_as_false};
use super::{ApiError, Client};

/// Paths of `get-shipment-info`, in the order tried: SkyPostal's client's, then the docs'.
pub const SHIPMENT_INFO_PATHS: [&str; 2] = [
    "/service-shipment.svc/shipment/get-shipment-info",
    "/service-customer.svc/shipment/get-shipment-info",
];

/// One element of `get-shipment-info`'s answer.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct ShipmentInfo {
    /// SkyPostal's validation flag.
    #[serde(rename = "_verify", deserialize_with = "null_as_false")]
    pub verify: bool,
    /// The error object.
    pub error: Option<ErrorInfo>,
    /// The AWB asked for.
    pub trck_nmr_fol: Text,
    /// The shipment itself.
    pub shipment: Option<Shipment>,
    /// Its tracking events; newest first once [`ShipmentInfo::sort_tracking`] ran
    /// (the client runs it on every answer).
    #[serde(deserialize_with = "null_as_empty")]
    pub tracking: Vec<TrackingEvent>,
}

impl ShipmentInfo {
    /// The AWB this answer is about, when it names one other than `asked`: the
    /// answer (or a proxy's cache) is another shipment's, and must not be read out
    /// as this one. Sanitized, as every [`Text`] is.
    pub fn other_awb(&self, asked: u64) -> Option<String> {
        let named = [
            Some(&self.trck_nmr_fol),
            self.shipment.as_ref().map(|s| &s.trck_nmr_fol),
        ];
        named
            .into_iter()
            .flatten()
            .map(|awb| awb.trim())
            .find(|awb| !awb.is_empty() && awb.parse::<u64>().ok() != Some(asked))
            .map(str::to_string)
    }

    /// Sorts the events by `entry_date`, newest first, keeping the received order for
    /// events of the same instant; events without a date go last.
    pub fn sort_tracking(&mut self) {
        self.tracking
            .sort_by_key(|event| std::cmp::Reverse(event.entry_date.as_ref().and_then(instant)));
    }

    /// The answer's error, when it reports something.
    pub fn reported_error(&self) -> Option<&ErrorInfo> {
        self.error.as_ref().filter(|e| e.is_error())
    }
}

/// `shipment` of `get-shipment-info`: consignee, goods, weights, charges and route.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Shipment {
    /// The AWB.
    pub trck_nmr_fol: Text,
    /// Consignee's name.
    pub name: Text,
    /// Consignee's e-mail.
    pub email: Text,
    /// Consignee's identity number (personal data: mask it on screen).
    pub identity_number: Text,
    /// Street line.
    pub address: Text,
    /// Neighborhood.
    pub neighborhood: Text,
    /// Locality.
    pub locality: Text,
    /// City.
    pub city_name: Text,
    /// State.
    pub state_name: Text,
    /// Country.
    pub country_name: Text,
    /// ISO country code.
    pub country_iso_code: Text,
    /// Postal code.
    pub zipcode: Text,
    /// Dialing code.
    pub phone_area: Text,
    /// Phone number.
    pub phone: Text,
    /// Phone extension.
    pub phone_extension: Text,
    /// Description of the goods.
    pub content: Text,
    /// Store.
    pub merchant_name: Text,
    /// Number of items.
    #[serde(deserialize_with = "lenient_number")]
    pub quantity: Option<f64>,
    /// Declared value, USD.
    #[serde(deserialize_with = "lenient_number")]
    pub price_value: Option<f64>,
    /// Product family.
    pub family_product_name: Text,
    /// Physical weight.
    #[serde(deserialize_with = "lenient_number")]
    pub physical_weight: Option<f64>,
    /// Volumetric weight.
    #[serde(deserialize_with = "lenient_number")]
    pub volumetric_weight: Option<f64>,
    /// Charged weight.
    #[serde(deserialize_with = "lenient_number")]
    pub charged_weight: Option<f64>,
    /// `"LB"`.
    pub weight_unit: Text,
    /// Shipping charge.
    #[serde(deserialize_with = "lenient_number")]
    pub shipping: Option<f64>,
    /// Freight.
    #[serde(deserialize_with = "lenient_number")]
    pub freight: Option<f64>,
    /// Fuel surcharge.
    #[serde(deserialize_with = "lenient_number")]
    pub fuel_surcharge: Option<f64>,
    /// Insurance.
    #[serde(deserialize_with = "lenient_number")]
    pub insurance: Option<f64>,
    /// Fee.
    #[serde(deserialize_with = "lenient_number")]
    pub fee: Option<f64>,
    /// Extra charges.
    #[serde(deserialize_with = "lenient_number")]
    pub extra_charges: Option<f64>,
    /// Discount.
    #[serde(deserialize_with = "lenient_number")]
    pub discount: Option<f64>,
    /// Additional discount.
    #[serde(deserialize_with = "lenient_number")]
    pub additional_discount: Option<f64>,
    /// Shipping total.
    #[serde(deserialize_with = "lenient_number")]
    pub total_shipping: Option<f64>,
    /// Customs total.
    #[serde(deserialize_with = "lenient_number")]
    pub total_custom: Option<f64>,
    /// Origin airport, `"MIA"`.
    pub iata_code_origin: Text,
    /// Destination airport.
    pub iata_code: Text,
    /// The record's status code (not the tracking stage).
    pub status_code: Text,
    /// The record's status, `"Active"`.
    pub status_name: Text,
    /// Held by SkyPostal.
    #[serde(deserialize_with = "lenient_flag")]
    pub is_frozen: bool,
    /// Being returned.
    #[serde(deserialize_with = "lenient_flag")]
    pub is_return: bool,
    /// One entry per piece.
    #[serde(deserialize_with = "null_as_empty")]
    pub detail: Vec<Piece>,
}

impl Shipment {
    /// The charges that are not zero, in the order an invoice lists them: shipping,
    /// customs, insurance, fees, discounts, total.
    pub fn charges(&self) -> Vec<(Charge, Usd)> {
        let sum = |parts: &[Option<f64>]| parts.iter().flatten().sum::<f64>();
        [
            (Charge::Shipping, sum(&[self.shipping])),
            (Charge::Customs, sum(&[self.total_custom])),
            (Charge::Insurance, sum(&[self.insurance])),
            (
                Charge::Fees,
                sum(&[self.fee, self.fuel_surcharge, self.extra_charges]),
            ),
            (
                Charge::Discounts,
                sum(&[self.discount, self.additional_discount]),
            ),
            (
                Charge::Total,
                sum(&[self.total_shipping, self.total_custom]),
            ),
        ]
        .into_iter()
        .filter(|(_, amount)| *amount != 0.0)
        .map(|(label, amount)| (label, Usd(amount)))
        .collect()
    }
}

/// A line of a shipment's charges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charge {
    /// `shipping`.
    Shipping,
    /// `total_custom`.
    Customs,
    /// `insurance`.
    Insurance,
    /// `fee`, `fuel_surcharge` and `extra_charges`.
    Fees,
    /// `discount` and `additional_discount`.
    Discounts,
    /// `total_shipping` and `total_custom`.
    Total,
}

/// One piece of a shipment (`detail[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Piece {
    /// Inbound carrier's code, space-padded on the wire (see [`Piece::courier`]).
    pub courier_code: Text,
    /// Inbound carrier's name.
    pub courier_name: Text,
    /// Inbound carrier's tracking number.
    pub external_tracking: Text,
    /// Contents.
    pub content: Text,
    /// Product family.
    pub family_product_name: Text,
    /// Physical weight, lb.
    #[serde(deserialize_with = "lenient_number")]
    pub physical_weight: Option<f64>,
    /// Volumetric weight, lb.
    #[serde(deserialize_with = "lenient_number")]
    pub volumetric_weight: Option<f64>,
}

impl Piece {
    /// The carrier's code without its padding.
    pub fn courier(&self) -> &str {
        self.courier_code.trim()
    }
}

/// One tracking event.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct TrackingEvent {
    /// When it happened.
    pub entry_date: Option<DateField>,
    /// Where: an airport code.
    pub iata_code: Text,
    /// The stage's code.
    pub track_cdg: Text,
    /// The API's own words for the code.
    pub track_description: Text,
    /// A free remark, often empty.
    pub track_obs: Text,
    /// `EV`: an event.
    pub track_type: Text,
}

impl TrackingEvent {
    /// The event's time on the server's clock with its offset,
    /// `2018-02-04 21:59:14 −05:00`; empty when the event has no usable time.
    pub fn time_label(&self) -> String {
        match &self.entry_date {
            Some(DateField::Wcf(wcf)) => ServerTime(*wcf).to_string(),
            Some(field) => field
                .date()
                .map(|d| IsoDate(d).to_string())
                .unwrap_or_default(),
            None => String::new(),
        }
    }

    /// The stage in words.
    pub fn status(&self) -> StatusCode<'_> {
        StatusCode(&self.track_cdg)
    }

    /// `entry_date` as a WCF date.
    pub fn when(&self) -> Option<WcfDate> {
        match self.entry_date {
            Some(DateField::Wcf(wcf)) => Some(wcf),
            _ => None,
        }
    }
}

/// A `get-shipment-info` answer.
#[derive(Clone, Debug)]
pub struct ShipmentLookup {
    /// The response array (one element when found), tracking newest first.
    pub answers: Vec<ShipmentInfo>,
    /// The body as received (scrubbed of the credentials, not sanitized).
    pub body: Vec<u8>,
}

impl ShipmentLookup {
    /// The shipment, or why not.
    pub fn verdict(&self) -> CallVerdict<&ShipmentInfo> {
        match self.answers.first() {
            None => CallVerdict::NotFound,
            Some(first) if !first.verify => refusal(first.error.as_ref()),
            Some(first) => match first.reported_error() {
                Some(error) if error.system_error => {
                    CallVerdict::SystemError(Reason::Said(error.error_description.to_string()))
                }
                Some(error) => {
                    CallVerdict::SkyPostalError(Reason::Said(error.error_description.to_string()))
                }
                None => CallVerdict::Found(first),
            },
        }
    }
}

#[derive(Serialize)]
struct ShipmentInfoRequest<'a> {
    #[serde(flatten)]
    customer: CustomerGetInfoRequest<'a>,
    trck_nmr_fol: u64,
    language_code: &'static str,
}

impl Client {
    /// One shipment of the customer's, by its AWB, with its tracking newest first.
    pub async fn shipment_info(
        &self,
        credentials: &Credentials,
        awb: u64,
    ) -> Result<ShipmentLookup, ApiError> {
        let request = ShipmentInfoRequest {
            customer: CustomerGetInfoRequest::new(credentials),
            trck_nmr_fol: awb,
            language_code: "",
        };
        let body = self
            .post_routed(
                &self.routes.shipment_info,
                &request,
                &credentials.scrubber(),
            )
            .await?
            .into_body()?;
        let (answers, body) = decode_offloaded::<Vec<ShipmentInfo>>(body, |answers| {
            answers.iter_mut().for_each(ShipmentInfo::sort_tracking);
        })
        .await?;
        Ok(ShipmentLookup { answers, body })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{self, Lang};

    const INFO: &str = include_str!("../../assets/samples/get-shipment-info.response.json");

    #[test]
    fn docs_timeline_is_newest_first_in_the_servers_time() {
        let mut infos: Vec<ShipmentInfo> = serde_json::from_str(INFO).unwrap();
        let info = infos.first_mut().unwrap();
        info.sort_tracking();
        let lines: Vec<String> = info
            .tracking
            .iter()
            .map(|e| format!("{} {} {}", e.time_label(), e.iata_code, e.track_description))
            .collect();
        assert_eq!(
            lines,
            [
                "2018-02-04 21:59:14 −05:00 MIA BILLED",
                "2018-02-04 21:59:13 −05:00 MIA RECEIVED",
                "2018-02-04 21:59:13 −05:00 MIA PROCESSED",
                "2018-02-04 21:59:13 −05:00 MIA PROCESSING PAYMENT",
            ]
        );
        let shipment = info.shipment.as_ref().unwrap();
        assert_eq!(shipment.detail.first().unwrap().courier(), "OTR");
        assert_eq!(&*shipment.phone, "2451616");
        let charges: Vec<String> = shipment
            .charges()
            .iter()
            .map(|(charge, amount)| {
                let amount = amount.show(crate::i18n::Decimal::Dot);
                format!("{} {amount}", i18n::charge(Lang::En, *charge))
            })
            .collect();
        assert_eq!(charges, ["Shipping USD 6.50", "Total USD 6.50"]);
        assert!(!shipment.is_frozen && !shipment.is_return);
    }
}
