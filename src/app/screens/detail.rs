//! One customer's details: the state only this screen has (tab, scroll, filter,
//! revealed ids) and its keys.

use std::cell::Cell;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};

use crate::api::{Customer, Tally};
use crate::app::keys::{self, Action, Context};
use crate::app::limits;
use crate::app::{App, Cmd, CopyItem, Cycle, Filter, Loaded, Overlay, Screen, Tab};

/// Profile has a fixed, short list of rows; this bounds scrolling past them.
const PROFILE_SCROLL_LIMIT: usize = 24;

/// The detail view of the highlighted customer of an answer.
#[derive(Debug)]
pub struct Detail {
    /// The answer, and which of its customers is shown.
    pub loaded: Loaded,
    /// The tab on display.
    pub tab: Tab,
    /// First row shown on the tab (a line on Profile and Raw, an item elsewhere;
    /// with a filter, an index into its matches).
    pub scroll: usize,
    /// The `/` filter on the Addresses or Phones tab.
    pub filter: Option<Filter>,
    /// Whether identity and tax numbers show in clear (`v`); masked otherwise.
    pub reveal_ids: bool,
    /// The largest [`Detail::scroll`] that still fills the content area, as the last
    /// frame measured it (it depends on the window and on wrapping); `None` until a
    /// frame of this tab was drawn.
    pub scroll_max: Cell<Option<usize>>,
}

impl Detail {
    /// The customer `loaded.selected` on its Profile tab, ids masked.
    pub fn new(loaded: Loaded) -> Self {
        Self {
            loaded,
            tab: Tab::Profile,
            scroll: 0,
            filter: None,
            reveal_ids: false,
            scroll_max: Cell::new(None),
        }
    }

    /// The customer on display.
    pub fn customer(&self) -> Option<&Customer> {
        self.loaded.customer()
    }

    /// Its [`Tally`].
    pub(crate) fn tally(&self) -> Tally {
        self.loaded.tally()
    }

    /// The filter on the tab on display, if any.
    pub fn active_filter(&self) -> Option<&Filter> {
        self.filter.as_ref().filter(|f| f.tab == self.tab)
    }

    /// Whether the filter field has focus.
    pub(crate) fn is_filtering(&self) -> bool {
        self.filter.as_ref().is_some_and(|f| f.editing)
    }

    pub(in crate::app) fn switch_tab(&mut self, tab: Tab) {
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
            Tab::Raw => self.loaded.raw.len().saturating_sub(1),
        }
    }

    pub(in crate::app) fn scroll_by(&mut self, delta: isize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.scroll_limit());
    }

    /// Scrolls as an arrow or page key says.
    fn scroll_key(&mut self, code: KeyCode, page: isize) {
        let delta = match code {
            KeyCode::Up => -1,
            KeyCode::Down => 1,
            KeyCode::PageUp => -page,
            KeyCode::PageDown => page,
            _ => 0,
        };
        self.scroll_by(delta);
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

    fn clear_filter(&mut self) {
        self.filter = None;
        self.scroll = 0;
    }

    /// Pasted text goes into the filter while it has focus.
    pub(in crate::app) fn paste(&mut self, text: &str) {
        if let Some(filter) = self.filter.as_mut().filter(|f| f.editing) {
            limits::paste_into(&mut filter.input, text, limits::FILTER_MAX_CHARS);
            filter.refresh();
            self.scroll = 0;
        }
    }

    /// Keys while the filter field has focus: text edits it; Enter keeps the filter
    /// and gives the keys back to the list; Esc clears it.
    fn on_filter_key(&mut self, key: KeyEvent, page: isize) {
        match keys::action(Context::Filter, &key) {
            Some(Action::ClearFilter) => self.clear_filter(),
            Some(Action::KeepFilter) => {
                if let Some(filter) = &mut self.filter {
                    filter.editing = false;
                }
            }
            Some(Action::Scroll) => self.scroll_key(key.code, page),
            Some(Action::NextTab) => self.switch_tab(self.tab.next()),
            Some(Action::PrevTab) => self.switch_tab(self.tab.prev()),
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
    }
}

impl App {
    pub(in crate::app) fn on_detail_key(&mut self, key: KeyEvent) -> Vec<Cmd> {
        let page = self.page_rows() as isize;
        let Screen::Detail(detail) = &mut self.screen else {
            return vec![];
        };
        if detail.is_filtering() {
            detail.on_filter_key(key, page);
            return vec![];
        }
        match keys::action(Context::Detail, &key) {
            Some(Action::NextTab) => detail.switch_tab(detail.tab.next()),
            Some(Action::PrevTab) => detail.switch_tab(detail.tab.prev()),
            Some(Action::GoToTab) => {
                let number = match key.code {
                    KeyCode::Char(c) => c.to_digit(10),
                    _ => None,
                };
                let tab = number
                    .and_then(|n| usize::try_from(n).ok()?.checked_sub(1))
                    .and_then(|index| <Tab as strum::VariantArray>::VARIANTS.get(index));
                if let Some(tab) = tab {
                    detail.switch_tab(*tab);
                }
            }
            Some(Action::Scroll) => detail.scroll_key(key.code, page),
            Some(Action::Top) => detail.scroll = 0,
            Some(Action::Bottom) => detail.scroll = detail.scroll_limit(),
            Some(Action::Back) if detail.filter.is_some() => detail.clear_filter(),
            Some(Action::Back) => {
                let screen = std::mem::replace(&mut self.screen, Screen::Form);
                if let Screen::Detail(detail) = screen
                    && detail.loaded.customers.len() > 1
                {
                    self.screen = Screen::Choose(detail.loaded);
                }
            }
            Some(Action::Filter) => detail.open_filter(),
            Some(Action::CopySuite) => return self.copy(CopyItem::Suite),
            Some(Action::CopyMenu) => {
                if let Some(customer) = detail.customer() {
                    let items = CopyItem::all(customer);
                    self.overlay = Some(Overlay::CopyMenu { items, selected: 0 });
                }
            }
            Some(Action::RevealIds) => detail.reveal_ids = !detail.reveal_ids,
            Some(Action::Submit) => return self.submit(),
            Some(Action::Quit) => return self.request_quit(),
            _ => {}
        }
        vec![]
    }
}
