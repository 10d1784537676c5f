//! All of the app's state and its one synchronous `update`: messages in, state changed,
//! commands out. No I/O, no channels, no clock, so every behaviour is testable without
//! a terminal or a runtime.

pub(crate) mod call_note;
pub(crate) mod caller_check;
mod copy;
mod filter;
mod form;
mod incoming;
pub mod keys;
mod limits;
mod lock;
mod lookup;
mod mouse;
mod notice;
mod raw;
mod recent;
mod requests;
mod screens;
mod settings;

use std::time::Duration;

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

pub use copy::CopyItem;
#[cfg(test)]
use copy::dial_string;
pub use filter::Filter;
pub use form::Form;
pub use incoming::Incoming;
pub use lookup::Customers;
pub use lookup::{Account, Answer, Loaded, PartnerAnswer};
pub use mouse::Target;
pub(crate) use mouse::WHEEL_STEP;
pub use notice::{FieldNote, Notice, Severity, Toast};
pub use raw::RawText;
pub use recent::{Failure, Outcome, RecentLookup};
pub use requests::{InFlight, Pending, Reply, Request, RequestId, Requests};
pub(crate) use screens::Cycle;
pub use screens::detail::Mode;
pub use screens::detail::{CheckBox, CheckField};
pub use screens::detail::{
    DateFieldId, DatesForm, Fetched, ShipmentList, ShipmentPanel, Shipments,
};
pub use screens::{Detail, HelpScroll, Overlay, Refusal, Screen, Tab, Wiped};
pub(crate) use settings::DEFAULT_IDLE_LOCK;
pub use settings::{EnvChoice, EnvKind, Settings};

use crate::api::{Customer, Secret};
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
    /// The phone system handed a call over (`skyview pop`).
    Pop {
        /// The lookup.
        pop: crate::pop::Pop,
        /// The environment whose endpoint it came through (index in the settings).
        environment: usize,
        /// The agent pressed a key in the last 30 seconds: the call waits behind a
        /// banner rather than replace what the agent is doing.
        recently_typed: bool,
    },
    /// Another window of this user listens for this environment's pops: they go there.
    PopsElsewhere,
    /// Midnight passed: the agent's local date is now this (the shipments' default
    /// window ends on it).
    NewDay(time::Date),
    /// Something outside the app went wrong that the agent should know about (a
    /// start-up warning, the log file failing): shown as this notice.
    Warning(Notice),
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
    /// A lookup is coming (the agent switched environments, or started typing a
    /// customer): open a connection to the environment now, with no credentials,
    /// so that the lookup does not pay the handshakes. The runtime skips it when
    /// the environment was asked something in the last minute.
    WarmUp {
        /// Index of the environment (and so the client).
        environment: usize,
    },
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
    pub toast: Option<Toast>,
    /// A warning from outside the app (the log file failing): in the footer on every
    /// screen until the next key or click, so that a customer coming up (`--lookup`)
    /// does not hide it as it would hide a notice on the form.
    pub warning: Option<Notice>,
    /// This session's answered lookups, newest first.
    pub recent: Vec<RecentLookup>,
    /// Today's date, for ages; set by the runtime, fixed in tests.
    pub today: time::Date,
    /// Height of the terminal, for paging.
    pub rows: u16,
    /// Set once the agent asked to leave.
    pub quit: bool,
    /// A call handed over by the phone system, waiting for the agent (a banner, or
    /// the lock screen's "Call waiting").
    pub incoming: Option<Incoming>,
    /// Pops go to another window of this user's, started first.
    pub pops_elsewhere: bool,
    /// The caller check's mismatches per customer, for as long as skyview runs: a new
    /// lookup, a refresh, a pop or the idle lock leave them.
    pub strikes: caller_check::Strikes,
    /// A key just refused, and why (the footer says so); the next key clears it.
    pub refusal: Option<Refusal>,
}

impl App {
    /// A new app on the form.
    ///
    /// `settings.environments` should not be empty; if it is, a TEST entry stands in.
    /// The first environment's preset user code and app key, if any, fill the form
    /// where `prefill` left it empty.
    pub fn new(mut settings: Settings, prefill: &Prefill, today: time::Date) -> Self {
        if settings.environments.is_empty() {
            settings.environments.push(EnvChoice::test());
        }
        let environment = settings
            .environments
            .first()
            .cloned()
            .unwrap_or_else(EnvChoice::test);
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
            warning: None,
            recent: Vec::new(),
            today,
            rows: 24,
            quit: false,
            incoming: None,
            pops_elsewhere: false,
            strikes: caller_check::Strikes::default(),
            refusal: None,
        }
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
        self.loaded().map(Loaded::customer)
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
                Screen::Detail(detail) => detail.text_has_focus(),
                Screen::Choose(_) | Screen::Locked(_) => false,
            }
    }

    /// What is on screen, for the footer's keys.
    pub fn page(&self) -> Page {
        match (&self.overlay, &self.screen) {
            (Some(Overlay::Help(_)), _) => Page::Help,
            (Some(Overlay::CallNote { .. }), _) => Page::CallNote,
            (Some(Overlay::Recent { .. }), _) => Page::Recent,
            (Some(Overlay::CopyMenu { .. }), _) => Page::CopyMenu,
            (Some(Overlay::Accounts { .. }), _) => Page::Accounts,
            (None, Screen::Locked(_)) => Page::Locked,
            (None, _) if self.is_loading() => Page::Loading,
            (None, Screen::Form) => Page::Form,
            (None, Screen::Choose(_)) => Page::Choose,
            (None, Screen::Detail(detail)) => match detail.mode {
                Mode::Browse => Page::Detail,
                Mode::Filter => Page::Filter,
                Mode::Dates(_) => Page::Dates,
                Mode::Shipment(_) => Page::Shipment,
                Mode::Check(_) => Page::Check,
            },
        }
    }

    /// Whether `action` does something on the screen as it is (the footer offers
    /// only those).
    pub fn offers(&self, action: Action) -> bool {
        if self.overlay.is_some() {
            // A box's keys do what they say whatever is under it.
            return true;
        }
        match (&self.screen, action) {
            (Screen::Detail(detail), Action::Filter) => {
                matches!(detail.tab, Tab::Addresses | Tab::Phones | Tab::Shipments)
            }
            (Screen::Detail(detail), Action::RevealIds) => {
                detail.tab == Tab::Profile || matches!(detail.mode, Mode::Shipment(_))
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
        let empty = self.form.value(FieldId::BoxId).trim().is_empty();
        let mut cmds = self.dispatch(msg);
        cmds.extend(self.cancel_orphans());
        // The customer field's first character: a lookup is a few keys away.
        if empty
            && matches!(self.screen, Screen::Form)
            && !self.form.value(FieldId::BoxId).trim().is_empty()
            && !cmds.iter().any(|cmd| matches!(cmd, Cmd::Fetch { .. }))
        {
            cmds.push(Cmd::WarmUp {
                environment: self.environment_index,
            });
        }
        cmds
    }

    /// Cancels what was fetched for a customer no longer on screen, whichever way it
    /// left (a failed lookup, another customer, the list): its answer would be dropped
    /// anyway, and the request holds the customer's credentials until then.
    fn cancel_orphans(&mut self) -> Vec<Cmd> {
        let wanted = match &self.screen {
            Screen::Detail(detail) => detail.in_flight(),
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
                self.warning = None;
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
                    (Pending::Partner(query), Reply::Partner(result)) => {
                        entry.email = Some(query.email.clone());
                        self.on_partner(entry, &query, result)
                    }
                    (Pending::Shipments { .. }, Reply::Shipments(result)) => {
                        if let Screen::Detail(detail) = &mut self.screen {
                            detail.on_shipments(id, result);
                        }
                        vec![]
                    }
                    (Pending::Shipment { .. }, Reply::Shipment(result)) => {
                        if let Screen::Detail(detail) = &mut self.screen {
                            detail.on_shipment(id, result);
                        }
                        vec![]
                    }
                    // Each id is sent with its own kind: no other pair arrives.
                    _ => vec![],
                }
            }
            Msg::IdleLock => self.lock(),
            Msg::Pop {
                pop,
                environment,
                recently_typed,
            } => self.on_pop(pop, environment, recently_typed),
            Msg::PopsElsewhere => {
                self.pops_elsewhere = true;
                vec![]
            }
            Msg::NewDay(date) => {
                self.today = date;
                vec![]
            }
            Msg::Warning(notice) => {
                self.warning = Some(notice);
                vec![]
            }
        }
    }

    /// Routes a key: Ctrl-C, then the key map's contexts in turn (see [`keys`]), then
    /// the box or the screen on display.
    fn on_key(&mut self, key: KeyEvent) -> Vec<Cmd> {
        if keys::is_ctrl_c(&key) {
            return self.request_quit();
        }
        let map = &self.settings.keys;
        match map.action(Context::Always, &key) {
            Some(Action::Quit) => return self.request_quit(),
            Some(Action::Suspend) => return vec![Cmd::Suspend],
            _ => {}
        }
        self.toast = None;
        self.warning = None;
        self.refusal = None;
        if matches!(self.screen, Screen::Locked(_))
            && map.action(Context::Locked, &key) == Some(Action::Wake)
        {
            // The key that wakes the screen does nothing else, but open the call
            // waiting, if one came while it was locked.
            self.screen = Screen::Form;
            return self.answer_call();
        }
        if self.incoming.is_some() {
            match self.settings.keys.action(Context::Call, &key) {
                Some(Action::AnswerCall) => return self.answer_call(),
                Some(Action::IgnoreCall) => {
                    self.incoming = None;
                    return vec![];
                }
                _ => {}
            }
        }
        match map.action(Context::Global, &key) {
            Some(Action::Help) => return self.toggle_overlay(Overlay::Help(HelpScroll::default())),
            Some(Action::Recent) => {
                return self.toggle_overlay(Overlay::Recent { selected: 0 });
            }
            Some(Action::NextEnvironment) => return self.next_environment(),
            _ => {}
        }
        if self.overlay.is_some() {
            let page = self.page_rows();
            let outcome = match &mut self.overlay {
                Some(overlay) => overlay.on_key(&self.settings.keys, key, self.recent.len(), page),
                None => screens::Outcome::none(),
            };
            return self.apply(outcome);
        }
        if self.is_loading() && map.action(Context::InFlight, &key) == Some(Action::CancelRequest) {
            self.notice = Some(Notice::LookupCancelled);
            return self
                .requests
                .cancel_lookups()
                .into_iter()
                .map(Cmd::Cancel)
                .collect();
        }
        if !self.text_has_focus() {
            match self.settings.keys.action(Context::OffText, &key) {
                Some(Action::Help) => self.overlay = Some(Overlay::Help(HelpScroll::default())),
                Some(Action::Recent) => self.overlay = Some(Overlay::Recent { selected: 0 }),
                _ => return self.on_screen_key(key),
            }
            return vec![];
        }
        self.on_screen_key(key)
    }

    pub(crate) fn request_quit(&mut self) -> Vec<Cmd> {
        self.quit = true;
        vec![]
    }

    /// Rows a page key moves.
    pub(crate) fn page_rows(&self) -> usize {
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
}

#[cfg(test)]
mod tests;
