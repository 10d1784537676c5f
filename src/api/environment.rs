//! Where requests go: the SkyPostal environments, and the checks a base URL must pass
//! before anything is sent to it.

use crate::setup::SetupError;

/// A SkyPostal environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Environment {
    /// `https://api-box-test.skypostal.com/wcf-services`, documented.
    Test,
    /// `https://api-box.skypostal.com/wcf-services`, used by SkyPostal's PHP plugin.
    Prod,
    /// The built-in stand-in server on loopback.
    Demo(String),
    /// Any other base URL (everything up to and including `/wcf-services`).
    Custom(String),
}

impl Environment {
    /// The base URL requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        match self {
            Self::Test => "https://api-box-test.skypostal.com/wcf-services",
            Self::Prod => "https://api-box.skypostal.com/wcf-services",
            Self::Demo(url) | Self::Custom(url) => url.trim_end_matches('/'),
        }
    }

    /// What the screen calls it: TEST, PROD, DEMO, or the host of a custom URL.
    pub fn label(&self) -> String {
        match self {
            Self::Test => "TEST".into(),
            Self::Prod => "PROD".into(),
            Self::Demo(_) => "DEMO".into(),
            Self::Custom(url) => reqwest::Url::parse(url)
                .ok()
                .and_then(|u| {
                    let host = u.host_str()?.to_string();
                    Some(match u.port() {
                        Some(port) => format!("{host}:{port}"),
                        None => host,
                    })
                })
                .unwrap_or_else(|| "custom".into()),
        }
    }
}

/// Checks a base URL before anything is sent to it: it must parse, and plain
/// `http://` is allowed only to a loopback host, so credentials never cross a network
/// unencrypted. A query or fragment (the service path would be appended after it and
/// lost) and a `user:password@` (sent as Basic credentials) are refused too. No
/// message repeats what stood before an `@`.
pub fn check_base_url(url: &str) -> Result<(), SetupError> {
    let shown = without_userinfo(url);
    let parsed = reqwest::Url::parse(url).map_err(|e| SetupError::NotAUrl {
        url: shown.clone(),
        reason: crate::cause::Cause::url(&e),
    })?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(SetupError::UrlUserInfo(shown));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(SetupError::UrlQuery(shown));
    }
    match parsed.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&parsed) => Ok(()),
        "http" => Err(SetupError::PlainHttp(shown)),
        other => Err(SetupError::Scheme {
            url: shown,
            scheme: other.into(),
        }),
    }
}

/// `text` with each `%XX` turned back into its byte (lossy UTF-8).
pub(super) fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            _ => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// `url` with anything between `://` and the host's `@` replaced by `…`.
fn without_userinfo(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((_, host)) => format!("{scheme}://…@{host}{path}"),
        None => url.to_string(),
    }
}

pub(super) fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}
