//! Command-line flags, subcommands, and the names of the environment variables.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

mod help;

pub(crate) use help::command;

/// Environment variable for the partner user code.
pub(crate) const ENV_USER_CODE: &str = "SKYPOSTAL_USER_CODE";
/// Environment variable for the partner app key (there is no flag: flags show in `ps`).
pub(crate) const ENV_APP_KEY: &str = "SKYPOSTAL_APP_KEY";
/// Environment variable for the customer box id.
pub(crate) const ENV_BOX_ID: &str = "SKYPOSTAL_BOX_ID";
/// Environment variable for the customer key (there is no flag: flags show in `ps`).
pub(crate) const ENV_CUSTOMER_KEY: &str = "SKYPOSTAL_CUSTOMER_KEY";
/// Environment variable naming the config file.
pub(crate) const ENV_CONFIG: &str = "SKYVIEW_CONFIG";
/// <https://no-color.org>: present, with any value, turns colours off.
pub(crate) const ENV_NO_COLOR: &str = "NO_COLOR";

/// Exit codes other than success (0), documented in the README and in `--help`.
pub(crate) mod exit {
    /// A runtime failure: the terminal, the demo server, the async runtime.
    pub(crate) const RUNTIME: u8 = 1;
    /// A usage or configuration error (clap uses 2 as well).
    pub(crate) const USAGE: u8 = 2;
    /// No customer found, or SkyPostal rejected the customer credentials.
    pub(crate) const NOT_FOUND: u8 = 3;
    /// SkyPostal reported an error (an error object, or a system error).
    pub(crate) const SKYPOSTAL_ERROR: u8 = 4;
    /// A network, timeout, HTTP or decode failure.
    pub(crate) const LOOKUP_FAILED: u8 = 5;
    /// `skyview pop`: no skyview window of this user is running (in that environment).
    pub(crate) const NO_WINDOW: u8 = 6;
}

/// The command line: flags, then a subcommand. What each does is said in the
/// catalog's `[cli]` group, in the agent's language ([`command`] puts it on); a flag
/// added here needs its words there (a test says which are missing).
#[derive(Debug, Parser)]
#[command(name = "skyview", version)]
pub(crate) struct Cli {
    #[arg(long = "env", value_name = "NAME", global = true)]
    pub env: Option<String>,
    #[arg(long, value_name = "URL", global = true)]
    pub base_url: Option<String>,
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,
    #[arg(long, value_name = "LANG", global = true)]
    pub lang: Option<String>,
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, global = true)]
    pub timeout: Option<Duration>,
    #[arg(long, value_name = "SIZE", value_parser = parse_size, global = true)]
    pub max_body: Option<usize>,
    #[arg(long, value_name = "PEM", global = true)]
    pub ca_file: Option<PathBuf>,
    #[arg(long, value_name = "DURATION", value_parser = parse_idle_lock, global = true)]
    pub idle_lock: Option<IdleLock>,
    #[arg(long, global = true)]
    pub no_color: bool,
    #[arg(long, global = true)]
    pub mouse: bool,
    #[arg(long, value_name = "PATH", global = true)]
    pub log_file: Option<PathBuf>,
    #[arg(long, value_name = "LEVEL", value_parser = crate::logging::parse_level,
          default_value = "info", global = true)]
    pub log_level: tracing::level_filters::LevelFilter,
    #[arg(long, value_name = "N", global = true)]
    pub user_code: Option<String>,
    #[arg(long, value_name = "N", global = true)]
    pub box_id: Option<String>,
    #[arg(long, value_name = "ADDRESS", global = true)]
    pub email: Option<String>,
    #[arg(long)]
    pub lookup: bool,
    #[arg(long, conflicts_with_all = ["base_url", "env"], global = true)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands (their words: the catalog's `[cli]` group).
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    Get {
        #[arg(long, value_enum, default_value_t = Output::Text)]
        output: Output,
        #[arg(long)]
        customer_key_stdin: bool,
        #[arg(long, conflicts_with = "awb")]
        shipments: bool,
        #[arg(long, value_name = "YYYY-MM-DD", requires = "shipments")]
        from: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD", requires = "shipments")]
        to: Option<String>,
        #[arg(long, value_name = "N")]
        awb: Option<u64>,
        /// Print identity and tax numbers in clear in the text output (masked to
        /// their last four by default, as on screen).
        #[arg(long)]
        reveal: bool,
    },
    Pop {
        #[arg(long)]
        customer_key_stdin: bool,
    },
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    Keys,
    DemoServer {
        #[arg(long, default_value_t = 0)]
        port: u16,
    },
}

/// `skyview config …`
#[derive(Debug, Subcommand)]
pub(crate) enum ConfigAction {
    Init {
        #[arg(long)]
        force: bool,
    },
    Path,
}

/// `--lang` and `--config` as given, read before the command line is parsed: the
/// language `--help` is written in depends on them.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct EarlyFlags {
    /// `--lang`.
    pub lang: Option<String>,
    /// `--config`.
    pub config: Option<PathBuf>,
}

/// Finds `--lang X`, `--lang=X`, `--config X` and `--config=X` in `args` (the program
/// name first), up to a `--`; the last of each wins, as with clap.
pub(crate) fn early_flags(args: &[OsString]) -> EarlyFlags {
    let mut flags = EarlyFlags::default();
    let mut args = args.iter().skip(1);
    while let Some(arg) = args.next() {
        let Some(arg) = arg.to_str() else { continue };
        if arg == "--" {
            break;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name, Some(OsString::from(value))),
            None => (arg, None),
        };
        if name != "--lang" && name != "--config" {
            continue;
        }
        let Some(value) = inline.or_else(|| args.next().cloned()) else {
            break;
        };
        if name == "--lang" {
            flags.lang = Some(value.to_string_lossy().into_owned());
        } else {
            flags.config = Some(value.into());
        }
    }
    flags
}

/// `skyview get --output` formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Output {
    /// A readable summary with the verification flags.
    Text,
    /// The parsed customers as JSON, with ISO dates.
    Json,
    /// The response body exactly as received.
    Raw,
}

/// `--idle-lock`: a duration, or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct IdleLock(pub Option<Duration>);

/// Why a value of a flag or of the config file is refused. `Display` is the English
/// clap carries; a person reads `text`, from the catalog, in the config file's errors
/// and in the command line's (where `run` swaps it into clap's sentence).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// Not a duration; the parser's reason.
    #[error("{0} (write it like 15s, 2s or 500ms)")]
    NotADuration(crate::cause::Cause),
    /// A duration of zero.
    #[error("must be longer than zero")]
    ZeroDuration,
    /// Not a size; the text given.
    #[error("{0:?} is not a size (write it like 8MiB or 500000)")]
    NotASize(String),
    /// A size unit skyview does not know.
    #[error("unknown unit {0:?}: use B, KB, KiB, MB or MiB")]
    UnknownUnit(String),
    /// A size of zero.
    #[error("must be larger than zero")]
    ZeroSize,
    /// A size past what a number holds.
    #[error("too large")]
    TooLarge,
    /// A call's path that does not start with `/`.
    #[error("write a path below the base URL starting with /, or a list of them")]
    NotAPath,
    /// A number of caller-check matches outside 1 to 4.
    #[error("must be 1, 2, 3 or 4 (one per question at most)")]
    Matches,
    /// A language skyview does not speak.
    #[error("write en, es or pt")]
    Language,
}

/// Parses `--idle-lock` and the file's `idle_lock`: a duration or `off`.
pub(crate) fn parse_idle_lock(text: &str) -> Result<IdleLock, ValueError> {
    if text.trim().eq_ignore_ascii_case("off") {
        return Ok(IdleLock(None));
    }
    parse_duration(text).map(|d| IdleLock(Some(d)))
}

/// Parses `15s`, `2s`, `500ms`, `1m`; zero is refused (it would fail every lookup).
pub(crate) fn parse_duration(text: &str) -> Result<Duration, ValueError> {
    let duration = humantime::parse_duration(text.trim())
        .map_err(|e| ValueError::NotADuration(crate::cause::Cause::duration(&e)))?;
    if duration.is_zero() {
        return Err(ValueError::ZeroDuration);
    }
    Ok(duration)
}

/// Parses a byte size: a whole number with an optional unit B, KB, KiB, MB or MiB.
pub(crate) fn parse_size(text: &str) -> Result<usize, ValueError> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: usize = number
        .parse()
        .map_err(|_| ValueError::NotASize(text.to_string()))?;
    let factor = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1000,
        "kib" => 1024,
        "mb" => 1_000_000,
        "mib" => 1024 * 1024,
        other => return Err(ValueError::UnknownUnit(other.to_string())),
    };
    match number.checked_mul(factor) {
        Some(0) => Err(ValueError::ZeroSize),
        Some(bytes) => Ok(bytes),
        None => Err(ValueError::TooLarge),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_and_config_are_found_before_parsing() {
        let args = |list: &[&str]| -> Vec<OsString> { list.iter().map(OsString::from).collect() };
        assert_eq!(
            early_flags(&args(&[
                "skyview",
                "get",
                "--lang",
                "pt",
                "--config=/etc/s.toml"
            ])),
            EarlyFlags {
                lang: Some("pt".into()),
                config: Some("/etc/s.toml".into()),
            }
        );
        assert_eq!(
            early_flags(&args(&["skyview", "--lang=es", "--lang", "en"])).lang,
            Some("en".into())
        );
        // After `--` nothing is a flag; a flag with no value is left to clap.
        assert_eq!(
            early_flags(&args(&["skyview", "--", "--lang", "pt"])),
            EarlyFlags::default()
        );
        assert_eq!(
            early_flags(&args(&["skyview", "--lang"])),
            EarlyFlags::default()
        );
    }

    #[test]
    fn sizes_take_binary_and_decimal_units() {
        assert_eq!(parse_size("8MiB"), Ok(8 * 1024 * 1024));
        assert_eq!(parse_size("512KiB"), Ok(512 * 1024));
        assert_eq!(parse_size("100000"), Ok(100_000));
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
        assert!(parse_size("3 GiB").is_err());
    }

    #[test]
    fn durations_refuse_zero_and_nonsense() {
        assert_eq!(parse_duration("2s"), Ok(std::time::Duration::from_secs(2)));
        assert_eq!(
            parse_duration("500ms"),
            Ok(std::time::Duration::from_millis(500))
        );
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("soon").is_err());
    }

    #[test]
    fn idle_lock_takes_off_or_a_duration() {
        assert_eq!(parse_idle_lock("off"), Ok(IdleLock(None)));
        assert_eq!(
            parse_idle_lock("3s"),
            Ok(IdleLock(Some(std::time::Duration::from_secs(3))))
        );
        assert!(parse_idle_lock("never").is_err());
    }
}
