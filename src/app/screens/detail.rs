//! One customer's details: the state only this screen has (tab, scroll, filter,
//! revealed ids, shipments) and its keys.

use std::cell::Cell;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};

use crate::api::{Customer, ShipmentRow, Tally};
use crate::app::keys::{self, Action, Context};
use crate::app::limits;
use crate::app::{App, Cmd, CopyItem, Cycle, Filter, Loaded, Overlay, Screen, Shipments, Tab};

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
    /// with a filter, an index into its matches); on Shipments, the highlighted row.
    pub scroll: usize,
    /// The `/` filter on the Addresses, Phones or Shipments tab.
    pub filter: Option<Filter>,
    /// Whether identity and tax numbers show in clear (`v`); masked otherwise.
    pub reveal_ids: bool,
    /// The largest [`Detail::scroll`] that still fills the content area, as the last
    /// frame measured it (it depends on the window and on wrapping); `None` until a
    /// frame of this tab was drawn.
    pub scroll_max: Cell<Option<usize>>,
    /// The Shipments tab and the shipment opened from it (boxed: it is large).
    pub shipments: Box<Shipments>,
}

impl Detail {
    /// The customer `loaded.selected` on its Profile tab, ids masked, its shipments
    /// not asked for yet (window: the 90 days ending `today`).
    pub fn new(loaded: Loaded, today: time::Date) -> Self {
        Self {
            loaded,
            tab: Tab::Profile,
            scroll: 0,
            filter: None,
            reveal_ids: false,
            scroll_max: Cell::new(None),
            shipments: Box::new(Shipments::new(today)),
        }
    }

    /// The shipment highlighted on the Shipments tab, if any.
    pub fn highlighted_shipment(&self) -> Option<&ShipmentRow> {
        let list = self.shipments.list.ready()?;
        let index = match self.filter.as_ref().filter(|f| f.tab == Tab::Shipments) {
            Some(filter) => *filter.matches.get(self.scroll)?,
            None => self.scroll,
        };
        list.rows.get(index)
    }

    /// A new list landed: a filter over the old one and its highlight go.
    pub(in crate::app) fn list_changed(&mut self) {
        if self
            .filter
            .as_ref()
            .is_some_and(|f| f.tab == Tab::Shipments)
        {
            self.filter = None;
        }
        if self.tab == Tab::Shipments {
            self.scroll = 0;
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
            // The shipment and the date form belong to the Shipments tab.
            self.shipments.open = None;
            self.shipments.dates = None;
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
            Tab::Shipments => self
                .shipments
                .list
                .ready()
                .map_or(0, |list| list.rows.len().saturating_sub(1)),
            Tab::Raw => self.loaded.raw.len().saturating_sub(1),
        }
    }

    pub(in crate::app) fn scroll_by(&mut self, delta: isize) {
        if let Some(panel) = &mut self.shipments.open {
            panel.scroll = panel
                .scroll
                .saturating_add_signed(delta)
                .min(panel.scroll_limit());
            return;
        }
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
        let filter = match self.tab {
            Tab::Shipments => self
                .shipments
                .list
                .ready()
                .map(|list| Filter::over(Tab::Shipments, list.haystacks())),
            _ => self.customer().and_then(|c| Filter::open(self.tab, c)),
        };
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
        if let Some(dates) = &mut self.shipments.dates {
            dates.paste(text);
        } else if let Some(filter) = self.filter.as_mut().filter(|f| f.editing) {
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
        if detail.shipments.dates.is_some() {
            return self.on_dates_key(key);
        }
        if detail.shipments.open.is_some() {
            return self.on_shipment_key(key);
        }
        if detail.is_filtering() {
            detail.on_filter_key(key, page);
            return vec![];
        }
        let action = keys::action(Context::Detail, &key);
        if detail.tab == Tab::Shipments
            && let Some(cmds) = action.and_then(|a| self.on_shipments_key(a))
        {
            return cmds;
        }
        let Screen::Detail(detail) = &mut self.screen else {
            return vec![];
        };
        match action {
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
                let Screen::Detail(detail) = screen else {
                    return vec![];
                };
                // The shipments of a customer no longer on screen are not waited for.
                let cancelled = detail.shipments.in_flight();
                for id in &cancelled {
                    self.requests.finish(*id);
                }
                if detail.loaded.customers.len() > 1 {
                    self.screen = Screen::Choose(detail.loaded);
                }
                return cancelled.into_iter().map(Cmd::Cancel).collect();
            }
            Some(Action::Filter) => detail.open_filter(),
            Some(Action::CopySuite) => return self.copy(CopyItem::Suite),
            Some(Action::CopyMenu) => self.open_copy_menu(),
            Some(Action::RevealIds) => detail.reveal_ids = !detail.reveal_ids,
            Some(Action::Submit) => return self.submit(),
            Some(Action::Quit) => return self.request_quit(),
            _ => {}
        }
        vec![]
    }
}

impl App {
    /// The copy menu: the customer's items, and on Shipments or in a shipment the
    /// highlighted shipment's AWB and carrier tracking number.
    pub(in crate::app) fn open_copy_menu(&mut self) {
        let Screen::Detail(detail) = &self.screen else {
            return;
        };
        let Some(customer) = detail.customer() else {
            return;
        };
        let mut items = CopyItem::all(customer);
        if detail.tab == Tab::Shipments
            && let Some(row) = detail.highlighted_shipment()
        {
            items.extend(CopyItem::of_shipment(row));
        }
        self.overlay = Some(Overlay::CopyMenu { items, selected: 0 });
    }
}

/// `"••••1111"`: the last four characters of an identity or tax number, the rest
/// hidden behind four bullets whatever its length; a value of four characters or
/// fewer is hidden whole.
pub(crate) fn mask(value: &str) -> String {
    let value = value.trim();
    let count = value.chars().count();
    if count <= 4 {
        return "••••".into();
    }
    let last: String = value.chars().skip(count - 4).collect();
    format!("••••{last}")
}
