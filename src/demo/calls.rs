//! The demo's shipments, tracking and partner lookup by e-mail. Dates are relative to
//! today (on the server's clock, UTC−5), so the default 90-day window shows them.

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use time::{Date, Duration, Month, OffsetDateTime, UtcOffset};

use super::{
    CUSTOMERS, DEMO_APP_KEY, DEMO_BOX_ID, DEMO_USER_CODE, GENERATED, MANY_ADDRESSES_BOX_ID,
};

const DOCS_SHIPMENTS: &str =
    include_str!("../../assets/samples/customer-get-shipments.response.json");
const DOCS_SHIPMENT_INFO: &str =
    include_str!("../../assets/samples/get-shipment-info.response.json");

/// The docs' AWB whose tracking the docs print.
pub const DOCS_AWB: u64 = 13_869_085;

/// How many shipments the business account has.
pub const MANY_SHIPMENTS: usize = 2_000;

/// The e-mail each demo customer has at SkyPostal, as stored: the demo's partner call
/// matches exactly, like a case-sensitive server. John Doe's is stored upper-case only,
/// as SkyPostal stores e-mails, so typing it in any other case needs the client's
/// upper-cased retry.
pub const EMAILS: &[(u64, &str)] = &[
    (DEMO_BOX_ID, "JOHNDOE@EMAIL.COM"),
    (822_222, "ana.restrepo@correo.co"),
    (833_333, "carlos.mendes@exemplo.com.br"),
    (844_444, "zoe.nakamura@example.cl"),
    (MANY_ADDRESSES_BOX_ID, "compras@cafeterapacifico.co"),
    (866_666, "logistica@mercurio.com.co"),
];

/// Who each e-mail belongs to: names and flags, as the partner call reports them.
struct Owner {
    box_id: u64,
    first: &'static str,
    last: &'static str,
    active: bool,
    enable: bool,
    vip: bool,
    business: bool,
    iso: &'static str,
}

const OWNERS: &[Owner] = &[
    Owner {
        box_id: DEMO_BOX_ID,
        first: "John",
        last: "Doe",
        active: true,
        enable: true,
        vip: false,
        business: false,
        iso: "MX",
    },
    Owner {
        box_id: 822_222,
        first: "Ana María",
        last: "Restrepo Gómez",
        active: true,
        enable: true,
        vip: true,
        business: false,
        iso: "CO",
    },
    Owner {
        box_id: 833_333,
        first: "Carlos Eduardo",
        last: "Mendes",
        active: false,
        enable: false,
        vip: false,
        business: false,
        iso: "BR",
    },
    Owner {
        box_id: 844_444,
        first: "Zoë",
        last: "Ångström-Nakamura 中村",
        active: true,
        enable: true,
        vip: false,
        business: true,
        iso: "CL",
    },
    Owner {
        box_id: MANY_ADDRESSES_BOX_ID,
        first: "Importadora Cafetera",
        last: "del Pacífico S.A.S.",
        active: true,
        enable: true,
        vip: true,
        business: true,
        iso: "CO",
    },
    Owner {
        box_id: 866_666,
        first: "Comercializadora",
        last: "Mercurio Ltda.",
        active: true,
        enable: true,
        vip: false,
        business: true,
        iso: "CO",
    },
];

/// The calls this module answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Call {
    Shipments,
    ShipmentInfo,
    Partner,
}

impl Call {
    /// The call a path names; only SkyPostal's client's paths are served, so the docs'
    /// paths get the 404 page a real server gives an unknown path.
    pub(super) fn of(path: &str) -> Option<Self> {
        let ends = |suffix: &str| path.ends_with(suffix);
        if ends(crate::api::CUSTOMER_GET_SHIPMENTS_PATH) {
            Some(Self::Shipments)
        } else if ends(crate::api::SHIPMENT_INFO_PATHS[0]) {
            Some(Self::ShipmentInfo)
        } else if ends(crate::api::PARTNER_LOOKUP_PATHS[0]) {
            Some(Self::Partner)
        } else {
            None
        }
    }
}

/// The answer body for `call`, given the request body as JSON.
pub(super) fn answer(call: Call, request: &Value) -> String {
    let as_u64 = |v: Option<&Value>| match v {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    let text = |name: &str| request.get(name).and_then(Value::as_str).unwrap_or("");
    if as_u64(request.get("user_code")) != Some(DEMO_USER_CODE) || text("app_key") != DEMO_APP_KEY {
        return refusal("Invalid partner credentials: user_code / app_key not recognised");
    }
    if call == Call::Partner {
        return partner(text("customer_email"));
    }
    let box_id = as_u64(request.get("customer_box_id"));
    let known = box_id.and_then(key_of) == Some(text("customer_key"));
    let (Some(box_id), true) = (box_id, known) else {
        return refusal(
            "Invalid session: the customer key does not match this box id or has expired",
        );
    };
    let today = server_today();
    match call {
        Call::Shipments => {
            let window = (date_arg(text("start_date")), date_arg(text("end_date")));
            shipments(box_id, today, window)
        }
        _ => match as_u64(request.get("trck_nmr_fol")) {
            Some(awb) => shipment_info(box_id, awb, today),
            None => refusal("trck_nmr_fol must be a number"),
        },
    }
}

fn key_of(box_id: u64) -> Option<&'static str> {
    CUSTOMERS
        .iter()
        .find(|c| c.box_id == box_id)
        .map(|c| c.key)
        .or_else(|| GENERATED.iter().find(|c| c.box_id == box_id).map(|c| c.key))
}

/// `_verify: false` with SkyPostal's error description.
fn refusal(description: &str) -> String {
    json!([{
        "_verify": false,
        "error": {"error_description": description, "error_location": "", "system_error": false}
    }])
    .to_string()
}

fn no_error() -> Value {
    json!({"error_description": "", "error_location": "", "system_error": false})
}

/// The server's date: Miami, UTC−5 (the demo ignores daylight saving, as WCF's
/// offsets in the docs do).
fn server_today() -> Date {
    OffsetDateTime::now_utc().to_offset(server_offset()).date()
}

fn server_offset() -> UtcOffset {
    UtcOffset::from_hms(-5, 0, 0).unwrap_or(UtcOffset::UTC)
}

fn date_arg(text: &str) -> Option<Date> {
    crate::api::IsoDate::parse(text)
}

/// Midnight of `day` on the server's clock, in Unix milliseconds.
fn millis_at(day: Date, seconds: i64) -> i64 {
    day.midnight()
        .assume_offset(server_offset())
        .unix_timestamp()
        * 1000
        + seconds * 1000
}

fn wcf(millis: i64) -> String {
    format!("/Date({millis}-0500)/")
}

/// Every `/Date(ms±hhmm)/` string in `value` moved by `delta` milliseconds.
fn shift_dates(value: &mut Value, delta: i64) {
    match value {
        Value::String(text) => {
            if let Some(inner) = text
                .strip_prefix("/Date(")
                .and_then(|t| t.strip_suffix(")/"))
            {
                let split = inner
                    .char_indices()
                    .skip(1)
                    .find(|&(_, c)| c == '+' || c == '-');
                let (ms, offset) = match split {
                    Some((i, _)) => inner.split_at(i),
                    None => (inner, ""),
                };
                if let Ok(ms) = ms.parse::<i64>() {
                    *text = format!("/Date({}{offset})/", ms + delta);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| shift_dates(v, delta)),
        Value::Object(map) => map.values_mut().for_each(|v| shift_dates(v, delta)),
        _ => {}
    }
}

/// How far the docs' samples move so their newest shipment arrived three days ago.
fn docs_shift(today: Date) -> i64 {
    let docs_day = Date::from_calendar_date(2018, Month::February, 4).unwrap_or(today);
    let target = today.saturating_sub(Duration::days(3));
    (target - docs_day).whole_days() * 86_400_000
}

fn docs_json(text: &str, today: Date) -> Vec<Value> {
    let mut value: Value = serde_json::from_str(text).unwrap_or(Value::Array(Vec::new()));
    shift_dates(&mut value, docs_shift(today));
    match value {
        Value::Array(items) => items,
        _ => Vec::new(),
    }
}

/// One made-up shipment.
struct Spec {
    awb: u64,
    tracking: String,
    merchant: &'static str,
    content: &'static str,
    status: &'static str,
    /// Days before today, and seconds after midnight, it arrived.
    days_ago: i64,
    second: i64,
    value: f64,
    weight: f64,
    invoice_required: bool,
    invoice_file: &'static str,
    /// An error description: the row comes `_verify: false`.
    failure: &'static str,
}

impl Spec {
    fn row(&self, today: Date) -> Value {
        let received = millis_at(
            today.saturating_sub(Duration::days(self.days_ago)),
            self.second,
        );
        let volumetric = (self.weight * 0.8 * 100.0).round() / 100.0;
        let charged = self.weight.max(volumetric);
        let rate = 6.5 + (charged * 3.0 * 100.0).round() / 100.0;
        let location = if self.failure.is_empty() {
            ""
        } else {
            "shipment"
        };
        let error = json!({
            "error_description": self.failure,
            "error_location": location,
            "system_error": false,
        });
        json!({
            "_verify": self.failure.is_empty(),
            "date_manifested": if matches!(self.status, "PAY" | "ATC") { json!(wcf(received + 86_400_000)) } else { Value::Null },
            "date_received": wcf(received),
            "error": error,
            "external_tracking": self.tracking,
            "invoice_file_name": self.invoice_file,
            "invoice_file_url": if self.invoice_file.is_empty() { String::new() } else { format!("https://box.example/invoices/{}", self.invoice_file) },
            "invoice_required": u8::from(self.invoice_required),
            "lnge_code": "ESP",
            "merchant": self.merchant,
            "shipment_content": self.content,
            "shipment_status": self.status,
            "shipment_value": self.value,
            "shipping_charge_discount": 0,
            "shipping_charge_rate": rate,
            "shipping_charge_total": rate,
            "trck_nmr_fol": self.awb,
            "weight_charged": charged,
            "weight_physical": self.weight,
            "weight_volumetric": volumetric,
        })
    }
}

fn spec(
    awb: u64,
    tracking: &str,
    merchant: &'static str,
    content: &'static str,
    status: &'static str,
    days_ago: i64,
) -> Spec {
    Spec {
        awb,
        tracking: tracking.to_string(),
        merchant,
        content,
        status,
        days_ago,
        second: 36_000 + (awb % 20_000) as i64,
        value: 25.0,
        weight: 1.2,
        invoice_required: false,
        invoice_file: "",
        failure: "",
    }
}

/// The hand-made shipments of the customers that have a few.
fn specs(box_id: u64) -> Vec<Spec> {
    match box_id {
        822_222 => vec![
            Spec {
                value: 599.0,
                weight: 2.1,
                invoice_required: true,
                ..spec(
                    14_100_201,
                    "1Z999AA10123456784",
                    "Apple.com",
                    "iPad Air 11",
                    "REC",
                    2,
                )
            },
            Spec {
                value: 140.0,
                weight: 3.4,
                invoice_required: true,
                invoice_file: "factura-nike-0412.pdf",
                ..spec(
                    14_100_187,
                    "9400111899223344556677",
                    "Nike.com",
                    "Zapatillas de running",
                    "PAY",
                    12,
                )
            },
            Spec {
                failure: "Shipment on hold: consignee document pending validation",
                ..spec(
                    14_100_150,
                    "TBA301234567890",
                    "Amazon.com",
                    "Libros",
                    "PRO",
                    30,
                )
            },
        ],
        844_444 => vec![
            Spec {
                value: 48.5,
                weight: 0.9,
                ..spec(
                    14_200_311,
                    "JD014600006281234567",
                    "Muji 無印良品",
                    "Cuadernos ✏️ y lápices",
                    "ATC",
                    9,
                )
            },
            Spec {
                value: 19.99,
                weight: 0.3,
                ..spec(
                    14_200_305,
                    "92612999897543581234",
                    "Etsy – Ölands Keramik",
                    "Taza de cerámica",
                    "DLV",
                    40,
                )
            },
        ],
        _ => Vec::new(),
    }
}

const MERCHANTS: &[(&str, &str)] = &[
    ("Amazon.com", "Repuestos de tostadora"),
    ("Grainger", "Válvulas de acero inoxidable"),
    ("McMaster-Carr", "Tornillería M6"),
    ("B&H Photo", "Sensor de humedad"),
    ("eBay", "Empaques de silicona"),
    ("Uline", "Bolsas de café con válvula"),
    ("Walmart.com", "Termómetros de sonda"),
];
const STAGES: &[&str] = &["REC", "PRO", "CUT", "PAY", "ATC"];

/// The business account's shipments, made once per day and kept (about half a
/// megabyte), so the demo answers at once, as a real server would.
fn many(today: Date) -> Arc<Vec<(i64, String)>> {
    type Kept = Option<(Date, Arc<Vec<(i64, String)>>)>;
    static KEPT: Mutex<Kept> = Mutex::new(None);
    if let Ok(kept) = KEPT.lock()
        && let Some((day, rows)) = kept.as_ref()
        && *day == today
    {
        return Arc::clone(rows);
    }
    let rows = Arc::new(make_many(today));
    if let Ok(mut kept) = KEPT.lock() {
        *kept = Some((today, Arc::clone(&rows)));
    }
    rows
}

/// Spread over the last 89 days, one in 50 with its invoice required and missing.
fn make_many(today: Date) -> Vec<(i64, String)> {
    (0..MANY_SHIPMENTS)
        .map(|i| {
            let (merchant, content) = MERCHANTS
                .get(i % MERCHANTS.len())
                .copied()
                .unwrap_or(("", ""));
            let index = i as u64;
            let row = Spec {
                value: 10.0 + (i * 37 % 900) as f64,
                weight: 0.5 + (i * 13 % 80) as f64 / 4.0,
                invoice_required: i % 50 == 7 || i % 50 == 21,
                invoice_file: if i % 50 == 21 { "invoice.pdf" } else { "" },
                second: (i as i64 * 7_919) % 86_400,
                ..spec(
                    15_000_000 + index,
                    &format!("1Z{:016}", 4_400_000_000 + index * 7_907),
                    merchant,
                    content,
                    STAGES.get(i % STAGES.len()).copied().unwrap_or("REC"),
                    (i as i64 * 89) / MANY_SHIPMENTS as i64,
                )
            }
            .row(today);
            let millis = received_millis(&row).unwrap_or(0);
            (millis, row.to_string())
        })
        .collect()
}

fn received_millis(row: &Value) -> Option<i64> {
    let text = row.get("date_received")?.as_str()?;
    crate::api::WcfDate::parse(text).ok().map(|d| d.millis)
}

/// The business account's `customer-get-shipments` answer for the default window
/// ending `today`: 2,000 rows, as the demo serves it (for benchmarks).
pub fn many_shipments_body(today: Date) -> String {
    let window = crate::api::DateWindow::default_for(today);
    shipments(
        MANY_ADDRESSES_BOX_ID,
        today,
        (Some(window.start()), Some(window.end())),
    )
}

/// The customer's rows as (arrival, JSON), any order.
fn rows_of(box_id: u64, today: Date) -> Vec<(i64, String)> {
    if box_id == MANY_ADDRESSES_BOX_ID {
        return many(today).as_ref().clone();
    }
    let rows = if box_id == DEMO_BOX_ID {
        docs_json(DOCS_SHIPMENTS, today)
    } else {
        specs(box_id).iter().map(|s| s.row(today)).collect()
    };
    rows.iter()
        .map(|row| (received_millis(row).unwrap_or(0), row.to_string()))
        .collect()
}

/// The rows that arrived within the window (whole days on the server's clock; the
/// server's default: the last three months).
fn shipments(box_id: u64, today: Date, (start, end): (Option<Date>, Option<Date>)) -> String {
    let end = end.unwrap_or(today);
    let start = start.unwrap_or_else(|| end.saturating_sub(Duration::days(91)));
    let (from, to) = (
        millis_at(start, 0),
        millis_at(end.saturating_add(Duration::days(1)), 0),
    );
    let inside: Vec<String> = rows_of(box_id, today)
        .into_iter()
        .filter(|(millis, _)| (from..to).contains(millis))
        .map(|(_, row)| row)
        .collect();
    format!("[{}]", inside.join(","))
}

/// Where a customer's shipments go: consignee, city, country and airport.
fn consignee(
    box_id: u64,
) -> (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
) {
    match box_id {
        822_222 => (
            "ANA MARIA RESTREPO GOMEZ",
            "CALLE 93 # 11-27 APTO 502",
            "Bogotá",
            "Colombia",
            "CO",
            "BOG",
        ),
        844_444 => (
            "ZOE ANGSTROM-NAKAMURA",
            "AV. PROVIDENCIA 1208 OF 44",
            "Santiago",
            "Chile",
            "CL",
            "SCL",
        ),
        _ => (
            "IMPORTADORA CAFETERA DEL PACIFICO SAS",
            "CALLE 10 # 40-12 BODEGA 3",
            "Cali",
            "Colombia",
            "CO",
            "CLO",
        ),
    }
}

/// `get-shipment-info` for one of the customer's AWBs: the docs' answer for the docs'
/// AWB, otherwise one made from the row, with events up to the row's stage.
fn shipment_info(box_id: u64, awb: u64, today: Date) -> String {
    if box_id == DEMO_BOX_ID && awb == DOCS_AWB {
        return Value::Array(docs_json(DOCS_SHIPMENT_INFO, today)).to_string();
    }
    let row = rows_of(box_id, today)
        .into_iter()
        .filter_map(|(_, row)| serde_json::from_str::<Value>(&row).ok())
        .find(|row| row.get("trck_nmr_fol").and_then(Value::as_u64) == Some(awb));
    let Some(row) = row else {
        return refusal("Shipment not found for this customer");
    };
    let received = received_millis(&row).unwrap_or(0);
    let field = |name: &str| row.get(name).cloned().unwrap_or(Value::Null);
    let status = row
        .get("shipment_status")
        .and_then(Value::as_str)
        .unwrap_or("REC");
    let (name, address, city, country, iso, iata) = consignee(box_id);
    let reached = STAGES.iter().position(|s| *s == status);
    let mut events: Vec<Value> = STAGES
        .iter()
        .take(reached.map_or(2, |i| i + 1))
        .enumerate()
        .map(|(i, code)| {
            event(
                awb,
                received + i as i64 * 3_600_000,
                code,
                stage_words(code),
                if *code == "ATC" { iata } else { "MIA" },
                "",
            )
        })
        .collect();
    if reached.is_none() {
        events.push(event(
            awb,
            received + 5 * 86_400_000,
            status,
            "DELIVERED",
            iata,
            "Signed by: Z. NAKAMURA",
        ));
    }
    events.reverse();
    let value = field("shipment_value");
    let charge = field("shipping_charge_total");
    json!([{
        "_verify": true,
        "consolidation": null,
        "error": no_error(),
        "invoice": null,
        "pre_recept": null,
        "shipment": {
            "_verify": true,
            "address": address,
            "charged_weight": field("weight_charged"),
            "city_name": city,
            "content": field("shipment_content"),
            "country_iso_code": iso,
            "country_name": country,
            "detail": [{
                "_verify": true,
                "courier_code": "UPS  ",
                "courier_name": "UPS",
                "error": no_error(),
                "external_tracking": field("external_tracking"),
                "physical_weight": field("weight_physical"),
                "price_value": value,
                "trck_nmr_fol": awb,
                "volumetric_weight": field("weight_volumetric"),
            }],
            "discount": 0,
            "email": "",
            "error": no_error(),
            "fee": 0,
            "iata_code": iata,
            "iata_code_origin": "MIA",
            "identity_number": "52998877",
            "insurance": 0,
            "is_frozen": 0,
            "is_return": 0,
            "merchant_name": field("merchant"),
            "name": name,
            "physical_weight": field("weight_physical"),
            "price_value": value,
            "quantity": 1,
            "shipping": charge,
            "status_code": 1,
            "status_name": "Active",
            "total_custom": 0,
            "total_shipping": charge,
            "trck_nmr_fol": awb,
            "volumetric_weight": field("weight_volumetric"),
            "weight_unit": "LB",
        },
        "tracking": events,
        "trck_nmr_fol": awb,
    }])
    .to_string()
}

/// SkyPostal's own words for a stage, as its server writes them: the demo's wire
/// text, not the UI's.
fn stage_words(code: &str) -> &'static str {
    match code {
        "REC" => "RECEIVED",
        "PRO" => "PROCESSED",
        "CUT" => "PROCESSING PAYMENT",
        "PAY" => "BILLED",
        "ATC" => "ARRIVED IN COUNTRY",
        _ => "",
    }
}

fn event(awb: u64, millis: i64, code: &str, description: &str, iata: &str, remark: &str) -> Value {
    json!({
        "_verify": true,
        "delivery_id": null,
        "entry_date": wcf(millis),
        "entry_date_db": wcf(millis),
        "error": no_error(),
        "iata_code": iata,
        "image_url_signature": null,
        "track_cdg": code,
        "track_description": description,
        "track_obs": remark,
        "track_type": "EV",
        "trck_nmr_fol": awb,
    })
}

/// The partner answer for an e-mail, matched exactly.
fn partner(email: &str) -> String {
    let found = EMAILS
        .iter()
        .find(|(_, stored)| *stored == email)
        .and_then(|(box_id, _)| OWNERS.iter().find(|o| o.box_id == *box_id))
        .and_then(|owner| Some((owner, key_of(owner.box_id)?)));
    let Some((owner, key)) = found else {
        // A plain not-found: no error text.
        return json!([{"_verify": false, "customer_box_id": 0, "customer_key": "", "error": no_error()}])
            .to_string();
    };
    let enrolled = millis_at(server_today().saturating_sub(Duration::days(400)), 43_200);
    json!([{
        "_verify": true,
        "activation_date": wcf(enrolled + 2_000),
        "ctry_iso_code": owner.iso,
        "customer_box_id": owner.box_id,
        "customer_first_name": owner.first,
        "customer_key": key,
        "customer_last_name": owner.last,
        "enrolment_date": wcf(enrolled),
        "error": no_error(),
        "is_active": owner.active,
        "is_business": owner.business,
        "is_enable": owner.enable,
        "is_vip": owner.vip,
    }])
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{DateWindow, ShipmentRow, decode_shipments};

    fn today() -> Date {
        Date::from_calendar_date(2026, Month::November, 29).unwrap()
    }

    fn window_rows(box_id: u64) -> Vec<ShipmentRow> {
        if box_id == MANY_ADDRESSES_BOX_ID {
            return decode_shipments(many_shipments_body(today()).as_bytes()).unwrap();
        }
        let window = DateWindow::default_for(today());
        let body = shipments(box_id, today(), (Some(window.start()), Some(window.end())));
        decode_shipments(body.as_bytes()).unwrap()
    }

    #[test]
    fn every_customer_has_an_owner_and_an_e_mail() {
        for box_id in CUSTOMERS
            .iter()
            .map(|c| c.box_id)
            .chain(GENERATED.iter().map(|c| c.box_id))
        {
            assert!(OWNERS.iter().any(|o| o.box_id == box_id), "{box_id}");
            assert!(EMAILS.iter().any(|(b, _)| *b == box_id), "{box_id}");
        }
    }

    #[test]
    fn john_does_docs_shipments_land_in_the_default_window() {
        let rows = window_rows(DEMO_BOX_ID);
        assert_eq!(rows.len(), 2);
        let first = rows.iter().find(|r| r.awb() == Some(DOCS_AWB)).unwrap();
        assert_eq!(
            first.received_date(),
            Some(today().saturating_sub(Duration::days(3)))
        );
    }

    #[test]
    fn the_business_account_has_two_thousand_in_the_window() {
        let rows = window_rows(MANY_ADDRESSES_BOX_ID);
        assert_eq!(rows.len(), MANY_SHIPMENTS);
        assert!(rows.iter().any(ShipmentRow::needs_attention));
    }

    #[test]
    fn an_invoice_is_missing_and_a_customer_has_none() {
        assert!(
            window_rows(822_222)
                .iter()
                .any(|r| r.invoice() == crate::api::Invoice::Required)
        );
        assert!(window_rows(833_333).is_empty());
    }
}
