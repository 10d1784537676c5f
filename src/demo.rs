//! The built-in stand-in for SkyPostal's `customer-get-info`: a real HTTP server on
//! 127.0.0.1, so `--demo` and the tests go through exactly the code path of a real
//! lookup. Its customers live in `assets/demo/`, one response body per box id.

use std::convert::Infallible;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde::Deserialize;
use serde_json::json;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::api::CUSTOMER_GET_INFO_PATH;

/// The docs' partner user code, which the demo accepts.
pub const DEMO_USER_CODE: u64 = 396;
/// The docs' partner app key, which the demo accepts.
pub const DEMO_APP_KEY: &str = "1656d700707ad9a77f737e5df3db088a";
/// The docs' sample box id (John Doe).
pub const DEMO_BOX_ID: u64 = 811_111;
/// The docs' sample customer key.
pub const DEMO_CUSTOMER_KEY: &str = "YpbCNpzqxYqVWv+tzg4e4Ex6ALiT+DfKSYA3NY2dZcw=";

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

/// The demo's customers; the README lists the same.
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

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
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
    if !request.uri().path().ends_with(CUSTOMER_GET_INFO_PATH) {
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
    Ok(match serde_json::from_slice::<DemoRequest>(&body) {
        Ok(request) => json_response(answer(&request)),
        Err(_) => plain(StatusCode::BAD_REQUEST, "Request body is not valid JSON"),
    })
}

#[derive(Deserialize)]
struct DemoRequest {
    user_code: serde_json::Value,
    app_key: String,
    customer_box_id: serde_json::Value,
    customer_key: String,
}

/// What SkyPostal would answer, as far as the demo plays it.
fn answer(request: &DemoRequest) -> String {
    let as_u64 = |v: &serde_json::Value| match v {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    if as_u64(&request.user_code) != Some(DEMO_USER_CODE) || request.app_key != DEMO_APP_KEY {
        return rejection("Invalid partner credentials: user_code / app_key not recognised");
    }
    let Some(box_id) = as_u64(&request.customer_box_id) else {
        return rejection("customer_box_id must be a number");
    };
    match CUSTOMERS.iter().find(|c| c.box_id == box_id) {
        None => "[]".to_string(),
        Some(customer) if customer.key != request.customer_key => {
            rejection("Invalid session: the customer key does not match this box id or has expired")
        }
        Some(customer) => customer.body.to_string(),
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
