//! The words of what can go wrong talking to SkyPostal, and before: the typed errors
//! of `api` and `setup` as the agent reads them. Their `Display` stays English, for
//! the log.

use super::{Lang, msg};
use crate::api::{ApiError, ConnectFailure, Location, Preview, Reason, RetryAfter};
use crate::app::keys::Refusal;
use crate::cause::{Cause, Kind};
use crate::cli::ValueError;
use crate::config::KeysProblem;
use crate::setup::SetupError;

impl RetryAfter {
    /// The wait as `lang` says it, as the lock screen says a duration ("2 min",
    /// "1 h 30 min").
    pub fn text(&self, lang: Lang) -> String {
        super::duration(lang, self.0)
    }
}

impl ValueError {
    /// Why the value is refused, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        use msg::value as words;
        match self {
            Self::NotADuration(reason) => words::not_a_duration(lang, reason.text(lang)),
            Self::ZeroDuration => words::zero_duration(lang).into(),
            Self::NotASize(text) => words::not_a_size(lang, format!("{text:?}")),
            Self::UnknownUnit(unit) => words::unknown_unit(lang, format!("{unit:?}")),
            Self::ZeroSize => words::zero_size(lang).into(),
            Self::TooLarge => words::too_large(lang).into(),
            Self::NotAPath => words::not_a_path(lang).into(),
            Self::Matches => words::matches(lang).into(),
            Self::Language => words::language(lang).into(),
        }
    }
}

impl Cause {
    /// The cause in `lang`: its kind's words, or the library's own sentence when
    /// skyview has none for it.
    pub fn text(&self, lang: Lang) -> String {
        use msg::cause as words;
        let Some(kind) = self.kind() else {
            return self.to_string();
        };
        match kind {
            Kind::ConnectionRefused => words::connection_refused(lang).into(),
            Kind::ConnectionReset => words::connection_reset(lang).into(),
            Kind::ConnectionAborted => words::connection_aborted(lang).into(),
            Kind::ConnectionClosed => words::connection_closed(lang).into(),
            Kind::HostUnreachable => words::host_unreachable(lang).into(),
            Kind::NetworkUnreachable => words::network_unreachable(lang).into(),
            Kind::NetworkDown => words::network_down(lang).into(),
            Kind::AddressInUse => words::address_in_use(lang).into(),
            Kind::AddressNotAvailable => words::address_not_available(lang).into(),
            Kind::TimedOut => words::timed_out(lang).into(),
            Kind::BrokenPipe => words::broken_pipe(lang).into(),
            Kind::NotFound => words::not_found(lang).into(),
            Kind::PermissionDenied => words::permission_denied(lang).into(),
            Kind::AlreadyExists => words::already_exists(lang).into(),
            Kind::StorageFull => words::storage_full(lang).into(),
            Kind::QuotaExceeded => words::quota_exceeded(lang).into(),
            Kind::ReadOnly => words::read_only(lang).into(),
            Kind::IsADirectory => words::is_a_directory(lang).into(),
            Kind::NotADirectory => words::not_a_directory(lang).into(),
            Kind::NotAFile => words::not_a_file(lang).into(),
            Kind::FileTooLarge => {
                words::file_too_large(lang, crate::files::MAX_FILE_BYTES / (1024 * 1024))
            }
            Kind::NotUtf8 => words::not_utf8(lang).into(),
            Kind::EndedEarly => words::ended_early(lang).into(),
            Kind::CertificateExpired => words::certificate_expired(lang).into(),
            Kind::CertificateNotValidYet => words::certificate_not_valid_yet(lang).into(),
            Kind::CertificateUntrusted => words::certificate_untrusted(lang).into(),
            Kind::CertificateWrongName => words::certificate_wrong_name(lang).into(),
            Kind::CertificateRevoked => words::certificate_revoked(lang).into(),
            Kind::CertificateInvalid => words::certificate_invalid(lang).into(),
            Kind::HandshakeRefused => words::handshake_refused(lang).into(),
            Kind::NotTls => words::not_tls(lang).into(),
            Kind::JsonSyntax { line, column } => words::json_syntax(lang, *line, *column),
            Kind::JsonEndsEarly { line, column } => words::json_ends_early(lang, *line, *column),
            Kind::MissingField(field) => words::missing_field(lang, field),
            Kind::WrongType => words::wrong_type(lang).into(),
            Kind::WrongValue => words::wrong_value(lang).into(),
            Kind::OutOfRange => words::out_of_range(lang).into(),
            Kind::Withheld => words::withheld(lang).into(),
            Kind::UnknownKey { key, known } if known.is_empty() => {
                words::unknown_key_alone(lang, format!("`{key}`"))
            }
            Kind::UnknownKey { key, known } => words::unknown_key(lang, format!("`{key}`"), known),
            Kind::NotToml => words::not_toml(lang).into(),
            Kind::UrlNoScheme => words::url_no_scheme(lang).into(),
            Kind::UrlNoHost => words::url_no_host(lang).into(),
            Kind::UrlBadHost => words::url_bad_host(lang).into(),
            Kind::UrlBadAddress => words::url_bad_address(lang).into(),
            Kind::UrlBadPort => words::url_bad_port(lang).into(),
            Kind::NotADuration => words::not_a_duration(lang).into(),
            Kind::PemDamaged => words::pem_damaged(lang).into(),
            Kind::RootUnusable => words::root_unusable(lang).into(),
            Kind::DurationUnit(unit) => words::duration_unit(lang, format!("{unit:?}")),
        }
    }
}

impl ApiError {
    /// The sentence an agent acts on, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        use msg::api as words;
        match self {
            Self::Connect {
                failure,
                host,
                detail,
            } => match failure {
                ConnectFailure::Refused => words::refused(lang, host),
                ConnectFailure::Dns => words::dns(lang, host),
                ConnectFailure::Tls => words::tls(lang, host, detail.text(lang)),
                ConnectFailure::Other => words::connect(lang, host, detail.text(lang)),
            },
            Self::Timeout { after, host } => words::timeout(lang, after.as_secs_f64(), host),
            Self::Status {
                code,
                reason,
                snippet,
                retry_after,
            } => {
                let status = http_status(*code, reason);
                match (snippet.is_empty(), retry_after) {
                    (true, None) => words::status(lang, status),
                    (false, None) => words::status_said(lang, status, snippet),
                    (true, Some(after)) => words::status_retry(lang, status, after.text(lang)),
                    (false, Some(after)) => {
                        words::status_said_retry(lang, status, snippet, after.text(lang))
                    }
                }
            }
            Self::Redirect { code, reason, to } => {
                let status = http_status(*code, reason);
                match to {
                    None => words::redirect_nowhere(lang, status),
                    Some(Location::Url(url)) => words::redirect(lang, status, url),
                    Some(Location::Withheld) => words::redirect_withheld(lang, status),
                }
            }
            Self::NotJson { reason, preview } => {
                let (quoted, empty) = match preview {
                    // Quoted as Rust quotes a string: the body's start, exactly.
                    Preview::Start(start) => (format!("{start:?}"), start.is_empty()),
                    Preview::Withheld => (msg::cause::withheld(lang).to_string(), false),
                };
                match (reason, empty) {
                    (None, true) => words::not_json_empty(lang).into(),
                    (None, false) => words::not_json(lang, quoted),
                    (Some(reason), true) => words::not_json_why_empty(lang, reason.text(lang)),
                    (Some(reason), false) => words::not_json_why(lang, reason.text(lang), quoted),
                }
            }
            Self::Unexpected { path, detail } => words::unexpected(lang, path, detail.text(lang)),
            Self::TooLarge { limit } => words::too_large(lang, byte_size(lang, *limit)),
            Self::Setup(error) => words::setup(lang, error.text(lang)),
            Self::Other { host, detail } => words::other(lang, host, detail.text(lang)),
        }
    }
}

/// `503 Service Unavailable`, or the code alone when no reason phrase came: HTTP's
/// own words, the same in every language.
fn http_status(code: u16, reason: &str) -> String {
    if reason.is_empty() {
        code.to_string()
    } else {
        format!("{code} {reason}")
    }
}

/// A byte count in the largest unit that divides it: `8 MiB`, `512 KiB`, `100000 bytes`.
fn byte_size(lang: Lang, bytes: usize) -> String {
    const KIB: usize = 1024;
    const MIB: usize = 1024 * 1024;
    match bytes {
        b if b > 0 && b % MIB == 0 => msg::api::mib(lang, b / MIB),
        b if b > 0 && b % KIB == 0 => msg::api::kib(lang, b / KIB),
        b => msg::api::bytes(lang, b),
    }
}

impl Reason {
    /// SkyPostal's words as sent, or what its answer lacked, in `lang`.
    pub fn text(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        match self {
            Self::Said(said) => said.into(),
            Self::NotGiven => msg::reason::not_given(lang).into(),
            Self::ShipmentsCallFailed => msg::reason::shipments_call_failed(lang).into(),
            Self::NoAccountData => msg::reason::no_account_data(lang).into(),
        }
    }
}

impl KeysProblem {
    /// What is wrong with a line of the config's `[keys]`, in `lang`: the action
    /// and the key at fault, never the value as written.
    pub fn text(&self, lang: Lang) -> String {
        use msg::config_keys as words;
        match self {
            Self::UnknownAction(name) => words::unknown_action(lang, name),
            Self::Unreadable(action) => words::unreadable(lang, action.name()),
            Self::SameAs { action, key } => words::same_as(lang, action.name(), key.label()),
            Self::Refused { action, why } => {
                let action = action.name();
                match why {
                    Refusal::Fixed => words::fixed(lang, action),
                    Refusal::NoKey => words::no_key(lang, action),
                    Refusal::CtrlC => words::ctrl_c(lang, action),
                    Refusal::Clash { key, other } => {
                        words::clash(lang, key.label(), action, other.name())
                    }
                    Refusal::Typed(key) => words::typed(lang, key.label(), action),
                }
            }
        }
    }
}

impl SetupError {
    /// The sentence for stderr (or inside a failed lookup), in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        use msg::setup as words;
        match self {
            Self::ConfigUnreadable { path, reason } => {
                words::config_unreadable(lang, path.display(), reason.text(lang))
            }
            Self::ConfigSyntax { path, at, message } => match (path, at) {
                (Some(path), Some((line, column))) => {
                    words::syntax_file_at(lang, path.display(), *line, *column, message.text(lang))
                }
                (Some(path), None) => words::syntax_file(lang, path.display(), message.text(lang)),
                (None, Some((line, column))) => {
                    words::syntax_at(lang, *line, *column, message.text(lang))
                }
                (None, None) => message.text(lang),
            },
            Self::ConfigValue { key, reason } => words::config_value(lang, key, reason.text(lang)),
            Self::Keys {
                path,
                line,
                problem,
            } => match path {
                Some(path) => words::keys_file_at(lang, path.display(), *line, problem.text(lang)),
                None => words::keys_at(lang, *line, problem.text(lang)),
            },
            Self::UnknownEnvironment { name, configured } => {
                let names: String = configured.iter().map(|n| format!(", {n}")).collect();
                words::unknown_environment(lang, format!("{name:?}"), names)
            }
            Self::NoBaseUrl(name) => words::no_base_url(lang, format!("{name:?}")),
            Self::LogFile { path, reason } => {
                words::log_file(lang, path.display(), reason.text(lang))
            }
            Self::Logging(reason) => words::logging(lang, reason),
            Self::NotAUrl { url, reason } => {
                words::not_a_url(lang, format!("{url:?}"), reason.text(lang))
            }
            Self::PlainHttp(url) => words::plain_http(lang, format!("{url:?}")),
            Self::UrlUserInfo(url) => words::url_user_info(lang, format!("{url:?}")),
            Self::UrlQuery(url) => words::url_query(lang, format!("{url:?}")),
            Self::Scheme { url, scheme } => {
                words::scheme(lang, format!("{url:?}"), format!("{scheme:?}"))
            }
            Self::CaUnreadable { path, reason } => {
                words::ca_unreadable(lang, path.display(), reason.text(lang))
            }
            Self::CaNotPem { path, reason } => {
                words::ca_not_pem(lang, path.display(), reason.text(lang))
            }
            Self::CaUnusable {
                path,
                index,
                reason,
            } => words::ca_unusable(lang, path.display(), *index, reason.text(lang)),
            Self::CaEmpty(path) => words::ca_empty(lang, path.display()),
            Self::HttpClient(None) => words::http_client(lang).into(),
            Self::HttpClient(Some(reason)) => words::http_client_why(lang, reason.text(lang)),
            Self::NoEnvironment => words::no_environment(lang).into(),
            Self::NoClient => words::no_client(lang).into(),
            Self::NoPath => words::no_path(lang).into(),
            Self::RequestBody(reason) => reason.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::time::Duration;

    use super::*;

    /// The catalog's English is the log's `Display`, word for word: the agent and
    /// the support log say the same thing (but for a cause of a known kind, see
    /// below).
    #[test]
    fn english_reads_as_the_log_does() {
        let setup = SetupError::CaUnusable {
            path: PathBuf::from("/etc/ca.pem"),
            index: 2,
            reason: Cause::said("expired"),
        };
        let status = |snippet: &str, retry_after: Option<RetryAfter>| ApiError::Status {
            code: 503,
            reason: "Service Unavailable".into(),
            snippet: snippet.into(),
            retry_after,
        };
        let errors = [
            ApiError::Connect {
                failure: ConnectFailure::Dns,
                host: "example.com".into(),
                detail: Cause::said("no such host"),
            },
            ApiError::Timeout {
                after: Duration::from_millis(2500),
                host: "example.com".into(),
            },
            status("", None),
            status(
                "down for maintenance",
                Some(RetryAfter(Duration::from_secs(5400))),
            ),
            ApiError::Status {
                code: 599,
                reason: String::new(),
                snippet: "gave up".into(),
                retry_after: None,
            },
            ApiError::NotJson {
                reason: Some(Cause::said("expected value")),
                preview: Preview::Start("<html>".into()),
            },
            ApiError::NotJson {
                reason: None,
                preview: Preview::Start(String::new()),
            },
            ApiError::Redirect {
                code: 302,
                reason: "Found".into(),
                to: Some(Location::Url("https://elsewhere.example/login".into())),
            },
            ApiError::Redirect {
                code: 307,
                reason: "Temporary Redirect".into(),
                to: Some(Location::Withheld),
            },
            ApiError::Redirect {
                code: 301,
                reason: "Moved Permanently".into(),
                to: None,
            },
            ApiError::TooLarge { limit: 512 * 1024 },
            ApiError::TooLarge { limit: 1000 },
            ApiError::Setup(setup.clone()),
            ApiError::Setup(SetupError::ConfigSyntax {
                path: Some(PathBuf::from("skyview.toml")),
                at: Some((2, 9)),
                message: Cause::said("unknown field"),
            }),
            ApiError::Setup(SetupError::UnknownEnvironment {
                name: "staging".into(),
                configured: vec!["demo".into()],
            }),
            ApiError::Setup(SetupError::HttpClient(Some(Cause::said("no TLS")))),
            ApiError::Setup(SetupError::ConfigValue {
                key: "max_body",
                reason: ValueError::UnknownUnit("gib".into()),
            }),
            ApiError::Setup(SetupError::ConfigValue {
                key: "timeout",
                reason: ValueError::NotADuration(Cause::said("expected number at 0")),
            }),
        ];
        for error in errors {
            assert_eq!(error.text(Lang::En), error.to_string());
        }
        assert_eq!(setup.text(Lang::En), setup.to_string());
    }

    /// A cause of a known kind is said in the agent's language; the log keeps what
    /// the OS or the parser said, in English, for support.
    #[test]
    fn a_known_cause_is_said_in_the_language_and_the_log_keeps_the_library_s_words() {
        let reset = ApiError::Connect {
            failure: ConnectFailure::Other,
            host: "example.com".into(),
            detail: Cause::io(&std::io::Error::from_raw_os_error(104)),
        };
        assert_eq!(
            reset.text(Lang::Es),
            "no se pudo conectar con example.com: el otro extremo cortó la conexión"
        );
        assert_eq!(
            reset.text(Lang::En),
            "could not connect to example.com: the other side reset the connection"
        );
        assert!(reset.to_string().contains("os error 104"), "{reset}");

        let body = b"<html>";
        let broken = serde_json::from_slice::<serde_json::Value>(body).unwrap_err();
        let not_json = ApiError::not_json(&broken, body);
        assert_eq!(
            not_json.text(Lang::Pt),
            "A resposta da SkyPostal não é um JSON válido (na linha 1, coluna 1): \
             começa com \"<html>\""
        );
        assert_eq!(
            not_json.to_string(),
            "SkyPostal's answer is not valid JSON (expected value at line 1, column 1): \
             it starts \"<html>\""
        );

        let full = SetupError::LogFile {
            path: PathBuf::from("/var/log/skyview.log"),
            reason: Cause::io(&std::io::Error::from_raw_os_error(28)),
        };
        assert_eq!(
            full.text(Lang::Es),
            "no se puede abrir el archivo de registro /var/log/skyview.log: el disco está lleno"
        );
    }

    /// A cause skyview has no words for is shown as the library said it, in every
    /// language: better English than nothing.
    #[test]
    fn an_unknown_cause_shows_the_library_s_words() {
        let odd = Cause::said("protocol quirk 7");
        for lang in Lang::ALL {
            assert_eq!(odd.text(lang), "protocol quirk 7");
        }
    }

    /// A config file's mistake is said in the language, the keys it may hold named
    /// as written.
    #[test]
    fn a_config_mistake_is_said_in_the_language() {
        let typo = crate::config::parse("timout = \"2s\"\n").unwrap_err();
        let said = typo.text(Lang::Es);
        assert!(
            said.starts_with(
                "línea 1, columna 1: opción desconocida `timout`; las opciones posibles aquí son `"
            ),
            "{said}"
        );
        assert!(said.contains("`timeout`"), "{said}");
        let soon = ValueError::NotADuration(Cause::duration(
            &humantime::parse_duration("soon").unwrap_err(),
        ));
        assert_eq!(
            soon.text(Lang::Pt),
            "não é uma duração (escreva como 15s, 2s ou 500ms)"
        );
    }
}
