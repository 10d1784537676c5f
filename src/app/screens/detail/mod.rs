//! One customer's details: the state only this screen has (tab, scroll, filter,
//! revealed ids, shipments, and what has the keys) and its keys.

mod check;
mod shipments;

pub use check::{CheckBox, CheckField};
pub use shipments::{DateFieldId, DatesForm, Fetched, ShipmentList, ShipmentPanel, Shipments};

use std::cell::Cell;

use ratatui::crossterm::event::{Event, KeyEvent};

use super::{Ctx, Outcome, Refusal, is_movement};
use crate::api::{Customer, ShipmentRow, Tally};
use crate::app::caller_check::{CallerCheck, Outcome as CheckOutcome, Policy, Strikes};
use crate::app::keys::{Action, Context};
use crate::app::limits;
use crate::app::{CopyItem, Cycle, Filter, Loaded, Overlay, RequestId, Tab};
use crate::i18n::Lang;

/// Profile has a fixed, short list of rows; this bounds scrolling past them.
const PROFILE_SCROLL_LIMIT: usize = 24;

/// What has the keys on the detail view: the tab itself, or one thing open on it.
#[derive(Clone, Debug)]
pub enum Mode {
    /// The tab: keys scroll, switch tabs, copy, open things.
    Browse,
    /// The `/` filter's field ([`Detail::filter`]): text goes into it.
    Filter,
    /// The Shipments tab's From / To form (boxed, as the shipment: a mode is small
    /// while the tab browses).
    Dates(Box<DatesForm>),
    /// A shipment opened from the Shipments tab (boxed: it is large).
    Shipment(Box<ShipmentPanel>),
    /// The Check the caller box, over any tab.
    Check(Box<CheckBox>),
}

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
    /// The `/` filter on the Addresses, Phones or Shipments tab, typed or kept.
    pub filter: Option<Filter>,
    /// What has the keys.
    pub mode: Mode,
    /// Whether identity and tax numbers show in clear (`v`); masked otherwise.
    pub reveal_ids: bool,
    /// The largest [`Detail::scroll`] that still fills the content area, as the last
    /// frame measured it (it depends on the window and on wrapping); `None` until a
    /// frame of this tab was drawn.
    pub scroll_max: Cell<Option<usize>>,
    /// The Shipments tab's window and list (boxed: the list is large).
    pub shipments: Box<Shipments>,
    /// The caller check of this customer during this call (the strikes, which
    /// outlive it, are the app's). Boxed: the screen enum stays small.
    pub caller_check: Box<CallerCheck>,
}

impl Detail {
    /// The customer highlighted in `loaded` on its Profile tab, ids masked, its
    /// shipments not asked for yet (window: the 90 days ending `today`).
    pub fn new(loaded: Loaded, today: time::Date) -> Self {
        let caller_check = Box::new(CallerCheck::new(loaded.customer()));
        Self {
            caller_check,
            loaded,
            tab: Tab::Profile,
            scroll: 0,
            filter: None,
            mode: Mode::Browse,
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
    fn list_changed(&mut self) {
        if self
            .filter
            .as_ref()
            .is_some_and(|f| f.tab == Tab::Shipments)
        {
            self.filter = None;
            if matches!(self.mode, Mode::Filter) {
                self.mode = Mode::Browse;
            }
        }
        if self.tab == Tab::Shipments {
            self.scroll = 0;
        }
    }

    /// The customer on display.
    pub fn customer(&self) -> &Customer {
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
        matches!(self.mode, Mode::Filter)
    }

    /// Whether a text field has focus (the filter's, or the date form's).
    pub(crate) fn text_has_focus(&self) -> bool {
        matches!(self.mode, Mode::Filter | Mode::Dates(_) | Mode::Check(_))
    }

    /// The Check the caller box, while open.
    pub fn check_box(&self) -> Option<&CheckBox> {
        match &self.mode {
            Mode::Check(check) => Some(check),
            _ => None,
        }
    }

    /// Whether the values the caller check asks about are hidden on every tab: while
    /// the box is open, and under a required check until it has passed.
    pub fn hides_checked_values(&self, strikes: &Strikes, policy: Policy) -> bool {
        self.check_box().is_some()
            || (policy.required
                && !matches!(
                    self.caller_check.outcome(strikes, policy),
                    CheckOutcome::Passed(_)
                ))
    }

    /// The shipment open, if any.
    pub fn open_shipment(&self) -> Option<&ShipmentPanel> {
        match &self.mode {
            Mode::Shipment(panel) => Some(panel),
            _ => None,
        }
    }

    /// The From / To form, while open.
    pub fn dates(&self) -> Option<&DatesForm> {
        match &self.mode {
            Mode::Dates(form) => Some(form),
            _ => None,
        }
    }

    /// The requests of the tab and the panel still in flight.
    pub(crate) fn in_flight(&self) -> Vec<RequestId> {
        let panel = self.open_shipment().and_then(|p| p.info.loading());
        self.shipments
            .list
            .loading()
            .into_iter()
            .chain(panel)
            .collect()
    }

    pub(in crate::app) fn switch_tab(&mut self, tab: Tab) {
        if self.tab != tab {
            self.filter = None;
            // The shipment and the date form belong to the Shipments tab.
            self.mode = Mode::Browse;
        }
        self.tab = tab;
        self.scroll = 0;
        self.scroll_max.set(None);
    }

    /// The last row that may be first on screen: the last item of a list tab; on
    /// Profile, a bound the renderer clamps further.
    fn scroll_limit(&self) -> usize {
        if let Some(max) = self.scroll_max.get() {
            return max;
        }
        if let Some(filter) = self.active_filter() {
            return filter.matches.len().saturating_sub(1);
        }
        let customer = self.customer();
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
        if let Mode::Shipment(panel) = &mut self.mode {
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

    /// Scrolls as a movement action says: a row, a page, to the top or the bottom.
    fn scroll(&mut self, action: Action, page: usize) {
        let page = isize::try_from(page).unwrap_or(isize::MAX);
        let delta = match action {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -page,
            Action::PageDown => page,
            Action::Home => {
                self.scroll = 0;
                return;
            }
            Action::End => {
                self.scroll = self.scroll_limit();
                return;
            }
            _ => 0,
        };
        self.scroll_by(delta);
    }

    fn open_filter(&mut self, lang: Lang) {
        if self.active_filter().is_some() {
            self.mode = Mode::Filter;
            return;
        }
        let filter = match self.tab {
            Tab::Shipments => self
                .shipments
                .list
                .ready()
                .map(|list| Filter::over(Tab::Shipments, list.haystacks())),
            _ => Filter::open(self.tab, self.customer(), lang),
        };
        if filter.is_some() {
            self.filter = filter;
            self.mode = Mode::Filter;
            self.scroll = 0;
        }
    }

    fn clear_filter(&mut self) {
        self.filter = None;
        self.mode = Mode::Browse;
        self.scroll = 0;
    }

    /// Pasted text goes into the field with focus, if any.
    pub(in crate::app) fn paste(&mut self, text: &str) {
        match &mut self.mode {
            Mode::Dates(dates) => dates.paste(text),
            Mode::Filter => {
                if let Some(filter) = &mut self.filter {
                    limits::paste_into(&mut filter.input, text, limits::FILTER_MAX_CHARS);
                    filter.refresh();
                    self.scroll = 0;
                }
            }
            Mode::Check(check) => check.paste(text),
            Mode::Browse | Mode::Shipment(_) => {}
        }
    }

    /// The copy menu: the customer's items, and on Shipments or in a shipment the
    /// highlighted shipment's AWB and carrier tracking number, highlighted on the AWB
    /// there (a business customer's items run to hundreds before it).
    /// `hide`: the caller check hides phones and addresses, so the menu leaves them
    /// out.
    fn copy_menu(&self, hide: bool) -> Overlay {
        let mut items = CopyItem::all(self.customer());
        if hide {
            items.retain(|item| !matches!(item, CopyItem::Phone(_) | CopyItem::Address(_)));
        }
        let mut selected = 0;
        if self.tab == Tab::Shipments
            && let Some(row) = self.highlighted_shipment()
        {
            selected = items.len();
            items.extend(CopyItem::of_shipment(row));
        }
        let selected = selected.min(items.len().saturating_sub(1));
        Overlay::CopyMenu { items, selected }
    }

    /// A key on the detail view, to what has the keys.
    pub(in crate::app) fn on_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Outcome {
        match self.mode {
            Mode::Dates(_) => self.on_dates_key(key, ctx),
            Mode::Shipment(_) => self.on_shipment_key(key, ctx),
            Mode::Filter => {
                self.on_filter_key(key, ctx);
                Outcome::none()
            }
            Mode::Check(_) => {
                self.on_check_key(key, ctx.keys, ctx.strikes);
                Outcome::none()
            }
            Mode::Browse => self.on_browse_key(key, ctx),
        }
    }

    /// Keys while the filter field has focus: text edits it; Enter keeps the filter
    /// and gives the keys back to the list; Esc clears it.
    fn on_filter_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) {
        match ctx.keys.action(Context::Filter, &key) {
            Some(Action::ClearFilter) => self.clear_filter(),
            Some(Action::KeepFilter) => self.mode = Mode::Browse,
            Some(action @ (Action::Up | Action::Down | Action::PageUp | Action::PageDown)) => {
                self.scroll(action, ctx.page);
            }
            Some(Action::NextTab) => self.switch_tab(self.tab.next()),
            Some(Action::PreviousTab) => self.switch_tab(self.tab.prev()),
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

    /// Keys on the tab itself.
    fn on_browse_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Outcome {
        let action = ctx.keys.action(Context::Detail, &key);
        if self.tab == Tab::Shipments
            && let Some(outcome) = action.and_then(|a| self.on_shipments_key(a, ctx))
        {
            return outcome;
        }
        match action {
            Some(Action::NextTab | Action::Right) => self.switch_tab(self.tab.next()),
            Some(Action::PreviousTab | Action::Left) => self.switch_tab(self.tab.prev()),
            Some(Action::GoToTab(tab)) => self.switch_tab(tab),
            Some(action) if is_movement(action) => self.scroll(action, ctx.page),
            Some(Action::Back) if self.filter.is_some() => self.clear_filter(),
            Some(Action::Back) => return Outcome::Back,
            // Filtering on a hidden ZIP or phone would tell whether it is on file.
            Some(Action::Filter)
                if matches!(self.tab, Tab::Addresses | Tab::Phones)
                    && self.hides_checked_values(ctx.strikes, ctx.policy) =>
            {
                return Outcome::Refused(Refusal::CheckFirst);
            }
            Some(Action::Filter) => self.open_filter(ctx.lang),
            Some(Action::CopySuite) => return Outcome::Copy(CopyItem::Suite),
            Some(Action::CopyMenu) => {
                let hide = self.hides_checked_values(ctx.strikes, ctx.policy);
                return Outcome::Overlay(self.copy_menu(hide));
            }
            Some(Action::RevealIds) if self.hides_checked_values(ctx.strikes, ctx.policy) => {
                return Outcome::Refused(Refusal::CheckFirst);
            }
            Some(Action::RevealIds) => self.reveal_ids = !self.reveal_ids,
            Some(Action::CheckCaller) => self.open_check(),
            Some(Action::CopyCallNote) => return Outcome::CallNote { show: false },
            Some(Action::ShowCallNote) => return Outcome::CallNote { show: true },
            Some(Action::Refresh) => return Outcome::LookUp,
            Some(Action::Quit) => return Outcome::Quit,
            _ => {}
        }
        Outcome::none()
    }
}
