//! Command-line flags and the environment variables that prefill the form.

use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

use crate::api::{Environment, Secret};
use crate::app::Prefill;
use crate::demo;

/// Environment variable for the partner user code.
pub const ENV_USER_CODE: &str = "SKYPOSTAL_USER_CODE";
/// Environment variable for the partner app key (there is no flag: flags show in `ps`).
pub const ENV_APP_KEY: &str = "SKYPOSTAL_APP_KEY";
/// Environment variable for the customer box id.
pub const ENV_BOX_ID: &str = "SKYPOSTAL_BOX_ID";
/// Environment variable for the customer key (there is no flag: flags show in `ps`).
pub const ENV_CUSTOMER_KEY: &str = "SKYPOSTAL_CUSTOMER_KEY";

/// Look a SkyPostal box customer up while the customer is on the line.
#[derive(Debug, Parser)]
#[command(
    name = "skyview",
    version,
    after_help = "Environment: SKYPOSTAL_USER_CODE, SKYPOSTAL_APP_KEY, SKYPOSTAL_BOX_ID and \
                  SKYPOSTAL_CUSTOMER_KEY prefill the form; --user-code and --box-id override them.\n\
                  Exit codes: 0 success, 1 runtime failure (terminal, demo server), 2 usage or \
                  configuration error."
)]
pub struct Cli {
    /// SkyPostal environment to use.
    #[arg(long = "env", value_enum, default_value_t = EnvName::Test)]
    pub env: EnvName,
    /// Base URL, everything up to and including /wcf-services; overrides --env.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Total time one lookup may take, such as 15s, 2s or 500ms.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "15s")]
    pub timeout: Duration,
    /// Largest response accepted, such as 8MiB (default), 512KiB or 100000.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "8MiB")]
    pub max_body: usize,
    /// Extra trusted root certificates (PEM), on top of the operating system's store.
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<std::path::PathBuf>,
    /// Write diagnostics to this file (never credentials or customer data).
    #[arg(long, value_name = "PATH")]
    pub log_file: Option<std::path::PathBuf>,
    /// How much goes to --log-file: error, warn, info, debug or trace.
    #[arg(long, value_name = "LEVEL", value_parser = crate::logging::parse_level, default_value = "info")]
    pub log_level: tracing::level_filters::LevelFilter,
    /// Partner user code (overrides SKYPOSTAL_USER_CODE).
    #[arg(long, value_name = "N")]
    pub user_code: Option<String>,
    /// Customer box id (overrides SKYPOSTAL_BOX_ID).
    #[arg(long, value_name = "N")]
    pub box_id: Option<String>,
    /// Start the built-in demo server and look customers up there.
    #[arg(long, conflicts_with_all = ["base_url"])]
    pub demo: bool,
    /// What to do, when not the interactive lookup.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the demo stand-in of SkyPostal alone and print its base URL.
    DemoServer {
        /// Port on 127.0.0.1; 0 picks a free one.
        #[arg(long, default_value_t = 0)]
        port: u16,
    },
}

/// `--env` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EnvName {
    /// SkyPostal's TEST environment.
    Test,
    /// SkyPostal's PROD environment.
    Prod,
}

impl Cli {
    /// The environment the flags select, the demo aside.
    pub fn environment(&self) -> Environment {
        match (&self.base_url, self.env) {
            (Some(url), _) => Environment::Custom(url.clone()),
            (None, EnvName::Test) => Environment::Test,
            (None, EnvName::Prod) => Environment::Prod,
        }
    }

    /// Form values: flags over environment variables over the demo's sample (in demo
    /// mode). `lookup` reads an environment variable.
    pub fn prefill(&self, lookup: impl Fn(&str) -> Option<String>) -> Prefill {
        let mut prefill = if self.demo {
            Prefill {
                user_code: demo::DEMO_USER_CODE.to_string(),
                app_key: Secret::new(demo::DEMO_APP_KEY),
                box_id: demo::DEMO_BOX_ID.to_string(),
                customer_key: Secret::new(demo::DEMO_CUSTOMER_KEY),
            }
        } else {
            Prefill::default()
        };
        if let Some(v) = lookup(ENV_USER_CODE) {
            prefill.user_code = v;
        }
        if let Some(v) = lookup(ENV_APP_KEY) {
            prefill.app_key = Secret::new(v);
        }
        if let Some(v) = lookup(ENV_BOX_ID) {
            prefill.box_id = v;
        }
        if let Some(v) = lookup(ENV_CUSTOMER_KEY) {
            prefill.customer_key = Secret::new(v);
        }
        if let Some(v) = &self.user_code {
            prefill.user_code = v.clone();
        }
        if let Some(v) = &self.box_id {
            prefill.box_id = v.clone();
        }
        prefill
    }
}

/// Parses `15s`, `2s`, `500ms`, `1m`; zero is refused (it would fail every lookup).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let duration = humantime::parse_duration(text.trim())
        .map_err(|e| format!("{e} (write it like 15s, 2s or 500ms)"))?;
    if duration.is_zero() {
        return Err("must be longer than zero".into());
    }
    Ok(duration)
}

/// Parses a byte size: a whole number with an optional unit B, KB, KiB, MB or MiB.
pub fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: usize = number
        .parse()
        .map_err(|_| format!("{text:?} is not a size (write it like 8MiB or 500000)"))?;
    let factor = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1000,
        "kib" => 1024,
        "mb" => 1_000_000,
        "mib" => 1024 * 1024,
        other => return Err(format!("unknown unit {other:?}: use B, KB, KiB, MB or MiB")),
    };
    match number.checked_mul(factor) {
        Some(0) => Err("must be larger than zero".into()),
        Some(bytes) => Ok(bytes),
        None => Err("too large".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn flags_override_environment_variables() {
        let cli = Cli::parse_from(["skyview", "--box-id", "822222"]);
        let env = |name: &str| match name {
            ENV_BOX_ID => Some("811111".to_string()),
            ENV_USER_CODE => Some("396".to_string()),
            ENV_APP_KEY => Some("k".to_string()),
            _ => None,
        };
        let prefill = cli.prefill(env);
        assert_eq!(prefill.box_id, "822222");
        assert_eq!(prefill.user_code, "396");
        assert_eq!(prefill.app_key.expose(), "k");
        assert!(prefill.customer_key.is_empty());
    }

    #[test]
    fn base_url_overrides_env() {
        let cli = Cli::parse_from([
            "skyview",
            "--env",
            "prod",
            "--base-url",
            "https://example.test/wcf-services",
        ]);
        assert_eq!(cli.environment().label(), "example.test");
        let cli = Cli::parse_from(["skyview", "--env", "prod"]);
        assert_eq!(cli.environment().label(), "PROD");
    }
}
