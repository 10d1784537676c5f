//! The one key table: every binding declared once, with where it works, what it does,
//! and how the footer, the help overlay and the README show it.
//!
//! Adding a key binding is one entry in `BINDINGS`; `update` finds it there, the
//! footer and the help overlay draw it, and a test holds the README's key table to it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding is looked for, in the order `update` tries them.
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
    Overlay,
    /// The help box.
    Help,
    /// The recent lookups box.
    Recent,
    /// The copy menu.
    CopyMenu,
    /// The accounts an e-mail belongs to.
    Accounts,
    /// While a request is in flight.
    InFlight,
    /// Whenever no text field has focus.
    OffText,
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

/// A key, or a family of keys, a binding answers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// This key, with any modifiers.
    Code(KeyCode),
    /// This letter without Ctrl.
    Bare(char),
    /// Ctrl and this letter.
    Ctrl(char),
    /// Any key at all.
    Any,
}

impl Key {
    fn matches(self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Self::Code(code) => key.code == code,
            Self::Bare(c) => key.code == KeyCode::Char(c) && !ctrl,
            Self::Ctrl(c) => key.code == KeyCode::Char(c) && ctrl,
            Self::Any => true,
        }
    }
}

/// What a key asks for; the screen it lands on carries it out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Leave the app.
    Quit,
    /// Give the terminal back and stop, as Ctrl-Z does in a shell.
    Suspend,
    /// Wake the lock screen, onto the form.
    Wake,
    /// Open the call waiting.
    AnswerCall,
    /// Dismiss the call waiting; nothing changes.
    IgnoreCall,
    /// Open help, or close it.
    ToggleHelp,
    /// Open the recent lookups, or close them.
    ToggleRecent,
    /// Open help.
    Help,
    /// Open the recent lookups.
    Recent,
    /// The next environment.
    NextEnvironment,
    /// Close the box on screen.
    Close,
    /// Cancel the requests in flight.
    Cancel,
    /// Move the highlight of a list (the key says which way).
    Move,
    /// Enter on a box: repeat the lookup, copy the item, or look the account up.
    Choose,
    /// Look the customer up (again).
    Submit,
    /// The form's next field.
    FocusNext,
    /// The form's previous field.
    FocusPrev,
    /// Show or hide the form's secrets.
    RevealKeys,
    /// Edit the text field with focus (the field handles the key).
    Edit,
    /// Open the highlighted customer.
    Open,
    /// Back one screen.
    Back,
    /// The next tab.
    NextTab,
    /// The previous tab.
    PrevTab,
    /// The tab of this number (the key's digit).
    GoToTab,
    /// Scroll (the key says how far).
    Scroll,
    /// To the top.
    Top,
    /// To the bottom.
    Bottom,
    /// Open the `/` filter.
    Filter,
    /// Keep the filter and give the keys back to the list.
    KeepFilter,
    /// Clear the filter.
    ClearFilter,
    /// Copy the box suite.
    CopySuite,
    /// Open the copy menu.
    CopyMenu,
    /// Show or hide identity and tax numbers.
    RevealIds,
    /// The shipments of the window before.
    EarlierWindow,
    /// The shipments of the window after (never past today).
    LaterWindow,
    /// Open the From / To form.
    PickDates,
    /// Open the Check the caller box.
    CheckCaller,
}

/// The part of the help overlay (and of the README's key table) a binding shows in.
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
    /// Its heading in the help overlay; `None` for a section with one line.
    pub(crate) fn heading(self) -> Option<&'static str> {
        match self {
            Self::Form => Some("Form (letters are typed into the field)"),
            Self::Choose => Some("List of customers"),
            Self::Detail => Some("Customer"),
            Self::Locked => None,
            Self::Everywhere => Some("Everywhere"),
        }
    }

    /// Its name in the README's "where" column.
    pub fn name(self) -> &'static str {
        match self {
            Self::Form => "form",
            Self::Choose => "list of customers",
            Self::Detail => "detail",
            Self::Locked => "lock screen",
            Self::Everywhere => "anywhere",
        }
    }
}

/// What is on screen, as far as the footer is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    /// One shipment.
    Shipment,
    /// The From / To form.
    Dates,
    /// The Check the caller box.
    Check,
}

/// A line of help (and a row of the README's key table).
#[derive(Clone, Copy, Debug)]
pub struct Doc {
    /// Where it shows.
    pub section: Section,
    /// The keys, as written there.
    pub keys: &'static str,
    /// What they do.
    pub text: &'static str,
}

/// A key offered in the footer.
#[derive(Clone, Copy, Debug)]
pub struct Footer {
    /// The pages whose footer offers it.
    pub pages: &'static [Page],
    /// Its place there: lower first.
    pub rank: u8,
    /// The keys, as written there.
    pub keys: &'static str,
    /// What they do.
    pub label: &'static str,
    /// What they do while the thing they toggle is on ("hide keys").
    pub label_on: Option<&'static str>,
}

/// One binding: the keys, where, what, and how it is shown.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    /// Where it works.
    pub context: Context,
    /// What triggers it.
    pub keys: &'static [Key],
    /// What it does.
    pub action: Action,
    /// Its line of help; `None` when the line of a neighbour covers it.
    pub doc: Option<Doc>,
    /// Its place in the footer, if any.
    pub footer: Option<Footer>,
}

const fn doc(section: Section, keys: &'static str, text: &'static str) -> Option<Doc> {
    Some(Doc {
        section,
        keys,
        text,
    })
}

const fn footer(
    pages: &'static [Page],
    rank: u8,
    keys: &'static str,
    label: &'static str,
) -> Option<Footer> {
    Some(Footer {
        pages,
        rank,
        keys,
        label,
        label_on: None,
    })
}

const fn toggle(
    pages: &'static [Page],
    rank: u8,
    keys: &'static str,
    label: &'static str,
    label_on: &'static str,
) -> Option<Footer> {
    Some(Footer {
        pages,
        rank,
        keys,
        label,
        label_on: Some(label_on),
    })
}

use Action as A;
use Context as C;
use Key::{Any, Bare, Code, Ctrl};
use Section as S;

const LIST_KEYS: &[Key] = &[
    Code(KeyCode::Up),
    Code(KeyCode::Down),
    Code(KeyCode::PageUp),
    Code(KeyCode::PageDown),
    Code(KeyCode::Home),
    Code(KeyCode::End),
];

/// Every binding. Within a context the first match wins; the help overlay and the
/// README list the documented ones in this order, section by section.
pub(crate) const BINDINGS: &[Binding] = &[
    // ---- Anywhere
    Binding {
        context: C::Locked,
        keys: &[Any],
        action: A::Wake,
        doc: doc(S::Locked, "any key", "back to the form"),
        footer: footer(&[Page::Locked], 0, "any key", "continue"),
    },
    // The banner names its own keys: no line of help or footer.
    Binding {
        context: C::Call,
        keys: &[Code(KeyCode::Enter)],
        action: A::AnswerCall,
        doc: None,
        footer: None,
    },
    Binding {
        context: C::Call,
        keys: &[Code(KeyCode::Esc)],
        action: A::IgnoreCall,
        doc: None,
        footer: None,
    },
    Binding {
        context: C::Global,
        keys: &[Code(KeyCode::F(2)), Ctrl('n')],
        action: A::NextEnvironment,
        doc: doc(S::Everywhere, "F2 or Ctrl-N", "next environment"),
        footer: footer(&[Page::Form], 2, "F2", "environment"),
    },
    Binding {
        context: C::Global,
        keys: &[Code(KeyCode::F(3))],
        action: A::ToggleRecent,
        doc: doc(
            S::Everywhere,
            "F3 (h off fields)",
            "recent lookups; Enter repeats one",
        ),
        footer: footer(&[Page::Form], 3, "F3", "recent"),
    },
    Binding {
        context: C::OffText,
        keys: &[Bare('h')],
        action: A::Recent,
        doc: None,
        footer: footer(&[Page::Choose], 3, "h", "recent"),
    },
    Binding {
        context: C::Global,
        keys: &[Code(KeyCode::F(1))],
        action: A::ToggleHelp,
        doc: doc(S::Everywhere, "F1 (? off fields)", "this help"),
        footer: None,
    },
    Binding {
        context: C::OffText,
        keys: &[Bare('?')],
        action: A::Help,
        doc: None,
        footer: None,
    },
    Binding {
        context: C::Overlay,
        keys: &[Code(KeyCode::Esc)],
        action: A::Close,
        doc: doc(S::Everywhere, "Esc", "close a box like this one"),
        footer: footer(
            &[Page::Recent, Page::CopyMenu, Page::Accounts],
            2,
            "Esc",
            "close",
        ),
    },
    // A Windows console has no job control: nothing to suspend to.
    #[cfg(unix)]
    Binding {
        context: C::Always,
        keys: &[Ctrl('z')],
        action: A::Suspend,
        doc: doc(S::Everywhere, "Ctrl-Z", "suspend; the shell's fg resumes"),
        footer: None,
    },
    Binding {
        context: C::Always,
        keys: &[Ctrl('c'), Ctrl('q')],
        action: A::Quit,
        doc: doc(S::Everywhere, "Ctrl-C or Ctrl-Q", "quit"),
        footer: footer(
            &[Page::Form, Page::Loading, Page::Locked],
            99,
            "Ctrl-C",
            "quit",
        ),
    },
    // ---- Boxes
    Binding {
        context: C::Help,
        keys: &[Any],
        action: A::Close,
        doc: None,
        footer: footer(&[Page::Help], 0, "any key", "close help"),
    },
    Binding {
        context: C::Recent,
        keys: &[Code(KeyCode::Enter)],
        action: A::Choose,
        doc: None,
        footer: footer(&[Page::Recent], 1, "Enter", "repeat lookup"),
    },
    Binding {
        context: C::Recent,
        keys: &[Bare('h'), Bare('q')],
        action: A::Close,
        doc: None,
        footer: None,
    },
    Binding {
        context: C::Recent,
        keys: LIST_KEYS,
        action: A::Move,
        doc: None,
        footer: footer(&[Page::Recent], 0, "↑↓", "choose"),
    },
    Binding {
        context: C::CopyMenu,
        keys: &[Code(KeyCode::Enter)],
        action: A::Choose,
        doc: None,
        footer: footer(&[Page::CopyMenu], 1, "Enter", "copy"),
    },
    Binding {
        context: C::CopyMenu,
        keys: &[Bare('c'), Bare('q')],
        action: A::Close,
        doc: None,
        footer: None,
    },
    Binding {
        context: C::CopyMenu,
        keys: LIST_KEYS,
        action: A::Move,
        doc: None,
        footer: footer(&[Page::CopyMenu], 0, "↑↓", "choose"),
    },
    Binding {
        context: C::Accounts,
        keys: &[Code(KeyCode::Enter)],
        action: A::Choose,
        doc: None,
        footer: footer(&[Page::Accounts], 1, "Enter", "look up"),
    },
    Binding {
        context: C::Accounts,
        keys: LIST_KEYS,
        action: A::Move,
        doc: None,
        footer: footer(&[Page::Accounts], 0, "↑↓", "choose"),
    },
    // ---- Form
    Binding {
        context: C::Form,
        keys: &[Code(KeyCode::Enter)],
        action: A::Submit,
        doc: doc(S::Form, "Enter", "look the customer up"),
        footer: footer(&[Page::Form], 0, "Enter", "look up"),
    },
    Binding {
        context: C::Form,
        keys: &[Code(KeyCode::Tab), Code(KeyCode::Down)],
        action: A::FocusNext,
        doc: doc(S::Form, "Tab Shift-Tab ↓ ↑", "next / previous field"),
        footer: footer(&[Page::Form], 1, "Tab/↑↓", "move"),
    },
    Binding {
        context: C::Form,
        keys: &[Code(KeyCode::BackTab), Code(KeyCode::Up)],
        action: A::FocusPrev,
        doc: None,
        footer: None,
    },
    Binding {
        context: C::Form,
        keys: &[Ctrl('r')],
        action: A::RevealKeys,
        doc: doc(
            S::Form,
            "Ctrl-R",
            "reveal or hide the app key and customer key",
        ),
        footer: toggle(&[Page::Form], 4, "Ctrl-R", "reveal keys", "hide keys"),
    },
    Binding {
        context: C::Form,
        keys: &[Any],
        action: A::Edit,
        doc: doc(S::Form, "Ctrl-U/W ←→ Home End", "edit the field"),
        footer: None,
    },
    Binding {
        context: C::InFlight,
        keys: &[Code(KeyCode::Esc)],
        action: A::Cancel,
        doc: doc(S::Form, "Esc", "cancel a lookup in flight"),
        footer: footer(&[Page::Loading], 0, "Esc", "cancel"),
    },
    // ---- List of customers
    Binding {
        context: C::Choose,
        keys: &[
            Code(KeyCode::Up),
            Code(KeyCode::Down),
            Code(KeyCode::Home),
            Code(KeyCode::End),
        ],
        action: A::Move,
        doc: doc(S::Choose, "↑ ↓ Home End", "choose"),
        footer: footer(&[Page::Choose], 0, "↑↓", "choose"),
    },
    Binding {
        context: C::Choose,
        keys: &[Code(KeyCode::Enter)],
        action: A::Open,
        doc: doc(S::Choose, "Enter", "open the customer"),
        footer: footer(&[Page::Choose], 1, "Enter", "open"),
    },
    Binding {
        context: C::Choose,
        keys: &[Bare('r')],
        action: A::Submit,
        doc: doc(S::Choose, "r", "fetch again"),
        footer: footer(&[Page::Choose], 2, "r", "refresh"),
    },
    Binding {
        context: C::Choose,
        keys: &[Code(KeyCode::Esc)],
        action: A::Back,
        doc: doc(S::Choose, "Esc", "back to the form"),
        footer: footer(&[Page::Choose], 4, "Esc", "back"),
    },
    Binding {
        context: C::Choose,
        keys: &[Bare('q')],
        action: A::Quit,
        doc: doc(S::Choose, "q", "quit"),
        footer: footer(&[Page::Choose], 5, "q", "quit"),
    },
    // ---- Customer
    Binding {
        context: C::Detail,
        keys: &[Code(KeyCode::Tab), Code(KeyCode::Right)],
        action: A::NextTab,
        doc: doc(
            S::Detail,
            "Tab ← → 1 2 3 4 5",
            "Profile, Addresses, Phones, Shipments, Raw",
        ),
        footer: footer(&[Page::Detail], 0, "Tab/1-5", "tabs"),
    },
    Binding {
        context: C::Detail,
        keys: &[Code(KeyCode::BackTab), Code(KeyCode::Left)],
        action: A::PrevTab,
        doc: None,
        footer: None,
    },
    Binding {
        context: C::Detail,
        keys: &[Bare('1'), Bare('2'), Bare('3'), Bare('4'), Bare('5')],
        action: A::GoToTab,
        doc: None,
        footer: None,
    },
    Binding {
        context: C::Detail,
        keys: &[
            Code(KeyCode::Up),
            Code(KeyCode::Down),
            Code(KeyCode::PageUp),
            Code(KeyCode::PageDown),
        ],
        action: A::Scroll,
        doc: doc(S::Detail, "↑↓ PgUp PgDn Home End", "scroll"),
        footer: footer(&[Page::Detail], 1, "↑↓", "scroll"),
    },
    Binding {
        context: C::Detail,
        keys: &[Code(KeyCode::Home)],
        action: A::Top,
        doc: None,
        footer: None,
    },
    Binding {
        context: C::Detail,
        keys: &[Code(KeyCode::End)],
        action: A::Bottom,
        doc: None,
        footer: None,
    },
    Binding {
        context: C::Detail,
        keys: &[Bare('y')],
        action: A::CopySuite,
        doc: doc(S::Detail, "y", "copy the box suite"),
        footer: footer(&[Page::Detail], 2, "y", "copy suite"),
    },
    Binding {
        context: C::Detail,
        keys: &[Bare('c')],
        action: A::CopyMenu,
        doc: doc(
            S::Detail,
            "c",
            "copy menu: cust_id, name, contacts; AWB, tracking",
        ),
        footer: footer(&[Page::Detail], 3, "c", "copy…"),
    },
    Binding {
        context: C::Detail,
        keys: &[Bare('v')],
        action: A::RevealIds,
        doc: doc(S::Detail, "v", "show or hide identity and tax numbers"),
        footer: toggle(&[Page::Detail], 5, "v", "show ids", "hide ids"),
    },
    Binding {
        context: C::Detail,
        keys: &[Bare('k')],
        action: A::CheckCaller,
        // No line of help: at 80x24 the help box is full (docs/agent.md tells of it).
        doc: None,
        footer: footer(&[Page::Detail], 9, "k", "check caller"),
    },
    Binding {
        context: C::Detail,
        keys: &[Bare('/')],
        action: A::Filter,
        doc: doc(
            S::Detail,
            "/",
            "filter Addresses, Phones or Shipments (Esc clears)",
        ),
        footer: footer(&[Page::Detail], 4, "/", "filter"),
    },
    Binding {
        context: C::Detail,
        keys: &[Bare('r')],
        action: A::Submit,
        doc: doc(S::Detail, "r", "fetch again (on Shipments: the shipments)"),
        footer: footer(&[Page::Detail], 7, "r", "refresh"),
    },
    Binding {
        context: C::Detail,
        keys: &[Code(KeyCode::Esc)],
        action: A::Back,
        doc: doc(
            S::Detail,
            "Esc",
            "back (on Shipments, first cancels a fetch in flight)",
        ),
        footer: footer(&[Page::Detail], 6, "Esc", "back"),
    },
    Binding {
        context: C::Detail,
        keys: &[Bare('q')],
        action: A::Quit,
        doc: doc(S::Detail, "q", "quit"),
        footer: footer(&[Page::Detail], 8, "q", "quit"),
    },
    Binding {
        context: C::Detail,
        keys: &[Code(KeyCode::Enter)],
        action: A::Open,
        doc: doc(
            S::Detail,
            "Enter [ ] d",
            "Shipments: open one; window before / after; dates",
        ),
        footer: footer(&[Page::Detail], 1, "Enter", "open"),
    },
    Binding {
        context: C::Detail,
        keys: &[Bare('[')],
        action: A::EarlierWindow,
        doc: None,
        footer: footer(&[Page::Detail], 1, "[ ]", "window"),
    },
    Binding {
        context: C::Detail,
        keys: &[Bare(']')],
        action: A::LaterWindow,
        doc: None,
        footer: None,
    },
    Binding {
        context: C::Detail,
        keys: &[Bare('d')],
        action: A::PickDates,
        doc: None,
        footer: footer(&[Page::Detail], 1, "d", "dates"),
    },
    // ---- The filter, while typed
    Binding {
        context: C::Filter,
        keys: &[Code(KeyCode::Esc)],
        action: A::ClearFilter,
        doc: None,
        footer: footer(&[Page::Filter], 2, "Esc", "clear filter"),
    },
    Binding {
        context: C::Filter,
        keys: &[Code(KeyCode::Enter)],
        action: A::KeepFilter,
        doc: None,
        footer: footer(&[Page::Filter], 1, "Enter", "keep filter"),
    },
    Binding {
        context: C::Filter,
        keys: &[
            Code(KeyCode::Up),
            Code(KeyCode::Down),
            Code(KeyCode::PageUp),
            Code(KeyCode::PageDown),
        ],
        action: A::Scroll,
        doc: None,
        footer: footer(&[Page::Filter], 3, "↑↓", "scroll"),
    },
    Binding {
        context: C::Filter,
        keys: &[Code(KeyCode::Tab)],
        action: A::NextTab,
        doc: None,
        footer: None,
    },
    Binding {
        context: C::Filter,
        keys: &[Code(KeyCode::BackTab)],
        action: A::PrevTab,
        doc: None,
        footer: None,
    },
    Binding {
        context: C::Filter,
        keys: &[Any],
        action: A::Edit,
        doc: None,
        footer: footer(&[Page::Filter], 0, "type", "to filter"),
    },
    // ---- One shipment
    Binding {
        context: C::Shipment,
        keys: &[Code(KeyCode::Esc)],
        action: A::Back,
        doc: doc(
            S::Detail,
            "Esc r (in a shipment)",
            "back to the list, same row / fetch it again",
        ),
        footer: footer(&[Page::Shipment], 6, "Esc", "back"),
    },
    Binding {
        context: C::Shipment,
        keys: &[Bare('r')],
        action: A::Submit,
        doc: None,
        footer: footer(&[Page::Shipment], 5, "r", "refresh"),
    },
    Binding {
        context: C::Shipment,
        keys: &[
            Code(KeyCode::Up),
            Code(KeyCode::Down),
            Code(KeyCode::PageUp),
            Code(KeyCode::PageDown),
        ],
        action: A::Scroll,
        doc: None,
        footer: footer(&[Page::Shipment], 0, "↑↓", "scroll"),
    },
    Binding {
        context: C::Shipment,
        keys: &[Code(KeyCode::Home)],
        action: A::Top,
        doc: None,
        footer: None,
    },
    Binding {
        context: C::Shipment,
        keys: &[Code(KeyCode::End)],
        action: A::Bottom,
        doc: None,
        footer: None,
    },
    Binding {
        context: C::Shipment,
        keys: &[Bare('y')],
        action: A::CopySuite,
        doc: None,
        footer: footer(&[Page::Shipment], 2, "y", "copy suite"),
    },
    Binding {
        context: C::Shipment,
        keys: &[Bare('c')],
        action: A::CopyMenu,
        doc: None,
        footer: footer(&[Page::Shipment], 1, "c", "copy…"),
    },
    Binding {
        context: C::Shipment,
        keys: &[Bare('v')],
        action: A::RevealIds,
        doc: None,
        footer: toggle(&[Page::Shipment], 3, "v", "show ids", "hide ids"),
    },
    Binding {
        context: C::Shipment,
        keys: &[Bare('q')],
        action: A::Quit,
        doc: None,
        footer: footer(&[Page::Shipment], 8, "q", "quit"),
    },
    // ---- The From / To form
    Binding {
        context: C::Dates,
        keys: &[Code(KeyCode::Enter)],
        action: A::Submit,
        doc: doc(
            S::Detail,
            "Enter Esc (dates)",
            "apply the dates and fetch / cancel",
        ),
        footer: footer(&[Page::Dates], 0, "Enter", "apply"),
    },
    Binding {
        context: C::Dates,
        keys: &[Code(KeyCode::Esc)],
        action: A::Close,
        doc: None,
        footer: footer(&[Page::Dates], 2, "Esc", "cancel"),
    },
    Binding {
        context: C::Dates,
        keys: &[
            Code(KeyCode::Tab),
            Code(KeyCode::BackTab),
            Code(KeyCode::Up),
            Code(KeyCode::Down),
        ],
        action: A::FocusNext,
        doc: None,
        footer: footer(&[Page::Dates], 1, "Tab", "From / To"),
    },
    Binding {
        context: C::Dates,
        keys: &[Any],
        action: A::Edit,
        doc: None,
        footer: None,
    },
    // ---- The Check the caller box (its keys are written in it)
    Binding {
        context: C::Check,
        keys: &[Code(KeyCode::Enter)],
        action: A::Choose,
        doc: None,
        footer: footer(&[Page::Check], 0, "Enter", "compare"),
    },
    Binding {
        context: C::Check,
        keys: &[Code(KeyCode::Tab), Code(KeyCode::Down)],
        action: A::FocusNext,
        doc: None,
        footer: footer(&[Page::Check], 1, "Tab ↓ ↑", "question"),
    },
    Binding {
        context: C::Check,
        keys: &[Code(KeyCode::BackTab), Code(KeyCode::Up)],
        action: A::FocusPrev,
        doc: None,
        footer: None,
    },
    Binding {
        context: C::Check,
        keys: &[Code(KeyCode::Esc)],
        action: A::Close,
        doc: None,
        footer: footer(&[Page::Check], 2, "Esc", "close"),
    },
];

/// What `key` does in `context`, if anything.
pub fn action(context: Context, key: &KeyEvent) -> Option<Action> {
    BINDINGS
        .iter()
        .find(|b| b.context == context && b.keys.iter().any(|k| k.matches(key)))
        .map(|b| b.action)
}

/// The bindings the footer of `page` offers, in their footer order.
pub(crate) fn footer_of(page: Page) -> Vec<(Action, Footer)> {
    let mut offered: Vec<(Action, Footer)> = BINDINGS
        .iter()
        .filter_map(|b| Some((b.action, b.footer?)))
        .filter(|(_, f)| f.pages.contains(&page))
        .collect();
    offered.sort_by_key(|(_, f)| f.rank);
    offered
}

/// The documented bindings of `section`, in table order.
pub(crate) fn docs_of(section: Section) -> impl Iterator<Item = Doc> {
    BINDINGS
        .iter()
        .filter_map(|b| b.doc)
        .filter(move |d| d.section == section)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/keys.md's key table, as the bindings say it should read.
    fn readme_table() -> String {
        let mut table = String::from("| where | key | does |\n|---|---|---|\n");
        for section in [
            Section::Everywhere,
            Section::Form,
            Section::Choose,
            Section::Detail,
            Section::Locked,
        ] {
            for doc in docs_of(section) {
                table.push_str(&format!(
                    "| {} | {} | {} |\n",
                    section.name(),
                    doc.keys,
                    doc.text
                ));
            }
        }
        table
    }

    #[test]
    fn the_readme_key_table_is_the_bindings_table() {
        let readme = include_str!("../../docs/keys.md");
        let start = readme
            .find("| where | key | does |")
            .expect("docs/keys.md has a key table");
        let end = readme[start..]
            .find("\n\n")
            .map_or(readme.len(), |n| start + n + 1);
        assert_eq!(
            &readme[start..end],
            readme_table(),
            "docs/keys.md's key table disagrees with src/app/keys.rs"
        );
    }

    #[test]
    fn every_key_is_bound_once_per_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in BINDINGS.iter().skip(i + 1) {
                let shared = a.context == b.context
                    && a.keys.iter().any(|k| *k != Any && b.keys.contains(k));
                assert!(!shared, "{a:?} and {b:?} share a key");
            }
        }
    }
}
