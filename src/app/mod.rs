//! All of the app's state and its one synchronous `update`: messages in, state changed,
//! commands out. No I/O, no channels, no clock, so every behaviour is testable without
//! a terminal or a runtime.

mod form;

use std::time::Duration;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub use form::{FieldId, Form, Prefill};

use crate::api::{ApiError, Checked, Credentials, Customer, Lookup, Secret};

/// Identifies one request, so a result that arrives after it was replaced or
/// cancelled is recognised and dropped.
pub type RequestId = u64;

/// Everything that can happen to the app.
#[derive(Debug)]
pub enum Msg {
    /// A key was pressed.
    Key(KeyEvent),
    /// Text was pasted (bracketed paste).
    Paste(String),
    /// The terminal changed size; `rows` is its new height.
    Resize {
        /// New height in rows.
        rows: u16,
    },
    /// Time passed while a request is in flight (the only timer the app has).
    Tick {
        /// Time since the request was sent.
        elapsed: Duration,
    },
    /// A request finished.
    Loaded {
        /// The request it answers.
        id: RequestId,
        /// What came back.
        result: Result<Lookup, ApiError>,
    },
}

/// An environment the agent can look customers up in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvChoice {
    /// What the screen calls it: TEST, PROD, DEMO, a configured name or a host.
    pub label: String,
    /// Production: shown in its own colour on every screen.
    pub is_prod: bool,
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
            user_code: None,
            app_key: None,
        }
    }
}

/// How the app is set up: from flags, environment variables and the config file.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The environments to choose from; the first is the one in use at start. The
    /// runtime holds one client per entry, in the same order.
    pub environments: Vec<EnvChoice>,
}

/// What `update` asks the runtime to do.
#[derive(Debug, PartialEq, Eq)]
pub enum Cmd {
    /// Send a lookup; any request still in flight is cancelled first.
    Fetch {
        /// Its id.
        id: RequestId,
        /// Index of the environment (and so the client) to send it to.
        environment: usize,
        /// What to send.
        credentials: Credentials,
    },
    /// Cancel the request in flight.
    Cancel,
    /// Leave the app.
    Quit,
}

/// Which screen is up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The credentials form.
    Form,
    /// A list of customers to choose from (the answer held more than one).
    Choose,
    /// One customer's details.
    Detail,
}

/// The detail view's tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// Identity, contact and account flags.
    Profile,
    /// Every address.
    Addresses,
    /// Every phone.
    Phones,
}

impl Tab {
    /// All tabs, in order.
    pub const ALL: [Tab; 3] = [Self::Profile, Self::Addresses, Self::Phones];

    fn next(self) -> Self {
        match self {
            Self::Profile => Self::Addresses,
            Self::Addresses => Self::Phones,
            Self::Phones => Self::Profile,
        }
    }

    fn prev(self) -> Self {
        match self {
            Self::Profile => Self::Phones,
            Self::Addresses => Self::Profile,
            Self::Phones => Self::Addresses,
        }
    }
}

/// How serious a notice is; the UI colours it, and its words say it too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// Something the agent did (cancelled).
    Info,
    /// An answer that is not a customer (none found, credentials rejected).
    Warning,
    /// A failure: network, HTTP, decoding.
    Error,
    /// SkyPostal says the failure is on its side (`system_error: true`).
    SystemError,
}

/// A message on the form about the last lookup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// How serious.
    pub severity: Severity,
    /// The sentence to show.
    pub text: String,
}

/// A request in flight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InFlight {
    /// Its id.
    pub id: RequestId,
    /// The box id asked for.
    pub box_id: u64,
    /// Time since it was sent, as of the last tick.
    pub elapsed: Duration,
    /// Frame of the spinner.
    pub spinner: usize,
}

/// A successful answer with at least one customer.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The box id that was asked for (the suite is built from it).
    pub box_id: u64,
    /// The customers, in SkyPostal's order.
    pub customers: Vec<Customer>,
}

/// The whole state of the app.
#[derive(Debug)]
pub struct App {
    /// Setup, including the environments to choose from.
    pub settings: Settings,
    /// The environment in use.
    pub environment: EnvChoice,
    /// Its index in `settings.environments` (and in the runtime's clients).
    pub environment_index: usize,
    /// The credentials form; kept as typed whatever happens.
    pub form: Form,
    /// The screen on display.
    pub screen: Screen,
    /// The request in flight, if any.
    pub in_flight: Option<InFlight>,
    /// The outcome of the last lookup, when it was not a customer.
    pub notice: Option<Notice>,
    /// The last answer with customers.
    pub loaded: Option<Loaded>,
    /// Index of the customer shown (or highlighted, on the choose screen).
    pub selected: usize,
    /// The tab on display in the detail view.
    pub tab: Tab,
    /// First row shown on the current tab (a line on Profile, an item elsewhere).
    pub scroll: usize,
    /// Today's date, for ages; set by the runtime, fixed in tests.
    pub today: time::Date,
    /// Height of the terminal, for paging.
    pub rows: u16,
    /// Set once the agent asked to leave.
    pub quit: bool,
    next_id: RequestId,
}

impl App {
    /// A new app on the form.
    ///
    /// `settings.environments` should not be empty; if it is, a TEST entry stands in.
    pub fn new(mut settings: Settings, prefill: &Prefill, today: time::Date) -> Self {
        if settings.environments.is_empty() {
            settings.environments.push(EnvChoice::new("TEST", false));
        }
        let environment = settings
            .environments
            .first()
            .cloned()
            .unwrap_or_else(|| EnvChoice::new("TEST", false));
        Self {
            settings,
            environment,
            environment_index: 0,
            form: Form::new(prefill),
            screen: Screen::Form,
            in_flight: None,
            notice: None,
            loaded: None,
            selected: 0,
            tab: Tab::Profile,
            scroll: 0,
            today,
            rows: 24,
            quit: false,
            next_id: 0,
        }
    }

    /// Whether a request is in flight (the runtime ticks only then).
    pub fn is_loading(&self) -> bool {
        self.in_flight.is_some()
    }

    /// The customer on display, if any.
    pub fn customer(&self) -> Option<&Customer> {
        self.loaded.as_ref()?.customers.get(self.selected)
    }

    /// Applies one message; returns what the runtime must do.
    pub fn update(&mut self, msg: Msg) -> Vec<Cmd> {
        match msg {
            Msg::Key(key) if key.kind == KeyEventKind::Press => self.on_key(key),
            Msg::Key(_) => vec![],
            Msg::Paste(text) => {
                if self.screen == Screen::Form {
                    self.form.paste(&text);
                }
                vec![]
            }
            Msg::Resize { rows } => {
                self.rows = rows;
                vec![]
            }
            Msg::Tick { elapsed } => {
                if let Some(flight) = &mut self.in_flight {
                    flight.elapsed = elapsed;
                    flight.spinner = flight.spinner.wrapping_add(1);
                }
                vec![]
            }
            Msg::Loaded { id, result } => {
                self.on_loaded(id, result);
                vec![]
            }
        }
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Cmd> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char('c' | 'q')) {
            self.quit = true;
            return vec![Cmd::Quit];
        }
        if key.code == KeyCode::Esc && self.in_flight.take().is_some() {
            self.notice = Some(Notice {
                severity: Severity::Info,
                text: "Lookup cancelled. Press Enter to send it again.".into(),
            });
            return vec![Cmd::Cancel];
        }
        match self.screen {
            Screen::Form => self.on_form_key(key),
            Screen::Choose => self.on_choose_key(key),
            Screen::Detail => self.on_detail_key(key),
        }
    }

    fn on_form_key(&mut self, key: KeyEvent) -> Vec<Cmd> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => return self.submit(),
            KeyCode::Tab | KeyCode::Down => self.form.focus_next(),
            KeyCode::BackTab | KeyCode::Up => self.form.focus_prev(),
            KeyCode::Char('r') if ctrl => self.form.toggle_reveal(),
            _ => self.form.handle_event(&Event::Key(key)),
        }
        vec![]
    }

    fn on_choose_key(&mut self, key: KeyEvent) -> Vec<Cmd> {
        let count = self.loaded.as_ref().map_or(0, |l| l.customers.len());
        match key.code {
            KeyCode::Up => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            KeyCode::Home => self.selected = 0,
            KeyCode::End => self.selected = count.saturating_sub(1),
            KeyCode::Enter => self.open_detail(),
            KeyCode::Esc => self.screen = Screen::Form,
            KeyCode::Char('r') => return self.submit(),
            KeyCode::Char('q') => {
                self.quit = true;
                return vec![Cmd::Quit];
            }
            _ => {}
        }
        vec![]
    }

    fn on_detail_key(&mut self, key: KeyEvent) -> Vec<Cmd> {
        let page = usize::from(self.rows.saturating_sub(8) / 2).max(1);
        match key.code {
            KeyCode::Tab | KeyCode::Right => self.switch_tab(self.tab.next()),
            KeyCode::BackTab | KeyCode::Left => self.switch_tab(self.tab.prev()),
            KeyCode::Char('1') => self.switch_tab(Tab::Profile),
            KeyCode::Char('2') => self.switch_tab(Tab::Addresses),
            KeyCode::Char('3') => self.switch_tab(Tab::Phones),
            KeyCode::Up => self.scroll_by(-1),
            KeyCode::Down => self.scroll_by(1),
            KeyCode::PageUp => self.scroll_by(-(page as isize)),
            KeyCode::PageDown => self.scroll_by(page as isize),
            KeyCode::Home => self.scroll = 0,
            KeyCode::End => self.scroll = self.scroll_limit(),
            KeyCode::Esc => {
                let several = self.loaded.as_ref().is_some_and(|l| l.customers.len() > 1);
                self.screen = if several {
                    Screen::Choose
                } else {
                    Screen::Form
                };
            }
            KeyCode::Char('r') => return self.submit(),
            KeyCode::Char('q') => {
                self.quit = true;
                return vec![Cmd::Quit];
            }
            _ => {}
        }
        vec![]
    }

    fn switch_tab(&mut self, tab: Tab) {
        self.tab = tab;
        self.scroll = 0;
    }

    /// The last row that may be first on screen: the last item of a list tab; on
    /// Profile, a bound the renderer clamps further.
    fn scroll_limit(&self) -> usize {
        let Some(customer) = self.customer() else {
            return 0;
        };
        match self.tab {
            Tab::Profile => PROFILE_SCROLL_LIMIT,
            Tab::Addresses => customer.customer_address.len().saturating_sub(1),
            Tab::Phones => customer.customer_phone.len().saturating_sub(1),
        }
    }

    fn scroll_by(&mut self, delta: isize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.scroll_limit());
    }

    fn open_detail(&mut self) {
        self.screen = Screen::Detail;
        self.switch_tab(Tab::Profile);
    }

    /// Validates the form and, if it holds, sends a new request (replacing any).
    fn submit(&mut self) -> Vec<Cmd> {
        let Some(credentials) = self.form.validate() else {
            self.screen = Screen::Form;
            return vec![];
        };
        self.next_id += 1;
        self.in_flight = Some(InFlight {
            id: self.next_id,
            box_id: credentials.customer_box_id,
            elapsed: Duration::ZERO,
            spinner: 0,
        });
        self.notice = None;
        vec![Cmd::Fetch {
            id: self.next_id,
            environment: self.environment_index,
            credentials,
        }]
    }

    fn on_loaded(&mut self, id: RequestId, result: Result<Lookup, ApiError>) {
        let Some(flight) = self.in_flight.take_if(|f| f.id == id) else {
            return; // Stale: replaced or cancelled since.
        };
        let customers = match result {
            Ok(lookup) => lookup.customers,
            Err(error) => return self.fail(Severity::Error, error.to_string()),
        };
        let Some(first) = customers.first() else {
            return self.fail(
                Severity::Warning,
                format!(
                    "No customer found for box id {} in {}.",
                    flight.box_id, self.environment.label
                ),
            );
        };
        if !first.verified() {
            let error = first.reported_error();
            let description = error
                .and_then(|e| e.error_description.non_empty())
                .unwrap_or("no reason given");
            let system = error.is_some_and(|e| e.system_error);
            let (severity, text) = if system {
                (
                    Severity::SystemError,
                    format!(
                        "SkyPostal failed on its side (system error): {description}. Retry in a moment."
                    ),
                )
            } else {
                (
                    Severity::Warning,
                    format!(
                        "SkyPostal rejected these customer credentials (invalid or expired box id / key): \
                         {description}"
                    ),
                )
            };
            return self.fail(severity, text);
        }
        let several = customers.len() > 1;
        self.loaded = Some(Loaded {
            box_id: flight.box_id,
            customers,
        });
        self.selected = 0;
        if several {
            self.screen = Screen::Choose;
        } else {
            self.open_detail();
        }
    }

    /// Back to the form, every value kept, with a sentence saying what happened.
    fn fail(&mut self, severity: Severity, text: String) {
        self.screen = Screen::Form;
        self.notice = Some(Notice { severity, text });
    }
}

/// Profile has a fixed, short list of rows; this bounds scrolling past them.
const PROFILE_SCROLL_LIMIT: usize = 24;

#[cfg(test)]
mod tests;
