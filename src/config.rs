//! The config file, and how flags, environment variables, the file and defaults
//! combine, in that order of precedence.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::api::{DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT, EndpointPaths, Environment, Secret};
use crate::app::caller_check::{DEFAULT_MATCHES, Policy};
use crate::app::keys::KeyMap;
use crate::app::{DEFAULT_IDLE_LOCK, EnvChoice, EnvKind};
use crate::cause::{Cause, Kind};
use crate::cli::{
    Cli, ENV_APP_KEY, ENV_BOX_ID, ENV_CONFIG, ENV_CUSTOMER_KEY, ENV_NO_COLOR, ENV_USER_CODE,
    ValueError, parse_duration, parse_idle_lock, parse_size,
};
use crate::demo;
use crate::i18n::Lang;
use crate::query::Prefill;
use crate::setup::SetupError;

mod keys;

pub use keys::{KeysProblem, KeysTable};

/// The commented template `skyview config init` writes.
pub(crate) const TEMPLATE: &str = include_str!("../assets/config.toml");

/// The file as written. Unknown keys are refused, so a typo is not silently ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// The environment to start in.
    pub(crate) default_environment: Option<String>,
    /// Lookup timeout, such as "15s".
    pub(crate) timeout: Option<String>,
    /// Response size cap, such as "8MiB".
    pub(crate) max_body: Option<String>,
    /// Idle lock, such as "15m" or "off".
    pub(crate) idle_lock: Option<String>,
    /// `false`: no colours.
    pub(crate) color: Option<bool>,
    /// `true`: mouse capture.
    pub(crate) mouse: Option<bool>,
    /// The language: "en", "es" or "pt" (read before the command line is parsed:
    /// [`language`]).
    pub(crate) language: Option<String>,
    /// Named environments.
    #[serde(default)]
    pub(crate) environments: BTreeMap<String, FileEnvironment>,
    /// `"offered"` (the default) or `"required"`: whether the values the caller check
    /// asks about stay hidden until the caller has passed it.
    pub(crate) caller_check: Option<CallerCheckMode>,
    /// Matching answers that pass the caller check (1 to 4; 2 by default).
    pub(crate) caller_check_matches: Option<u8>,
    /// `[keys]`: actions bound to other keys than the defaults.
    #[serde(default)]
    pub keys: KeysTable,
    /// The call note's language when the ticket system keeps one (`en`, `es` or `pt`);
    /// by default the agent's.
    pub(crate) note_language: Option<String>,
}

/// The config's `caller_check`; a required check outranks an offered one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum CallerCheckMode {
    /// The check is there; nothing waits on it.
    #[default]
    Offered,
    /// The values it asks about stay hidden, and `v`, Raw and `get --output raw` are
    /// refused, until it has passed.
    Required,
}

impl FileConfig {
    /// The machine-wide file (a call center's policy for every agent) under the user's:
    /// each key the user's file sets wins, an environment as a whole table, except the
    /// caller check's, which the user's file can raise but never lower.
    pub(crate) fn under(self, user: Self) -> Self {
        let machine_policy = self.caller_check.is_some() || self.caller_check_matches.is_some();
        let caller_check_matches = if machine_policy {
            let floor = self.caller_check_matches.unwrap_or(DEFAULT_MATCHES);
            Some(user.caller_check_matches.map_or(floor, |m| m.max(floor)))
        } else {
            user.caller_check_matches
        };
        let mut environments = self.environments;
        environments.extend(user.environments);
        Self {
            default_environment: user.default_environment.or(self.default_environment),
            timeout: user.timeout.or(self.timeout),
            max_body: user.max_body.or(self.max_body),
            idle_lock: user.idle_lock.or(self.idle_lock),
            color: user.color.or(self.color),
            mouse: user.mouse.or(self.mouse),
            language: user.language.or(self.language),
            environments,
            caller_check: user.caller_check.max(self.caller_check),
            caller_check_matches,
            keys: self.keys.under(user.keys),
            note_language: user.note_language.or(self.note_language),
        }
    }
}

/// Where a call center puts the policy for every agent of the machine:
/// `/etc/skyview/config.toml`, or `%ProgramData%\skyview\config.toml` on Windows.
pub(crate) fn machine_location(env: &dyn Fn(&str) -> Option<String>) -> Option<Location> {
    #[cfg(windows)]
    let dir = env("ProgramData")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from);
    #[cfg(not(windows))]
    let dir = {
        let _ = env;
        Some(PathBuf::from("/etc"))
    };
    dir.map(|dir| Location {
        path: dir.join("skyview").join("config.toml"),
        explicit: false,
    })
}

/// One `[environments.NAME]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileEnvironment {
    /// Everything up to and including `/wcf-services`; "test" and "prod" have one built in.
    pub base_url: Option<String>,
    /// Marks a production environment (implied for "prod").
    pub prod: Option<bool>,
    /// Partner user code.
    pub user_code: Option<u64>,
    /// Partner app key, written in the file.
    pub app_key: Option<Secret>,
    /// Name of an environment variable that holds the partner app key.
    pub app_key_env: Option<String>,
    /// Path(s) of `get-shipment-info` below the base URL, tried in order.
    pub shipment_info_path: Option<PathList>,
    /// Path(s) of the partner lookup by e-mail below the base URL, tried in order.
    pub partner_lookup_path: Option<PathList>,
}

/// One path, or several to try in order.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum PathList {
    /// `"/service-customer.svc/shipment/get-shipment-info"`.
    One(String),
    /// `["/first", "/second"]`.
    Many(Vec<String>),
}

/// The preset's paths over the built-in ones; each must start with `/`.
fn endpoint_paths(preset: &FileEnvironment) -> Result<EndpointPaths, SetupError> {
    let mut paths = EndpointPaths::default();
    for (key, list, target) in [
        (
            "shipment_info_path",
            &preset.shipment_info_path,
            &mut paths.shipment_info,
        ),
        (
            "partner_lookup_path",
            &preset.partner_lookup_path,
            &mut paths.partner_lookup,
        ),
    ] {
        let given = match list {
            None => continue,
            Some(PathList::One(path)) => vec![path.clone()],
            Some(PathList::Many(many)) => many.clone(),
        };
        if given.is_empty() || given.iter().any(|p| !p.starts_with('/')) {
            return Err(SetupError::ConfigValue {
                key,
                reason: ValueError::NotAPath,
            });
        }
        *target = given;
    }
    Ok(paths)
}

/// Where the config file is looked for, and whether someone named it explicitly (then
/// a missing file is an error rather than "no config").
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Location {
    /// The path.
    pub path: PathBuf,
    /// Named by `--config` or `SKYVIEW_CONFIG`.
    pub explicit: bool,
}

/// `--config`, else `SKYVIEW_CONFIG`, else `skyview/config.toml` in the platform's
/// config directory (`~/.config` on Linux, honouring `XDG_CONFIG_HOME`; `%APPDATA%` on
/// Windows).
pub(crate) fn locate(
    flag: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<Location> {
    if let Some(path) = flag {
        return Some(Location {
            path: path.to_path_buf(),
            explicit: true,
        });
    }
    if let Some(path) = env(ENV_CONFIG).filter(|p| !p.is_empty()) {
        return Some(Location {
            path: path.into(),
            explicit: true,
        });
    }
    dirs::config_dir().map(|dir| Location {
        path: dir.join("skyview").join("config.toml"),
        explicit: false,
    })
}

/// A loaded file and what is worth warning about.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    /// The parsed file (empty when there is none).
    pub file: FileConfig,
    /// Warnings for the agent, such as a readable file holding a key.
    pub warnings: Vec<ConfigWarning>,
}

/// Something in the config file worth the agent's attention, though it loads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigWarning {
    /// The file holds an app key and others than its owner can read it.
    ReadableKey {
        /// The file.
        path: PathBuf,
    },
}

/// A config file as read from disk, once per run: the language is taken from it
/// before the command line is parsed ([`Contents::language`]), the settings after
/// ([`load`]).
#[derive(Debug)]
pub(crate) struct Contents {
    location: Location,
    text: Result<String, Cause>,
}

impl Contents {
    /// Reads the file at `location`; whatever went wrong is kept for [`load`] to say.
    pub(crate) fn read(location: Location) -> Self {
        let text = crate::files::read_capped(&location.path)
            .and_then(|bytes| String::from_utf8(bytes).map_err(|_| Cause::from(Kind::NotUtf8)));
        Self { location, text }
    }

    /// The file's `language`, read on its own (the language `--help` is written in
    /// depends on it). Any problem with the file is left to [`load`] to report: here
    /// it only means no language.
    pub(crate) fn language(&self) -> Option<String> {
        let table: toml::Table = self.text.as_ref().ok()?.parse().ok()?;
        table.get("language")?.as_str().map(str::to_string)
    }
}

/// Parses the file read. No file at the default place is fine; no file where one was
/// named, or a malformed one, is an error that names the line and column.
pub(crate) fn load(contents: Option<&Contents>) -> Result<Loaded, SetupError> {
    let Some(Contents { location, text }) = contents else {
        return Ok(Loaded::default());
    };
    let path = &location.path;
    let text = match text {
        Ok(text) => text,
        Err(error) if error.kind() == Some(&Kind::NotFound) && !location.explicit => {
            return Ok(Loaded::default());
        }
        Err(error) => {
            return Err(SetupError::ConfigUnreadable {
                path: path.clone(),
                reason: error.clone(),
            });
        }
    };
    let mut file: FileConfig =
        toml::from_str(text).map_err(|e| syntax_error(text, &e, Some(path)))?;
    file.keys.locate(text, Some(path));
    let mut warnings = Vec::new();
    if file.environments.values().any(|e| e.app_key.is_some()) && readable_by_others(path) {
        warnings.push(ConfigWarning::ReadableKey { path: path.clone() });
    }
    Ok(Loaded { file, warnings })
}

/// The machine-wide file (see [`machine_location`]) with the user's put over it (see
/// [`FileConfig::under`]).
pub(crate) fn load_layered(
    machine: Option<&Contents>,
    user: Option<&Contents>,
) -> Result<Loaded, SetupError> {
    let machine = load(machine)?;
    let user = load(user)?;
    let mut warnings = machine.warnings;
    warnings.extend(user.warnings);
    Ok(Loaded {
        file: machine.file.under(user.file),
        warnings,
    })
}

/// Parses the file's text; errors say line and column.
pub fn parse(text: &str) -> Result<FileConfig, SetupError> {
    let mut file: FileConfig = toml::from_str(text).map_err(|e| syntax_error(text, &e, None))?;
    file.keys.locate(text, None);
    Ok(file)
}

fn syntax_error(text: &str, error: &toml::de::Error, path: Option<&Path>) -> SetupError {
    SetupError::ConfigSyntax {
        path: path.map(Path::to_path_buf),
        at: error.span().map(|span| line_and_column(text, span.start)),
        message: Cause::toml(error.message().trim()),
    }
}

fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(unix)]
fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
}

/// Unix only: Windows has no file modes to check; the profile folder the file lives
/// in protects it (docs/windows.md).
#[cfg(not(unix))]
fn readable_by_others(_path: &Path) -> bool {
    false
}

/// One environment, ready to build a client and to show.
#[derive(Clone, Debug)]
pub(crate) struct ResolvedEnvironment {
    /// Where requests go.
    pub environment: Environment,
    /// How the app shows it, with its preset partner credentials.
    pub choice: EnvChoice,
    /// Where the calls of two possible paths go.
    pub paths: EndpointPaths,
}

/// Everything the app needs from flags, environment variables and the file.
#[derive(Clone, Debug)]
pub(crate) struct Resolved {
    /// The environments, the one to start in first.
    pub environments: Vec<ResolvedEnvironment>,
    /// Lookup timeout.
    pub timeout: Duration,
    /// Response size cap.
    pub max_body: usize,
    /// Idle lock, `None` for never.
    pub idle_lock: Option<Duration>,
    /// Colours on.
    pub color: bool,
    /// Mouse capture on.
    pub mouse: bool,
    /// The form's initial values.
    pub prefill: Prefill,
    /// The caller check's policy.
    pub caller_check: crate::app::caller_check::Policy,
    /// The keys: the defaults, with the file's `[keys]` instead.
    pub keys: KeyMap,
    /// The call note's language, when the config sets one.
    pub note_language: Option<Lang>,
}

/// Combines flags over environment variables over the file over defaults. `demo_url`
/// is the built-in demo server's base URL when `--demo` is on.
pub(crate) fn resolve(
    cli: &Cli,
    file: &FileConfig,
    env: &dyn Fn(&str) -> Option<String>,
    demo_url: Option<String>,
) -> Result<Resolved, SetupError> {
    let timeout = match (cli.timeout, &file.timeout) {
        (Some(flag), _) => flag,
        (None, Some(text)) => parse_duration(text).map_err(|reason| SetupError::ConfigValue {
            key: "timeout",
            reason,
        })?,
        (None, None) => DEFAULT_TIMEOUT,
    };
    let max_body = match (cli.max_body, &file.max_body) {
        (Some(flag), _) => flag,
        (None, Some(text)) => parse_size(text).map_err(|reason| SetupError::ConfigValue {
            key: "max_body",
            reason,
        })?,
        (None, None) => DEFAULT_MAX_BODY_BYTES,
    };
    let idle_lock = match (cli.idle_lock, &file.idle_lock) {
        (Some(flag), _) => flag.0,
        (None, Some(text)) => {
            parse_idle_lock(text)
                .map_err(|reason| SetupError::ConfigValue {
                    key: "idle_lock",
                    reason,
                })?
                .0
        }
        (None, None) => Some(DEFAULT_IDLE_LOCK),
    };
    // Present with any value, empty included, turns colours off.
    let no_color_env = env(ENV_NO_COLOR).is_some();
    let color = !cli.no_color && !no_color_env && file.color.unwrap_or(true);
    let mouse = cli.mouse || file.mouse.unwrap_or(false);

    let environments = match demo_url {
        Some(url) => vec![ResolvedEnvironment {
            choice: EnvChoice {
                kind: EnvKind::Demo,
                ..EnvChoice::new("DEMO", false)
            },
            environment: Environment::Demo(url),
            paths: EndpointPaths::default(),
        }],
        None => configured_environments(cli, file, env)?,
    };
    let start = environments.first();
    let mut prefill = if cli.demo {
        demo::prefill()
    } else {
        Prefill {
            user_code: start
                .and_then(|e| e.choice.user_code.clone())
                .unwrap_or_default(),
            app_key: start
                .and_then(|e| e.choice.app_key.clone())
                .unwrap_or_default(),
            ..Prefill::default()
        }
    };
    if let Some(value) = env(ENV_USER_CODE) {
        prefill.user_code = value;
    }
    if let Some(value) = env(ENV_APP_KEY) {
        prefill.app_key = Secret::new(value);
    }
    if let Some(value) = env(ENV_BOX_ID) {
        prefill.box_id = value;
    }
    if let Some(value) = env(ENV_CUSTOMER_KEY) {
        prefill.customer_key = Secret::new(value);
    }
    if let Some(value) = &cli.user_code {
        prefill.user_code = value.clone();
    }
    if let Some(value) = &cli.box_id {
        prefill.box_id = value.clone();
    }
    let caller_check = caller_check_policy(file)?;
    let keys = file.keys.key_map()?;
    let note_language = match file.note_language.as_deref().map(str::trim) {
        None => None,
        // The catalog's languages, by their codes as written.
        Some(code) => Some(
            Lang::ALL
                .into_iter()
                .find(|lang| lang.code() == code)
                .ok_or(SetupError::ConfigValue {
                    key: "note_language",
                    reason: ValueError::Language,
                })?,
        ),
    };
    Ok(Resolved {
        environments,
        timeout,
        max_body,
        idle_lock,
        color,
        mouse,
        prefill,
        caller_check,
        keys,
        note_language,
    })
}

/// The caller check's policy from the file; the matches must be reachable (at most
/// one per question).
fn caller_check_policy(file: &FileConfig) -> Result<Policy, SetupError> {
    let mut policy = Policy {
        required: file.caller_check == Some(CallerCheckMode::Required),
        ..Policy::default()
    };
    if let Some(matches) = file.caller_check_matches {
        if !(1..=4).contains(&matches) {
            return Err(SetupError::ConfigValue {
                key: "caller_check_matches",
                reason: ValueError::Matches,
            });
        }
        policy.matches = usize::from(matches);
    }
    Ok(policy)
}

/// The built-in TEST and PROD plus the file's environments, the selected one first
/// and the rest in name order; `--base-url` replaces the whole list with one.
fn configured_environments(
    cli: &Cli,
    file: &FileConfig,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<ResolvedEnvironment>, SetupError> {
    let selected = cli
        .env
        .clone()
        .or_else(|| file.default_environment.clone())
        .unwrap_or_else(|| "test".into())
        .to_ascii_lowercase();
    if let Some(url) = &cli.base_url {
        let environment = Environment::Custom(url.clone());
        let preset = file
            .environments
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(&selected))
            .map(|(_, preset)| preset);
        let mut choice = EnvChoice::new(environment.label(), false);
        let mut paths = EndpointPaths::default();
        if let Some(preset) = preset {
            choice.user_code = preset.user_code.map(|c| c.to_string());
            choice.app_key = app_key(preset, env);
            paths = endpoint_paths(preset)?;
        }
        return Ok(vec![ResolvedEnvironment {
            environment,
            choice,
            paths,
        }]);
    }
    let mut names: Vec<String> = vec!["test".into(), "prod".into()];
    for name in file.environments.keys() {
        let name = name.to_ascii_lowercase();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    if !names.contains(&selected) {
        return Err(SetupError::UnknownEnvironment {
            name: selected,
            configured: file
                .environments
                .keys()
                .filter(|n| !matches!(n.as_str(), "test" | "prod"))
                .cloned()
                .collect(),
        });
    }
    names.retain(|n| n != &selected);
    names.insert(0, selected);

    let empty = FileEnvironment::default();
    names
        .iter()
        .map(|name| {
            let preset = file
                .environments
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map_or(&empty, |(_, e)| e);
            let environment = match (name.as_str(), &preset.base_url) {
                (_, Some(url)) => Environment::Custom(url.clone()),
                ("test", None) => Environment::Test,
                ("prod", None) => Environment::Prod,
                (other, None) => {
                    return Err(SetupError::NoBaseUrl(other.into()));
                }
            };
            let is_prod = preset.prod.unwrap_or(name == "prod");
            let mut choice = EnvChoice::new(name.to_ascii_uppercase(), is_prod);
            // The badge's colour follows the name the config gives, not the label.
            choice.kind = match name.as_str() {
                "test" => EnvKind::Test,
                "demo" => EnvKind::Demo,
                _ => EnvKind::Other,
            };
            choice.user_code = preset.user_code.map(|c| c.to_string());
            choice.app_key = app_key(preset, env);
            Ok(ResolvedEnvironment {
                environment,
                choice,
                paths: endpoint_paths(preset)?,
            })
        })
        .collect()
}

fn app_key(preset: &FileEnvironment, env: &dyn Fn(&str) -> Option<String>) -> Option<Secret> {
    preset
        .app_key_env
        .as_deref()
        .and_then(env)
        .map(Secret::new)
        .or_else(|| preset.app_key.clone())
}

#[cfg(test)]
mod tests;
