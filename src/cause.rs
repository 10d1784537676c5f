//! Why something failed underneath skyview (the OS, TLS, the JSON parser), kept as a
//! kind skyview has words for in every language, beside the library's own sentence,
//! which is English: the log keeps that, and the screen shows it only for a kind
//! skyview does not know.

use std::error::Error;
use std::io;

use crate::i18n::{Lang, msg};
use crate::text::sanitize;

/// The cause of a failure. `Display` is the library's own sentence, as the log wants
/// it; [`crate::i18n`] says the [`Kind`] in the agent's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cause {
    kind: Option<Kind>,
    said: String,
}

/// A cause skyview has words for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Nothing listens at the address.
    ConnectionRefused,
    /// The other side reset the connection.
    ConnectionReset,
    /// The connection was aborted on this side.
    ConnectionAborted,
    /// The connection closed before the answer was complete.
    ConnectionClosed,
    /// No route to the host.
    HostUnreachable,
    /// No route to the host's network.
    NetworkUnreachable,
    /// This machine's network is down.
    NetworkDown,
    /// The address is already in use (a port another program holds).
    AddressInUse,
    /// The address is not one of this machine's.
    AddressNotAvailable,
    /// The operation timed out.
    TimedOut,
    /// The reader at the other end went away (`| head`).
    BrokenPipe,
    /// No such file or directory.
    NotFound,
    /// The user may not do this to the file.
    PermissionDenied,
    /// The file exists already.
    AlreadyExists,
    /// The disk is full.
    StorageFull,
    /// The user's disk quota is used up.
    QuotaExceeded,
    /// The file system is mounted read-only.
    ReadOnly,
    /// A directory where a file was wanted.
    IsADirectory,
    /// A part of the path is not a directory.
    NotADirectory,
    /// A FIFO, a device or a folder where a regular file was wanted.
    NotAFile,
    /// A file larger than such a file ever is ([`crate::files::MAX_FILE_BYTES`]).
    FileTooLarge,
    /// A text file that is not UTF-8.
    NotUtf8,
    /// The input ended before what was being read.
    EndedEarly,
    /// The server's certificate has expired.
    CertificateExpired,
    /// The server's certificate is not valid yet (or this machine's clock is behind).
    CertificateNotValidYet,
    /// The server's certificate is not signed by an authority this machine trusts.
    CertificateUntrusted,
    /// The server's certificate is for another host name.
    CertificateWrongName,
    /// The server's certificate was revoked.
    CertificateRevoked,
    /// The server's certificate cannot be used for another reason.
    CertificateInvalid,
    /// The server refused the TLS handshake.
    HandshakeRefused,
    /// The server answered, but not in TLS (an `http://` port, say).
    NotTls,
    /// Not JSON from this place in the body on.
    JsonSyntax {
        /// The line, from 1.
        line: usize,
        /// The column, from 1.
        column: usize,
    },
    /// The body ends before its JSON does.
    JsonEndsEarly {
        /// The line, from 1.
        line: usize,
        /// The column, from 1.
        column: usize,
    },
    /// A field the answer must have is missing.
    MissingField(String),
    /// A value of the wrong type (a text where a number belongs).
    WrongType,
    /// A value of the right type that is not one of those expected.
    WrongValue,
    /// A number too large (or small) for its field.
    OutOfRange,
    /// A sentence that may quote a customer key, not repeated.
    Withheld,
    /// A key the config file does not have (a typo, most likely).
    UnknownKey {
        /// The key as written.
        key: String,
        /// The keys that may stand there, `` `quoted` `` and joined by commas.
        known: String,
    },
    /// Not TOML (a missing quote or `=`, a key twice).
    NotToml,
    /// An address without a scheme (`api.example.com/…` for `https://api.example.com/…`).
    UrlNoScheme,
    /// An address without a host name (`https:///…`).
    UrlNoHost,
    /// A host name with a character no host name can have.
    UrlBadHost,
    /// An IP address that is not one.
    UrlBadAddress,
    /// A port that is not a number up to 65535.
    UrlBadPort,
    /// A PEM file whose text is damaged (a BEGIN or END line, the base64).
    PemDamaged,
    /// A certificate rustls will not take as a root.
    RootUnusable,
    /// A duration that does not start with a number (`soon`).
    NotADuration,
    /// A duration in a unit not known (`15x`): the unit as written.
    DurationUnit(String),
}

impl Cause {
    /// A cause skyview has no words for: the library's sentence, sanitized.
    pub fn said(said: impl AsRef<str>) -> Self {
        Self::new(None, said)
    }

    /// A cause of a known kind; `said` is the library's sentence for the log.
    pub fn of(kind: Kind, said: impl AsRef<str>) -> Self {
        Self::new(Some(kind), said)
    }

    /// A cause of this kind, if known; `said` sanitized.
    fn new(kind: Option<Kind>, said: impl AsRef<str>) -> Self {
        Self {
            kind,
            said: sanitize(said.as_ref()).into_owned(),
        }
    }

    /// What the OS said, by its kind.
    pub fn io(error: &io::Error) -> Self {
        Self::new(io_kind(error.kind()), error.to_string())
    }

    /// The first cause of a known kind down `error`'s chain of sources; else the
    /// deepest source's sentence (the top one, reqwest's "error sending request", says
    /// the least).
    pub fn chain(error: &(dyn Error + 'static)) -> Self {
        let mut deepest = error;
        for cause in sources(error) {
            if let Some(kind) = kind_of(cause) {
                return Self::of(kind, cause.to_string());
            }
            deepest = cause;
        }
        Self::said(deepest.to_string())
    }

    /// Why a body is not JSON, or not JSON of the shape wanted, as serde_json found
    /// it. Its sentence never quotes the body but for a wrong value's own text.
    pub fn json(error: &serde_json::Error) -> Self {
        use serde_json::error::Category;
        let (line, column) = (error.line(), error.column());
        // serde_json ends with "at line 1 column 380": a wrong value's place is its
        // JSON path, which the error it goes into names.
        let message = error.to_string();
        let bare = message.split(" at line ").next().unwrap_or_default();
        let said = match error.classify() {
            Category::Data | Category::Io => bare.to_string(),
            Category::Syntax | Category::Eof if line == 0 => bare.to_string(),
            Category::Syntax | Category::Eof => format!("{bare} at line {line}, column {column}"),
        };
        let kind = match error.classify() {
            Category::Syntax if bare == "number out of range" => Some(Kind::OutOfRange),
            Category::Syntax if line > 0 => Some(Kind::JsonSyntax { line, column }),
            Category::Eof if line > 0 => Some(Kind::JsonEndsEarly { line, column }),
            Category::Data => data_kind(bare),
            Category::Syntax | Category::Eof | Category::Io => None,
        };
        Self::new(kind, said)
    }

    /// The same cause, its sentence withheld: it may quote a customer key (a
    /// partner answer's). The kind, which quotes nothing, stays.
    pub fn withheld(&self) -> Self {
        // The log's English, from the catalog that words it for the screen.
        Self::of(
            self.kind.clone().unwrap_or(Kind::Withheld),
            msg::cause::withheld(Lang::En),
        )
    }

    /// Why an address does not parse.
    pub fn url(error: &url::ParseError) -> Self {
        use url::ParseError as P;
        let kind = match error {
            P::RelativeUrlWithoutBase => Some(Kind::UrlNoScheme),
            P::EmptyHost => Some(Kind::UrlNoHost),
            P::InvalidDomainCharacter | P::IdnaError => Some(Kind::UrlBadHost),
            P::InvalidIpv4Address | P::InvalidIpv6Address => Some(Kind::UrlBadAddress),
            P::InvalidPort => Some(Kind::UrlBadPort),
            _ => None,
        };
        Self::new(kind, error.to_string())
    }

    /// Why a certificate of a CA file cannot be a root: its PEM text, or what
    /// rustls found in it.
    pub fn root(error: &(dyn Error + 'static)) -> Self {
        let said = error.to_string();
        if error.is::<rustls::pki_types::pem::Error>() {
            return Self::of(Kind::PemDamaged, said);
        }
        match error.downcast_ref::<rustls::Error>() {
            Some(rustls::Error::InvalidCertificate(_)) => Self::of(Kind::RootUnusable, said),
            _ => Self::said(said),
        }
    }

    /// Why a duration (`15s`) does not parse.
    pub fn duration(error: &humantime::DurationError) -> Self {
        use humantime::DurationError as D;
        let kind = match error {
            D::InvalidCharacter(_) | D::NumberExpected(_) | D::Empty => Kind::NotADuration,
            D::UnknownUnit { unit, .. } => Kind::DurationUnit(unit.clone()),
            D::NumberOverflow => Kind::OutOfRange,
        };
        Self::of(kind, error.to_string())
    }

    /// Why the config file does not load, from what the TOML reader said: serde's
    /// sentences for a value of the wrong shape, or else the TOML itself is wrong (the
    /// config file has no deserializer of its own that says anything else).
    pub fn toml(message: &str) -> Self {
        let kind = data_kind(message)
            .or_else(|| unknown_key(message))
            .unwrap_or(Kind::NotToml);
        Self::of(kind, message)
    }

    /// The kind, when skyview has words for it.
    pub fn kind(&self) -> Option<&Kind> {
        self.kind.as_ref()
    }
}

/// A cause skyview found itself (a file too large): no library said anything.
impl From<Kind> for Cause {
    fn from(kind: Kind) -> Self {
        Self {
            kind: Some(kind),
            said: String::new(),
        }
    }
}

/// What the library said, or, for a cause skyview found itself, its English words.
impl std::fmt::Display for Cause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind {
            Some(_) if self.said.is_empty() => f.write_str(&self.text(crate::i18n::Lang::En)),
            _ => f.write_str(&self.said),
        }
    }
}

/// `error` and the errors under it, top first.
pub(crate) fn sources<'a>(
    error: &'a (dyn Error + 'static),
) -> impl Iterator<Item = &'a (dyn Error + 'static)> {
    std::iter::successors(Some(error), |&cause| {
        match cause.downcast_ref::<io::Error>() {
            // hyper-util wraps tokio-rustls's io::Error in another io::Error, and an
            // io::Error's `source()` skips the error it wraps: step into it instead.
            Some(io) => match io.get_ref() {
                Some(inner) => Some(inner as &(dyn Error + 'static)),
                None => cause.source(),
            },
            None => cause.source(),
        }
    })
}

fn io_kind(kind: io::ErrorKind) -> Option<Kind> {
    use io::ErrorKind as K;
    Some(match kind {
        K::ConnectionRefused => Kind::ConnectionRefused,
        K::ConnectionReset => Kind::ConnectionReset,
        K::ConnectionAborted => Kind::ConnectionAborted,
        K::HostUnreachable => Kind::HostUnreachable,
        K::NetworkUnreachable => Kind::NetworkUnreachable,
        K::NetworkDown => Kind::NetworkDown,
        K::AddrInUse => Kind::AddressInUse,
        K::AddrNotAvailable => Kind::AddressNotAvailable,
        K::TimedOut => Kind::TimedOut,
        K::BrokenPipe => Kind::BrokenPipe,
        K::NotFound => Kind::NotFound,
        K::PermissionDenied => Kind::PermissionDenied,
        K::AlreadyExists => Kind::AlreadyExists,
        K::StorageFull => Kind::StorageFull,
        K::QuotaExceeded => Kind::QuotaExceeded,
        K::ReadOnlyFilesystem => Kind::ReadOnly,
        K::IsADirectory => Kind::IsADirectory,
        K::NotADirectory => Kind::NotADirectory,
        K::UnexpectedEof => Kind::EndedEarly,
        _ => return None,
    })
}

/// The kind of one error of a chain, when skyview knows it.
fn kind_of(error: &(dyn Error + 'static)) -> Option<Kind> {
    if let Some(tls) = error.downcast_ref::<rustls::Error>() {
        return tls_kind(tls);
    }
    if let Some(http) = error.downcast_ref::<hyper::Error>() {
        return http
            .is_incomplete_message()
            .then_some(Kind::ConnectionClosed);
    }
    // An io::Error of no known kind may wrap one: `sources` steps into it.
    io_kind(error.downcast_ref::<io::Error>()?.kind())
}

fn tls_kind(error: &rustls::Error) -> Option<Kind> {
    use rustls::CertificateError as C;
    Some(match error {
        rustls::Error::InvalidCertificate(certificate) => match certificate {
            C::Expired | C::ExpiredContext { .. } => Kind::CertificateExpired,
            C::NotValidYet | C::NotValidYetContext { .. } => Kind::CertificateNotValidYet,
            C::UnknownIssuer => Kind::CertificateUntrusted,
            C::NotValidForName | C::NotValidForNameContext { .. } => Kind::CertificateWrongName,
            C::Revoked => Kind::CertificateRevoked,
            _ => Kind::CertificateInvalid,
        },
        rustls::Error::AlertReceived(_) => Kind::HandshakeRefused,
        rustls::Error::InvalidMessage(_) => Kind::NotTls,
        _ => return None,
    })
}

/// serde's ``unknown field `timout`, expected one of `timeout`, `color` ``.
fn unknown_key(said: &str) -> Option<Kind> {
    let rest = said.strip_prefix("unknown field `")?;
    let (key, expected) = rest.split_once('`')?;
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    Some(Kind::UnknownKey {
        key: key.to_string(),
        known: known
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// serde's sentences for a value of the wrong shape, which serde_json does not
/// otherwise tell apart.
fn data_kind(said: &str) -> Option<Kind> {
    if let Some(rest) = said.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        return Some(Kind::MissingField(field.to_string()));
    }
    if said.starts_with("invalid type: ") {
        return Some(Kind::WrongType);
    }
    if ["invalid value: ", "invalid length ", "unknown variant "]
        .iter()
        .any(|start| said.starts_with(start))
    {
        return Some(Kind::WrongValue);
    }
    said.starts_with("number out of range")
        .then_some(Kind::OutOfRange)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_error(body: &str) -> serde_json::Error {
        serde_json::from_str::<serde_json::Value>(body).unwrap_err()
    }

    #[test]
    fn the_os_s_common_failures_have_a_kind_and_keep_its_words() {
        for (code, kind) in [
            (111, Kind::ConnectionRefused),
            (104, Kind::ConnectionReset),
            (2, Kind::NotFound),
            (13, Kind::PermissionDenied),
            (28, Kind::StorageFull),
            (110, Kind::TimedOut),
        ] {
            let cause = Cause::io(&io::Error::from_raw_os_error(code));
            assert_eq!(cause.kind(), Some(&kind), "{cause}");
            assert!(cause.to_string().contains(&format!("os error {code}")));
        }
        let odd = Cause::io(&io::Error::other("quirk\u{1b}[2J"));
        assert_eq!(odd.kind(), None);
        assert!(
            !odd.to_string().contains('\u{1b}'),
            "sanitized: no escape reaches a screen"
        );
    }

    /// What reqwest gives is a chain: the TLS error sits in an io::Error inside
    /// another error; the first known kind down it wins.
    #[test]
    fn a_chain_is_searched_into_a_wrapped_io_error() {
        let tls = rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer);
        let wrapped = io::Error::new(io::ErrorKind::InvalidData, tls);
        let outer = io::Error::other(wrapped);
        assert_eq!(
            Cause::chain(&outer).kind(),
            Some(&Kind::CertificateUntrusted)
        );
        let unknown = io::Error::other("no idea");
        assert_eq!(Cause::chain(&unknown), Cause::said("no idea"));
    }

    #[test]
    fn broken_json_says_where_and_a_wrong_shape_says_what() {
        let syntax = Cause::json(&json_error("<html>"));
        assert_eq!(
            syntax.kind(),
            Some(&Kind::JsonSyntax { line: 1, column: 1 })
        );
        assert_eq!(syntax.to_string(), "expected value at line 1, column 1");
        let eof = Cause::json(&json_error("[1,\n 2"));
        assert_eq!(
            eof.kind(),
            Some(&Kind::JsonEndsEarly { line: 2, column: 2 })
        );

        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Shape {
            id: u64,
        }
        let shape = |body: &str| Cause::json(&serde_json::from_str::<Shape>(body).unwrap_err());
        assert_eq!(shape("{}").kind(), Some(&Kind::MissingField("id".into())));
        let wrong = shape(r#"{"id": "x"}"#);
        assert_eq!(wrong.kind(), Some(&Kind::WrongType));
        assert_eq!(
            wrong.to_string(),
            r#"invalid type: string "x", expected u64"#
        );
        assert_eq!(shape(r#"{"id": -1}"#).kind(), Some(&Kind::WrongValue));
        assert_eq!(shape(r#"{"id": 1e999}"#).kind(), Some(&Kind::OutOfRange));
    }

    /// A partner answer may hold a customer key: what serde quoted of it goes, the
    /// kind stays.
    #[test]
    fn withholding_keeps_the_kind_and_drops_the_words() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Shape {
            id: u64,
        }
        let said = serde_json::from_str::<Shape>(r#"{"id": "key123"}"#).unwrap_err();
        let withheld = Cause::json(&said).withheld();
        assert_eq!(withheld.kind(), Some(&Kind::WrongType));
        assert!(!withheld.to_string().contains("key123"));
        assert_eq!(
            Cause::said("key123").withheld().kind(),
            Some(&Kind::Withheld)
        );
    }

    #[test]
    fn addresses_durations_and_config_files_say_what_is_wrong_with_them() {
        let url = |text: &str| Cause::url(&url::Url::parse(text).unwrap_err());
        assert_eq!(url("api.example.com/x").kind(), Some(&Kind::UrlNoScheme));
        assert_eq!(url("https://a b.example").kind(), Some(&Kind::UrlBadHost));
        assert_eq!(
            url("https://example.com:99999").kind(),
            Some(&Kind::UrlBadPort)
        );
        assert_eq!(url("https://[::1").kind(), Some(&Kind::UrlBadAddress));

        let duration = |text: &str| Cause::duration(&humantime::parse_duration(text).unwrap_err());
        assert_eq!(duration("soon").kind(), Some(&Kind::NotADuration));
        assert_eq!(
            duration("15x").kind(),
            Some(&Kind::DurationUnit("x".into()))
        );

        let config = |text: &str| match crate::config::parse(text) {
            Err(crate::setup::SetupError::ConfigSyntax { message, .. }) => message,
            other => panic!("{other:?}"),
        };
        let Some(Kind::UnknownKey { key, known }) = config("timout = \"2s\"\n").kind().cloned()
        else {
            panic!("not an unknown key");
        };
        assert_eq!(key, "timout");
        assert!(known.contains("`timeout`"), "{known}");
        assert!(!known.contains(" or "), "{known}");
        assert_eq!(config("color = maybe\n").kind(), Some(&Kind::NotToml));
        assert_eq!(config("color = 5\n").kind(), Some(&Kind::WrongType));
    }

    /// A CA file's certificate: damaged PEM text, or DER rustls will not take.
    #[test]
    fn a_root_that_cannot_be_used_says_why() {
        let mut roots = rustls::RootCertStore::empty();
        let garbage = rustls::pki_types::CertificateDer::from(vec![1, 2, 3]);
        let refused = roots.add(garbage).unwrap_err();
        assert_eq!(Cause::root(&refused).kind(), Some(&Kind::RootUnusable));
        let pem = rustls::pki_types::pem::Error::NoItemsFound;
        assert_eq!(Cause::root(&pem).kind(), Some(&Kind::PemDamaged));
    }
}
