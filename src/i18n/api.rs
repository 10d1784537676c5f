//! The words of what can go wrong talking to SkyPostal, and before: the typed errors
//! of `api` and `setup` as the agent reads them. Their `Display` stays English, for
//! the log.

use super::{Lang, msg};
use crate::api::{ApiError, ConnectFailure, Location, Reason};
use crate::app::keys::Refusal;
use crate::cli::ValueError;
use crate::config::KeysProblem;
use crate::setup::SetupError;

impl ValueError {
    /// Why the value is refused, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        use msg::value as words;
        match self {
            Self::NotADuration(reason) => words::not_a_duration(lang, reason),
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
                ConnectFailure::Tls => words::tls(lang, host, detail),
                ConnectFailure::Other => words::connect(lang, host, detail),
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
                    (true, Some(after)) => words::status_retry(lang, status, after),
                    (false, Some(after)) => words::status_said_retry(lang, status, snippet, after),
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
                // Quoted as Rust quotes a string: the body's start, exactly.
                let quoted = format!("{preview:?}");
                match (reason.is_empty(), preview.is_empty()) {
                    (true, true) => words::not_json_empty(lang).into(),
                    (true, false) => words::not_json(lang, quoted),
                    (false, true) => words::not_json_why_empty(lang, reason),
                    (false, false) => words::not_json_why(lang, reason, quoted),
                }
            }
            Self::Unexpected { path, detail } => words::unexpected(lang, path, detail),
            Self::TooLarge { limit } => words::too_large(lang, byte_size(lang, *limit)),
            Self::Setup(error) => words::setup(lang, error.text(lang)),
            Self::Other { host, detail } => words::other(lang, host, detail),
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
                words::config_unreadable(lang, path.display(), reason)
            }
            Self::ConfigSyntax { path, at, message } => match (path, at) {
                (Some(path), Some((line, column))) => {
                    words::syntax_file_at(lang, path.display(), *line, *column, message)
                }
                (Some(path), None) => words::syntax_file(lang, path.display(), message),
                (None, Some((line, column))) => words::syntax_at(lang, *line, *column, message),
                (None, None) => message.clone(),
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
            Self::LogFile { path, reason } => words::log_file(lang, path.display(), reason),
            Self::Logging(reason) => words::logging(lang, reason),
            Self::NotAUrl { url, reason } => words::not_a_url(lang, format!("{url:?}"), reason),
            Self::PlainHttp(url) => words::plain_http(lang, format!("{url:?}")),
            Self::UrlUserInfo(url) => words::url_user_info(lang, format!("{url:?}")),
            Self::UrlQuery(url) => words::url_query(lang, format!("{url:?}")),
            Self::Scheme { url, scheme } => {
                words::scheme(lang, format!("{url:?}"), format!("{scheme:?}"))
            }
            Self::CaUnreadable { path, reason } => {
                words::ca_unreadable(lang, path.display(), reason)
            }
            Self::CaNotPem { path, reason } => words::ca_not_pem(lang, path.display(), reason),
            Self::CaUnusable {
                path,
                index,
                reason,
            } => words::ca_unusable(lang, path.display(), *index, reason),
            Self::CaEmpty(path) => words::ca_empty(lang, path.display()),
            Self::HttpClient(None) => words::http_client(lang).into(),
            Self::HttpClient(Some(reason)) => words::http_client_why(lang, reason),
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
    /// the support log say the same thing.
    #[test]
    fn english_reads_as_the_log_does() {
        let setup = SetupError::CaUnusable {
            path: PathBuf::from("/etc/ca.pem"),
            index: 2,
            reason: "expired".into(),
        };
        let status = |snippet: &str, retry_after: Option<&str>| ApiError::Status {
            code: 503,
            reason: "Service Unavailable".into(),
            snippet: snippet.into(),
            retry_after: retry_after.map(str::to_string),
        };
        let errors = [
            ApiError::Connect {
                failure: ConnectFailure::Dns,
                host: "example.com".into(),
                detail: "no such host".into(),
            },
            ApiError::Timeout {
                after: Duration::from_millis(2500),
                host: "example.com".into(),
            },
            status("", None),
            status("down for maintenance", Some("120 s")),
            ApiError::Status {
                code: 599,
                reason: String::new(),
                snippet: "gave up".into(),
                retry_after: None,
            },
            ApiError::NotJson {
                reason: "expected value at line 1 column 1".into(),
                preview: "<html>".into(),
            },
            ApiError::NotJson {
                reason: String::new(),
                preview: String::new(),
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
                message: "unknown field".into(),
            }),
            ApiError::Setup(SetupError::UnknownEnvironment {
                name: "staging".into(),
                configured: vec!["demo".into()],
            }),
            ApiError::Setup(SetupError::HttpClient(Some("no TLS".into()))),
            ApiError::Setup(SetupError::ConfigValue {
                key: "max_body",
                reason: ValueError::UnknownUnit("gib".into()),
            }),
            ApiError::Setup(SetupError::ConfigValue {
                key: "timeout",
                reason: ValueError::NotADuration("expected number at 0".into()),
            }),
        ];
        for error in errors {
            assert_eq!(error.text(Lang::En), error.to_string());
        }
        assert_eq!(setup.text(Lang::En), setup.to_string());
    }
}
