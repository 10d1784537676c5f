//! What can stop skyview before the first lookup: the config file, the log file, the
//! HTTP client. Each variant is a sentence for stderr; none holds a credential.

use std::path::PathBuf;

use crate::cause::Cause;
use crate::cli::ValueError;
use crate::config::KeysProblem;

/// A setup failure. Reasons from the OS or a library are kept as a [`Cause`] or as
/// text, so the error stays `Clone` and comparable (it travels inside [`crate::api::ApiError`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SetupError {
    /// The config file named could not be read.
    #[error("cannot read config file {}: {reason}", path.display())]
    ConfigUnreadable {
        /// The file.
        path: PathBuf,
        /// Why not.
        reason: Cause,
    },
    /// The config file is not what skyview reads: bad TOML, an unknown key.
    #[error("{}", syntax_sentence(path.as_ref(), *at, message))]
    ConfigSyntax {
        /// The file, once known.
        path: Option<PathBuf>,
        /// Line and column, when the parser knows them.
        at: Option<(usize, usize)>,
        /// What is wrong there.
        message: Cause,
    },
    /// A value of the config file does not parse (`timeout = "soon"`).
    #[error("config {key}: {reason}")]
    ConfigValue {
        /// The key.
        key: &'static str,
        /// Why not.
        reason: ValueError,
    },
    /// A line of the config's `[keys]` is refused.
    #[error("config [keys], line {line}: {problem:?}")]
    Keys {
        /// The file, once known.
        path: Option<PathBuf>,
        /// The line, from 1.
        line: usize,
        /// What is wrong there.
        problem: KeysProblem,
    },
    /// The environment asked for is neither built in nor in the config file.
    #[error("no environment named {name:?}: use test, prod{}", configured.iter().map(|n| format!(", {n}")).collect::<String>())]
    UnknownEnvironment {
        /// The name asked for.
        name: String,
        /// The config file's own environments.
        configured: Vec<String>,
    },
    /// A configured environment that is not TEST or PROD has no address.
    #[error("config environment {0:?} needs a base_url")]
    NoBaseUrl(String),
    /// The log file could not be opened.
    #[error("cannot open log file {}: {reason}", path.display())]
    LogFile {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        reason: Cause,
    },
    /// The logger could not start.
    #[error("cannot start logging: {0}")]
    Logging(String),
    /// A base URL that does not parse.
    #[error("base URL {url:?} is not a URL: {reason}")]
    NotAUrl {
        /// The URL.
        url: String,
        /// Why not.
        reason: Cause,
    },
    /// Plain `http://` to a host that is not loopback.
    #[error(
        "base URL {0:?} uses plain http:// to a host that is not loopback; \
         credentials would travel unencrypted, so use https://"
    )]
    PlainHttp(String),
    /// A base URL with a user name or password before the host (shown as `…`).
    #[error(
        "base URL {0:?} holds a user name or password before the host; \
         SkyPostal takes its credentials in the request: remove them from the URL"
    )]
    UrlUserInfo(String),
    /// A base URL with a query or fragment, after which the service path would be lost.
    #[error(
        "base URL {0:?} has a query (?…) or fragment (#…); the service path \
         would be added after it and lost: end the URL with the path (…/wcf-services)"
    )]
    UrlQuery(String),
    /// A scheme other than http and https.
    #[error("base URL {url:?} has scheme {scheme:?}; use https://")]
    Scheme {
        /// The URL.
        url: String,
        /// Its scheme.
        scheme: String,
    },
    /// The CA file could not be read.
    #[error("cannot read CA file {}: {reason}", path.display())]
    CaUnreadable {
        /// The file.
        path: PathBuf,
        /// Why not.
        reason: Cause,
    },
    /// The CA file is not PEM certificates.
    #[error("CA file {} is not PEM certificates: {reason}", path.display())]
    CaNotPem {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        reason: Cause,
    },
    /// A certificate of the CA file cannot serve as a root.
    #[error("CA file {}: certificate {index} cannot be used as a root: {reason}", path.display())]
    CaUnusable {
        /// The file.
        path: PathBuf,
        /// Which certificate, from 1.
        index: usize,
        /// Why not.
        reason: Cause,
    },
    /// The CA file holds no certificate.
    #[error("CA file {} holds no certificate", .0.display())]
    CaEmpty(PathBuf),
    /// The HTTP client could not be built.
    #[error("could not set the HTTP client up{}", .0.as_ref().map(|r| format!(": {r}")).unwrap_or_default())]
    HttpClient(Option<Cause>),
    /// No environment to connect to.
    #[error("no environment to connect to")]
    NoEnvironment,
    /// No client for the environment a request names.
    #[error("no client for this environment")]
    NoClient,
    /// A call whose configured list of paths is empty.
    #[error("no path configured for this call")]
    NoPath,
    /// The request body could not be written.
    #[error("{0}")]
    RequestBody(String),
}

fn syntax_sentence(path: Option<&PathBuf>, at: Option<(usize, usize)>, message: &Cause) -> String {
    let place = at.map_or_else(String::new, |(line, column)| {
        format!("line {line}, column {column}: ")
    });
    match path {
        Some(path) => format!("config file {}: {place}{message}", path.display()),
        None => format!("{place}{message}"),
    }
}
