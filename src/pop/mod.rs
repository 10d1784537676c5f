//! The local endpoint a running skyview listens on, and `skyview pop` sends to: a
//! phone system hands the ringing caller to the window the agent already has open.
//!
//! One endpoint per environment a window is in, for the agent's own user only (a Unix
//! socket in a private directory; a named pipe on Windows). One line of JSON each way:
//! the lookup (`{"email":…}` or `{"box_id":…,"customer_key":…}`), then the answer
//! (`{"accepted":true}` or `{"refused":"malformed"}`). A pop never carries the app
//! key: the window uses its own form's. The protocol is shared here; each platform
//! file only binds, accepts and connects.

#[cfg(unix)]
mod unix;
#[cfg(windows)]
mod windows;

use std::io;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

use crate::api::Secret;
use crate::cause::Cause;
use crate::cli::exit;
use crate::i18n::{Lang, msg};
use crate::oneshot::Failure;
use crate::query::CustomerRef;

#[cfg(unix)]
pub(crate) use unix::{Endpoint, Place};
#[cfg(windows)]
pub(crate) use windows::{Endpoint, Place};

/// The longest line either side reads: an e-mail (254 bytes at most), a box id and a
/// customer key fit many times over.
pub(crate) const MAX_LINE: usize = 4096;

/// How long either side waits for the other's line.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(2);

/// How long `skyview pop` keeps trying to reach a window: a window binds its endpoint
/// after its first frame, so a pop sent as it starts waits for it.
pub(crate) const RETRY_FOR: Duration = Duration::from_secs(1);

/// How often `skyview pop` looks again within [`RETRY_FOR`].
const RETRY_EVERY: Duration = Duration::from_millis(50);

/// A lookup handed to the running window: the customer field and, for a box id, the
/// customer key (never the app key).
#[derive(Debug, PartialEq, Eq)]
pub struct Pop {
    /// What the customer field would hold.
    pub customer: CustomerRef,
    /// The customer key for a box id, when the phone system has it.
    pub customer_key: Option<Secret>,
}

/// Why a window refused a pop; nothing in the window changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Refusal {
    /// Not one line of the JSON described above, or a customer field the form would
    /// refuse.
    Malformed,
    /// Longer than [`MAX_LINE`].
    TooLong,
    /// No whole line within [`TIMEOUT`].
    Timeout,
    /// The window is closing.
    Closing,
}

/// What a window answers.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
enum Answer {
    Accepted { accepted: bool },
    Refused { refused: Refusal },
}

/// The line on the wire. The key is read into a [`Secret`] at once; the struct has no
/// `Debug`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireIn {
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    box_id: Option<String>,
    #[serde(default)]
    customer_key: Option<Secret>,
}

#[derive(Serialize)]
struct WireOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    box_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    customer_key: Option<&'a str>,
}

impl Pop {
    /// Reads one line as a pop: an e-mail alone, or a box id (or suite) with an
    /// optional customer key; anything else is malformed.
    fn parse(line: &str) -> Result<Self, Refusal> {
        let wire: WireIn = serde_json::from_str(line).map_err(|_| Refusal::Malformed)?;
        let customer = match (&wire.email, &wire.box_id, &wire.customer_key) {
            (Some(email), None, None) => as_email(email),
            (None, Some(box_id), _) => as_box_id(box_id),
            _ => None,
        }
        .ok_or(Refusal::Malformed)?;
        Ok(Self {
            customer,
            customer_key: wire.customer_key.filter(|key| !key.expose().is_empty()),
        })
    }

    /// The line `skyview pop` sends, newline included.
    fn to_line(&self) -> String {
        let wire = match &self.customer {
            CustomerRef::Email(email) => WireOut {
                email: Some(email),
                box_id: None,
                customer_key: None,
            },
            CustomerRef::BoxId(id) => WireOut {
                email: None,
                box_id: Some(id.to_string()),
                customer_key: self.customer_key.as_ref().map(Secret::expose),
            },
        };
        // A struct of strings always serializes.
        let mut line = serde_json::to_string(&wire).unwrap_or_default();
        line.push('\n');
        line
    }
}

/// `text` as the e-mail the customer field would take; `None` for anything else.
fn as_email(text: &str) -> Option<CustomerRef> {
    CustomerRef::parse(text)
        .ok()
        .filter(|customer| matches!(customer, CustomerRef::Email(_)))
}

/// `text` as the box id (or suite) the customer field would take, never 0; `None`
/// for anything else.
fn as_box_id(text: &str) -> Option<CustomerRef> {
    CustomerRef::parse(text)
        .ok()
        .filter(|customer| matches!(customer, CustomerRef::BoxId(id) if *id != 0))
}

/// Reads one line of at most [`MAX_LINE`] bytes (newline excluded). `Ok(None)`: the
/// other side closed without writing anything (a window checking that another is
/// alive).
async fn read_line(stream: impl AsyncRead + Unpin) -> Result<Option<String>, Refusal> {
    let mut reader = BufReader::new(stream.take(MAX_LINE as u64 + 1));
    let mut line = Vec::new();
    let read = tokio::time::timeout(TIMEOUT, reader.read_until(b'\n', &mut line)).await;
    match read {
        Err(_) => Err(Refusal::Timeout),
        Ok(Err(_)) => Err(Refusal::Malformed),
        Ok(Ok(0)) => Ok(None),
        Ok(Ok(_)) => {
            if line.pop() != Some(b'\n') {
                return Err(if line.len() >= MAX_LINE {
                    Refusal::TooLong
                } else {
                    Refusal::Malformed
                });
            }
            String::from_utf8(line)
                .map(Some)
                .map_err(|_| Refusal::Malformed)
        }
    }
}

/// Serves one connection: reads the pop, hands it to the window through `pops`, and
/// answers. A malformed, oversized or late line is answered with its refusal and
/// changes nothing.
async fn serve(stream: impl AsyncRead + AsyncWrite + Unpin, pops: &mpsc::Sender<Pop>) {
    let (read, mut write) = tokio::io::split(stream);
    let answer = match read_line(read).await {
        Ok(None) => return,
        Ok(Some(line)) => match Pop::parse(&line) {
            Ok(pop) => {
                tracing::info!("pop received");
                match pops.send(pop).await {
                    Ok(()) => Answer::Accepted { accepted: true },
                    Err(_) => Answer::Refused {
                        refused: Refusal::Closing,
                    },
                }
            }
            Err(refused) => Answer::Refused { refused },
        },
        Err(refused) => Answer::Refused { refused },
    };
    if let Answer::Refused { refused } = &answer {
        tracing::warn!(?refused, "pop refused");
    }
    let mut line = serde_json::to_string(&answer).unwrap_or_default();
    line.push('\n');
    // The sender may have given up already: nothing more to do either way.
    let _ = tokio::time::timeout(TIMEOUT, write.write_all(line.as_bytes())).await;
}

/// The name of the endpoint of a window in the environment labelled `label` (what
/// its header shows: TEST, PROD, DEMO, a configured name): lower case, and nothing
/// but letters, digits, `-` and `_`, so it is a safe file or pipe name.
pub(crate) fn endpoint_name(label: &str) -> String {
    label
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9' | '-' | '_') => c,
            _ => '_',
        })
        .collect()
}

/// What became of a window's attempt to listen.
pub(crate) enum Bound {
    /// Listening: pops arrive on the channel given to [`Endpoint::bind`] until this is
    /// dropped.
    Listening(Endpoint),
    /// Another window of this user in this environment listens already: pops go to it.
    Taken,
}

/// Why `skyview pop` did not hand its lookup over; said in the agent's language by
/// [`SendError::text`].
#[derive(Debug)]
pub(crate) enum SendError {
    /// No window of this user (in that environment) is listening.
    NoWindow(Option<String>),
    /// Several are, and no `--env` says which.
    SeveralWindows(Vec<String>),
    /// The window refused the lookup.
    Refused(Refusal),
    /// The window's answer was not one of those described above.
    Unreadable,
    /// The place pops go to is not safe to use.
    // Only the Unix socket's directory can be unsafe (its mode, its owner); a Windows
    // named pipe has no such place, so nothing there makes this variant.
    #[cfg_attr(not(unix), allow(dead_code))]
    Unsafe {
        /// The directory.
        dir: std::path::PathBuf,
        /// Why not, as the check found it.
        why: Cause,
    },
    /// Talking to the window failed.
    Io(io::Error),
}

impl From<io::Error> for SendError {
    fn from(error: io::Error) -> Self {
        Self::Io(error)
    }
}

impl Refusal {
    /// Why the window refused, in `lang`.
    fn text(self, lang: Lang) -> &'static str {
        use msg::pop as words;
        match self {
            Self::Malformed => words::refusal_malformed(lang),
            Self::TooLong => words::refusal_too_long(lang),
            Self::Timeout => words::refusal_timeout(lang),
            Self::Closing => words::refusal_closing(lang),
        }
    }
}

impl SendError {
    /// The sentence for stderr, in `lang`.
    pub(crate) fn text(&self, lang: Lang) -> String {
        use msg::pop as words;
        match self {
            Self::NoWindow(None) => words::no_window(lang).into(),
            Self::NoWindow(Some(env)) => words::no_window_in(lang, env),
            Self::SeveralWindows(names) => words::several_windows(lang, names.join(", ")),
            Self::Refused(refusal) => words::refused(lang, refusal.text(lang)),
            Self::Unreadable => words::unreadable_answer(lang).into(),
            Self::Unsafe { dir, why } => words::unsafe_dir(lang, dir.display(), why.text(lang)),
            Self::Io(error) => words::unreachable(lang, Cause::io(error).text(lang)),
        }
    }
}

/// Hands `pop` to the running window: the one in environment `env` (a name, as
/// `--env` takes it), or the only one running. Retries for up to [`RETRY_FOR`] while
/// none is found.
pub(crate) async fn send(place: &Place, env: Option<&str>, pop: &Pop) -> Result<(), SendError> {
    let deadline = tokio::time::Instant::now() + RETRY_FOR;
    let wanted = env.map(endpoint_name);
    let stream = loop {
        let mut found = place.connect_all(wanted.as_deref()).await?;
        if found.len() > 1 {
            let mut names: Vec<String> = found.into_iter().map(|(name, _)| name).collect();
            names.sort();
            return Err(SendError::SeveralWindows(names));
        }
        if let Some((_, stream)) = found.pop() {
            break stream;
        }
        if tokio::time::Instant::now() >= deadline {
            return Err(SendError::NoWindow(env.map(str::to_string)));
        }
        tokio::time::sleep(RETRY_EVERY).await;
    };
    exchange(stream, pop).await
}

/// Sends the pop's line and reads the answer.
async fn exchange(stream: impl AsyncRead + AsyncWrite + Unpin, pop: &Pop) -> Result<(), SendError> {
    let (read, mut write) = tokio::io::split(stream);
    let line = pop.to_line();
    tokio::time::timeout(TIMEOUT, write.write_all(line.as_bytes()))
        .await
        .map_err(|_| io::Error::from(io::ErrorKind::TimedOut))??;
    // What goes wrong reading the answer is the answer's fault, not a refusal.
    let answer = match read_line(read).await {
        Ok(Some(answer)) => answer,
        Ok(None) => return Err(io::Error::from(io::ErrorKind::UnexpectedEof).into()),
        Err(Refusal::Timeout) => return Err(io::Error::from(io::ErrorKind::TimedOut).into()),
        Err(_) => return Err(SendError::Unreadable),
    };
    match serde_json::from_str::<Answer>(&answer) {
        Ok(Answer::Accepted { accepted: true }) => Ok(()),
        Ok(Answer::Refused { refused }) => Err(SendError::Refused(refused)),
        _ => Err(SendError::Unreadable),
    }
}

/// What `skyview pop` was given: `--email`, `--box-id`, `--env` and the key read from
/// standard input with `--customer-key-stdin`.
pub(crate) struct Command<'a> {
    /// `--email`.
    pub email: Option<&'a str>,
    /// `--box-id`: a box id or a suite.
    pub box_id: Option<&'a str>,
    /// `--env`: only a window in this environment.
    pub env: Option<&'a str>,
    /// The customer key, for a box id.
    pub customer_key: Option<Secret>,
}

impl Command<'_> {
    /// The pop these flags describe, checked as the form checks the customer field.
    fn pop(self, lang: Lang) -> Result<Pop, Failure> {
        use msg::pop as words;
        let usage = |message: &str| Failure::new(exit::USAGE, message);
        let customer = match (self.email, self.box_id) {
            (Some(_), Some(_)) => return Err(usage(words::both(lang))),
            (None, None) => return Err(usage(words::neither(lang))),
            (Some(email), None) => {
                as_email(email).ok_or_else(|| usage(words::not_an_email(lang)))?
            }
            (None, Some(box_id)) => {
                as_box_id(box_id).ok_or_else(|| usage(words::not_a_box_id(lang)))?
            }
        };
        if matches!(customer, CustomerRef::Email(_)) && self.customer_key.is_some() {
            return Err(usage(words::key_with_email(lang)));
        }
        Ok(Pop {
            customer,
            customer_key: self.customer_key,
        })
    }

    /// Hands the lookup to the running window (see [`send`]); the failure carries the
    /// exit code: 6 when no window runs, 2 for flags or several windows without `--env`.
    pub(crate) async fn run(self, place: &Place, lang: Lang) -> Result<(), Failure> {
        let env = self.env;
        let pop = self.pop(lang)?;
        send(place, env, &pop).await.map_err(|error| {
            let code = match error {
                SendError::NoWindow(_) => exit::NO_WINDOW,
                SendError::SeveralWindows(_) => exit::USAGE,
                SendError::Refused(_)
                | SendError::Unreadable
                | SendError::Unsafe { .. }
                | SendError::Io(_) => exit::RUNTIME,
            };
            Failure::new(code, error.text(lang))
        })
    }
}

#[cfg(test)]
mod tests;
