//! The default key map as data: every binding, and the templates the footer and
//! the help overlay draw their keys from.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{
    Action, Context, Doc, DocKeys, Footer, FooterKeys, Key, Label, Page, Section, Trigger, Words,
};
use crate::app::Tab;
use crate::i18n::msg;

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
    // Help scrolls when it is taller than the screen; any other key closes it.
    (C::Help, A::Up, &[UP]),
    (C::Help, A::Down, &[DOWN]),
    (C::Help, A::PageUp, &[PAGE_UP]),
    (C::Help, A::PageDown, &[PAGE_DOWN]),
    (C::Help, A::Home, &[HOME]),
    (C::Help, A::End, &[END]),
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
    (C::Detail, A::CopyCallNote, &[char('w')]),
    (C::Detail, A::ShowCallNote, &[char('W')]),
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

const fn doc(section: Section, keys: DocKeys, text: Words) -> Doc {
    Doc {
        section,
        keys,
        text,
    }
}

/// The common line of help: keys bound, and plain words.
const fn line(section: Section, keys: &'static str, text: Label) -> Doc {
    doc(section, DocKeys::Bound(keys), Words::Plain(text))
}

/// The help overlay's lines (and docs/keys.md's table), section by section in this
/// order; the keys are templates ([`super::KeyMap::label`]) filled in from the map.
pub(super) const HELP: &[Doc] = &[
    line(S::Locked, "{wake}", msg::help_line::back_to_the_form),
    line(
        S::Everywhere,
        "{next_environment:or}",
        msg::help_line::next_environment,
    ),
    doc(
        S::Everywhere,
        DocKeys::Said(msg::help_keys::off_fields, "{recent}", "{recent@off_text}"),
        Words::Key(msg::help_line::recent_lookups, C::Recent, A::Open),
    ),
    doc(
        S::Everywhere,
        DocKeys::Said(msg::help_keys::off_fields, "{help}", "{help@off_text}"),
        Words::Plain(msg::help_line::this_help),
    ),
    line(
        S::Everywhere,
        "{close_box@box}",
        msg::help_line::close_a_box_like,
    ),
    #[cfg(unix)]
    line(
        S::Everywhere,
        "{suspend}",
        msg::help_line::suspend_the_shell_s,
    ),
    // Ctrl-C is not in the map: it always quits.
    doc(
        S::Everywhere,
        DocKeys::Said(msg::help_keys::or, "Ctrl-C", "{quit:or}"),
        Words::Plain(msg::help_line::quit),
    ),
    line(S::Form, "{look_up}", msg::help_line::look_the_customer_up),
    line(
        S::Form,
        "{next_field} {previous_field} {down} {up}",
        msg::help_line::next_previous_field,
    ),
    line(S::Form, "{reveal_keys}", msg::help_line::reveal_or_hide_the),
    line(S::Form, "{edit:close}", msg::help_line::edit_the_field),
    line(
        S::Form,
        "{cancel_request@in_flight}",
        msg::help_line::cancel_a_lookup_in,
    ),
    line(
        S::Choose,
        "{up} {down} {home} {end}",
        msg::help_line::choose,
    ),
    line(S::Choose, "{open}", msg::help_line::open_the_customer),
    line(S::Choose, "{refresh}", msg::help_line::fetch_again),
    line(S::Choose, "{back}", msg::help_line::back_to_the_form),
    line(S::Choose, "{quit}", msg::help_line::quit),
    line(
        S::Detail,
        "{next_tab} {left} {right} {tab_profile} {tab_addresses} {tab_phones} {tab_shipments} {tab_raw}",
        msg::help_line::profile_addresses_phones_shipments,
    ),
    line(
        S::Detail,
        "{up+down} {page_up} {page_down} {home} {end}",
        msg::help_line::scroll,
    ),
    line(
        S::Detail,
        "{copy_suite}",
        msg::help_line::copy_the_box_suite,
    ),
    line(S::Detail, "{copy_menu}", msg::help_line::copy_menu_cust_id),
    line(
        S::Detail,
        "{reveal_ids}",
        msg::help_line::show_or_hide_identity,
    ),
    line(S::Detail, "{check_caller}", msg::help_line::check_caller),
    line(
        S::Detail,
        "{copy_call_note} {show_call_note}",
        msg::help_line::call_note,
    ),
    doc(
        S::Detail,
        DocKeys::Bound("{filter}"),
        Words::Key(msg::help_line::filter, C::Filter, A::ClearFilter),
    ),
    line(
        S::Detail,
        "{refresh}",
        msg::help_line::fetch_again_on_shipments,
    ),
    line(S::Detail, "{back}", msg::help_line::back_on_shipments_first),
    line(S::Detail, "{quit}", msg::help_line::quit),
    line(
        S::Detail,
        "{open} {earlier_window} {later_window} {pick_dates}",
        msg::help_line::shipments_open_one_window,
    ),
    doc(
        S::Detail,
        DocKeys::Said(
            msg::help_keys::in_shipment,
            "{back@shipment}",
            "{refresh@shipment}",
        ),
        Words::Plain(msg::help_line::back_to_the_list),
    ),
    doc(
        S::Detail,
        DocKeys::Said(
            msg::help_keys::dates,
            "{apply_dates@dates}",
            "{close_box@dates}",
        ),
        Words::Plain(msg::help_line::apply_the_dates_and),
    ),
];

const fn footer(
    places: &'static [(Page, u8)],
    action: Action,
    keys: &'static str,
    label: Label,
) -> Footer {
    Footer {
        places,
        action,
        keys: FooterKeys::Bound(keys),
        label,
        label_on: None,
    }
}

const fn toggle(
    places: &'static [(Page, u8)],
    action: Action,
    keys: &'static str,
    labels: (Label, Label),
) -> Footer {
    Footer {
        places,
        action,
        keys: FooterKeys::Bound(keys),
        label: labels.0,
        label_on: Some(labels.1),
    }
}

use Page as P;

/// The footer's keys: the pages that offer each and its place there (lower first;
/// equal places keep this order), and its keys as a template filled in from the map.
pub(super) const FOOTER: &[Footer] = &[
    footer(&[(P::Locked, 0)], A::Wake, "{wake}", msg::footer::continue_),
    footer(
        &[(P::Form, 2)],
        A::NextEnvironment,
        "{next_environment:first}",
        msg::footer::environment,
    ),
    footer(
        &[(P::Form, 3), (P::Choose, 3)],
        A::Recent,
        "{recent:first}",
        msg::footer::recent,
    ),
    footer(
        &[(P::Recent, 2), (P::CopyMenu, 2), (P::Accounts, 2)],
        A::CloseBox,
        "{close_box@box}",
        msg::footer::close,
    ),
    // Ctrl-C is not in the map: it always quits.
    footer(
        &[(P::Form, 99), (P::Loading, 99), (P::Locked, 99)],
        A::Quit,
        "Ctrl-C",
        msg::footer::quit,
    ),
    footer(
        &[(P::CallNote, 0)],
        A::CloseBox,
        "{close_box}",
        msg::footer::close_note,
    ),
    footer(&[(P::Help, 0)], A::Up, "{up+down}", msg::footer::scroll),
    // Not a key: every key but the ones that scroll help closes it.
    Footer {
        places: &[(P::Help, 1)],
        action: A::CloseBox,
        keys: FooterKeys::Word(msg::footer::any_other_key),
        label: msg::footer::close_help,
        label_on: None,
    },
    footer(
        &[(P::Recent, 1)],
        A::Open,
        "{open}",
        msg::footer::repeat_lookup,
    ),
    footer(
        &[
            (P::Recent, 0),
            (P::CopyMenu, 0),
            (P::Accounts, 0),
            (P::Choose, 0),
        ],
        A::Up,
        "{up+down}",
        msg::footer::choose,
    ),
    footer(&[(P::CopyMenu, 1)], A::Open, "{open}", msg::footer::copy),
    footer(&[(P::Accounts, 1)], A::Open, "{open}", msg::footer::look_up),
    footer(
        &[(P::Form, 0)],
        A::LookUp,
        "{look_up}",
        msg::footer::look_up,
    ),
    footer(
        &[(P::Form, 1)],
        A::NextField,
        "{next_field:first}/{up+down}",
        msg::footer::move_field,
    ),
    toggle(
        &[(P::Form, 4)],
        A::RevealKeys,
        "{reveal_keys}",
        (msg::footer::reveal_keys, msg::footer::hide_keys),
    ),
    footer(
        &[(P::Loading, 0)],
        A::CancelRequest,
        "{cancel_request}",
        msg::footer::cancel,
    ),
    footer(&[(P::Choose, 1)], A::Open, "{open}", msg::footer::open),
    footer(
        &[(P::Choose, 2), (P::Detail, 7), (P::Shipment, 5)],
        A::Refresh,
        "{refresh}",
        msg::footer::refresh,
    ),
    footer(
        &[(P::Choose, 4), (P::Detail, 6), (P::Shipment, 6)],
        A::Back,
        "{back}",
        msg::footer::back,
    ),
    footer(
        &[(P::Choose, 5), (P::Detail, 8), (P::Shipment, 8)],
        A::Quit,
        "{quit}",
        msg::footer::quit,
    ),
    footer(
        &[(P::Detail, 0)],
        A::NextTab,
        "{next_tab:first}/{tab_profile}-{tab_raw}",
        msg::footer::tabs,
    ),
    footer(
        &[(P::Detail, 1), (P::Filter, 3), (P::Shipment, 0)],
        A::Up,
        "{up+down}",
        msg::footer::scroll,
    ),
    footer(
        &[(P::Detail, 2), (P::Shipment, 2)],
        A::CopySuite,
        "{copy_suite}",
        msg::footer::copy_suite,
    ),
    footer(
        &[(P::Detail, 3), (P::Shipment, 1)],
        A::CopyMenu,
        "{copy_menu}",
        msg::footer::copy_2,
    ),
    toggle(
        &[(P::Detail, 5), (P::Shipment, 3)],
        A::RevealIds,
        "{reveal_ids}",
        (msg::footer::show_ids, msg::footer::hide_ids),
    ),
    footer(
        &[(P::Detail, 4)],
        A::Filter,
        "{filter}",
        msg::footer::filter,
    ),
    footer(&[(P::Detail, 1)], A::Open, "{open}", msg::footer::open),
    footer(
        &[(P::Detail, 1)],
        A::EarlierWindow,
        "{earlier_window} {later_window}",
        msg::footer::window,
    ),
    footer(
        &[(P::Detail, 1)],
        A::PickDates,
        "{pick_dates}",
        msg::footer::dates,
    ),
    footer(
        &[(P::Detail, 9)],
        A::CheckCaller,
        "{check_caller}",
        msg::footer::check_caller,
    ),
    footer(
        &[(P::Detail, 10)],
        A::CopyCallNote,
        "{copy_call_note}",
        msg::footer::copy_call_note,
    ),
    footer(
        &[(P::Filter, 2)],
        A::ClearFilter,
        "{clear_filter}",
        msg::footer::clear_filter,
    ),
    footer(
        &[(P::Filter, 1)],
        A::KeepFilter,
        "{keep_filter}",
        msg::footer::keep_filter,
    ),
    // Not a key: any character goes into the filter.
    Footer {
        places: &[(P::Filter, 0)],
        action: A::Edit,
        keys: FooterKeys::Word(msg::footer::type_word),
        label: msg::footer::to_filter,
        label_on: None,
    },
    footer(
        &[(P::Dates, 0)],
        A::ApplyDates,
        "{apply_dates}",
        msg::footer::apply,
    ),
    footer(
        &[(P::Dates, 2)],
        A::CloseBox,
        "{close_box}",
        msg::footer::cancel,
    ),
    footer(
        &[(P::Dates, 1)],
        A::NextField,
        "{next_field:first}",
        msg::footer::from_to,
    ),
    footer(
        &[(P::Check, 0)],
        A::CheckAnswer,
        "{check_answer}",
        msg::footer::compare,
    ),
    footer(
        &[(P::Check, 1)],
        A::NextField,
        "{next_field} {down} {up}",
        msg::footer::question,
    ),
    footer(
        &[(P::Check, 2)],
        A::CloseBox,
        "{close_box}",
        msg::footer::close,
    ),
];
