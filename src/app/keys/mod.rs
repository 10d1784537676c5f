//! The key map: which key does what, where. A value ([`KeyMap`]) the app is given,
//! built from the defaults in [`defaults`], with actions that are meanings
//! (`refresh`, `close_box`) and keys that carry their modifiers.
//!
//! Every label the screen shows for a key (the footer, the help overlay, the hints
//! such as `Esc cancels`) is drawn from the keys bound, through the templates of
//! [`defaults::FOOTER`] and [`defaults::HELP`] and [`KeyMap::label`]. Ctrl-C always
//! quits and is not part of the map.

mod defaults;
mod key;
mod remap;
mod table;

pub use key::{Key, SpellingError};
pub use remap::{Refusal, Remap, RemapError};

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::Tab;
use crate::i18n::{Lang, msg};

/// Where a binding is looked for. A context that has a parent falls through to it:
/// a key it does not bind is looked for there (a shipment open on the detail view
/// has the detail view's keys).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Before anything else, even on the lock screen and over a box.
    Always,
    /// The lock screen.
    Locked,
    /// The banner of a call waiting (`skyview pop` while the agent was typing).
    Call,
    /// On every screen, over a box too.
    Global,
    /// Any box drawn over the screen.
    Box,
    /// The help box.
    Help,
    /// The recent lookups box.
    Recent,
    /// The copy menu.
    CopyMenu,
    /// The accounts an e-mail belongs to.
    Accounts,
    /// The call note's box (`W`).
    CallNote,
    /// A list that scrolls or has a highlight (the boxes, the detail view).
    Lists,
    /// While a lookup is in flight.
    InFlight,
    /// Whenever no text field has focus.
    OffText,
    /// A text field with focus: tui-input's editing keys.
    Text,
    /// The credentials form.
    Form,
    /// The list of customers.
    Choose,
    /// One customer's details.
    Detail,
    /// The `/` filter while it is being typed.
    Filter,
    /// One shipment, open from the Shipments tab.
    Shipment,
    /// The Shipments tab's From / To form.
    Dates,
    /// The Check the caller box.
    Check,
}

impl Context {
    /// Where a key this context does not bind is looked for next.
    pub fn parent(self) -> Option<Self> {
        match self {
            Self::Shipment => Some(Self::Detail),
            Self::Detail => Some(Self::Lists),
            Self::Help | Self::Recent | Self::CopyMenu | Self::Accounts | Self::CallNote => {
                Some(Self::Box)
            }
            Self::Box => Some(Self::Lists),
            Self::Form | Self::Filter | Self::Dates | Self::Check => Some(Self::Text),
            Self::Choose => Some(Self::OffText),
            Self::Text | Self::OffText => Some(Self::Global),
            Self::Global => Some(Self::Always),
            Self::Always | Self::Locked | Self::Call | Self::Lists | Self::InFlight => None,
        }
    }

    /// This context and those it falls through to, in order.
    fn chain(self) -> impl Iterator<Item = Self> {
        std::iter::successors(Some(self), |c| c.parent())
    }

    /// Its snake_case name, as label templates write it (`{recent@off_text}`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Always => "always",
            Self::Locked => "locked",
            Self::Call => "call",
            Self::Global => "global",
            Self::Box => "box",
            Self::Help => "help",
            Self::Recent => "recent",
            Self::CopyMenu => "copy_menu",
            Self::Accounts => "accounts",
            Self::CallNote => "call_note",
            Self::Lists => "lists",
            Self::InFlight => "in_flight",
            Self::OffText => "off_text",
            Self::Text => "text",
            Self::Form => "form",
            Self::Choose => "choose",
            Self::Detail => "detail",
            Self::Filter => "filter",
            Self::Shipment => "shipment",
            Self::Dates => "dates",
            Self::Check => "check",
        }
    }

    const ALL: [Self; 21] = [
        Self::Always,
        Self::Locked,
        Self::Call,
        Self::Global,
        Self::Box,
        Self::Help,
        Self::Recent,
        Self::CopyMenu,
        Self::Accounts,
        Self::CallNote,
        Self::Lists,
        Self::InFlight,
        Self::OffText,
        Self::Text,
        Self::Form,
        Self::Choose,
        Self::Detail,
        Self::Filter,
        Self::Shipment,
        Self::Dates,
        Self::Check,
    ];

    fn named(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// What a key means; the screen it lands on carries it out. Each has one
/// snake_case [`Action::name`], the name a key configuration uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Leave the app (Ctrl-C, which is not in the map, always does too).
    Quit,
    /// Give the terminal back and stop, as Ctrl-Z does in a shell.
    Suspend,
    /// Open the call waiting.
    AnswerCall,
    /// Dismiss the call waiting; nothing changes.
    IgnoreCall,
    /// Open help, or close it.
    Help,
    /// Open the recent lookups, or close them.
    Recent,
    /// The next environment.
    NextEnvironment,
    /// Close the box on screen (or the date form).
    CloseBox,
    /// Cancel the lookup in flight.
    CancelRequest,
    /// Look the customer the form describes up.
    LookUp,
    /// Fetch what is on screen again: the customer, its shipments, the shipment.
    Refresh,
    /// Open or use the highlighted row: a customer, a shipment, a recent lookup to
    /// repeat, an item to copy, an account to look up.
    Open,
    /// Back one screen (first clearing a filter, or cancelling a fetch in flight).
    Back,
    /// The form's (or the date form's) next field.
    NextField,
    /// The form's (or the date form's) previous field.
    PreviousField,
    /// Show or hide the form's secrets.
    RevealKeys,
    /// The next tab.
    NextTab,
    /// The previous tab.
    PreviousTab,
    /// This tab.
    GoToTab(Tab),
    /// Up one row (on the form: the previous field).
    Up,
    /// Down one row (on the form: the next field).
    Down,
    /// Left (on the detail view: the previous tab).
    Left,
    /// Right (on the detail view: the next tab).
    Right,
    /// Up one page.
    PageUp,
    /// Down one page.
    PageDown,
    /// To the top.
    Home,
    /// To the bottom.
    End,
    /// Open the `/` filter.
    Filter,
    /// Keep the filter and give the keys back to the list.
    KeepFilter,
    /// Clear the filter.
    ClearFilter,
    /// Copy the box suite.
    CopySuite,
    /// Open the copy menu, or close it.
    CopyMenu,
    /// Show or hide identity and tax numbers.
    RevealIds,
    /// The shipments of the window before.
    EarlierWindow,
    /// The shipments of the window after (never past today).
    LaterWindow,
    /// Open the From / To form.
    PickDates,
    /// Apply the From / To form's dates and fetch them.
    ApplyDates,
    /// Open the Check the caller box.
    CheckCaller,
    /// Compare the caller's answer in the focused field of the Check the caller box.
    CheckAnswer,
    /// Copy the call note (OSC 52).
    CopyCallNote,
    /// Show the call note in a box, to select by hand.
    ShowCallNote,
    /// Wake the lock screen, onto the form (any key does).
    Wake,
    /// Edit the text field with focus (tui-input handles the key).
    Edit,
}

impl Action {
    /// Every action, in the order `skyview keys` will list them.
    pub const ALL: [Self; 47] = [
        Self::Quit,
        Self::Suspend,
        Self::AnswerCall,
        Self::IgnoreCall,
        Self::Help,
        Self::Recent,
        Self::NextEnvironment,
        Self::CloseBox,
        Self::CancelRequest,
        Self::LookUp,
        Self::Refresh,
        Self::Open,
        Self::Back,
        Self::NextField,
        Self::PreviousField,
        Self::RevealKeys,
        Self::NextTab,
        Self::PreviousTab,
        Self::GoToTab(Tab::Profile),
        Self::GoToTab(Tab::Addresses),
        Self::GoToTab(Tab::Phones),
        Self::GoToTab(Tab::Shipments),
        Self::GoToTab(Tab::Raw),
        Self::Up,
        Self::Down,
        Self::Left,
        Self::Right,
        Self::PageUp,
        Self::PageDown,
        Self::Home,
        Self::End,
        Self::Filter,
        Self::KeepFilter,
        Self::ClearFilter,
        Self::CopySuite,
        Self::CopyMenu,
        Self::RevealIds,
        Self::EarlierWindow,
        Self::LaterWindow,
        Self::PickDates,
        Self::ApplyDates,
        Self::CheckCaller,
        Self::CheckAnswer,
        Self::CopyCallNote,
        Self::ShowCallNote,
        Self::Wake,
        Self::Edit,
    ];

    /// Its snake_case name: what a key configuration calls it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Quit => "quit",
            Self::Suspend => "suspend",
            Self::AnswerCall => "answer_call",
            Self::IgnoreCall => "ignore_call",
            Self::Help => "help",
            Self::Recent => "recent",
            Self::NextEnvironment => "next_environment",
            Self::CloseBox => "close_box",
            Self::CancelRequest => "cancel_request",
            Self::LookUp => "look_up",
            Self::Refresh => "refresh",
            Self::Open => "open",
            Self::Back => "back",
            Self::NextField => "next_field",
            Self::PreviousField => "previous_field",
            Self::RevealKeys => "reveal_keys",
            Self::NextTab => "next_tab",
            Self::PreviousTab => "previous_tab",
            Self::GoToTab(Tab::Profile) => "tab_profile",
            Self::GoToTab(Tab::Addresses) => "tab_addresses",
            Self::GoToTab(Tab::Phones) => "tab_phones",
            Self::GoToTab(Tab::Shipments) => "tab_shipments",
            Self::GoToTab(Tab::Raw) => "tab_raw",
            Self::Up => "up",
            Self::Down => "down",
            Self::Left => "left",
            Self::Right => "right",
            Self::PageUp => "page_up",
            Self::PageDown => "page_down",
            Self::Home => "home",
            Self::End => "end",
            Self::Filter => "filter",
            Self::KeepFilter => "keep_filter",
            Self::ClearFilter => "clear_filter",
            Self::CopySuite => "copy_suite",
            Self::CopyMenu => "copy_menu",
            Self::RevealIds => "reveal_ids",
            Self::EarlierWindow => "earlier_window",
            Self::LaterWindow => "later_window",
            Self::PickDates => "pick_dates",
            Self::ApplyDates => "apply_dates",
            Self::CheckCaller => "check_caller",
            Self::CheckAnswer => "check_answer",
            Self::CopyCallNote => "copy_call_note",
            Self::ShowCallNote => "show_call_note",
            Self::Wake => "wake",
            Self::Edit => "edit",
        }
    }

    /// The action of this name.
    pub fn named(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Whether a key configuration may bind it to other keys: not the lock screen's
    /// any key, nor the text fields' editing keys (tui-input's own).
    pub fn remappable(self) -> bool {
        !matches!(self, Self::Wake | Self::Edit)
    }
}

/// What a binding answers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// This key.
    Key(Key),
    /// Any key at all (the lock screen, the help box).
    Any,
}

impl Trigger {
    /// How the screen writes it, in `lang` (a key's name is the same in every
    /// language).
    pub fn label(self, lang: Lang) -> String {
        match self {
            Self::Key(key) => key.label(),
            Self::Any => msg::keys::any_key(lang).into(),
        }
    }
}

/// One binding: in this context, these keys mean this action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    /// Where it works (and, through fall-through, in the contexts below it).
    pub context: Context,
    /// What it means.
    pub action: Action,
    /// The keys, in the order labels show them.
    pub keys: Vec<Trigger>,
}

/// Whether Ctrl-C was pressed: it always quits, whatever the map says.
pub fn is_ctrl_c(key: &KeyEvent) -> bool {
    Key::ctrl('c').matches(key)
}

/// The key map the app is given: every binding, with the defaults of
/// [`defaults::BINDINGS`] unless a configuration changed them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyMap {
    bindings: Vec<Binding>,
    /// What each context answers to, fall-through included, worked out once from
    /// `bindings`: a key press looks in one short list instead of reading every
    /// binding of every context on the way. Indexed by [`Context::ALL`]'s order.
    resolved: Vec<Resolved>,
}

/// The keys one context answers to, its fall-through included, each with the action
/// that wins there; then what any other key does, if anything.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Resolved {
    keys: Vec<(Key, Action)>,
    any: Option<Action>,
}

impl Resolved {
    /// Reads the bindings as a key press would: `context` first, then the contexts
    /// it falls through to, each in order. The first binding to have a key keeps
    /// it; a binding on any key ends the reading, as nothing after it can win.
    fn of(bindings: &[Binding], context: Context) -> Self {
        let mut keys: Vec<(Key, Action)> = Vec::new();
        for context in context.chain() {
            for binding in bindings.iter().filter(|b| b.context == context) {
                for trigger in &binding.keys {
                    match trigger {
                        Trigger::Key(key) => {
                            if !keys.iter().any(|(bound, _)| bound == key) {
                                keys.push((*key, binding.action));
                            }
                        }
                        Trigger::Any => {
                            return Self {
                                keys,
                                any: Some(binding.action),
                            };
                        }
                    }
                }
            }
        }
        Self { keys, any: None }
    }
}

impl Default for KeyMap {
    fn default() -> Self {
        Self::from_bindings(default_bindings())
    }
}

/// The bindings skyview ships with, the start of every remapped map too.
fn default_bindings() -> Vec<Binding> {
    defaults::BINDINGS
        .iter()
        .map(|(context, action, keys)| Binding {
            context: *context,
            action: *action,
            keys: keys.to_vec(),
        })
        .collect()
}

impl KeyMap {
    /// The map of these bindings.
    fn from_bindings(bindings: Vec<Binding>) -> Self {
        let resolved = Context::ALL
            .into_iter()
            .map(|context| Resolved::of(&bindings, context))
            .collect();
        Self { bindings, resolved }
    }

    /// Every binding.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// What `key` means in `context`, looked for there and then in the contexts it
    /// falls through to; within a context the first binding that has it wins.
    pub fn action(&self, context: Context, key: &KeyEvent) -> Option<Action> {
        let resolved = self.resolved.get(context as usize)?;
        let pressed = Key::pressed(key);
        resolved
            .keys
            .iter()
            .find(|(bound, _)| *bound == pressed)
            .map(|(_, action)| *action)
            .or(resolved.any)
    }

    /// The keys of `action` in `context` (its first binding there, or where it falls
    /// through to); none when it is bound nowhere on the way.
    pub fn keys(&self, context: Context, action: Action) -> &[Trigger] {
        context
            .chain()
            .find_map(|context| {
                self.bindings
                    .iter()
                    .find(|b| b.context == context && b.action == action)
            })
            .map_or(&[], |b| b.keys.as_slice())
    }

    /// The key of `action` in `context` as the screen writes it (the first, when
    /// there are several): the `r` of "Press r to fetch again".
    pub fn key(&self, context: Context, action: Action, lang: Lang) -> String {
        self.keys(context, action)
            .first()
            .map(|k| k.label(lang))
            .unwrap_or_default()
    }

    /// A label template filled in with the keys bound, looked for from `context`.
    ///
    /// Text is copied; `{action}` is the action's keys separated by spaces,
    /// `{action:first}` its first key, `{action:or}` its keys separated by " or ",
    /// `{action:close}` its keys written close (`Ctrl-U/W ←→`), `{a+b}` the keys of
    /// both written close (`↑↓`), and
    /// `{action@context}` looks in that context instead.
    pub fn label(&self, context: Context, template: &str, lang: Lang) -> String {
        let mut out = String::new();
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(rest.get(..start).unwrap_or_default());
            let after = rest.get(start + 1..).unwrap_or_default();
            let Some(end) = after.find('}') else {
                out.push_str(rest.get(start..).unwrap_or_default());
                return out;
            };
            out.push_str(&self.placeholder(context, after.get(..end).unwrap_or_default(), lang));
            rest = after.get(end + 1..).unwrap_or_default();
        }
        out.push_str(rest);
        out
    }

    /// One `{…}` of a template, without its braces.
    fn placeholder(&self, context: Context, spec: &str, lang: Lang) -> String {
        let (names, style) = spec.split_once(':').unwrap_or((spec, ""));
        let mut keys = Vec::new();
        for name in names.split('+') {
            let (name, context) = match name.split_once('@') {
                Some((name, there)) => (name, Context::named(there).unwrap_or(context)),
                None => (name, context),
            };
            if let Some(action) = Action::named(name) {
                keys.extend_from_slice(self.keys(context, action));
            }
        }
        let labels = || keys.iter().map(|k| k.label(lang));
        match style {
            "first" => keys.first().map(|k| k.label(lang)).unwrap_or_default(),
            "or" => labels()
                .reduce(|first, then| msg::help_keys::or(lang, first, then))
                .unwrap_or_default(),
            "close" => close(&keys, lang),
            _ if names.contains('+') => close(&keys, lang),
            _ => labels().collect::<Vec<_>>().join(" "),
        }
    }
}

/// Keys written close: arrows side by side (`↑↓`), letters with the same modifier
/// sharing it (`Ctrl-U/W`), others apart (`Ctrl-U/W ←→ Home End`).
fn close(keys: &[Trigger], lang: Lang) -> String {
    let mut out = String::new();
    let mut previous: Option<Key> = None;
    for trigger in keys {
        let label = trigger.label(lang);
        let key = match trigger {
            Trigger::Key(key) => Some(*key),
            Trigger::Any => None,
        };
        match (previous, key) {
            (None, _) => out.push_str(&label),
            (Some(before), Some(key)) if before.is_arrow() && key.is_arrow() => {
                out.push_str(&label);
            }
            (Some(before), Some(key))
                if !key.modifiers.is_empty()
                    && before.modifiers == key.modifiers
                    && matches!(key.code, KeyCode::Char(_)) =>
            {
                out.push('/');
                let prefix = key.modifiers_label();
                out.push_str(label.strip_prefix(prefix.as_str()).unwrap_or(&label));
            }
            _ => {
                out.push(' ');
                out.push_str(&label);
            }
        }
        previous = key;
    }
    out
}

/// The part of the help overlay (and of docs/keys.md's key table) a line shows in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// The form's help.
    Form,
    /// The list of customers' help.
    Choose,
    /// The customer's help.
    Detail,
    /// The lock screen's help.
    Locked,
    /// Every screen's help, last.
    Everywhere,
}

impl Section {
    /// Its heading in the help overlay, in `lang`; `None` for a section with one
    /// line.
    pub(crate) fn heading(self, lang: Lang) -> Option<&'static str> {
        match self {
            Self::Form => Some(msg::help_section::form(lang)),
            Self::Choose => Some(msg::help_section::choose(lang)),
            Self::Detail => Some(msg::help_section::detail(lang)),
            Self::Locked => None,
            Self::Everywhere => Some(msg::help_section::everywhere(lang)),
        }
    }

    /// Its name in the "where" column of `skyview keys` (docs/keys.md: English).
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Self::Form => msg::keys_table::in_form(lang),
            Self::Choose => msg::keys_table::in_choose(lang),
            Self::Detail => msg::keys_table::in_detail(lang),
            Self::Locked => msg::keys_table::in_locked(lang),
            Self::Everywhere => msg::keys_table::in_everywhere(lang),
        }
    }

    /// Where its templates look keys up.
    fn context(self) -> Context {
        match self {
            Self::Form => Context::Form,
            Self::Choose => Context::Choose,
            Self::Detail => Context::Detail,
            Self::Locked => Context::Locked,
            Self::Everywhere => Context::Global,
        }
    }
}

/// What is on screen, as far as the footer is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::EnumIter)]
pub enum Page {
    /// The form.
    Form,
    /// The list of customers.
    Choose,
    /// The customer.
    Detail,
    /// The customer, with the filter being typed.
    Filter,
    /// Any screen while a request is in flight.
    Loading,
    /// The lock screen.
    Locked,
    /// The help box.
    Help,
    /// The recent lookups box.
    Recent,
    /// The copy menu.
    CopyMenu,
    /// The accounts an e-mail belongs to.
    Accounts,
    /// The call note's box.
    CallNote,
    /// One shipment.
    Shipment,
    /// The From / To form.
    Dates,
    /// The Check the caller box.
    Check,
}

impl Page {
    /// Where its footer's templates look keys up.
    fn context(self) -> Context {
        match self {
            Self::Form => Context::Form,
            Self::Choose => Context::Choose,
            Self::Detail => Context::Detail,
            Self::Filter => Context::Filter,
            Self::Loading => Context::InFlight,
            Self::Locked => Context::Locked,
            Self::Help => Context::Help,
            Self::Recent => Context::Recent,
            Self::CopyMenu => Context::CopyMenu,
            Self::Accounts => Context::Accounts,
            Self::CallNote => Context::CallNote,
            Self::Shipment => Context::Shipment,
            Self::Dates => Context::Dates,
            Self::Check => Context::Check,
        }
    }
}

/// What the footer shows in a key's place.
#[derive(Clone, Copy, Debug)]
pub enum FooterKeys {
    /// The keys bound, as a template ([`KeyMap::label`]).
    Bound(&'static str),
    /// A word instead of a key ("type", on the filter).
    Word(Label),
}

/// Words of the footer: a catalog message.
pub type Label = fn(Lang) -> &'static str;

/// What a line of help says the keys do: a catalog message, or one that names a key
/// (the key of this action, looked for from this context).
#[derive(Clone, Copy, Debug)]
pub enum Words {
    /// A message.
    Plain(Label),
    /// A message naming a key.
    Key(fn(Lang, String) -> String, Context, Action),
}

/// The keys a line of help shows.
#[derive(Clone, Copy, Debug)]
pub enum DocKeys {
    /// The keys bound, as a template ([`KeyMap::label`]).
    Bound(&'static str),
    /// A catalog message around the keys bound ("F3 (h off fields)"), its two places
    /// filled with these templates.
    Said(
        fn(Lang, String, String) -> String,
        &'static str,
        &'static str,
    ),
}

/// A line of help (and a row of docs/keys.md's key table).
#[derive(Clone, Copy, Debug)]
pub struct Doc {
    /// Where it shows.
    pub section: Section,
    /// The keys.
    pub keys: DocKeys,
    /// What they do.
    pub text: Words,
}

/// A key offered in the footer.
#[derive(Clone, Copy, Debug)]
pub struct Footer {
    /// The pages whose footer offers it, each with its place there: lower first;
    /// equal places keep the order of [`defaults::FOOTER`].
    pub places: &'static [(Page, u8)],
    /// What it does (the footer offers it only where that does something).
    pub action: Action,
    /// The keys.
    pub keys: FooterKeys,
    /// What they do.
    pub label: Label,
    /// What they do while the thing they toggle is on ("hide keys").
    pub label_on: Option<Label>,
}

impl KeyMap {
    /// What the footer of `page` offers, in its order: the action, the keys as
    /// written, and the footer entry.
    pub(crate) fn footer(&self, page: Page, lang: Lang) -> Vec<(Action, String, Footer)> {
        let mut offered: Vec<(u8, Footer)> = defaults::FOOTER
            .iter()
            .filter_map(|f| {
                let (_, rank) = f.places.iter().find(|(p, _)| *p == page)?;
                Some((*rank, *f))
            })
            .collect();
        offered.sort_by_key(|(rank, _)| *rank);
        offered
            .into_iter()
            .map(|(_, f)| {
                let keys = match f.keys {
                    FooterKeys::Bound(template) => self.label(page.context(), template, lang),
                    FooterKeys::Word(word) => word(lang).to_string(),
                };
                (f.action, keys, f)
            })
            .collect()
    }

    /// The keys a line of help of `section` shows, in `lang`.
    fn doc_keys(&self, section: Section, keys: DocKeys, lang: Lang) -> String {
        let context = section.context();
        match keys {
            DocKeys::Bound(template) => self.label(context, template, lang),
            DocKeys::Said(words, first, second) => words(
                lang,
                self.label(context, first, lang),
                self.label(context, second, lang),
            ),
        }
    }

    /// The widest keys of any line of help, in terminal columns: the help's key
    /// column, the same on every screen.
    pub(crate) fn help_key_width(&self, lang: Lang) -> usize {
        [
            Section::Form,
            Section::Choose,
            Section::Detail,
            Section::Locked,
            Section::Everywhere,
        ]
        .into_iter()
        .flat_map(|section| {
            defaults::HELP
                .iter()
                .filter(move |d| d.section == section)
                .map(move |d| self.doc_keys(section, d.keys, lang))
        })
        .map(|keys| unicode_width::UnicodeWidthStr::width(keys.as_str()))
        .max()
        .unwrap_or(0)
    }

    /// The lines of help of `section`, in order: the keys as written, and what
    /// they do.
    pub(crate) fn help(&self, section: Section, lang: Lang) -> Vec<(String, String)> {
        defaults::HELP
            .iter()
            .filter(|d| d.section == section)
            .map(|d| {
                let text = match d.text {
                    Words::Plain(text) => text(lang).to_string(),
                    Words::Key(text, context, action) => {
                        text(lang, self.key(context, action, lang))
                    }
                };
                (self.doc_keys(section, d.keys, lang), text)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyModifiers;

    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn the_readme_key_table_is_the_bindings_table() {
        let readme = include_str!("../../../docs/keys.md");
        let start = readme
            .find("| where | key | does |")
            .expect("docs/keys.md has a key table");
        let end = readme[start..]
            .find("\n\n")
            .map_or(readme.len(), |n| start + n + 1);
        assert_eq!(
            &readme[start..end],
            KeyMap::default().help_table(crate::i18n::Lang::En),
            "docs/keys.md's key table disagrees with src/app/keys/"
        );
    }

    #[test]
    fn docs_keys_names_every_action() {
        let page = include_str!("../../../docs/keys.md");
        for action in Action::ALL {
            let name = format!("`{}`", action.name());
            assert!(page.contains(&name), "docs/keys.md does not name {name}");
        }
    }

    #[test]
    fn every_key_is_bound_once_per_context() {
        let bindings = default_bindings();
        for (i, a) in bindings.iter().enumerate() {
            for b in bindings.iter().skip(i + 1) {
                let shared = a.context == b.context
                    && a.keys
                        .iter()
                        .any(|k| *k != Trigger::Any && b.keys.contains(k));
                assert!(!shared, "{a:?} and {b:?} share a key");
            }
        }
    }

    #[test]
    fn every_action_has_its_own_name() {
        for action in Action::ALL {
            assert_eq!(Action::named(action.name()), Some(action));
        }
        for context in Context::ALL {
            assert_eq!(Context::named(context.name()), Some(context));
        }
    }

    #[test]
    fn every_template_names_bound_actions() {
        let map = KeyMap::default();
        let check = |context: Context, template: &str| {
            let mut rest = template;
            while let Some(start) = rest.find('{') {
                let end = rest[start..].find('}').unwrap() + start;
                let spec = &rest[start + 1..end];
                let filled = map.placeholder(context, spec, Lang::En);
                assert!(!filled.is_empty(), "{template}: {{{spec}}} has no key");
                rest = &rest[end + 1..];
            }
        };
        for doc in defaults::HELP {
            match doc.keys {
                DocKeys::Bound(keys) => check(doc.section.context(), keys),
                DocKeys::Said(_, first, second) => {
                    check(doc.section.context(), first);
                    check(doc.section.context(), second);
                }
            }
        }
        for footer in defaults::FOOTER {
            let FooterKeys::Bound(keys) = footer.keys else {
                continue;
            };
            for (page, _) in footer.places {
                check(page.context(), keys);
            }
        }
    }

    #[test]
    fn a_shipment_falls_through_to_the_detail_views_keys() {
        let map = KeyMap::default();
        let r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE);
        assert_eq!(map.action(Context::Shipment, &r), Some(Action::Refresh));
        assert_eq!(
            map.action(Context::Shipment, &press(KeyCode::Down)),
            Some(Action::Down)
        );
        // A box's own key comes before the one it falls through to.
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(map.action(Context::Recent, &q), Some(Action::CloseBox));
    }

    #[test]
    fn every_label_follows_the_keys_bound() {
        // What a configuration will do: refresh on F5 wherever it applied.
        let mut bindings = default_bindings();
        for binding in &mut bindings {
            if binding.action == Action::Refresh {
                binding.keys = vec![Trigger::Key(Key::bare(KeyCode::F(5)))];
            }
        }
        let map = KeyMap::from_bindings(bindings);
        let f5 = press(KeyCode::F(5));
        assert_eq!(map.action(Context::Shipment, &f5), Some(Action::Refresh));
        let r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE);
        assert_eq!(map.action(Context::Detail, &r), None);
        let footer = map.footer(Page::Detail, Lang::En);
        assert!(
            footer
                .iter()
                .any(|(action, keys, _)| *action == Action::Refresh && keys == "F5"),
            "{footer:?}"
        );
        let help = map.help(Section::Detail, Lang::En);
        assert!(
            help.iter()
                .any(|(keys, text)| keys == "F5" && text.starts_with("fetch again")),
            "{help:?}"
        );
        assert!(
            help.iter()
                .any(|(keys, _)| keys == "Esc F5 (in a shipment)"),
            "{help:?}"
        );
        assert_eq!(map.key(Context::Shipment, Action::Refresh, Lang::En), "F5");
    }

    /// What a key means read straight from the bindings, one context after the
    /// other: what [`KeyMap::action`]'s table must answer.
    fn read_in_order(map: &KeyMap, context: Context, key: &KeyEvent) -> Option<Action> {
        context.chain().find_map(|context| {
            map.bindings
                .iter()
                .find(|b| {
                    b.context == context
                        && b.keys.iter().any(|k| match k {
                            Trigger::Key(bound) => bound.matches(key),
                            Trigger::Any => true,
                        })
                })
                .map(|b| b.action)
        })
    }

    #[test]
    fn every_context_answers_as_its_bindings_read_in_order() {
        let remapped = KeyMap::remapped(&[
            Remap {
                action: Action::Refresh,
                keys: vec![Key::bare(KeyCode::F(5))],
            },
            Remap {
                action: Action::CloseBox,
                keys: vec![Key::bare(KeyCode::F(8))],
            },
        ])
        .unwrap();
        for map in [KeyMap::default(), remapped] {
            // Every key bound anywhere, with and without modifiers, and some bound
            // nowhere.
            let mut codes: Vec<KeyCode> = map
                .bindings
                .iter()
                .flat_map(|b| &b.keys)
                .filter_map(|k| match k {
                    Trigger::Key(key) => Some(key.code),
                    Trigger::Any => None,
                })
                .collect();
            codes.extend([KeyCode::Char('7'), KeyCode::Char('x'), KeyCode::F(12)]);
            for context in Context::ALL {
                for code in &codes {
                    for modifiers in [
                        KeyModifiers::NONE,
                        KeyModifiers::CONTROL,
                        KeyModifiers::ALT,
                        KeyModifiers::SHIFT,
                        KeyModifiers::CONTROL | KeyModifiers::ALT,
                    ] {
                        let key = KeyEvent::new(*code, modifiers);
                        assert_eq!(
                            map.action(context, &key),
                            read_in_order(&map, context, &key),
                            "{context:?} {key:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn context_all_is_in_declaration_order() {
        // `KeyMap::action` finds a context's table at `context as usize`.
        for (i, context) in Context::ALL.into_iter().enumerate() {
            assert_eq!(context as usize, i, "{context:?}");
        }
    }

    #[test]
    fn ctrl_c_is_not_in_the_map() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(is_ctrl_c(&ctrl_c));
        let map = KeyMap::default();
        assert!(
            map.bindings()
                .iter()
                .all(|b| !b.keys.contains(&Trigger::Key(Key::ctrl('c'))))
        );
    }
}
