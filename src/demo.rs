//! The built-in stand-in for SkyPostal's `customer-get-info`: a real HTTP server on
//! 127.0.0.1, so `--demo` and the tests go through exactly the code path of a real
//! lookup. Its customers live in `assets/demo/`, one response body per box id; their
//! shipments, tracking and e-mails in [`calls`].

mod calls;

use std::convert::Infallible;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::OnceLock;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde::Deserialize;
use serde_json::json;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::api::{CUSTOMER_GET_INFO_PATH, Secret};
use crate::query::Prefill;

pub use calls::{DOCS_AWB, EMAILS, MANY_SHIPMENTS, many_shipments_body};

/// The docs' partner user code, which the demo accepts.
pub(crate) const DEMO_USER_CODE: u64 = 396;
/// The docs' partner app key, which the demo accepts.
pub const DEMO_APP_KEY: &str = "1656d700707ad9a77f737e5df3db088a";
/// The docs' sample box id (John Doe).
pub const DEMO_BOX_ID: u64 = 811_111;
/// The docs' sample customer key.
pub const DEMO_CUSTOMER_KEY: &str = "YpbCNpzqxYqVWv+tzg4e4Ex6ALiT+DfKSYA3NY2dZcw=";

/// The demo's credentials on the form: the docs' partner and John Doe. Tests build
/// their data from this too, so the keys are written out once.
pub fn prefill() -> Prefill {
    Prefill {
        user_code: DEMO_USER_CODE.to_string(),
        app_key: Secret::new(DEMO_APP_KEY),
        box_id: DEMO_BOX_ID.to_string(),
        customer_key: Secret::new(DEMO_CUSTOMER_KEY),
    }
}

/// One customer the demo knows.
pub struct DemoCustomer {
    /// The box id it answers to.
    pub box_id: u64,
    /// The customer key it accepts.
    pub key: &'static str,
    /// What it is there to show.
    pub about: &'static str,
    /// The response body, as served.
    pub body: &'static str,
}

/// The demo's customers; docs/demo.md lists the same.
pub const CUSTOMERS: &[DemoCustomer] = &[
    DemoCustomer {
        box_id: DEMO_BOX_ID,
        key: DEMO_CUSTOMER_KEY,
        about: "John Doe, the docs' sample response byte for byte",
        body: include_str!("../assets/demo/811111.json"),
    },
    DemoCustomer {
        box_id: 822_222,
        key: "xs+0GojjE72E0WzrP1My+97lhB8f1Z3da4Hldy0FeKQ=",
        about: "Ana María Restrepo Gómez (CO): an unverified address and phone, with errors",
        body: include_str!("../assets/demo/822222.json"),
    },
    DemoCustomer {
        box_id: 833_333,
        key: "ANPF5fIg1AFDChur7hX+U1ZMWPWWrK6szfBl0hpHroc=",
        about: "Carlos Eduardo Mendes (BR): inactive and disabled, carrying an error object",
        body: include_str!("../assets/demo/833333.json"),
    },
    DemoCustomer {
        box_id: 844_444,
        key: "v2s9F4+qsdp6FSs6tlsvPeJODhuvTGU0Kb5FfBqcl08=",
        about: "Zoë Ångström-Nakamura 中村 (CL): four addresses, non-ASCII names, a phone of type 3",
        body: include_str!("../assets/demo/844444.json"),
    },
];

/// A customer the demo builds from a template when asked, instead of reading a file:
/// answers too large to keep in the repository, for trying (and measuring) skyview on
/// many addresses and on the largest answer it accepts.
pub struct GeneratedCustomer {
    /// The box id it answers to.
    pub box_id: u64,
    /// The customer key it accepts.
    pub key: &'static str,
    /// What it is there to show.
    pub about: &'static str,
    /// How big it is.
    pub size: GeneratedSize,
}

/// How many addresses and phones a generated customer has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GeneratedSize {
    /// Exactly this many of each.
    Counts {
        /// Addresses.
        addresses: usize,
        /// Phones.
        phones: usize,
    },
    /// As many addresses as fit (with `phones` phones) in a body of exactly `bytes`
    /// bytes; the remainder is JSON whitespace before the closing bracket.
    Fill {
        /// Size of the body.
        bytes: usize,
        /// Phones.
        phones: usize,
    },
}

/// Box id of the business account with 300 addresses and 40 phones.
pub(crate) const MANY_ADDRESSES_BOX_ID: u64 = 855_555;
/// Box id of the customer whose answer is exactly the default body cap.
pub const LARGEST_ANSWER_BOX_ID: u64 = 866_666;

/// The demo's generated customers; docs/demo.md lists them with the others.
pub const GENERATED: &[GeneratedCustomer] = &[
    GeneratedCustomer {
        box_id: MANY_ADDRESSES_BOX_ID,
        key: "UisQv1iXcxlrOq4aQz9WZY+J8P5mFR9G114wu11xI68=",
        about: "Importadora Cafetera del Pacífico S.A.S. (CO): a business account with \
                300 delivery addresses and 40 phones, one in 17 unverified",
        size: GeneratedSize::Counts {
            addresses: 300,
            phones: 40,
        },
    },
    GeneratedCustomer {
        box_id: LARGEST_ANSWER_BOX_ID,
        key: "AStwIYo/rctydYJyBzQxFF3sj9tMmIaBX/EquGmBeXQ=",
        about: "Comercializadora Mercurio Ltda. (CO): a reseller whose answer is exactly \
                8 MiB, the largest skyview accepts by default",
        size: GeneratedSize::Fill {
            bytes: crate::api::DEFAULT_MAX_BODY_BYTES,
            phones: 40,
        },
    },
];

/// Colombian cities: name, city code, state, state code, ZIP prefix, landline prefix.
const CITIES: &[(&str, i64, &str, i64, &str, &str)] = &[
    ("Bogotá", 3204, "Cundinamarca", 1871, "1102", "601"),
    ("Medellín", 3311, "Antioquia", 1862, "0500", "604"),
    ("Cali", 3398, "Valle del Cauca", 1893, "7600", "602"),
    ("Barranquilla", 3120, "Atlántico", 1864, "0800", "605"),
    ("Cartagena", 3152, "Bolívar", 1865, "1300", "605"),
    ("Bucaramanga", 3135, "Santander", 1889, "6800", "607"),
    ("Pereira", 3360, "Risaralda", 1886, "6600", "606"),
    ("Manizales", 3299, "Caldas", 1867, "1700", "606"),
    ("Cúcuta", 3177, "Norte de Santander", 1884, "5400", "607"),
    ("Ibagué", 3243, "Tolima", 1891, "7300", "608"),
    ("Santa Marta", 3381, "Magdalena", 1880, "4700", "605"),
    ("Villavicencio", 3421, "Meta", 1881, "5000", "608"),
];

/// Neighborhood and locality names, cycled independently of the cities.
const NEIGHBORHOODS: &[(&str, &str)] = &[
    ("Chicó Norte", "Chapinero"),
    ("El Poblado", "Comuna 14"),
    ("Granada", "Comuna 2"),
    ("El Prado", "Norte Centro Histórico"),
    ("Bocagrande", "Localidad Histórica"),
    ("Cabecera del Llano", "Comuna 12"),
    ("Circunvalar", "Comuna 9"),
    ("La Estrella", "Comuna Ecoturística"),
    ("Zona Industrial", "Montevideo"),
    ("Santa Bárbara", "Usaquén"),
    ("Laureles", "Comuna 11"),
    ("Ciudad Jardín", "Comuna 22"),
];

const STREETS: &[&str] = &["Calle", "Carrera", "Avenida", "Diagonal", "Transversal"];
const PREMISES: &[&str] = &["Bodega", "Local", "Oficina", "Piso", "Torre B Apto"];

/// The customer id every generated body uses for its box id.
fn generated_cust_id(box_id: u64) -> u64 {
    52_000_000 + box_id % 1_000_000
}

/// One address as compact JSON, fields in SkyPostal's order. Only text without quotes
/// or backslashes goes in, so nothing needs escaping.
fn push_address(out: &mut String, cust_id: u64, index: usize) {
    use std::fmt::Write as _;
    let city = CITIES
        .get(index % CITIES.len())
        .copied()
        .unwrap_or(("", 0, "", 0, "", ""));
    let (neighborhood, locality) = NEIGHBORHOODS
        .get(index / CITIES.len() % NEIGHBORHOODS.len())
        .copied()
        .unwrap_or(("", ""));
    let street = STREETS
        .get(index % STREETS.len())
        .copied()
        .unwrap_or("Calle");
    let premise = PREMISES
        .get(index % PREMISES.len())
        .copied()
        .unwrap_or("Local");
    let verified = index % 17 != 5;
    let (description, location) = if verified {
        ("", "")
    } else {
        (
            "Address could not be validated against the postal registry",
            "customer_address.address_01",
        )
    };
    let _ = write!(
        out,
        "{{\"_verify\":{verified},\"address_01\":\"{street} {} # {}-{} {premise} {}\",\
         \"address_id\":{},\"city_code\":{},\"city_name\":\"{}\",\"country_code\":47,\
         \"country_name\":\"Colombia\",\"ctry_iso_code\":\"CO\",\"cust_id\":{cust_id},\
         \"error\":{{\"error_description\":\"{description}\",\"error_location\":\"{location}\",\
         \"system_error\":false}},\"locality_town\":\"{locality}\",\"neighborhood\":\"{neighborhood}\",\
         \"phone_area\":\"57\",\"phone_extension\":\"{}\",\"phone_number\":\"{}{:07}\",\
         \"state_code\":{},\"state_name\":\"{}\",\"zip_code\":\"{}{:02}\"}}",
        10 + index % 170,
        1 + index * 7 % 120,
        10 + index * 13 % 90,
        1 + index % 40,
        125_000_000 + index,
        city.1,
        city.0,
        if index.is_multiple_of(3) { "" } else { "101" },
        city.5,
        3_000_000 + index * 7919 % 6_999_999,
        city.3,
        city.2,
        city.4,
        10 + index % 90,
    );
}

/// One phone as compact JSON, fields in SkyPostal's order.
fn push_phone(out: &mut String, cust_id: u64, index: usize) {
    use std::fmt::Write as _;
    let mobile = index.is_multiple_of(2);
    let verified = index % 13 != 7;
    let (description, location) = if verified {
        ("", "")
    } else {
        (
            "Phone number does not match the country's numbering plan",
            "customer_phone.phone_number",
        )
    };
    let number = if mobile {
        format!("3{:09}", 100_000_000 + index * 104_729 % 899_999_999)
    } else {
        format!(
            "60{}{:07}",
            1 + index % 8,
            2_000_000 + index * 7_877 % 7_999_999
        )
    };
    let _ = write!(
        out,
        "{{\"_verify\":{verified},\"cust_id\":{cust_id},\"error\":{{\"error_description\":\
         \"{description}\",\"error_location\":\"{location}\",\"system_error\":false}},\
         \"phone_area_code\":\"57\",\"phone_extension\":\"{}\",\"phone_id\":{},\
         \"phone_number\":\"{number}\",\"phone_type\":{}}}",
        if mobile {
            String::new()
        } else {
            (100 + index).to_string()
        },
        1_300_000 + index,
        if mobile { 2 } else { 1 },
    );
}

impl GeneratedCustomer {
    /// The response body: compact JSON, as a real service sends it. Deterministic:
    /// the same customer always gives the same bytes.
    pub fn body(&self) -> String {
        let cust_id = generated_cust_id(self.box_id);
        let (name, last, email, phones) = match self.size {
            GeneratedSize::Counts { phones, .. } => (
                "Importadora Cafetera",
                "del Pacífico S.A.S.",
                "COMPRAS@CAFETERAPACIFICO.CO",
                phones,
            ),
            GeneratedSize::Fill { phones, .. } => (
                "Comercializadora",
                "Mercurio Ltda.",
                "LOGISTICA@MERCURIO.COM.CO",
                phones,
            ),
        };
        let mut phone_list = String::new();
        for index in 0..phones {
            if index > 0 {
                phone_list.push(',');
            }
            push_phone(&mut phone_list, cust_id, index);
        }
        let head = format!("[{{\"_verify\":true,\"cust_id\":{cust_id},\"customer_address\":[");
        let tail = format!(
            "],\"customer_birth_date\":\"/Date(946702800000-0500)/\",\
             \"customer_campaign\":\"Cuentas Empresariales 2026\",\"customer_email\":\"{email}\",\
             \"customer_email_agreement\":true,\"customer_first_name\":\"{name}\",\
             \"customer_gender\":\"\",\"customer_identity_number\":\"900123456\",\
             \"customer_last_name\":\"{last}\",\"customer_phone\":[{phone_list}],\
             \"customer_refered_by\":0,\"customer_tax_number\":\"900123456-7\",\
             \"error\":{{\"error_description\":\"\",\"error_location\":\"\",\"system_error\":false}},\
             \"is_active\":true,\"is_business\":true,\"is_enable\":true,\"is_vip\":true}}]"
        );
        let mut body = head;
        match self.size {
            GeneratedSize::Counts { addresses, .. } => {
                for index in 0..addresses {
                    if index > 0 {
                        body.push(',');
                    }
                    push_address(&mut body, cust_id, index);
                }
                body.push_str(&tail);
            }
            GeneratedSize::Fill { bytes, .. } => {
                body.reserve(bytes.saturating_sub(body.len()));
                let mut address = String::new();
                for index in 0.. {
                    address.clear();
                    if index > 0 {
                        address.push(',');
                    }
                    push_address(&mut address, cust_id, index);
                    if body.len() + address.len() + tail.len() > bytes {
                        break;
                    }
                    body.push_str(&address);
                }
                let padding = bytes.saturating_sub(body.len() + tail.len());
                body.extend(std::iter::repeat_n(' ', padding));
                body.push_str(&tail);
            }
        }
        body
    }
}

/// A running demo server; stops when dropped.
pub struct DemoServer {
    addr: SocketAddr,
    accept_loop: JoinHandle<()>,
}

impl DemoServer {
    /// Binds 127.0.0.1 on `port` (0 picks a free one) and starts serving.
    pub async fn start(port: u16) -> io::Result<Self> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
        let addr = listener.local_addr()?;
        let accept_loop = tokio::spawn(accept_loop(listener));
        Ok(Self { addr, accept_loop })
    }

    /// The base URL to point a client at (everything up to `/wcf-services`).
    pub fn base_url(&self) -> String {
        format!("http://{}/wcf-services", self.addr)
    }

    /// Serves until the accept loop ends (it does not end on its own).
    pub async fn wait(mut self) {
        let _ = (&mut self.accept_loop).await;
    }
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        self.accept_loop.abort();
    }
}

async fn accept_loop(listener: TcpListener) {
    loop {
        // A failed accept (say, out of file descriptors) must not end the demo.
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        tokio::spawn(async move {
            let service = hyper::service::service_fn(handle);
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// The largest request body the demo reads: a real request is about 150 bytes.
const MAX_REQUEST_BYTES: usize = 64 * 1024;

async fn handle(request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let call = calls::Call::of(request.uri().path());
    if call.is_none() && !request.uri().path().ends_with(CUSTOMER_GET_INFO_PATH) {
        return Ok(plain(
            StatusCode::NOT_FOUND,
            "<html><body><h1>404 - File or directory not found.</h1></body></html>",
        ));
    }
    if request.method() != Method::POST {
        return Ok(plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "Method not allowed: use POST",
        ));
    }
    let body = match Limited::new(request.into_body(), MAX_REQUEST_BYTES)
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes(),
        Err(_) => {
            return Ok(plain(
                StatusCode::PAYLOAD_TOO_LARGE,
                "Request body too large",
            ));
        }
    };
    if let Some(call) = call {
        return Ok(match serde_json::from_slice(&body) {
            Ok(request) => json_response(calls::answer(call, &request)),
            Err(_) => plain(StatusCode::BAD_REQUEST, "Request body is not valid JSON"),
        });
    }
    let request = match serde_json::from_slice::<DemoRequest>(&body) {
        Ok(request) => request,
        Err(_) => {
            return Ok(plain(
                StatusCode::BAD_REQUEST,
                "Request body is not valid JSON",
            ));
        }
    };
    Ok(match answer(&request) {
        Answer::Body(body) => json_response(body),
        Answer::Generate(customer) => match generate(customer).await {
            Some(body) => json_response(body),
            None => plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "<html><body><h1>500 - Internal server error.</h1></body></html>",
            ),
        },
    })
}

/// What the demo answers: a body at hand, or one to generate.
enum Answer {
    Body(String),
    Generate(&'static GeneratedCustomer),
}

/// Generated bodies up to this size are kept once made, so the demo answers them at
/// once, as a real server would; the 8 MiB one is made afresh each time rather than
/// held in memory (with `--demo`, the app's memory).
const KEEP_GENERATED_MAX_BYTES: usize = 1024 * 1024;

/// Bodies kept, in the order of [`GENERATED`].
static KEPT: [OnceLock<String>; GENERATED.len()] = [const { OnceLock::new() }; GENERATED.len()];

/// Builds a generated body on a thread of its own: with `--demo` the server shares the
/// app's one async thread, and eight megabytes of JSON take long enough to freeze it.
async fn generate(customer: &'static GeneratedCustomer) -> Option<String> {
    let kept = GENERATED
        .iter()
        .position(|c| c.box_id == customer.box_id)
        .and_then(|index| KEPT.get(index));
    if let Some(body) = kept.and_then(OnceLock::get) {
        return Some(body.clone());
    }
    let body = make(customer).await?;
    if body.len() <= KEEP_GENERATED_MAX_BYTES
        && let Some(kept) = kept
    {
        let _ = kept.set(body.clone());
    }
    Some(body)
}

async fn make(customer: &'static GeneratedCustomer) -> Option<String> {
    let (done, body) = tokio::sync::oneshot::channel();
    let spawned = std::thread::Builder::new()
        .name("demo-generate".into())
        .spawn(move || {
            let _ = done.send(customer.body());
        });
    match spawned {
        Ok(_) => body.await.ok(),
        Err(_) => Some(customer.body()),
    }
}

#[derive(Deserialize)]
struct DemoRequest {
    user_code: serde_json::Value,
    app_key: String,
    customer_box_id: serde_json::Value,
    customer_key: String,
}

/// What SkyPostal would answer, as far as the demo plays it.
fn answer(request: &DemoRequest) -> Answer {
    let as_u64 = |v: &serde_json::Value| match v {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    if as_u64(&request.user_code) != Some(DEMO_USER_CODE) || request.app_key != DEMO_APP_KEY {
        return Answer::Body(rejection(
            "Invalid partner credentials: user_code / app_key not recognised",
        ));
    }
    let Some(box_id) = as_u64(&request.customer_box_id) else {
        return Answer::Body(rejection("customer_box_id must be a number"));
    };
    let wrong_key = || {
        Answer::Body(rejection(
            "Invalid session: the customer key does not match this box id or has expired",
        ))
    };
    if let Some(customer) = GENERATED.iter().find(|c| c.box_id == box_id) {
        return if customer.key == request.customer_key {
            Answer::Generate(customer)
        } else {
            wrong_key()
        };
    }
    match CUSTOMERS.iter().find(|c| c.box_id == box_id) {
        None => Answer::Body("[]".to_string()),
        Some(customer) if customer.key != request.customer_key => wrong_key(),
        Some(customer) => Answer::Body(customer.body.to_string()),
    }
}

/// An invalid-session answer: `_verify: false` with SkyPostal's error description.
fn rejection(description: &str) -> String {
    json!([{
        "_verify": false,
        "cust_id": 0,
        "customer_address": [],
        "customer_phone": [],
        "error": {
            "error_description": description,
            "error_location": "customer-get-info",
            "system_error": false
        }
    }])
    .to_string()
}

fn json_response(body: String) -> Response<Full<Bytes>> {
    respond(StatusCode::OK, "application/json; charset=utf-8", body)
}

fn plain(status: StatusCode, body: &'static str) -> Response<Full<Bytes>> {
    respond(status, "text/html; charset=utf-8", body.to_string())
}

fn respond(status: StatusCode, content_type: &'static str, body: String) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static(content_type),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::decode_customers;

    #[test]
    fn generated_customers_decode_to_their_size() {
        for customer in GENERATED {
            let body = customer.body();
            assert_eq!(body, customer.body(), "deterministic");
            let decoded = decode_customers(body.as_bytes()).unwrap();
            let [one] = decoded.as_slice() else {
                panic!("box {}: one customer", customer.box_id)
            };
            assert_eq!(one.verify, Some(true));
            assert!(one.customer_address.iter().any(|a| !a.verify));
            assert!(
                one.customer_address
                    .iter()
                    .all(|a| &*a.ctry_iso_code == "CO")
            );
            match customer.size {
                GeneratedSize::Counts { addresses, phones } => {
                    assert_eq!(one.customer_address.len(), addresses);
                    assert_eq!(one.customer_phone.len(), phones);
                }
                GeneratedSize::Fill { bytes, phones } => {
                    assert_eq!(body.len(), bytes);
                    assert!(one.customer_address.len() > 10_000);
                    assert_eq!(one.customer_phone.len(), phones);
                }
            }
        }
    }

    #[test]
    fn generated_box_ids_are_not_also_files() {
        for customer in GENERATED {
            assert!(CUSTOMERS.iter().all(|c| c.box_id != customer.box_id));
        }
    }
}
