//! Which language skyview speaks, and where that came from: `--lang`, then the
//! config's `language`, then the first non-empty of `LC_ALL`, `LC_MESSAGES` and
//! `LANG` (POSIX's order), then, on Windows, the user's display language. GNU's
//! `LANGUAGE` is not read. The locale that named the language also names the region,
//! which picks the decimal separator.

use std::fmt;

use super::{Decimal, Lang, msg};

/// The environment variables read, in the order POSIX gives them precedence.
pub const LOCALE_VARS: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

/// What the language is chosen from.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    /// `--lang`, as typed.
    pub flag: Option<&'a str>,
    /// The config file's `language`, as written.
    pub config: Option<&'a str>,
    /// Reads an environment variable.
    pub env: &'a dyn Fn(&str) -> Option<String>,
    /// The operating system's display language (`es-MX`), asked only when no
    /// locale variable is set; `None` where there is none to ask (outside Windows).
    pub system: &'a dyn Fn() -> Option<String>,
}

/// The language chosen, the decimal separator of its region, and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The language.
    pub lang: Lang,
    /// The decimal separator of the locale's region.
    pub decimal: Decimal,
    /// Where the language came from, for `--version` and the log.
    pub source: Source,
}

impl Default for Choice {
    fn default() -> Self {
        Self {
            lang: Lang::En,
            decimal: Decimal::Dot,
            source: Source::Default,
        }
    }
}

/// Where the language came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `--lang`.
    Flag,
    /// The config file's `language`.
    Config,
    /// A locale variable and its value: `LANG=es_MX.UTF-8`.
    Env {
        /// `LC_ALL`, `LC_MESSAGES` or `LANG`.
        var: &'static str,
        /// Its value.
        value: String,
    },
    /// The operating system's display language.
    System(String),
    /// Nothing set: English.
    Default,
}

/// `language es (LANG=es_MX.UTF-8)`: what `--version` and the log's first line say.
impl fmt::Display for Choice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "language {} (", self.lang.code())?;
        match &self.source {
            Source::Flag => write!(f, "--lang {}", self.lang.code())?,
            Source::Config => write!(f, "config language = \"{}\"", self.lang.code())?,
            Source::Env { var, value } => write!(f, "{var}={value}")?,
            Source::System(locale) => write!(f, "system display language {locale}")?,
            Source::Default => f.write_str("no locale set")?,
        }
        f.write_str(")")
    }
}

/// A `--lang` or `language` value that is not one of the languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLanguage {
    /// The value, as given.
    pub value: String,
    /// Whether it came from `--lang` (else from the config's `language`).
    pub from_flag: bool,
    /// The language the environment asks for: the error is said in it too.
    pub environment: Lang,
}

impl UnknownLanguage {
    /// What skyview says before it exits: in English, then in the environment's
    /// language when that is another one.
    pub fn text(&self) -> String {
        let say = |lang| {
            if self.from_flag {
                msg::language::unknown_flag(lang, &self.value)
            } else {
                msg::language::unknown_config(lang, &self.value)
            }
        };
        let english = say(Lang::En);
        let local = say(self.environment);
        if local == english {
            english
        } else {
            format!("{english}\n{local}")
        }
    }
}

/// Chooses the language from `sources`, first set first. A `--lang` or `language`
/// that names no language is refused even when the other decides.
pub fn choose(sources: &Sources<'_>) -> Result<Choice, UnknownLanguage> {
    let from_environment = environment(sources);
    let known = |value: Option<&str>, from_flag: bool| match value {
        None => Ok(None),
        Some(value) => Lang::ALL
            .into_iter()
            .find(|lang| value.trim().eq_ignore_ascii_case(lang.code()))
            .map(Some)
            .ok_or_else(|| UnknownLanguage {
                value: value.to_string(),
                from_flag,
                environment: from_environment.lang,
            }),
    };
    let flag = known(sources.flag, true)?.map(|lang| (lang, Source::Flag));
    let config = known(sources.config, false)?.map(|lang| (lang, Source::Config));
    let Some((lang, source)) = flag.or(config) else {
        return Ok(from_environment);
    };
    // The region still comes from the environment when it speaks the same language:
    // `--lang es` under `es_CO` writes 10,50.
    let decimal = if from_environment.lang == lang {
        from_environment.decimal
    } else {
        Decimal::of(lang, None)
    };
    Ok(Choice {
        lang,
        decimal,
        source,
    })
}

/// The user's display language (Windows: `GetUserPreferredUILanguages`).
#[cfg(windows)]
pub fn system_language() -> Option<String> {
    sys_locale::get_locale()
}

/// Elsewhere the locale variables are the only source.
#[cfg(not(windows))]
pub fn system_language() -> Option<String> {
    None
}

/// The choice the locale variables make, or the system's display language when none
/// is set.
fn environment(sources: &Sources<'_>) -> Choice {
    let set = LOCALE_VARS.into_iter().find_map(|var| {
        let value = (sources.env)(var).filter(|v| !v.trim().is_empty())?;
        Some((value.clone(), Source::Env { var, value }))
    });
    let Some((locale, source)) =
        set.or_else(|| (sources.system)().map(|locale| (locale.clone(), Source::System(locale))))
    else {
        return Choice::default();
    };
    let (lang, region) = parse(&locale);
    Choice {
        lang,
        decimal: Decimal::of(lang, region.as_deref()),
        source,
    }
}

/// The language and region of a POSIX locale (`pt_BR.UTF-8@euro`) or a BCP 47 tag
/// (`es-MX`, as Windows names them): the language whose code it starts with (`es_*`
/// is Spanish, `pt_*` Portuguese), anything else (`C`, `POSIX`, `C.UTF-8`, `fr_FR`)
/// English.
fn parse(locale: &str) -> (Lang, Option<String>) {
    let name = locale.trim().split(['.', '@']).next().unwrap_or_default();
    let mut parts = name.split(['_', '-']);
    let language = parts.next().unwrap_or_default();
    let lang = Lang::ALL
        .into_iter()
        .find(|lang| language.eq_ignore_ascii_case(lang.code()))
        .unwrap_or_default();
    // A region is two letters or three digits (es-419); a script (zh-Hant) is not one.
    let region = parts
        .find(|p| {
            (p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
                || (p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
        })
        .map(str::to_ascii_uppercase);
    (lang, region)
}

#[cfg(test)]
mod tests;
