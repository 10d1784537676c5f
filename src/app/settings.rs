//! How the app is set up, and the environment in use.

use std::time::Duration;

use super::keys::KeyMap;
use super::{App, Cmd, FieldId, Screen, Toast};
use crate::api::Secret;
use crate::i18n::{Decimal, Lang};

/// An environment the agent can look customers up in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvChoice {
    /// What the screen calls it: TEST, PROD, DEMO, a configured name or a host.
    pub label: String,
    /// Production: shown in its own colour on every screen.
    pub is_prod: bool,
    /// Which of skyview's own environments it is, if one: its badge's colour.
    pub kind: EnvKind,
    /// Partner user code preset for this environment, if any.
    pub user_code: Option<String>,
    /// Partner app key preset for this environment, if any.
    pub app_key: Option<Secret>,
}

impl EnvChoice {
    /// An environment with no preset credentials.
    pub fn new(label: impl Into<String>, is_prod: bool) -> Self {
        Self {
            label: label.into(),
            is_prod,
            kind: EnvKind::Other,
            user_code: None,
            app_key: None,
        }
    }

    /// SkyPostal's TEST environment, with no preset credentials.
    pub fn test() -> Self {
        Self {
            kind: EnvKind::Test,
            ..Self::new("TEST", false)
        }
    }
}

/// Which of skyview's own environments an [`EnvChoice`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvKind {
    /// SkyPostal's TEST.
    Test,
    /// The built-in demo server.
    Demo,
    /// PROD, or one from the config file or `--base-url`.
    Other,
}

/// The idle lock's default: 15 minutes without input.
pub(crate) const DEFAULT_IDLE_LOCK: Duration = Duration::from_secs(15 * 60);

/// How the app is set up: from flags, environment variables and the config file.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The environments to choose from; the first is the one in use at start. The
    /// runtime holds one client per entry, in the same order.
    pub environments: Vec<EnvChoice>,
    /// The language every word on screen is in.
    pub lang: Lang,
    /// The decimal separator amounts and weights are written with.
    pub decimal: Decimal,
    /// Time without input after which the customer is wiped and the screen locks;
    /// `None` never locks.
    pub idle_lock: Option<Duration>,
    /// Capture the mouse (clicks and wheel). Off by default: capture blocks the
    /// terminal's own text selection.
    pub mouse: bool,
    /// Draw in colour; `false` (`NO_COLOR`, `--no-color`) draws no colour at all.
    pub color: bool,
    /// `--lookup`: send the lookup at start when the form is complete.
    pub lookup_at_start: bool,
    /// Which key does what.
    pub keys: KeyMap,
    /// The caller check's policy (config `caller_check`, `caller_check_matches`).
    pub caller_check: super::caller_check::Policy,
    /// The local time zone's offset: the call note's time carries it.
    pub utc_offset: time::UtcOffset,
    /// The call note's language (config `note_language`), when not the agent's: a
    /// ticket system often keeps one language.
    pub note_language: Option<Lang>,
}

impl Default for Settings {
    /// TEST only, idle lock after 15 minutes, no mouse, colour, the default keys.
    fn default() -> Self {
        Self {
            environments: vec![EnvChoice::test()],
            lang: Lang::default(),
            decimal: Decimal::default(),
            idle_lock: Some(DEFAULT_IDLE_LOCK),
            mouse: false,
            color: true,
            lookup_at_start: false,
            keys: KeyMap::default(),
            caller_check: super::caller_check::Policy::default(),
            utc_offset: time::UtcOffset::UTC,
            note_language: None,
        }
    }
}

impl App {
    /// The environment in use.
    pub fn environment(&self) -> &EnvChoice {
        // `new` makes sure there is at least one.
        self.settings
            .environments
            .get(self.environment_index)
            .or_else(|| self.settings.environments.first())
            .unwrap_or(&FALLBACK_ENVIRONMENT)
    }

    /// F2 / Ctrl-N: the next environment, wrapping; its connection is warmed up
    /// while the agent types the customer.
    pub(super) fn next_environment(&mut self) -> Vec<Cmd> {
        let count = self.settings.environments.len();
        if count <= 1 {
            self.toast = Some(Toast::OnlyEnvironment(self.environment().label.clone()));
            return vec![];
        }
        let mut cmds = self.set_environment((self.environment_index + 1) % count);
        cmds.push(Cmd::WarmUp {
            environment: self.environment_index,
        });
        cmds
    }

    /// Switches to environment `index`: its preset user code and app key replace
    /// the form's (the form keeps what is typed where it has none), the requests in
    /// flight are cancelled, the notice and the customer of the old environment go,
    /// and the form comes up. Nothing changes when it is the environment in use.
    pub(super) fn set_environment(&mut self, index: usize) -> Vec<Cmd> {
        if index == self.environment_index {
            return vec![];
        }
        let Some(choice) = self.settings.environments.get(index).cloned() else {
            return vec![];
        };
        let cancelled = self.cancel_all();
        if let Some(code) = &choice.user_code {
            self.form.set_value(FieldId::UserCode, code);
        }
        if let Some(key) = &choice.app_key {
            self.form.set_value(FieldId::AppKey, key.expose());
        }
        self.toast = Some(Toast::Environment(choice.label.clone()));
        self.environment_index = index;
        self.notice = None;
        self.overlay = None;
        self.screen = Screen::Form;
        cancelled
    }
}

/// Stands in when the settings hold no environment (`App::new` prevents that).
static FALLBACK_ENVIRONMENT: EnvChoice = EnvChoice {
    label: String::new(),
    is_prod: false,
    kind: EnvKind::Other,
    user_code: None,
    app_key: None,
};
