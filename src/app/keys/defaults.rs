//! The default key map as data: every binding, and the templates the footer and
//! the help overlay draw their keys from.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{Action, Context, Doc, Footer, Key, Page, Section, Trigger};
use crate::app::Tab;

use Action as A;
use Context as C;
use Section as S;

const fn key(code: KeyCode) -> Trigger {
    Trigger::Key(Key::bare(code))
}

const fn char(c: char) -> Trigger {
    Trigger::Key(Key::char(c))
}

const fn ctrl(c: char) -> Trigger {
    Trigger::Key(Key::ctrl(c))
}

const fn alt(c: char) -> Trigger {
    Trigger::Key(Key::alt(c))
}

const fn with(code: KeyCode, modifiers: KeyModifiers) -> Trigger {
    Trigger::Key(Key::with(code, modifiers))
}

const UP: Trigger = key(KeyCode::Up);
const DOWN: Trigger = key(KeyCode::Down);
const LEFT: Trigger = key(KeyCode::Left);
const RIGHT: Trigger = key(KeyCode::Right);
const HOME: Trigger = key(KeyCode::Home);
const END: Trigger = key(KeyCode::End);
const PAGE_UP: Trigger = key(KeyCode::PageUp);
const PAGE_DOWN: Trigger = key(KeyCode::PageDown);
const ENTER: Trigger = key(KeyCode::Enter);
const ESC: Trigger = key(KeyCode::Esc);
const TAB: Trigger = key(KeyCode::Tab);
const BACK_TAB: Trigger = key(KeyCode::BackTab);

/// Every default binding: context, action, keys. Within a context the first that
/// has a key wins; a context's parent ([`Context::parent`]) has the rest.
pub(super) const BINDINGS: &[(Context, Action, &[Trigger])] = &[
    // ---- Before anything, and on every screen
    (C::Always, A::Quit, &[ctrl('q')]),
    // A Windows console has no job control: nothing to suspend to.
    #[cfg(unix)]
    (C::Always, A::Suspend, &[ctrl('z')]),
    (C::Locked, A::Wake, &[Trigger::Any]),
    // The banner of a call waiting names its own keys: no line of help or footer.
    (C::Call, A::AnswerCall, &[ENTER]),
    (C::Call, A::IgnoreCall, &[ESC]),
    (
        C::Global,
        A::NextEnvironment,
        &[key(KeyCode::F(2)), ctrl('n')],
    ),
    (C::Global, A::Recent, &[key(KeyCode::F(3))]),
    (C::Global, A::Help, &[key(KeyCode::F(1))]),
    (C::OffText, A::Recent, &[char('h')]),
    (C::OffText, A::Help, &[char('?')]),
    (C::InFlight, A::CancelRequest, &[ESC]),
    // ---- Lists, and the boxes drawn over the screen
    (C::Lists, A::Up, &[UP]),
    (C::Lists, A::Down, &[DOWN]),
    (C::Lists, A::PageUp, &[PAGE_UP]),
    (C::Lists, A::PageDown, &[PAGE_DOWN]),
    (C::Lists, A::Home, &[HOME]),
    (C::Lists, A::End, &[END]),
    (C::Box, A::CloseBox, &[ESC]),
    (C::Help, A::CloseBox, &[Trigger::Any]),
    (C::Recent, A::Open, &[ENTER]),
    (C::Recent, A::Recent, &[char('h')]),
    (C::Recent, A::CloseBox, &[char('q')]),
    (C::CopyMenu, A::Open, &[ENTER]),
    (C::CopyMenu, A::CopyMenu, &[char('c')]),
    (C::CopyMenu, A::CloseBox, &[char('q')]),
    (C::Accounts, A::Open, &[ENTER]),
    // ---- A text field: tui-input's editing keys (the first line is the help's)
    (
        C::Text,
        A::Edit,
        &[ctrl('u'), ctrl('w'), LEFT, RIGHT, HOME, END],
    ),
    (
        C::Text,
        A::Edit,
        &[
            ctrl('a'),
            ctrl('e'),
            ctrl('b'),
            ctrl('f'),
            ctrl('h'),
            ctrl('k'),
            ctrl('y'),
            alt('b'),
            alt('f'),
            alt('d'),
            key(KeyCode::Backspace),
            key(KeyCode::Delete),
            with(KeyCode::Backspace, KeyModifiers::ALT),
            with(KeyCode::Delete, KeyModifiers::CONTROL),
            with(KeyCode::Left, KeyModifiers::CONTROL),
            with(KeyCode::Right, KeyModifiers::CONTROL),
        ],
    ),
    // ---- The form
    (C::Form, A::LookUp, &[ENTER]),
    (C::Form, A::NextField, &[TAB]),
    (C::Form, A::PreviousField, &[BACK_TAB]),
    (C::Form, A::Down, &[DOWN]),
    (C::Form, A::Up, &[UP]),
    (C::Form, A::RevealKeys, &[ctrl('r')]),
    // ---- The list of customers
    (C::Choose, A::Up, &[UP]),
    (C::Choose, A::Down, &[DOWN]),
    (C::Choose, A::Home, &[HOME]),
    (C::Choose, A::End, &[END]),
    (C::Choose, A::Open, &[ENTER]),
    (C::Choose, A::Refresh, &[char('r')]),
    (C::Choose, A::Back, &[ESC]),
    (C::Choose, A::Quit, &[char('q')]),
    // ---- The customer (and, falling through, one shipment)
    (C::Detail, A::NextTab, &[TAB]),
    (C::Detail, A::PreviousTab, &[BACK_TAB]),
    (C::Detail, A::Left, &[LEFT]),
    (C::Detail, A::Right, &[RIGHT]),
    (C::Detail, A::GoToTab(Tab::Profile), &[char('1')]),
    (C::Detail, A::GoToTab(Tab::Addresses), &[char('2')]),
    (C::Detail, A::GoToTab(Tab::Phones), &[char('3')]),
    (C::Detail, A::GoToTab(Tab::Shipments), &[char('4')]),
    (C::Detail, A::GoToTab(Tab::Raw), &[char('5')]),
    (C::Detail, A::CopySuite, &[char('y')]),
    (C::Detail, A::CopyMenu, &[char('c')]),
    (C::Detail, A::RevealIds, &[char('v')]),
    (C::Detail, A::Filter, &[char('/')]),
    (C::Detail, A::Refresh, &[char('r')]),
    (C::Detail, A::Back, &[ESC]),
    (C::Detail, A::Quit, &[char('q')]),
    (C::Detail, A::Open, &[ENTER]),
    (C::Detail, A::EarlierWindow, &[char('[')]),
    (C::Detail, A::LaterWindow, &[char(']')]),
    (C::Detail, A::PickDates, &[char('d')]),
    (C::Detail, A::CheckCaller, &[char('k')]),
    // ---- The filter, while typed
    (C::Filter, A::ClearFilter, &[ESC]),
    (C::Filter, A::KeepFilter, &[ENTER]),
    (C::Filter, A::Up, &[UP]),
    (C::Filter, A::Down, &[DOWN]),
    (C::Filter, A::PageUp, &[PAGE_UP]),
    (C::Filter, A::PageDown, &[PAGE_DOWN]),
    (C::Filter, A::NextTab, &[TAB]),
    (C::Filter, A::PreviousTab, &[BACK_TAB]),
    // ---- The From / To form
    (C::Dates, A::ApplyDates, &[ENTER]),
    (C::Dates, A::CloseBox, &[ESC]),
    (C::Dates, A::NextField, &[TAB]),
    (C::Dates, A::PreviousField, &[BACK_TAB]),
    (C::Dates, A::Up, &[UP]),
    (C::Dates, A::Down, &[DOWN]),
    // ---- The Check the caller box (its keys are written in it)
    (C::Check, A::CheckAnswer, &[ENTER]),
    (C::Check, A::NextField, &[TAB]),
    (C::Check, A::Down, &[DOWN]),
    (C::Check, A::PreviousField, &[BACK_TAB]),
    (C::Check, A::Up, &[UP]),
    (C::Check, A::CloseBox, &[ESC]),
];

const fn doc(section: Section, keys: &'static str, text: &'static str) -> Doc {
    Doc {
        section,
        keys,
        text,
    }
}

/// The help overlay's lines (and docs/keys.md's table), section by section in this
/// order; the keys are templates ([`super::KeyMap::label`]) filled in from the map.
pub(super) const HELP: &[Doc] = &[
    doc(S::Locked, "{wake}", "back to the form"),
    doc(S::Everywhere, "{next_environment:or}", "next environment"),
    doc(
        S::Everywhere,
        "{recent} ({recent@off_text} off fields)",
        "recent lookups; Enter repeats one",
    ),
    doc(
        S::Everywhere,
        "{help} ({help@off_text} off fields)",
        "this help",
    ),
    doc(
        S::Everywhere,
        "{close_box@box}",
        "close a box like this one",
    ),
    #[cfg(unix)]
    doc(
        S::Everywhere,
        "{suspend}",
        "suspend; the shell's fg resumes",
    ),
    // Ctrl-C is not in the map: it always quits.
    doc(S::Everywhere, "Ctrl-C or {quit:or}", "quit"),
    doc(S::Form, "{look_up}", "look the customer up"),
    doc(
        S::Form,
        "{next_field} {previous_field} {down} {up}",
        "next / previous field",
    ),
    doc(
        S::Form,
        "{reveal_keys}",
        "reveal or hide the app key and customer key",
    ),
    doc(S::Form, "{edit:close}", "edit the field"),
    doc(
        S::Form,
        "{cancel_request@in_flight}",
        "cancel a lookup in flight",
    ),
    doc(S::Choose, "{up} {down} {home} {end}", "choose"),
    doc(S::Choose, "{open}", "open the customer"),
    doc(S::Choose, "{refresh}", "fetch again"),
    doc(S::Choose, "{back}", "back to the form"),
    doc(S::Choose, "{quit}", "quit"),
    doc(
        S::Detail,
        "{next_tab} {left} {right} {tab_profile} {tab_addresses} {tab_phones} {tab_shipments} {tab_raw}",
        "Profile, Addresses, Phones, Shipments, Raw",
    ),
    doc(
        S::Detail,
        "{up+down} {page_up} {page_down} {home} {end}",
        "scroll",
    ),
    doc(S::Detail, "{copy_suite}", "copy the box suite"),
    doc(
        S::Detail,
        "{copy_menu}",
        "copy menu: cust_id, name, contacts; AWB, tracking",
    ),
    doc(
        S::Detail,
        "{reveal_ids}",
        "show or hide identity and tax numbers",
    ),
    doc(
        S::Detail,
        "{filter}",
        "filter Addresses, Phones or Shipments (Esc clears)",
    ),
    doc(
        S::Detail,
        "{refresh}",
        "fetch again (on Shipments: the shipments)",
    ),
    doc(
        S::Detail,
        "{back}",
        "back (on Shipments, first cancels a fetch in flight)",
    ),
    doc(S::Detail, "{quit}", "quit"),
    doc(
        S::Detail,
        "{open} {earlier_window} {later_window} {pick_dates}",
        "Shipments: open one; window before / after; dates",
    ),
    doc(
        S::Detail,
        "{back@shipment} {refresh@shipment} (in a shipment)",
        "back to the list, same row / fetch it again",
    ),
    doc(
        S::Detail,
        "{apply_dates@dates} {close_box@dates} (dates)",
        "apply the dates and fetch / cancel",
    ),
];

const fn footer(
    places: &'static [(Page, u8)],
    action: Action,
    keys: &'static str,
    label: &'static str,
) -> Footer {
    Footer {
        places,
        action,
        keys,
        label,
        label_on: None,
    }
}

const fn toggle(
    places: &'static [(Page, u8)],
    action: Action,
    keys: &'static str,
    labels: (&'static str, &'static str),
) -> Footer {
    Footer {
        places,
        action,
        keys,
        label: labels.0,
        label_on: Some(labels.1),
    }
}

use Page as P;

/// The footer's keys: the pages that offer each and its place there (lower first;
/// equal places keep this order), and its keys as a template filled in from the map.
pub(super) const FOOTER: &[Footer] = &[
    footer(&[(P::Locked, 0)], A::Wake, "{wake}", "continue"),
    footer(
        &[(P::Form, 2)],
        A::NextEnvironment,
        "{next_environment:first}",
        "environment",
    ),
    footer(
        &[(P::Form, 3), (P::Choose, 3)],
        A::Recent,
        "{recent:first}",
        "recent",
    ),
    footer(
        &[(P::Recent, 2), (P::CopyMenu, 2), (P::Accounts, 2)],
        A::CloseBox,
        "{close_box@box}",
        "close",
    ),
    // Ctrl-C is not in the map: it always quits.
    footer(
        &[(P::Form, 99), (P::Loading, 99), (P::Locked, 99)],
        A::Quit,
        "Ctrl-C",
        "quit",
    ),
    footer(&[(P::Help, 0)], A::CloseBox, "{close_box}", "close help"),
    footer(&[(P::Recent, 1)], A::Open, "{open}", "repeat lookup"),
    footer(
        &[
            (P::Recent, 0),
            (P::CopyMenu, 0),
            (P::Accounts, 0),
            (P::Choose, 0),
        ],
        A::Up,
        "{up+down}",
        "choose",
    ),
    footer(&[(P::CopyMenu, 1)], A::Open, "{open}", "copy"),
    footer(&[(P::Accounts, 1)], A::Open, "{open}", "look up"),
    footer(&[(P::Form, 0)], A::LookUp, "{look_up}", "look up"),
    footer(
        &[(P::Form, 1)],
        A::NextField,
        "{next_field:first}/{up+down}",
        "move",
    ),
    toggle(
        &[(P::Form, 4)],
        A::RevealKeys,
        "{reveal_keys}",
        ("reveal keys", "hide keys"),
    ),
    footer(
        &[(P::Loading, 0)],
        A::CancelRequest,
        "{cancel_request}",
        "cancel",
    ),
    footer(&[(P::Choose, 1)], A::Open, "{open}", "open"),
    footer(
        &[(P::Choose, 2), (P::Detail, 7), (P::Shipment, 5)],
        A::Refresh,
        "{refresh}",
        "refresh",
    ),
    footer(
        &[(P::Choose, 4), (P::Detail, 6), (P::Shipment, 6)],
        A::Back,
        "{back}",
        "back",
    ),
    footer(
        &[(P::Choose, 5), (P::Detail, 8), (P::Shipment, 8)],
        A::Quit,
        "{quit}",
        "quit",
    ),
    footer(
        &[(P::Detail, 0)],
        A::NextTab,
        "{next_tab:first}/{tab_profile}-{tab_raw}",
        "tabs",
    ),
    footer(
        &[(P::Detail, 1), (P::Filter, 3), (P::Shipment, 0)],
        A::Up,
        "{up+down}",
        "scroll",
    ),
    footer(
        &[(P::Detail, 2), (P::Shipment, 2)],
        A::CopySuite,
        "{copy_suite}",
        "copy suite",
    ),
    footer(
        &[(P::Detail, 3), (P::Shipment, 1)],
        A::CopyMenu,
        "{copy_menu}",
        "copy…",
    ),
    toggle(
        &[(P::Detail, 5), (P::Shipment, 3)],
        A::RevealIds,
        "{reveal_ids}",
        ("show ids", "hide ids"),
    ),
    footer(&[(P::Detail, 4)], A::Filter, "{filter}", "filter"),
    footer(&[(P::Detail, 1)], A::Open, "{open}", "open"),
    footer(
        &[(P::Detail, 1)],
        A::EarlierWindow,
        "{earlier_window} {later_window}",
        "window",
    ),
    footer(&[(P::Detail, 1)], A::PickDates, "{pick_dates}", "dates"),
    footer(
        &[(P::Detail, 9)],
        A::CheckCaller,
        "{check_caller}",
        "check caller",
    ),
    footer(
        &[(P::Filter, 2)],
        A::ClearFilter,
        "{clear_filter}",
        "clear filter",
    ),
    footer(
        &[(P::Filter, 1)],
        A::KeepFilter,
        "{keep_filter}",
        "keep filter",
    ),
    // Not a key: any character goes into the filter.
    footer(&[(P::Filter, 0)], A::Edit, "type", "to filter"),
    footer(&[(P::Dates, 0)], A::ApplyDates, "{apply_dates}", "apply"),
    footer(&[(P::Dates, 2)], A::CloseBox, "{close_box}", "cancel"),
    footer(
        &[(P::Dates, 1)],
        A::NextField,
        "{next_field:first}",
        "From / To",
    ),
    footer(
        &[(P::Check, 0)],
        A::CheckAnswer,
        "{check_answer}",
        "compare",
    ),
    footer(
        &[(P::Check, 1)],
        A::NextField,
        "{next_field} {down} {up}",
        "question",
    ),
    footer(&[(P::Check, 2)], A::CloseBox, "{close_box}", "close"),
];
