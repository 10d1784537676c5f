//! `customer-get-shipments`: the customer's shipments received within a window of
//! dates. Its wire type (one row), request body, client method and verdict, and the
//! words the TUI and `skyview get` share for a shipment (status, invoice, money,
//! weight, the list's columns), which `get-shipment-info` uses too.

use serde::{Deserialize, Serialize};
use time::Date;

use super::customer::{CallVerdict, Credentials, CustomerGetInfoRequest, Reason, refusal};
use super::date::{DateField, IsoDate};
use super::decode::{decode_json, decode_offloaded};
use super::window::DateWindow;
use super::wire::{ErrorInfo, Text, lenient_flag, lenient_number, null_as_false};
use super::{ApiError, Client};
use crate::i18n::{self, Decimal, Lang};

/// Path of `customer-get-shipments` below the base URL (docs and SkyPostal's client agree).
pub const CUSTOMER_GET_SHIPMENTS_PATH: &str =
    "/service-customer.svc/customer/customer-get-shipments";

/// An amount in US dollars (no currency field exists; the warehouse is in Miami):
/// shows as `USD 10.00` (`USD 10,50` with a decimal comma); one no shipment can have
/// as `⚠ USD -5.00`, `⚠ USD 1e308`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Usd(pub f64);

impl Usd {
    /// The amount with its currency code, written with `decimal`.
    pub fn show(self, decimal: Decimal) -> String {
        format!("{}USD {}", flag(self.0), figure(self.0, decimal))
    }
}

/// A weight in pounds: shows as `0.44 lb` (`0,44 lb` with a decimal comma); one no
/// parcel can have as `⚠ -1.00 lb`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pounds(pub f64);

impl Pounds {
    /// The weight with its unit, written with `decimal`.
    pub fn show(self, decimal: Decimal) -> String {
        format!("{}{} lb", flag(self.0), figure(self.0, decimal))
    }
}

/// Past this, an amount or a weight is not a parcel's: it shows flagged, in
/// scientific notation, so that its cell stays as narrow as any other.
const IMPOSSIBLY_LARGE: f64 = 1e9;

/// Whether no shipment can have this value or weight: negative, or absurdly large.
fn impossible(value: f64) -> bool {
    value.is_sign_negative() && value != 0.0 || value.abs() >= IMPOSSIBLY_LARGE
}

/// `⚠ ` before an impossible figure, in its own cell.
fn flag(value: f64) -> &'static str {
    if impossible(value) { "⚠ " } else { "" }
}

/// A figure with two decimals, or in scientific notation when absurdly large.
fn figure(value: f64, decimal: Decimal) -> String {
    if value.abs() >= IMPOSSIBLY_LARGE {
        decimal.figure(&format!("{value:e}"))
    } else {
        decimal.fixed(value, 2)
    }
}

/// A tracking-stage code (`shipment_status`, `track_cdg`), shown as the stage's
/// words plus the code: `BILLED (PAY)`; a code of no known stage shows as itself
/// with `?` (see [`crate::i18n::status`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusCode<'a>(pub &'a str);

/// A stage of a shipment that SkyPostal's material names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// `REC`.
    Received,
    /// `PRO`.
    Processed,
    /// `CUT`.
    ProcessingPayment,
    /// `PAY`.
    Billed,
    /// `ATC`.
    ArrivedInCountry,
}

impl StatusCode<'_> {
    /// The code, trimmed.
    pub fn code(&self) -> &str {
        self.0.trim()
    }

    /// The stage the code names, when it is one SkyPostal's material names.
    pub fn stage(&self) -> Option<Stage> {
        Some(match self.code() {
            "REC" => Stage::Received,
            "PRO" => Stage::Processed,
            "CUT" => Stage::ProcessingPayment,
            "PAY" => Stage::Billed,
            "ATC" => Stage::ArrivedInCountry,
            _ => return None,
        })
    }
}

/// Whether customs needs an invoice from the customer, and whether it has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invoice {
    /// Required and missing: the customer must upload one.
    Required,
    /// Required and satisfied.
    Ok,
    /// Not required.
    NotRequired,
}

/// One row of `customer-get-shipments`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct ShipmentRow {
    /// SkyPostal's validation flag; a row with `false` is a failure to show.
    #[serde(rename = "_verify", deserialize_with = "null_as_false")]
    pub verify: bool,
    /// The error object.
    pub error: Option<ErrorInfo>,
    /// SkyPostal's shipment number, the AWB the customer quotes (a number or a string).
    pub trck_nmr_fol: Text,
    /// The inbound carrier's tracking number.
    pub external_tracking: Text,
    /// Store.
    pub merchant: Text,
    /// Description of the goods.
    pub shipment_content: Text,
    /// Code of the newest tracking event (see [`StatusCode`]).
    pub shipment_status: Text,
    /// Arrival at the Miami warehouse.
    pub date_received: Option<DateField>,
    /// Dispatch from the warehouse; absent while not yet dispatched.
    pub date_manifested: Option<DateField>,
    /// Customs needs a commercial invoice.
    #[serde(deserialize_with = "lenient_flag")]
    pub invoice_required: bool,
    /// Uploaded invoice's file name, empty when none.
    pub invoice_file_name: Text,
    /// Uploaded invoice's URL, empty when none.
    pub invoice_file_url: Text,
    /// Declared value entered as invoice detail (optional; satisfies the invoice).
    #[serde(deserialize_with = "lenient_number")]
    pub comm_inv_detail_declared_value: Option<f64>,
    /// Declared value, USD.
    #[serde(deserialize_with = "lenient_number")]
    pub shipment_value: Option<f64>,
    /// Freight charge, USD.
    #[serde(deserialize_with = "lenient_number")]
    pub shipping_charge_rate: Option<f64>,
    /// Discount on the freight, USD.
    #[serde(deserialize_with = "lenient_number")]
    pub shipping_charge_discount: Option<f64>,
    /// Amount due, USD.
    #[serde(deserialize_with = "lenient_number")]
    pub shipping_charge_total: Option<f64>,
    /// Physical weight, lb.
    #[serde(deserialize_with = "lenient_number")]
    pub weight_physical: Option<f64>,
    /// Volumetric weight, lb.
    #[serde(deserialize_with = "lenient_number")]
    pub weight_volumetric: Option<f64>,
    /// Charged weight, lb: the larger of the two.
    #[serde(deserialize_with = "lenient_number")]
    pub weight_charged: Option<f64>,
    /// `ENG` or `ESP`.
    pub lnge_code: Text,
}

impl ShipmentRow {
    /// The AWB as a number, for `get-shipment-info`.
    pub fn awb(&self) -> Option<u64> {
        self.trck_nmr_fol.trim().parse().ok()
    }

    /// The tracking stage in words.
    pub fn status(&self) -> StatusCode<'_> {
        StatusCode(&self.shipment_status)
    }

    /// SkyPostal's client's rule: required, and neither a file nor a declared value.
    pub fn invoice(&self) -> Invoice {
        if !self.invoice_required {
            return Invoice::NotRequired;
        }
        let has_file = !self.invoice_file_name.is_blank() || !self.invoice_file_url.is_blank();
        let declared = self.comm_inv_detail_declared_value.is_some_and(|v| v > 0.0);
        if has_file || declared {
            Invoice::Ok
        } else {
            Invoice::Required
        }
    }

    /// Declared value.
    pub fn value(&self) -> Option<Usd> {
        self.shipment_value.map(Usd)
    }

    /// Charged weight.
    pub fn charged_weight(&self) -> Option<Pounds> {
        self.weight_charged.map(Pounds)
    }

    /// The server's calendar date of arrival (as for the birth date).
    pub fn received_date(&self) -> Option<Date> {
        self.date_received.as_ref().and_then(DateField::date)
    }

    /// Received outside `window` although asked for within it: never dropped, but
    /// marked, since the agent would read it as inside.
    pub fn outside(&self, window: &DateWindow) -> bool {
        self.received_date().is_some_and(|day| !window.holds(day))
    }

    /// What the agent must act on: an invoice required and missing, or a row
    /// SkyPostal did not verify.
    pub fn needs_attention(&self) -> bool {
        !self.verify || self.invoice() == Invoice::Required
    }

    /// The row's error, when it reports something.
    pub fn reported_error(&self) -> Option<&ErrorInfo> {
        self.error.as_ref().filter(|e| e.is_error())
    }

    /// Whether the fields the agent searches (AWB, tracking number, merchant,
    /// contents) contain `needle`, ignoring case and accents.
    pub fn matches(&self, needle: &str) -> bool {
        let needle = crate::text::fold(needle.trim());
        [
            &self.trck_nmr_fol,
            &self.external_tracking,
            &self.merchant,
            &self.shipment_content,
        ]
        .iter()
        .any(|field| crate::text::fold(field).contains(&needle))
    }
}

/// Sorts shipments newest `date_received` first, keeping the received order for ties;
/// rows without a date go last.
pub fn newest_first(rows: &mut [ShipmentRow]) {
    rows.sort_by_key(|row| std::cmp::Reverse(row.date_received.as_ref().and_then(instant)));
}

/// Milliseconds since the epoch of a date field, for ordering.
pub(super) fn instant(field: &DateField) -> Option<i64> {
    match field {
        DateField::Wcf(wcf) if !wcf.means_no_date() => Some(wcf.millis),
        DateField::Iso(date) => Some(date.midnight().assume_utc().unix_timestamp() * 1000),
        _ => None,
    }
}

/// A `customer-get-shipments` answer.
#[derive(Clone, Debug)]
pub struct ShipmentsLookup {
    /// The window asked for.
    pub window: DateWindow,
    /// The rows, newest `date_received` first (ties in received order).
    pub rows: Vec<ShipmentRow>,
    /// The body as received (scrubbed of the credentials, not sanitized).
    pub body: Vec<u8>,
}

impl ShipmentsLookup {
    /// An empty list is found (no shipments in the window); a lone unverified row
    /// without an AWB is the call failing.
    pub fn verdict(&self) -> CallVerdict<&[ShipmentRow]> {
        match self.rows.as_slice() {
            [only] if !only.verify && only.trck_nmr_fol.is_blank() => {
                match refusal(only.error.as_ref()) {
                    CallVerdict::NotFound => CallVerdict::Rejected(Reason::ShipmentsCallFailed),
                    other => other,
                }
            }
            rows => CallVerdict::Found(rows),
        }
    }

    /// Rows that need the agent: an invoice required and missing, or unverified.
    pub fn attention_count(&self) -> usize {
        self.rows.iter().filter(|r| r.needs_attention()).count()
    }
}

#[derive(Serialize)]
struct ShipmentsRequest<'a> {
    #[serde(flatten)]
    customer: CustomerGetInfoRequest<'a>,
    start_date: String,
    end_date: String,
}

impl Client {
    /// The customer's shipments received within `window`, newest first.
    pub async fn customer_get_shipments(
        &self,
        credentials: &Credentials,
        window: &DateWindow,
    ) -> Result<ShipmentsLookup, ApiError> {
        let request = ShipmentsRequest {
            customer: CustomerGetInfoRequest::new(credentials),
            start_date: window.start_text(),
            end_date: window.end_text(),
        };
        let url = format!("{}{CUSTOMER_GET_SHIPMENTS_PATH}", self.base);
        let body = self
            .post(&url, &request, &credentials.scrubber())
            .await?
            .into_body()?;
        let (rows, body) =
            decode_offloaded::<Vec<ShipmentRow>>(body, |rows| newest_first(rows)).await?;
        Ok(ShipmentsLookup {
            window: *window,
            rows,
            body,
        })
    }
}

/// Decodes a `customer-get-shipments` body: a JSON array of shipments.
pub fn decode_shipments(bytes: &[u8]) -> Result<Vec<ShipmentRow>, ApiError> {
    decode_json(bytes)
}

/// The columns of the list, in screen order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::VariantArray)]
pub enum Column {
    /// The server's calendar date of arrival.
    Received,
    /// SkyPostal's shipment number.
    Awb,
    /// The inbound carrier's tracking number.
    Tracking,
    /// Store.
    Merchant,
    /// Description of the goods.
    Contents,
    /// Words and code.
    Status,
    /// `Required`, `OK` or blank.
    Invoice,
    /// Declared value.
    Value,
    /// Charged weight.
    Weight,
}

/// How many columns the list has.
pub const COLUMNS: usize = 9;

impl Column {
    /// Its place in the row of cells.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The mark after the date of a row received outside the window asked for.
pub const OUTSIDE_MARK: &str = "⚠";

/// One text per [`Column`], in `lang` and with `decimal`: what the list shows, and
/// what `skyview get` prints. A row received outside `window` has its date marked
/// [`OUTSIDE_MARK`].
pub fn row_cells(
    row: &ShipmentRow,
    window: &DateWindow,
    lang: Lang,
    decimal: Decimal,
) -> [String; COLUMNS] {
    let text = |value: Option<String>| value.unwrap_or_default();
    let received = text(row.received_date().map(|d| IsoDate(d).to_string()));
    [
        if row.outside(window) {
            format!("{received} {OUTSIDE_MARK}")
        } else {
            received
        },
        row.trck_nmr_fol.trim().to_string(),
        row.external_tracking.trim().to_string(),
        row.merchant.trim().to_string(),
        row.shipment_content.trim().to_string(),
        if row.shipment_status.trim().is_empty() {
            String::new()
        } else {
            i18n::status(lang, row.status())
        },
        match row.invoice() {
            Invoice::Required => format!("✘ {}", i18n::invoice(lang, Invoice::Required)),
            other => i18n::invoice(lang, other).to_string(),
        },
        text(row.value().map(|v| v.show(decimal))),
        text(row.charged_weight().map(|w| w.show(decimal))),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = include_str!("../../assets/samples/customer-get-shipments.response.json");

    #[test]
    fn docs_list_reads_as_the_docs_mean_it() {
        let rows: Vec<ShipmentRow> = serde_json::from_str(LIST).unwrap();
        let [first, second] = rows.as_slice() else {
            panic!("two rows")
        };
        assert_eq!(first.awb(), Some(13_869_085));
        assert_eq!(
            first.received_date().map(|d| IsoDate(d).to_string()),
            Some("2018-02-04".into())
        );
        assert_eq!(i18n::status(Lang::En, first.status()), "BILLED (PAY)");
        assert_eq!(first.invoice(), Invoice::NotRequired);
        assert_eq!(first.value().unwrap().show(Decimal::Dot), "USD 10.00");
        assert_eq!(
            first.charged_weight().unwrap().show(Decimal::Dot),
            "0.44 lb"
        );
        assert_eq!(
            second.charged_weight().unwrap().show(Decimal::Dot),
            "45.13 lb"
        );
        assert!(!first.needs_attention());
        assert!(first.date_manifested.is_none());
    }

    /// A value or weight no shipment can have is flagged in its own cell and stays
    /// as narrow as a real one (issue 16).
    #[test]
    fn impossible_values_and_weights_are_flagged_and_stay_short() {
        assert_eq!(Usd(10.0).show(Decimal::Dot), "USD 10.00");
        assert_eq!(Usd(0.0).show(Decimal::Dot), "USD 0.00");
        assert_eq!(Usd(-5.0).show(Decimal::Dot), "⚠ USD -5.00");
        assert_eq!(Usd(1e308).show(Decimal::Dot), "⚠ USD 1e308");
        assert_eq!(Pounds(0.44).show(Decimal::Dot), "0.44 lb");
        assert_eq!(Pounds(-1.0).show(Decimal::Dot), "⚠ -1.00 lb");
        assert_eq!(Pounds(2.5e12).show(Decimal::Dot), "⚠ 2.5e12 lb");
    }

    /// With a decimal comma only the separator changes: the currency code and the
    /// unit stay, and no grouping is added.
    #[test]
    fn a_decimal_comma_changes_only_the_separator() {
        assert_eq!(Usd(1234.5).show(Decimal::Comma), "USD 1234,50");
        assert_eq!(Pounds(0.44).show(Decimal::Comma), "0,44 lb");
        assert_eq!(Pounds(2.5e12).show(Decimal::Comma), "⚠ 2,5e12 lb");
    }

    /// `DateTime.MaxValue` means no date, like `MinValue`: blank, and sorted last,
    /// not as the newest row.
    #[test]
    fn max_value_dates_sort_with_the_rows_without_a_date() {
        let mut rows = decode_shipments(
            br#"[{"trck_nmr_fol":"1","date_received":"/Date(253402300799999+1400)/"},
                 {"trck_nmr_fol":"2","date_received":"/Date(1517799554000-0500)/"},
                 {"trck_nmr_fol":"3","date_received":"/Date(-62135596800000)/"}]"#,
        )
        .unwrap();
        newest_first(&mut rows);
        let awbs: Vec<_> = rows.iter().filter_map(ShipmentRow::awb).collect();
        assert_eq!(awbs, [2, 1, 3]);
        assert_eq!(rows[1].received_date(), None);
    }

    #[test]
    fn status_words_and_unknown_codes() {
        for (code, shown) in [
            ("REC", "RECEIVED (REC)"),
            ("PRO", "PROCESSED (PRO)"),
            ("CUT", "PROCESSING PAYMENT (CUT)"),
            ("PAY ", "BILLED (PAY)"),
            ("ATC", "ARRIVED IN COUNTRY (ATC)"),
            ("DLV", "DLV?"),
        ] {
            assert_eq!(i18n::status(Lang::En, StatusCode(code)), shown);
        }
    }

    #[test]
    fn invoice_follows_skypostals_rule() {
        let row = |json: &str| serde_json::from_str::<ShipmentRow>(json).unwrap();
        let required = row(r#"{"_verify":true,"invoice_required":1,"invoice_file_name":""}"#);
        assert_eq!(required.invoice(), Invoice::Required);
        assert!(required.needs_attention());
        let uploaded =
            row(r#"{"_verify":true,"invoice_required":"1","invoice_file_name":"a.pdf"}"#);
        assert_eq!(uploaded.invoice(), Invoice::Ok);
        let declared =
            row(r#"{"_verify":true,"invoice_required":1,"comm_inv_detail_declared_value":"12.5"}"#);
        assert_eq!(declared.invoice(), Invoice::Ok);
        assert_eq!(
            row(r#"{"invoice_required":null}"#).invoice(),
            Invoice::NotRequired
        );
        assert!(row(r#"{"_verify":false}"#).needs_attention());
    }

    #[test]
    fn numbers_come_as_strings_and_nulls_are_tolerated() {
        let row: ShipmentRow = serde_json::from_str(
            r#"{"trck_nmr_fol":"13869085","shipment_value":"10","weight_charged":null,
                "merchant":"Ama\u001b[2Jzon","date_received":null,"extra":{"x":1}}"#,
        )
        .unwrap();
        assert_eq!(row.awb(), Some(13_869_085));
        assert_eq!(row.value(), Some(Usd(10.0)));
        assert_eq!(row.charged_weight(), None);
        assert_eq!(&*row.merchant, "Ama␛[2Jzon");
        assert!(row.matches("AMA"));
    }

    #[test]
    fn newest_first_keeps_ties_in_received_order() {
        let mut rows: Vec<ShipmentRow> = serde_json::from_str(
            r#"[{"trck_nmr_fol":1,"date_received":"/Date(1000-0500)/"},
                {"trck_nmr_fol":2},
                {"trck_nmr_fol":3,"date_received":"/Date(3000-0500)/"},
                {"trck_nmr_fol":4,"date_received":"/Date(1000-0500)/"}]"#,
        )
        .unwrap();
        newest_first(&mut rows);
        let order: Vec<_> = rows.iter().filter_map(ShipmentRow::awb).collect();
        assert_eq!(order, [3, 1, 4, 2]);
    }
}
