//! All of the app's state and its one synchronous `update`: messages in, state changed,
//! commands out. No I/O, no channels, no clock, so every behaviour is testable without
//! a terminal or a runtime.

pub mod call_note;
pub mod caller_check;
mod copy;
mod filter;
mod form;
pub mod keys;
mod limits;
mod raw;
mod recent;
mod requests;
mod screens;
mod shipments;

use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

pub use copy::CopyItem;
#[cfg(test)]
use copy::dial_string;
pub use filter::Filter;
pub use form::Form;
pub use raw::RawText;
use recent::RECENT_LIMIT;
pub use recent::{Outcome, RecentLookup};
pub use requests::{InFlight, Pending, Reply, Request, RequestId, Requests};
pub use screens::Detail;
pub use shipments::{DateFieldId, DatesForm, Fetched, ShipmentList, ShipmentPanel, Shipments};

use crate::api::{
    ApiError, CallVerdict, Credentials, Customer, Lookup, PartnerLookup, Secret, Tally, Verdict,
};
use crate::query::{FieldId, Prefill, Query};
use keys::{Action, Context, Page};

/// Everything that can happen to the app. No `Debug`: a paste may hold a key, and an
/// answer holds a customer's personal data.
pub enum Msg {
    /// A key was pressed.
    Key(KeyEvent),
    /// Text was pasted (bracketed paste).
    Paste(String),
    /// A click, on what the last frame drew there (`None`: on nothing in particular).
    Click(Option<Target>),
    /// The mouse wheel turned: rows to scroll, positive down.
    Wheel(isize),
    /// The terminal changed size.
    Resize {
        /// New height in rows.
        rows: u16,
    },
    /// Time passed while requests are in flight (the only periodic timer the app has).
    Tick(Vec<(RequestId, Duration)>),
    /// A request finished.
    Loaded {
        /// The request it answers.
        id: RequestId,
        /// What came back.
        reply: Reply,
        /// Local wall time of the answer, for the recent lookups.
        at: time::Time,
    },
    /// `settings.idle_lock` passed without input: wipe the customer and lock.
    IdleLock,
}

/// A successful lookup made ready to show: the answer and its Raw tab text.
///
/// Pretty-printing an 8 MiB body takes longer than a frame, so the runtime builds
/// this off the event loop, and `update` only moves it into place.
#[derive(Clone, Debug)]
pub struct Answer {
    /// The lookup as the client returned it.
    pub lookup: Lookup,
    /// The body pretty-printed and sanitized (the Raw tab).
    pub raw: RawText,
}

impl Answer {
    /// Readies a lookup for display.
    pub fn new(lookup: Lookup) -> Self {
        let raw = RawText::from_body(&lookup.body);
        Self { lookup, raw }
    }
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

/// The idle lock's default: 15 minutes without input.
pub(crate) const DEFAULT_IDLE_LOCK: Duration = Duration::from_secs(15 * 60);

/// How the app is set up: from flags, environment variables and the config file.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The environments to choose from; the first is the one in use at start. The
    /// runtime holds one client per entry, in the same order.
    pub environments: Vec<EnvChoice>,
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
}

impl Default for Settings {
    /// TEST only, idle lock after 15 minutes, no mouse, colour.
    fn default() -> Self {
        Self {
            environments: vec![EnvChoice::new("TEST", false)],
            idle_lock: Some(DEFAULT_IDLE_LOCK),
            mouse: false,
            color: true,
            lookup_at_start: false,
        }
    }
}

/// What `update` asks the runtime to do.
#[derive(Debug, PartialEq, Eq)]
pub enum Cmd {
    /// Send a request.
    Fetch {
        /// Its id.
        id: RequestId,
        /// Index of the environment (and so the client) to send it to.
        environment: usize,
        /// What to send.
        request: Request,
    },
    /// Cancel request `id`, and only it.
    Cancel(RequestId),
    /// Give the terminal back and stop until the shell resumes the app (Ctrl-Z).
    Suspend,
    /// Put `text` on the agent's clipboard (OSC 52). Never a secret.
    Copy {
        /// What to copy.
        text: String,
        /// What it is ("box suite"), for the log; never the text itself.
        what: String,
    },
}

/// Which screen is up, with the state only it uses.
#[derive(Debug)]
pub enum Screen {
    /// The credentials form.
    Form,
    /// A list of customers to choose from (the answer held more than one).
    Choose(Loaded),
    /// One customer's details.
    Detail(Detail),
    /// The idle lock wiped the customer; any key goes back to the form.
    Locked(Wiped),
}

/// What the idle lock wiped besides the customer, the recent lookups and the
/// customer key, for the lock screen to say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Wiped {
    /// The customer field held an e-mail: it finds the customer with no key at all,
    /// so it went too.
    pub email: bool,
}

/// The detail view's tabs, in order (`Tab::VARIANTS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::VariantArray)]
pub enum Tab {
    /// Identity, contact and account flags.
    Profile,
    /// Every address.
    Addresses,
    /// Every phone.
    Phones,
    /// The customer's shipments in a window of dates, and one shipment's tracking.
    Shipments,
    /// The response body, pretty-printed.
    Raw,
}

/// Next and previous in declaration order, wrapping: the tabs, the form's fields.
pub(crate) trait Cycle: strum::VariantArray + PartialEq + Copy {
    /// `by` places further on (back when negative), wrapping.
    fn step(self, by: isize) -> Self {
        let count = Self::VARIANTS.len().max(1) as isize;
        let here = Self::VARIANTS.iter().position(|v| *v == self).unwrap_or(0) as isize;
        let there = (here + by).rem_euclid(count) as usize;
        Self::VARIANTS.get(there).copied().unwrap_or(self)
    }

    /// The one after, wrapping.
    fn next(self) -> Self {
        self.step(1)
    }

    /// The one before, wrapping.
    fn prev(self) -> Self {
        self.step(-1)
    }
}

impl<T: strum::VariantArray + PartialEq + Copy> Cycle for T {}

/// A box drawn over the screen; it takes every key until closed (Esc closes it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// Keys of the current screen.
    Help,
    /// This session's lookups; Enter repeats the highlighted one.
    Recent {
        /// Index of the highlighted entry in `App::recent`.
        selected: usize,
    },
    /// The accounts an e-mail belongs to; Enter looks the highlighted one up.
    Accounts {
        /// The e-mail that found them.
        email: String,
        /// The accounts, in SkyPostal's order.
        accounts: Vec<Account>,
        /// Index of the highlighted account.
        selected: usize,
    },
    /// What can be copied from the customer on display.
    CopyMenu {
        /// The items offered, in order.
        items: Vec<CopyItem>,
        /// Index of the highlighted item.
        selected: usize,
    },
}

/// One account found by e-mail. Its credentials hold the received key: never shown,
/// and gone when the list closes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// The customer's full name.
    pub name: String,
    /// What looks the customer up.
    credentials: Credentials,
}

impl Account {
    /// The customer's box id.
    pub fn box_id(&self) -> u64 {
        self.credentials.customer_box_id
    }
}

/// What a mouse click landed on, as the last frame's layout tells (the UI resolves
/// it before `update` sees the click).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A tab title in the detail view.
    Tab(Tab),
    /// A field of the form.
    Field(FieldId),
    /// A row of the list of customers.
    Customer(usize),
    /// A row of the recent lookups.
    Recent(usize),
    /// A row of the copy menu.
    CopyItem(usize),
    /// A row of the accounts an e-mail belongs to.
    Account(usize),
    /// Outside the open overlay.
    OutsideOverlay,
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

/// A successful answer with at least one customer, and the one highlighted.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The credentials the lookup sent, for the calls about this customer that follow
    /// (`Debug` redacts the keys).
    pub credentials: Credentials,
    /// The customers, in SkyPostal's order.
    pub customers: Vec<Customer>,
    /// The response body pretty-printed and sanitized (Raw tab).
    pub raw: RawText,
    /// Each customer's [`Tally`], in the same order, worked out once per answer.
    pub tallies: Vec<Tally>,
    /// Index of the customer shown (or highlighted, on the list).
    pub selected: usize,
}

impl Loaded {
    /// The box id that was asked for (the suite is built from it).
    pub fn box_id(&self) -> u64 {
        self.credentials.customer_box_id
    }

    /// The customer shown or highlighted.
    pub fn customer(&self) -> Option<&Customer> {
        self.customers.get(self.selected)
    }

    /// Its [`Tally`] (all zero when there is none).
    pub(crate) fn tally(&self) -> Tally {
        self.tallies.get(self.selected).copied().unwrap_or_default()
    }
}

/// The whole state of the app.
#[derive(Debug)]
pub struct App {
    /// Setup, including the environments to choose from.
    pub settings: Settings,
    /// Index of the environment in use in `settings.environments` (and in the
    /// runtime's clients).
    pub environment_index: usize,
    /// The credentials form; kept as typed whatever happens (the idle lock empties
    /// its customer key).
    pub form: Form,
    /// The screen on display, with its own state.
    pub screen: Screen,
    /// The box drawn over the screen, if any.
    pub overlay: Option<Overlay>,
    /// The requests in flight.
    pub requests: Requests,
    /// The outcome of the last lookup, when it was not a customer.
    pub notice: Option<Notice>,
    /// A short confirmation in the footer ("Copied box suite MX811111"); the next
    /// key clears it.
    pub toast: Option<String>,
    /// This session's answered lookups, newest first.
    pub recent: Vec<RecentLookup>,
    /// Today's date, for ages; set by the runtime, fixed in tests.
    pub today: time::Date,
    /// Height of the terminal, for paging.
    pub rows: u16,
    /// Set once the agent asked to leave.
    pub quit: bool,
}

/// Lines or items a turn of the mouse wheel scrolls.
pub(crate) const WHEEL_STEP: isize = 3;

impl App {
    /// A new app on the form.
    ///
    /// `settings.environments` should not be empty; if it is, a TEST entry stands in.
    /// The first environment's preset user code and app key, if any, fill the form
    /// where `prefill` left it empty.
    pub fn new(mut settings: Settings, prefill: &Prefill, today: time::Date) -> Self {
        if settings.environments.is_empty() {
            settings.environments.push(EnvChoice::new("TEST", false));
        }
        let environment = settings
            .environments
            .first()
            .cloned()
            .unwrap_or_else(|| EnvChoice::new("TEST", false));
        let mut prefill = prefill.clone();
        if prefill.user_code.trim().is_empty()
            && let Some(code) = &environment.user_code
        {
            prefill.user_code.clone_from(code);
        }
        if prefill.app_key.expose().trim().is_empty()
            && let Some(key) = &environment.app_key
        {
            prefill.app_key = key.clone();
        }
        Self {
            settings,
            environment_index: 0,
            form: Form::new(&prefill),
            screen: Screen::Form,
            overlay: None,
            requests: Requests::default(),
            notice: None,
            toast: None,
            recent: Vec::new(),
            today,
            rows: 24,
            quit: false,
        }
    }

    /// The environment in use.
    pub fn environment(&self) -> &EnvChoice {
        // `new` makes sure there is at least one.
        self.settings
            .environments
            .get(self.environment_index)
            .or_else(|| self.settings.environments.first())
            .unwrap_or(&FALLBACK_ENVIRONMENT)
    }

    /// Whether a lookup is in flight: the agent waits for it, and Esc cancels it.
    /// What is fetched alongside the customer on display (its shipments) is not one.
    pub(crate) fn is_loading(&self) -> bool {
        self.requests.has_lookup()
    }

    /// The customers on screen (the list, or the one shown), if any.
    pub fn loaded(&self) -> Option<&Loaded> {
        match &self.screen {
            Screen::Choose(loaded) => Some(loaded),
            Screen::Detail(detail) => Some(&detail.loaded),
            Screen::Form | Screen::Locked(_) => None,
        }
    }

    /// The customer on display, if any.
    pub fn customer(&self) -> Option<&Customer> {
        self.loaded()?.customer()
    }

    /// The shipment highlighted on the Shipments tab (or open from it), if any.
    pub fn highlighted_shipment(&self) -> Option<&crate::api::ShipmentRow> {
        match &self.screen {
            Screen::Detail(detail) => detail.highlighted_shipment(),
            _ => None,
        }
    }

    /// Whether a text field has focus, so single letters are typed, not commands:
    /// always on the form, while the `/` filter is being typed, and while the
    /// Shipments tab's date form is open.
    pub(crate) fn text_has_focus(&self) -> bool {
        self.overlay.is_none()
            && match &self.screen {
                Screen::Form => true,
                Screen::Detail(detail) => detail.is_filtering() || detail.shipments.dates.is_some(),
                Screen::Choose(_) | Screen::Locked(_) => false,
            }
    }

    /// What is on screen, for the footer's keys.
    pub fn page(&self) -> Page {
        match (&self.overlay, &self.screen) {
            (Some(Overlay::Help), _) => Page::Help,
            (Some(Overlay::Recent { .. }), _) => Page::Recent,
            (Some(Overlay::CopyMenu { .. }), _) => Page::CopyMenu,
            (Some(Overlay::Accounts { .. }), _) => Page::Accounts,
            (None, Screen::Locked(_)) => Page::Locked,
            (None, _) if self.is_loading() => Page::Loading,
            (None, Screen::Form) => Page::Form,
            (None, Screen::Choose(_)) => Page::Choose,
            (None, Screen::Detail(detail)) if detail.shipments.dates.is_some() => Page::Dates,
            (None, Screen::Detail(detail)) if detail.shipments.open.is_some() => Page::Shipment,
            (None, Screen::Detail(detail)) if detail.is_filtering() => Page::Filter,
            (None, Screen::Detail(_)) => Page::Detail,
        }
    }

    /// Whether `action` does something on the screen as it is (the footer offers
    /// only those).
    pub fn offers(&self, action: Action) -> bool {
        match (&self.screen, action) {
            (Screen::Detail(detail), Action::Filter) => {
                matches!(detail.tab, Tab::Addresses | Tab::Phones | Tab::Shipments)
            }
            (Screen::Detail(detail), Action::RevealIds) => {
                detail.tab == Tab::Profile || detail.shipments.open.is_some()
            }
            (
                Screen::Detail(detail),
                Action::Open | Action::EarlierWindow | Action::LaterWindow | Action::PickDates,
            ) => detail.tab == Tab::Shipments,
            _ => true,
        }
    }

    /// Whether what `action` toggles is on (secrets revealed, ids shown).
    pub(crate) fn is_on(&self, action: Action) -> bool {
        match (&self.screen, action) {
            (_, Action::RevealKeys) => self.form.revealed(),
            (Screen::Detail(detail), Action::RevealIds) => detail.reveal_ids,
            _ => false,
        }
    }

    /// Applies one message; returns what the runtime must do.
    pub fn update(&mut self, msg: Msg) -> Vec<Cmd> {
        let mut cmds = self.dispatch(msg);
        cmds.extend(self.cancel_orphans());
        cmds
    }

    /// Cancels what was fetched for a customer no longer on screen, whichever way it
    /// left (a failed lookup, another customer, the list): its answer would be dropped
    /// anyway, and the request holds the customer's credentials until then.
    fn cancel_orphans(&mut self) -> Vec<Cmd> {
        let wanted = match &self.screen {
            Screen::Detail(detail) => detail.shipments.in_flight(),
            _ => Vec::new(),
        };
        self.requests
            .cancel_alongside_except(&wanted)
            .into_iter()
            .map(Cmd::Cancel)
            .collect()
    }

    fn dispatch(&mut self, msg: Msg) -> Vec<Cmd> {
        match msg {
            Msg::Key(key) if key.kind == KeyEventKind::Press => self.on_key(key),
            Msg::Key(_) => vec![],
            Msg::Paste(text) => {
                self.toast = None;
                if self.overlay.is_some() {
                    return vec![];
                }
                match &mut self.screen {
                    Screen::Form => self.form.paste(&text),
                    Screen::Detail(detail) => detail.paste(&text),
                    Screen::Choose(_) | Screen::Locked(_) => {}
                }
                vec![]
            }
            Msg::Click(target) => self.on_click(target),
            Msg::Wheel(delta) => {
                self.on_wheel(delta);
                vec![]
            }
            Msg::Resize { rows, .. } => {
                self.rows = rows;
                vec![]
            }
            Msg::Tick(elapsed) => {
                self.requests.tick(&elapsed);
                vec![]
            }
            Msg::Loaded { id, reply, at } => {
                let Some(flight) = self.requests.finish(id) else {
                    return vec![]; // Stale: replaced or cancelled since.
                };
                let mut entry = RecentLookup {
                    box_id: 0,
                    email: None,
                    name: None,
                    environment: flight.environment,
                    environment_label: self.environment().label.clone(),
                    at,
                    outcome: Outcome::NotFound,
                    customer_key: Secret::default(),
                };
                match (flight.pending, reply) {
                    (Pending::Customer { credentials, email }, Reply::Customer(result)) => {
                        entry.box_id = credentials.customer_box_id;
                        // A received key is not kept: the repeat asks by e-mail again.
                        if email.is_none() {
                            entry.customer_key = credentials.customer_key.clone();
                        }
                        entry.email = email;
                        self.on_customer(entry, credentials, result)
                    }
                    (
                        Pending::Partner {
                            email,
                            user_code,
                            app_key,
                        },
                        Reply::Partner(result),
                    ) => {
                        entry.email = Some(email);
                        self.on_partner(entry, user_code, &app_key, result)
                    }
                    (Pending::Shipments { .. }, Reply::Shipments(result)) => {
                        self.on_shipments(id, result);
                        vec![]
                    }
                    (Pending::Shipment { .. }, Reply::Shipment(result)) => {
                        self.on_shipment(id, result);
                        vec![]
                    }
                    // Each id is sent with its own kind: no other pair arrives.
                    _ => vec![],
                }
            }
            Msg::IdleLock => self.lock(),
        }
    }

    /// Routes a key: the bindings of each context in turn (see [`keys`]), then the
    /// screen on display.
    fn on_key(&mut self, key: KeyEvent) -> Vec<Cmd> {
        match keys::action(Context::Always, &key) {
            Some(Action::Quit) => return self.request_quit(),
            Some(Action::Suspend) => return vec![Cmd::Suspend],
            _ => {}
        }
        self.toast = None;
        if matches!(self.screen, Screen::Locked(_))
            && keys::action(Context::Locked, &key) == Some(Action::Wake)
        {
            // The key that wakes the screen does nothing else.
            self.screen = Screen::Form;
            return vec![];
        }
        match keys::action(Context::Global, &key) {
            Some(Action::ToggleHelp) => return self.toggle_overlay(Overlay::Help),
            Some(Action::ToggleRecent) => {
                return self.toggle_overlay(Overlay::Recent { selected: 0 });
            }
            Some(Action::NextEnvironment) => return self.next_environment(),
            _ => {}
        }
        if self.overlay.is_some() {
            return self.on_overlay_key(key);
        }
        if self.is_loading() && keys::action(Context::InFlight, &key) == Some(Action::Cancel) {
            self.notice = Some(Notice {
                severity: Severity::Info,
                text: "Lookup cancelled. Press Enter to send it again.".into(),
            });
            return self
                .requests
                .cancel_lookups()
                .into_iter()
                .map(Cmd::Cancel)
                .collect();
        }
        if !self.text_has_focus() {
            match keys::action(Context::OffText, &key) {
                Some(Action::Help) => self.overlay = Some(Overlay::Help),
                Some(Action::Recent) => self.overlay = Some(Overlay::Recent { selected: 0 }),
                _ => return self.on_screen_key(key),
            }
            return vec![];
        }
        self.on_screen_key(key)
    }

    fn on_screen_key(&mut self, key: KeyEvent) -> Vec<Cmd> {
        match &self.screen {
            Screen::Form => self.on_form_key(key),
            Screen::Choose(_) => self.on_choose_key(key),
            Screen::Detail(_) => self.on_detail_key(key),
            Screen::Locked(_) => vec![],
        }
    }

    /// Opens `overlay`, or closes it when one of its kind is already open.
    fn toggle_overlay(&mut self, overlay: Overlay) -> Vec<Cmd> {
        let same = self
            .overlay
            .as_ref()
            .is_some_and(|o| std::mem::discriminant(o) == std::mem::discriminant(&overlay));
        self.overlay = if same { None } else { Some(overlay) };
        vec![]
    }

    fn request_quit(&mut self) -> Vec<Cmd> {
        self.quit = true;
        vec![]
    }

    /// Rows a page key moves.
    fn page_rows(&self) -> usize {
        usize::from(self.rows.saturating_sub(8) / 2).max(1)
    }

    /// Cancels every request in flight, each by its id.
    fn cancel_all(&mut self) -> Vec<Cmd> {
        self.requests
            .cancel_all()
            .into_iter()
            .map(Cmd::Cancel)
            .collect()
    }

    /// Asks the runtime to copy `item` of the customer on display, and says so.
    fn copy(&mut self, item: CopyItem) -> Vec<Cmd> {
        let Some(loaded) = self.loaded() else {
            return vec![];
        };
        let Some(customer) = loaded.customer() else {
            return vec![];
        };
        let Some(text) = item.text(customer, loaded.box_id(), self.highlighted_shipment()) else {
            return vec![];
        };
        let what = item.name(customer);
        self.toast = Some(format!("Copied {what} {text}"));
        vec![Cmd::Copy { text, what }]
    }

    /// F2 / Ctrl-N: the next environment, wrapping.
    fn next_environment(&mut self) -> Vec<Cmd> {
        let count = self.settings.environments.len();
        if count <= 1 {
            self.toast = Some(format!(
                "Only one environment is configured: {}",
                self.environment().label
            ));
            return vec![];
        }
        self.set_environment((self.environment_index + 1) % count)
    }

    /// Switches to environment `index`: its preset user code and app key replace
    /// the form's (the form keeps what is typed where it has none), the requests in
    /// flight are cancelled, the notice and the customer of the old environment go,
    /// and the form comes up.
    fn set_environment(&mut self, index: usize) -> Vec<Cmd> {
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
        self.toast = Some(format!("Environment: {}", choice.label));
        self.environment_index = index;
        self.notice = None;
        self.overlay = None;
        self.screen = Screen::Form;
        cancelled
    }

    /// Repeats recent lookup `index`: its environment, box id and customer key (or its
    /// e-mail), with the partner credentials on the form.
    fn repeat(&mut self, index: usize) -> Vec<Cmd> {
        let Some(entry) = self.recent.get(index).cloned() else {
            return vec![];
        };
        self.overlay = None;
        let mut cmds = if entry.environment == self.environment_index {
            vec![]
        } else {
            self.set_environment(entry.environment)
        };
        match &entry.email {
            Some(email) => self.form.set_value(FieldId::BoxId, email),
            None => {
                self.form
                    .set_value(FieldId::BoxId, &entry.box_id.to_string());
                self.form
                    .set_value(FieldId::CustomerKey, entry.customer_key.expose());
            }
        }
        cmds.extend(self.submit());
        cmds
    }

    /// `--lookup`: the lookup the app starts with, when asked for; an incomplete
    /// form stays up with its missing fields marked.
    pub fn start(&mut self) -> Vec<Cmd> {
        if self.settings.lookup_at_start {
            self.submit()
        } else {
            vec![]
        }
    }

    /// Validates the form and, if it holds, sends a new lookup (replacing the lookup
    /// in flight, by box id or by e-mail, if any).
    fn submit(&mut self) -> Vec<Cmd> {
        let Some(query) = self.form.validate() else {
            self.screen = Screen::Form;
            return vec![];
        };
        match query {
            Query::Customer(credentials) => self.look_up(credentials, None),
            Query::Email {
                user_code,
                app_key,
                email,
            } => {
                let pending = Pending::Partner {
                    email: email.clone(),
                    user_code,
                    app_key: app_key.clone(),
                };
                let request = Request::Partner {
                    user_code,
                    app_key,
                    email,
                };
                self.send(pending, request)
            }
        }
    }

    /// Looks a customer up: typed, or found by `email`.
    fn look_up(&mut self, credentials: Credentials, email: Option<String>) -> Vec<Cmd> {
        let pending = Pending::Customer {
            credentials: credentials.clone(),
            email,
        };
        self.send(pending, Request::Customer(credentials))
    }

    /// Sends a lookup; the lookups in flight (by box id or by e-mail) go.
    fn send(&mut self, pending: Pending, request: Request) -> Vec<Cmd> {
        let mut cmds: Vec<Cmd> = self
            .requests
            .cancel_lookups()
            .into_iter()
            .map(Cmd::Cancel)
            .collect();
        let (id, _) = self.requests.start(self.environment_index, pending);
        self.notice = None;
        cmds.push(Cmd::Fetch {
            id,
            environment: self.environment_index,
            request,
        });
        cmds
    }

    /// An e-mail lookup answered: one account is looked up as if typed, several are
    /// listed to choose from, none leaves the form as it was with a notice.
    fn on_partner(
        &mut self,
        mut entry: RecentLookup,
        user_code: u64,
        app_key: &Secret,
        result: Result<PartnerLookup, ApiError>,
    ) -> Vec<Cmd> {
        let lookup = match result {
            Ok(lookup) => lookup,
            Err(error) => {
                entry.outcome = Outcome::Failed(error.class());
                self.remember(entry);
                self.fail(Severity::Error, error.to_string());
                return vec![];
            }
        };
        let email = entry.email.clone().unwrap_or_default();
        let (severity, outcome, text) = match lookup.verdict() {
            CallVerdict::Found(found) => {
                let mut accounts: Vec<Account> = found
                    .iter()
                    .filter_map(|a| {
                        Some(Account {
                            name: a.full_name(),
                            credentials: a.credentials(user_code, app_key)?,
                        })
                    })
                    .collect();
                if accounts.len() > 1 {
                    self.screen = Screen::Form;
                    self.overlay = Some(Overlay::Accounts {
                        email,
                        accounts,
                        selected: 0,
                    });
                    return vec![];
                }
                if let Some(account) = accounts.pop() {
                    return self.look_up(account.credentials, Some(email));
                }
                (Severity::Warning, Outcome::NotFound, no_account(user_code))
            }
            CallVerdict::NotFound => (Severity::Warning, Outcome::NotFound, no_account(user_code)),
            CallVerdict::Rejected(reason) => (
                Severity::Warning,
                Outcome::Rejected,
                format!("SkyPostal refused the e-mail lookup: {reason}"),
            ),
            CallVerdict::SkyPostalError(reason) => (
                Severity::Error,
                Outcome::Failed("skypostal"),
                format!("SkyPostal reported an error: {reason}"),
            ),
            CallVerdict::SystemError(reason) => (
                Severity::SystemError,
                Outcome::SystemError,
                format!(
                    "SkyPostal failed on its side (system error): {reason}. Retry in a moment."
                ),
            ),
        };
        entry.outcome = outcome;
        self.remember(entry);
        self.fail(severity, text);
        vec![]
    }

    /// Looks up account `index` of the list an e-mail found (the highlighted one when
    /// `None`); the list, and the keys it held, go.
    fn open_account(&mut self, index: Option<usize>) -> Vec<Cmd> {
        let Some(Overlay::Accounts {
            email,
            mut accounts,
            selected,
        }) = self.overlay.take()
        else {
            return vec![];
        };
        let index = index.unwrap_or(selected);
        if index >= accounts.len() {
            return vec![];
        }
        let account = accounts.swap_remove(index);
        self.look_up(account.credentials, Some(email))
    }

    /// A customer lookup answered: the customers come up (one at once, with its
    /// shipments asked for with the `credentials` the lookup sent), or the form with
    /// a notice.
    fn on_customer(
        &mut self,
        mut entry: RecentLookup,
        credentials: Credentials,
        result: Result<Answer, ApiError>,
    ) -> Vec<Cmd> {
        let Answer { lookup, raw } = match result {
            Ok(answer) => answer,
            Err(error) => {
                entry.outcome = Outcome::Failed(error.class());
                self.remember(entry);
                self.fail(Severity::Error, error.to_string());
                return vec![];
            }
        };
        let verdict = lookup.verdict();
        if let Some(problem) = verdict.problem(entry.box_id, &self.environment().label) {
            let (severity, outcome, text) = match verdict {
                Verdict::SystemError(_) => (
                    Severity::SystemError,
                    Outcome::SystemError,
                    format!("{problem}. Retry in a moment."),
                ),
                Verdict::Rejected(_) => (Severity::Warning, Outcome::Rejected, problem),
                Verdict::NotFound | Verdict::Found => (
                    Severity::Warning,
                    Outcome::NotFound,
                    format!("{}.", capitalised(&problem)),
                ),
            };
            entry.outcome = outcome;
            self.remember(entry);
            self.fail(severity, text);
            return vec![];
        }
        entry.name = lookup.customers.first().map(Customer::full_name);
        entry.outcome = Outcome::Found(lookup.customers.len());
        self.remember(entry);
        let several = lookup.customers.len() > 1;
        let loaded = Loaded {
            credentials,
            raw,
            tallies: lookup.customers.iter().map(Customer::tally).collect(),
            customers: lookup.customers,
            selected: 0,
        };
        self.overlay = None;
        if several {
            self.screen = Screen::Choose(loaded);
            return vec![];
        }
        self.show_detail(loaded)
    }

    /// Shows a customer's details and asks for its shipments alongside.
    fn show_detail(&mut self, loaded: Loaded) -> Vec<Cmd> {
        self.screen = Screen::Detail(Detail::new(loaded, self.today));
        self.fetch_shipments()
    }

    /// Adds a lookup to the top of the recent list, dropping the oldest past the limit.
    fn remember(&mut self, entry: RecentLookup) {
        self.recent.insert(0, entry);
        self.recent.truncate(RECENT_LIMIT);
    }

    /// Back to the form, every value kept, with a sentence saying what happened.
    fn fail(&mut self, severity: Severity, text: String) {
        self.screen = Screen::Form;
        self.notice = Some(Notice { severity, text });
    }

    /// The idle lock: the customers, the raw body, the filter, the recent lookups and
    /// the form's customer key go; the user code, app key and box id stay. An e-mail
    /// in the customer field goes too: it would find the customer again without any
    /// key.
    fn lock(&mut self) -> Vec<Cmd> {
        let cancelled = self.cancel_all();
        self.recent.clear();
        self.overlay = None;
        self.toast = None;
        self.notice = None;
        let email = !crate::query::key_needed(self.form.value(FieldId::BoxId));
        if email {
            self.form.clear(FieldId::BoxId);
        }
        self.form.clear(FieldId::CustomerKey);
        self.form.hide_secrets();
        // Back on the field the next lookup needs first.
        self.form.set_focus(if email {
            FieldId::BoxId
        } else {
            FieldId::CustomerKey
        });
        self.screen = Screen::Locked(Wiped { email });
        cancelled
    }

    fn on_wheel(&mut self, delta: isize) {
        let code = if delta > 0 {
            KeyCode::Down
        } else {
            KeyCode::Up
        };
        match &mut self.overlay {
            Some(Overlay::Recent { selected }) => {
                move_selection(selected, self.recent.len(), code, 1);
            }
            Some(Overlay::CopyMenu { items, selected }) => {
                move_selection(selected, items.len(), code, 1);
            }
            Some(Overlay::Accounts {
                accounts, selected, ..
            }) => move_selection(selected, accounts.len(), code, 1),
            Some(Overlay::Help) => {}
            None => match &mut self.screen {
                Screen::Detail(detail) => detail.scroll_by(delta),
                Screen::Choose(loaded) => {
                    move_selection(&mut loaded.selected, loaded.customers.len(), code, 1);
                }
                Screen::Form | Screen::Locked(_) => {}
            },
        }
    }

    /// A click, on `target` if it landed on one.
    fn on_click(&mut self, target: Option<Target>) -> Vec<Cmd> {
        self.toast = None;
        if matches!(self.screen, Screen::Locked(_)) {
            self.screen = Screen::Form;
            return vec![];
        }
        match target {
            Some(Target::Tab(tab)) => {
                if let Screen::Detail(detail) = &mut self.screen {
                    detail.switch_tab(tab);
                }
            }
            Some(Target::Field(field)) => self.form.set_focus(field),
            Some(Target::Customer(index)) => return self.open_customer(Some(index)),
            Some(Target::Recent(index)) => return self.repeat(index),
            Some(Target::Account(index)) => return self.open_account(Some(index)),
            Some(Target::CopyItem(index)) => {
                let item = match &self.overlay {
                    Some(Overlay::CopyMenu { items, .. }) => items.get(index).copied(),
                    _ => None,
                };
                self.overlay = None;
                return item.map(|i| self.copy(i)).unwrap_or_default();
            }
            Some(Target::OutsideOverlay) => self.overlay = None,
            None => {}
        }
        vec![]
    }
}

/// Stands in when the settings hold no environment (`App::new` prevents that).
static FALLBACK_ENVIRONMENT: EnvChoice = EnvChoice {
    label: String::new(),
    is_prod: false,
    user_code: None,
    app_key: None,
};

/// Moves a list highlight with the arrow, page and Home/End keys.
fn move_selection(selected: &mut usize, count: usize, code: KeyCode, page: usize) {
    let last = count.saturating_sub(1);
    *selected = match code {
        KeyCode::Up => selected.saturating_sub(1),
        KeyCode::Down => (*selected + 1).min(last),
        KeyCode::PageUp => selected.saturating_sub(page),
        KeyCode::PageDown => (*selected + page).min(last),
        KeyCode::Home => 0,
        KeyCode::End => last,
        _ => *selected,
    };
}

/// A duration the way the lock screen says it: "15 min", "3 s", "1 h 30 min".
pub(crate) fn human_duration(duration: Duration) -> String {
    let seconds = duration.as_secs();
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut parts = Vec::new();
    if hours > 0 {
        parts.push(format!("{hours} h"));
    }
    if minutes > 0 {
        parts.push(format!("{minutes} min"));
    }
    if seconds > 0 || parts.is_empty() {
        parts.push(format!("{seconds} s"));
    }
    parts.join(" ")
}

/// The sentence for an e-mail no account of partner `user_code` has.
fn no_account(user_code: u64) -> String {
    format!("No account found for this e-mail under partner {user_code}.")
}

/// `clause` as the start of a sentence: its first letter in capitals.
fn capitalised(clause: &str) -> String {
    let mut chars = clause.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
