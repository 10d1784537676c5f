//! All of the app's state and its one synchronous `update`: messages in, state changed,
//! commands out. No I/O, no channels, no clock, so every behaviour is testable without
//! a terminal or a runtime.

mod copy;
mod filter;
mod form;
mod limits;
mod raw;
mod recent;

use std::time::Duration;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

pub use copy::{CopyItem, address_line, dial_string, phone_dial_string};
pub use filter::Filter;
pub use form::{FieldId, Form, Prefill};
pub use raw::RawText;
pub use recent::{Outcome, RECENT_LIMIT, RecentLookup};

use crate::api::{ApiError, Checked, Credentials, Customer, Lookup, Secret, Tally};

/// Identifies one request, so a result that arrives after it was replaced or
/// cancelled is recognised and dropped.
pub type RequestId = u64;

/// Everything that can happen to the app. No `Debug`: a paste may hold a key, and an
/// answer holds a customer's personal data.
pub enum Msg {
    /// A key was pressed.
    Key(KeyEvent),
    /// Text was pasted (bracketed paste).
    Paste(String),
    /// The mouse was clicked or its wheel turned (only with `settings.mouse`).
    Mouse(MouseEvent),
    /// The terminal changed size.
    Resize {
        /// New width in columns.
        cols: u16,
        /// New height in rows.
        rows: u16,
    },
    /// Time passed while a request is in flight (the only periodic timer the app has).
    Tick {
        /// Time since the request was sent.
        elapsed: Duration,
    },
    /// A request finished.
    Loaded {
        /// The request it answers.
        id: RequestId,
        /// What came back.
        result: Result<Answer, ApiError>,
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
pub const DEFAULT_IDLE_LOCK: Duration = Duration::from_secs(15 * 60);

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
}

impl Default for Settings {
    /// TEST only, idle lock after 15 minutes, no mouse, colour.
    fn default() -> Self {
        Self {
            environments: vec![EnvChoice::new("TEST", false)],
            idle_lock: Some(DEFAULT_IDLE_LOCK),
            mouse: false,
            color: true,
        }
    }
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
    /// Put `text` on the agent's clipboard (OSC 52). Never a secret.
    Copy {
        /// What to copy.
        text: String,
        /// What it is ("box suite"), for the log; never the text itself.
        what: String,
    },
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
    /// The idle lock wiped the customer; any key goes back to the form.
    Locked,
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
    /// The response body, pretty-printed.
    Raw,
}

impl Tab {
    /// All tabs, in order.
    pub const ALL: [Tab; 4] = [Self::Profile, Self::Addresses, Self::Phones, Self::Raw];

    fn next(self) -> Self {
        match self {
            Self::Profile => Self::Addresses,
            Self::Addresses => Self::Phones,
            Self::Phones => Self::Raw,
            Self::Raw => Self::Profile,
        }
    }

    fn prev(self) -> Self {
        match self {
            Self::Profile => Self::Raw,
            Self::Addresses => Self::Profile,
            Self::Phones => Self::Addresses,
            Self::Raw => Self::Phones,
        }
    }
}

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
    /// What can be copied from the customer on display.
    CopyMenu {
        /// The items offered, in order.
        items: Vec<CopyItem>,
        /// Index of the highlighted item.
        selected: usize,
    },
}

/// What a mouse click landed on, as [`crate::ui::hit_test`] finds it.
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

/// A request in flight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InFlight {
    /// Its id.
    pub id: RequestId,
    /// The box id asked for.
    pub box_id: u64,
    /// Index of the environment it was sent to.
    pub environment: usize,
    /// Time since it was sent, as of the last tick.
    pub elapsed: Duration,
    /// Frame of the spinner.
    pub spinner: usize,
    /// The customer key sent, for the recent lookups.
    customer_key: Secret,
}

/// A successful answer with at least one customer.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The box id that was asked for (the suite is built from it).
    pub box_id: u64,
    /// The customers, in SkyPostal's order.
    pub customers: Vec<Customer>,
    /// The response body pretty-printed and sanitized (Raw tab).
    pub raw: RawText,
    /// Each customer's [`Tally`], in the same order, worked out once per answer.
    pub tallies: Vec<Tally>,
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
    /// The credentials form; kept as typed whatever happens (the idle lock empties
    /// its customer key).
    pub form: Form,
    /// The screen on display.
    pub screen: Screen,
    /// The box drawn over the screen, if any.
    pub overlay: Option<Overlay>,
    /// The request in flight, if any.
    pub in_flight: Option<InFlight>,
    /// The outcome of the last lookup, when it was not a customer.
    pub notice: Option<Notice>,
    /// A short confirmation in the footer ("Copied box suite MX811111"); the next
    /// key clears it.
    pub toast: Option<String>,
    /// The last answer with customers.
    pub loaded: Option<Loaded>,
    /// Index of the customer shown (or highlighted, on the choose screen).
    pub selected: usize,
    /// The tab on display in the detail view.
    pub tab: Tab,
    /// First row shown on the current tab (a line on Profile and Raw, an item
    /// elsewhere; with a filter, an index into its matches).
    pub scroll: usize,
    /// The largest [`App::scroll`] that still fills the content area, as the last
    /// frame measured it (it depends on the window and on wrapping); `None` until a
    /// frame of this tab was drawn.
    pub scroll_max: std::cell::Cell<Option<usize>>,
    /// The `/` filter on the Addresses or Phones tab.
    pub filter: Option<Filter>,
    /// Whether identity and tax numbers show in clear (`v`); masked otherwise.
    pub reveal_ids: bool,
    /// This session's answered lookups, newest first.
    pub recent: Vec<RecentLookup>,
    /// Today's date, for ages; set by the runtime, fixed in tests.
    pub today: time::Date,
    /// Width of the terminal, for mouse hit-testing.
    pub cols: u16,
    /// Height of the terminal, for paging and hit-testing.
    pub rows: u16,
    /// Set once the agent asked to leave.
    pub quit: bool,
    next_id: RequestId,
}

/// Lines or items a turn of the mouse wheel scrolls.
const WHEEL_STEP: isize = 3;

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
            environment,
            environment_index: 0,
            form: Form::new(&prefill),
            screen: Screen::Form,
            overlay: None,
            in_flight: None,
            notice: None,
            toast: None,
            loaded: None,
            selected: 0,
            tab: Tab::Profile,
            scroll: 0,
            scroll_max: std::cell::Cell::new(None),
            filter: None,
            reveal_ids: false,
            recent: Vec::new(),
            today,
            cols: 80,
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

    /// The [`Tally`] of the customer on display (all zero when there is none).
    pub fn tally(&self) -> Tally {
        self.loaded
            .as_ref()
            .and_then(|l| l.tallies.get(self.selected))
            .copied()
            .unwrap_or_default()
    }

    /// Whether a text field has focus, so single letters are typed, not commands:
    /// always on the form, and while the `/` filter is being typed.
    pub fn text_has_focus(&self) -> bool {
        self.overlay.is_none()
            && (self.screen == Screen::Form
                || (self.screen == Screen::Detail
                    && self.filter.as_ref().is_some_and(|f| f.editing)))
    }

    /// The filter on the tab on display, if any.
    pub fn active_filter(&self) -> Option<&Filter> {
        self.filter.as_ref().filter(|f| f.tab == self.tab)
    }

    /// Applies one message; returns what the runtime must do.
    pub fn update(&mut self, msg: Msg) -> Vec<Cmd> {
        match msg {
            Msg::Key(key) if key.kind == KeyEventKind::Press => self.on_key(key),
            Msg::Key(_) => vec![],
            Msg::Paste(text) => {
                self.toast = None;
                if self.overlay.is_some() {
                    return vec![];
                }
                if self.screen == Screen::Form {
                    self.form.paste(&text);
                } else if let Some(filter) = self.filter.as_mut().filter(|f| f.editing) {
                    limits::paste_into(&mut filter.input, &text, limits::FILTER_MAX_CHARS);
                    filter.refresh();
                    self.scroll = 0;
                }
                vec![]
            }
            Msg::Mouse(event) => self.on_mouse(event),
            Msg::Resize { cols, rows } => {
                self.cols = cols;
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
            Msg::Loaded { id, result, at } => {
                self.on_loaded(id, result, at);
                vec![]
            }
            Msg::IdleLock => self.lock(),
        }
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Cmd> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char('c' | 'q')) {
            return self.request_quit();
        }
        self.toast = None;
        if self.screen == Screen::Locked {
            // The key that wakes the screen does nothing else.
            self.screen = Screen::Form;
            return vec![];
        }
        let letters = !self.text_has_focus();
        match key.code {
            KeyCode::F(1) => {
                self.toggle_overlay(Overlay::Help);
                return vec![];
            }
            KeyCode::F(2) => return self.next_environment(),
            KeyCode::Char('n') if ctrl => return self.next_environment(),
            KeyCode::F(3) => {
                self.toggle_overlay(Overlay::Recent { selected: 0 });
                return vec![];
            }
            _ => {}
        }
        if self.overlay.is_some() {
            return self.on_overlay_key(key);
        }
        if key.code == KeyCode::Esc && self.in_flight.take().is_some() {
            self.notice = Some(Notice {
                severity: Severity::Info,
                text: "Lookup cancelled. Press Enter to send it again.".into(),
            });
            return vec![Cmd::Cancel];
        }
        if letters && !ctrl {
            match key.code {
                KeyCode::Char('?') => {
                    self.overlay = Some(Overlay::Help);
                    return vec![];
                }
                KeyCode::Char('h') => {
                    self.overlay = Some(Overlay::Recent { selected: 0 });
                    return vec![];
                }
                _ => {}
            }
        }
        match self.screen {
            Screen::Form => self.on_form_key(key),
            Screen::Choose => self.on_choose_key(key),
            Screen::Detail => self.on_detail_key(key),
            Screen::Locked => vec![],
        }
    }

    /// Opens `overlay`, or closes it when one of its kind is already open.
    fn toggle_overlay(&mut self, overlay: Overlay) {
        let same = self
            .overlay
            .as_ref()
            .is_some_and(|o| std::mem::discriminant(o) == std::mem::discriminant(&overlay));
        self.overlay = if same { None } else { Some(overlay) };
    }

    fn on_overlay_key(&mut self, key: KeyEvent) -> Vec<Cmd> {
        if key.code == KeyCode::Esc {
            self.overlay = None;
            return vec![];
        }
        let page = self.page();
        match &mut self.overlay {
            // Any key closes help.
            Some(Overlay::Help) | None => self.overlay = None,
            Some(Overlay::Recent { selected }) => {
                let count = self.recent.len();
                match key.code {
                    KeyCode::Enter => {
                        let index = *selected;
                        return self.repeat(index);
                    }
                    KeyCode::Char('h' | 'q') => self.overlay = None,
                    code => move_selection(selected, count, code, page),
                }
            }
            Some(Overlay::CopyMenu { items, selected }) => match key.code {
                KeyCode::Enter => {
                    let item = items.get(*selected).copied();
                    self.overlay = None;
                    return item.map(|i| self.copy(i)).unwrap_or_default();
                }
                KeyCode::Char('c' | 'q') => self.overlay = None,
                code => move_selection(selected, items.len(), code, page),
            },
        }
        vec![]
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

    fn request_quit(&mut self) -> Vec<Cmd> {
        self.quit = true;
        vec![Cmd::Quit]
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
            KeyCode::Char('q') => return self.request_quit(),
            _ => {}
        }
        vec![]
    }

    fn on_detail_key(&mut self, key: KeyEvent) -> Vec<Cmd> {
        if self.filter.as_ref().is_some_and(|f| f.editing) {
            return self.on_filter_key(key);
        }
        let page = self.page() as isize;
        match key.code {
            KeyCode::Tab | KeyCode::Right => self.switch_tab(self.tab.next()),
            KeyCode::BackTab | KeyCode::Left => self.switch_tab(self.tab.prev()),
            KeyCode::Char('1') => self.switch_tab(Tab::Profile),
            KeyCode::Char('2') => self.switch_tab(Tab::Addresses),
            KeyCode::Char('3') => self.switch_tab(Tab::Phones),
            KeyCode::Char('4') => self.switch_tab(Tab::Raw),
            KeyCode::Up => self.scroll_by(-1),
            KeyCode::Down => self.scroll_by(1),
            KeyCode::PageUp => self.scroll_by(-page),
            KeyCode::PageDown => self.scroll_by(page),
            KeyCode::Home => self.scroll = 0,
            KeyCode::End => self.scroll = self.scroll_limit(),
            KeyCode::Esc if self.filter.is_some() => {
                self.filter = None;
                self.scroll = 0;
            }
            KeyCode::Esc => {
                let several = self.loaded.as_ref().is_some_and(|l| l.customers.len() > 1);
                self.screen = if several {
                    Screen::Choose
                } else {
                    Screen::Form
                };
            }
            KeyCode::Char('/') => self.open_filter(),
            KeyCode::Char('y') => return self.copy(CopyItem::Suite),
            KeyCode::Char('c') => {
                if let Some(customer) = self.customer() {
                    let items = CopyItem::all(customer);
                    self.overlay = Some(Overlay::CopyMenu { items, selected: 0 });
                }
            }
            KeyCode::Char('v') => self.reveal_ids = !self.reveal_ids,
            KeyCode::Char('r') => return self.submit(),
            KeyCode::Char('q') => return self.request_quit(),
            _ => {}
        }
        vec![]
    }

    /// Keys while the filter field has focus: text edits it; Enter keeps the filter
    /// and gives the keys back to the list; Esc clears it.
    fn on_filter_key(&mut self, key: KeyEvent) -> Vec<Cmd> {
        let page = self.page() as isize;
        match key.code {
            KeyCode::Esc => {
                self.filter = None;
                self.scroll = 0;
            }
            KeyCode::Enter => {
                if let Some(filter) = &mut self.filter {
                    filter.editing = false;
                }
            }
            KeyCode::Up => self.scroll_by(-1),
            KeyCode::Down => self.scroll_by(1),
            KeyCode::PageUp => self.scroll_by(-page),
            KeyCode::PageDown => self.scroll_by(page),
            KeyCode::Tab => self.switch_tab(self.tab.next()),
            KeyCode::BackTab => self.switch_tab(self.tab.prev()),
            _ => {
                if let Some(filter) = &mut self.filter {
                    use tui_input::backend::crossterm::EventHandler;
                    let event = Event::Key(key);
                    if !limits::refuses_key(&filter.input, &event, limits::FILTER_MAX_CHARS)
                        && filter.input.handle_event(&event).is_some_and(|c| c.value)
                    {
                        filter.refresh();
                        self.scroll = 0;
                    }
                }
            }
        }
        vec![]
    }

    fn open_filter(&mut self) {
        if let Some(filter) = self.filter.as_mut().filter(|f| f.tab == self.tab) {
            filter.editing = true;
            return;
        }
        let filter = self.customer().and_then(|c| Filter::open(self.tab, c));
        if filter.is_some() {
            self.filter = filter;
            self.scroll = 0;
        }
    }

    /// Rows a page key moves.
    fn page(&self) -> usize {
        usize::from(self.rows.saturating_sub(8) / 2).max(1)
    }

    fn switch_tab(&mut self, tab: Tab) {
        if self.tab != tab {
            self.filter = None;
        }
        self.tab = tab;
        self.scroll = 0;
        self.scroll_max.set(None);
    }

    /// The last row that may be first on screen: the last item of a list tab; on
    /// Profile, a bound the renderer clamps further.
    fn scroll_limit(&self) -> usize {
        let Some(customer) = self.customer() else {
            return 0;
        };
        if let Some(max) = self.scroll_max.get() {
            return max;
        }
        if let Some(filter) = self.active_filter() {
            return filter.matches.len().saturating_sub(1);
        }
        match self.tab {
            Tab::Profile => PROFILE_SCROLL_LIMIT,
            Tab::Addresses => customer.customer_address.len().saturating_sub(1),
            Tab::Phones => customer.customer_phone.len().saturating_sub(1),
            Tab::Raw => self
                .loaded
                .as_ref()
                .map_or(0, |l| l.raw.len().saturating_sub(1)),
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
        self.filter = None;
        self.switch_tab(Tab::Profile);
    }

    /// Asks the runtime to copy `item` of the customer on display, and says so.
    fn copy(&mut self, item: CopyItem) -> Vec<Cmd> {
        let (Some(customer), Some(loaded)) = (self.customer(), self.loaded.as_ref()) else {
            return vec![];
        };
        let Some(text) = item.text(customer, loaded.box_id) else {
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
                self.environment.label
            ));
            return vec![];
        }
        self.set_environment((self.environment_index + 1) % count)
    }

    /// Switches to environment `index`: its preset user code and app key replace
    /// the form's (the form keeps what is typed where it has none), the request in
    /// flight is cancelled, the notice and the customer of the old environment go,
    /// and the form comes up.
    fn set_environment(&mut self, index: usize) -> Vec<Cmd> {
        let Some(choice) = self.settings.environments.get(index).cloned() else {
            return vec![];
        };
        let cancelled = self.in_flight.take().is_some();
        if let Some(code) = &choice.user_code {
            self.form.set_value(FieldId::UserCode, code);
        }
        if let Some(key) = &choice.app_key {
            self.form.set_value(FieldId::AppKey, key.expose());
        }
        self.toast = Some(format!("Environment: {}", choice.label));
        self.environment = choice;
        self.environment_index = index;
        self.notice = None;
        self.loaded = None;
        self.filter = None;
        self.overlay = None;
        self.screen = Screen::Form;
        if cancelled { vec![Cmd::Cancel] } else { vec![] }
    }

    /// Repeats recent lookup `index`: its environment, box id and customer key, with
    /// the partner credentials on the form.
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
        self.form
            .set_value(FieldId::BoxId, &entry.box_id.to_string());
        self.form
            .set_value(FieldId::CustomerKey, entry.customer_key.expose());
        cmds.extend(self.submit());
        cmds
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
            environment: self.environment_index,
            elapsed: Duration::ZERO,
            spinner: 0,
            customer_key: credentials.customer_key.clone(),
        });
        self.notice = None;
        vec![Cmd::Fetch {
            id: self.next_id,
            environment: self.environment_index,
            credentials,
        }]
    }

    fn on_loaded(&mut self, id: RequestId, result: Result<Answer, ApiError>, at: time::Time) {
        let Some(flight) = self.in_flight.take_if(|f| f.id == id) else {
            return; // Stale: replaced or cancelled since.
        };
        let mut entry = RecentLookup {
            box_id: flight.box_id,
            name: None,
            environment: flight.environment,
            environment_label: self.environment.label.clone(),
            at,
            outcome: Outcome::NotFound,
            customer_key: flight.customer_key.clone(),
        };
        let Answer { lookup, raw } = match result {
            Ok(answer) => answer,
            Err(error) => {
                entry.outcome = Outcome::Failed(error.class());
                self.remember(entry);
                return self.fail(Severity::Error, error.to_string());
            }
        };
        let Some(first) = lookup.customers.first() else {
            self.remember(entry);
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
                entry.outcome = Outcome::SystemError;
                (
                    Severity::SystemError,
                    format!(
                        "SkyPostal failed on its side (system error): {description}. Retry in a moment."
                    ),
                )
            } else {
                entry.outcome = Outcome::Rejected;
                (
                    Severity::Warning,
                    format!(
                        "SkyPostal rejected these customer credentials (invalid or expired box id / key): \
                         {description}"
                    ),
                )
            };
            self.remember(entry);
            return self.fail(severity, text);
        }
        entry.name = Some(first.full_name());
        entry.outcome = Outcome::Found(lookup.customers.len());
        self.remember(entry);
        let several = lookup.customers.len() > 1;
        self.loaded = Some(Loaded {
            box_id: flight.box_id,
            raw,
            tallies: lookup.customers.iter().map(Customer::tally).collect(),
            customers: lookup.customers,
        });
        self.selected = 0;
        self.reveal_ids = false;
        self.overlay = None;
        if several {
            self.screen = Screen::Choose;
        } else {
            self.open_detail();
        }
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
    /// the form's customer key go; the user code, app key and box id stay.
    fn lock(&mut self) -> Vec<Cmd> {
        let cancelled = self.in_flight.take().is_some();
        self.loaded = None;
        self.filter = None;
        self.recent.clear();
        self.overlay = None;
        self.toast = None;
        self.notice = None;
        self.selected = 0;
        self.tab = Tab::Profile;
        self.scroll = 0;
        self.reveal_ids = false;
        self.form.clear(FieldId::CustomerKey);
        self.form.hide_secrets();
        self.form.set_focus(FieldId::CustomerKey);
        self.screen = Screen::Locked;
        if cancelled { vec![Cmd::Cancel] } else { vec![] }
    }

    fn on_mouse(&mut self, event: MouseEvent) -> Vec<Cmd> {
        if !self.settings.mouse {
            return vec![];
        }
        match event.kind {
            MouseEventKind::ScrollDown => self.wheel(WHEEL_STEP),
            MouseEventKind::ScrollUp => self.wheel(-WHEEL_STEP),
            MouseEventKind::Down(MouseButton::Left) => return self.click(event.column, event.row),
            _ => {}
        }
        vec![]
    }

    fn wheel(&mut self, delta: isize) {
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
            Some(Overlay::Help) => {}
            None => match self.screen {
                Screen::Detail => self.scroll_by(delta),
                Screen::Choose => {
                    let count = self.loaded.as_ref().map_or(0, |l| l.customers.len());
                    let mut selected = self.selected;
                    move_selection(&mut selected, count, code, 1);
                    self.selected = selected;
                }
                Screen::Form | Screen::Locked => {}
            },
        }
    }

    fn click(&mut self, column: u16, row: u16) -> Vec<Cmd> {
        self.toast = None;
        if self.screen == Screen::Locked {
            self.screen = Screen::Form;
            return vec![];
        }
        let area = Rect::new(0, 0, self.cols, self.rows);
        match crate::ui::hit_test(self, area, column, row) {
            Some(Target::Tab(tab)) => self.switch_tab(tab),
            Some(Target::Field(field)) => self.form.set_focus(field),
            Some(Target::Customer(index)) => {
                self.selected = index;
                self.open_detail();
            }
            Some(Target::Recent(index)) => return self.repeat(index),
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

/// `"••••1111"`: the last four characters of an identity or tax number, the rest
/// hidden behind four bullets whatever its length; a value of four characters or
/// fewer is hidden whole.
pub fn mask(value: &str) -> String {
    let value = value.trim();
    let count = value.chars().count();
    if count <= 4 {
        return "••••".into();
    }
    let last: String = value.chars().skip(count - 4).collect();
    format!("••••{last}")
}

/// A duration the way the lock screen says it: "15 min", "3 s", "1 h 30 min".
pub fn human_duration(duration: Duration) -> String {
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

/// Profile has a fixed, short list of rows; this bounds scrolling past them.
const PROFILE_SCROLL_LIMIT: usize = 24;

#[cfg(test)]
mod tests;
