//! The Shipments tab and one shipment: the window of dates, the list made ready to
//! draw once per answer, the shipment panel with its timeline, the From / To form,
//! and the requests behind them. Failures stay here: they never touch the profile.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use ratatui::crossterm::event::{Event, KeyEvent};
use tui_input::Input;
use unicode_width::UnicodeWidthStr;

use super::{Detail, Mode};
use crate::api::{
    ApiError, COLUMNS, CallVerdict, Column, DateWindow, ShipmentInfo, ShipmentLookup, ShipmentRow,
    ShipmentsLookup, row_cells,
};
use crate::app::Refusal;
use crate::app::call_note::NoteShipment;
use crate::app::keys::{Action, Context};
use crate::app::screens::{Ctx, Outcome, is_movement, move_selection};
use crate::app::{Cmd, CopyItem, Notice, Pending, Request, RequestId, Toast, limits};
use crate::i18n::{Decimal, Lang};
use crate::query::FieldError;

/// Something fetched for the tab or the panel: not asked for yet, in flight, there,
/// cancelled, or failed.
#[derive(Clone, Debug)]
pub enum Fetched<T> {
    /// Nothing asked for yet.
    NotAsked,
    /// Request `id` is in flight; only its answer is taken.
    Loading(RequestId),
    /// The answer.
    Ready(T),
    /// The agent cancelled the request.
    Cancelled,
    /// Why there is nothing to show (the same notices as a failed lookup).
    Failed(Notice),
}

impl<T> Fetched<T> {
    /// The answer, when there is one.
    pub fn ready(&self) -> Option<&T> {
        match self {
            Self::Ready(value) => Some(value),
            Self::NotAsked | Self::Loading(_) | Self::Cancelled | Self::Failed(_) => None,
        }
    }

    /// The request in flight, if any.
    pub fn loading(&self) -> Option<RequestId> {
        match self {
            Self::Loading(id) => Some(*id),
            Self::NotAsked | Self::Ready(_) | Self::Cancelled | Self::Failed(_) => None,
        }
    }
}

/// One answer of `customer-get-shipments`, made ready to draw: the texts of every
/// cell and each column's widest, worked out once, so a frame costs the same with
/// 2,000 rows as with 10.
#[derive(Clone, Debug)]
pub struct ShipmentList {
    /// The rows, newest first.
    pub rows: Vec<ShipmentRow>,
    /// Each row's cells, in [`Column`] order.
    pub cells: Vec<[String; COLUMNS]>,
    /// Each column's widest cell or heading, in terminal columns.
    pub widths: [usize; COLUMNS],
    /// Rows that need the agent (an invoice required and missing, or unverified).
    pub attention: usize,
    /// Rows received outside the window asked for: kept, and marked.
    pub outside: usize,
}

impl ShipmentList {
    /// The list a shipments answer makes, or why it makes none. Heavy for a large
    /// answer (tens of thousands of rows): the runtime runs it off the event loop.
    pub fn from_lookup(lookup: ShipmentsLookup, lang: Lang, decimal: Decimal) -> CallVerdict<Self> {
        match lookup.verdict().found::<Self>() {
            Ok(_) => CallVerdict::Found(Self::new(lookup.rows, &lookup.window, lang, decimal)),
            Err(refused) => refused,
        }
    }

    /// Readies `rows` (newest first), asked for within `window`, for drawing in
    /// `lang`, figures with `decimal`.
    pub fn new(rows: Vec<ShipmentRow>, window: &DateWindow, lang: Lang, decimal: Decimal) -> Self {
        let cells: Vec<[String; COLUMNS]> = rows
            .iter()
            .map(|row| row_cells(row, window, lang, decimal))
            .collect();
        let mut widths = [0; COLUMNS];
        for (width, column) in widths
            .iter_mut()
            .zip(<Column as strum::VariantArray>::VARIANTS)
        {
            *width = column.heading(lang).width();
        }
        for row in &cells {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.width());
            }
        }
        let attention = rows.iter().filter(|r| r.needs_attention()).count();
        let outside = rows.iter().filter(|r| r.outside(window)).count();
        Self {
            rows,
            cells,
            widths,
            attention,
            outside,
        }
    }

    /// What the `/` filter searches in each row: AWB, tracking number, merchant and
    /// contents, folded ([`crate::text::fold`]).
    pub(in crate::app) fn haystacks(&self) -> Vec<String> {
        self.rows
            .iter()
            .map(|row| {
                [
                    &row.trck_nmr_fol,
                    &row.external_tracking,
                    &row.merchant,
                    &row.shipment_content,
                ]
                .map(|field| field.trim())
                .join("\n")
            })
            .map(|text| crate::text::fold(&text))
            .collect()
    }
}

/// The shipment opened from the list.
#[derive(Clone, Debug)]
pub struct ShipmentPanel {
    /// Its AWB.
    pub awb: u64,
    /// The answer of `get-shipment-info`.
    pub info: Fetched<ShipmentInfo>,
    /// First line shown.
    pub scroll: usize,
    /// The largest [`ShipmentPanel::scroll`] that still fills the panel, as the last
    /// frame measured it (it depends on the window and on wrapping).
    pub scroll_max: Cell<Option<usize>>,
    /// The rows each tracking event's line takes at a width, measured by the UI once
    /// per width: a timeline of 100,000 events is not measured again at each frame.
    pub event_rows: RefCell<(u16, Vec<usize>)>,
}

impl ShipmentPanel {
    /// The last line that may be first on screen, as the last frame measured it;
    /// before any frame, a bound: a few dozen lines above the timeline.
    pub(in crate::app) fn scroll_limit(&self) -> usize {
        const ABOVE_TIMELINE: usize = 32;
        self.scroll_max.get().unwrap_or_else(|| {
            ABOVE_TIMELINE + self.info.ready().map_or(0, |info| info.tracking.len())
        })
    }
}

/// Which field of the From / To form has focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateFieldId {
    /// The first day.
    From,
    /// The last day.
    To,
}

/// The small From / To form `d` opens.
#[derive(Clone, Debug)]
pub struct DatesForm {
    /// First day, `YYYY-MM-DD`.
    pub from: Input,
    /// Last day, `YYYY-MM-DD`.
    pub to: Input,
    /// The field with focus.
    pub focus: DateFieldId,
    /// Why Enter was refused, if it was.
    pub error: Option<FieldError>,
}

impl DatesForm {
    fn new(window: &DateWindow) -> Self {
        Self {
            from: Input::from(window.start_text()),
            to: Input::from(window.end_text()),
            focus: DateFieldId::From,
            error: None,
        }
    }

    /// The field with focus.
    pub fn input(&self) -> &Input {
        match self.focus {
            DateFieldId::From => &self.from,
            DateFieldId::To => &self.to,
        }
    }

    fn input_mut(&mut self) -> &mut Input {
        match self.focus {
            DateFieldId::From => &mut self.from,
            DateFieldId::To => &mut self.to,
        }
    }

    fn switch(&mut self) {
        self.focus = match self.focus {
            DateFieldId::From => DateFieldId::To,
            DateFieldId::To => DateFieldId::From,
        };
    }

    /// Pasted text goes into the field with focus, as much as a date takes.
    pub(in crate::app) fn paste(&mut self, text: &str) {
        let pasted = limits::paste_into(self.input_mut(), text, limits::DATE_MAX_CHARS);
        self.error = pasted.message(limits::DATE_MAX_CHARS);
    }
}

/// The shipments part of the detail view: the window asked for and its list.
#[derive(Clone, Debug)]
pub struct Shipments {
    /// The window of receipt dates asked for.
    pub window: DateWindow,
    /// The list.
    pub list: Fetched<ShipmentList>,
    /// The shipments opened during this customer's call, in the order first opened,
    /// as the call note tells them.
    pub opened: Vec<NoteShipment>,
}

impl Shipments {
    /// The default window ending `today`; nothing asked for yet.
    pub(super) fn new(today: time::Date) -> Self {
        Self {
            window: DateWindow::default_for(today),
            list: Fetched::NotAsked,
            opened: Vec::new(),
        }
    }
}

/// What a verdict other than found comes to; `not_found` says what was missing.
fn refusal<T>(verdict: CallVerdict<T>, not_found: Notice) -> Notice {
    match verdict {
        CallVerdict::Found(_) | CallVerdict::NotFound => not_found,
        // `_verify: false` here is this call refused (a shipment that is not the
        // customer's, say), not the credentials the profile was just read with.
        CallVerdict::Rejected(reason) => Notice::RequestRefused(reason),
        CallVerdict::SkyPostalError(reason) => Notice::SkyPostalError(reason),
        CallVerdict::SystemError(reason) => Notice::SystemError(reason),
    }
}

impl Detail {
    /// Asks for the shipments of the customer on display in the tab's window; the
    /// fetch still in flight, if any, is cancelled.
    pub(in crate::app) fn fetch_shipments(&mut self, ctx: &mut Ctx<'_>) -> Vec<Cmd> {
        let window = self.shipments.window;
        let request = Request::Shipments {
            credentials: Arc::clone(&self.loaded.credentials),
            window,
            lang: ctx.lang,
            decimal: ctx.decimal,
        };
        let (id, cmds) = ctx
            .requests
            .send(ctx.environment, Pending::Shipments { window }, request);
        self.shipments.list = Fetched::Loading(id);
        cmds
    }

    /// Opens the shipment highlighted on the list and asks for it.
    fn open_highlighted(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        match self.highlighted_shipment().map(ShipmentRow::awb) {
            Some(Some(awb)) => Outcome::Done(self.fetch_shipment(awb, ctx)),
            Some(None) => Outcome::Toast(Toast::NoAwb),
            None => Outcome::none(),
        }
    }

    /// Opens shipment `awb` (again) and asks for it.
    fn fetch_shipment(&mut self, awb: u64, ctx: &mut Ctx<'_>) -> Vec<Cmd> {
        let request = Request::Shipment {
            credentials: Arc::clone(&self.loaded.credentials),
            awb,
        };
        let (id, cmds) = ctx
            .requests
            .send(ctx.environment, Pending::Shipment { awb }, request);
        self.mode = Mode::Shipment(Box::new(ShipmentPanel {
            awb,
            info: Fetched::Loading(id),
            scroll: 0,
            scroll_max: Cell::new(None),
            event_rows: RefCell::default(),
        }));
        cmds
    }

    /// The shipments answered; dropped unless it is the fetch the tab waits for.
    pub(in crate::app) fn on_shipments(
        &mut self,
        id: RequestId,
        result: Result<CallVerdict<ShipmentList>, ApiError>,
    ) {
        if self.shipments.list.loading() != Some(id) {
            return;
        }
        self.shipments.list = match result {
            Err(error) => Fetched::Failed(Notice::Failed(error)),
            Ok(CallVerdict::Found(list)) => Fetched::Ready(list),
            Ok(other) => Fetched::Failed(refusal(other, Notice::ShipmentsFailed)),
        };
        self.list_changed();
    }

    /// The open shipment answered; dropped unless the panel waits for it.
    pub(in crate::app) fn on_shipment(
        &mut self,
        id: RequestId,
        result: Result<ShipmentLookup, ApiError>,
    ) {
        let box_id = self.loaded.box_id();
        let Mode::Shipment(panel) = &mut self.mode else {
            return;
        };
        if panel.info.loading() != Some(id) {
            return;
        }
        panel.info = match result {
            Err(error) => Fetched::Failed(Notice::Failed(error)),
            Ok(mut lookup) => match lookup.verdict() {
                CallVerdict::Found(_) if !lookup.answers.is_empty() => {
                    let info = lookup.answers.swap_remove(0);
                    let noted = NoteShipment::of(panel.awb, &info);
                    let opened = &mut self.shipments.opened;
                    match opened.iter_mut().find(|s| s.awb == noted.awb) {
                        Some(earlier) => *earlier = noted,
                        None => opened.push(noted),
                    }
                    Fetched::Ready(info)
                }
                other => Fetched::Failed(refusal(
                    other,
                    Notice::NoShipment {
                        awb: panel.awb,
                        box_id,
                    },
                )),
            },
        };
    }

    /// Keys on the Shipments tab that the other tabs do not have; `None` when the key
    /// is not one of them.
    pub(super) fn on_shipments_key(
        &mut self,
        action: Action,
        ctx: &mut Ctx<'_>,
    ) -> Option<Outcome> {
        let shipments = &mut self.shipments;
        let window = match action {
            Action::EarlierWindow => shipments.window.earlier(),
            Action::LaterWindow => shipments.window.later(ctx.today),
            Action::PickDates => {
                self.mode = Mode::Dates(Box::new(DatesForm::new(&shipments.window)));
                return Some(Outcome::none());
            }
            Action::Open => return Some(self.open_highlighted(ctx)),
            Action::Refresh => return Some(Outcome::Done(self.fetch_shipments(ctx))),
            Action::Back => {
                // Esc while the list loads cancels that fetch alone.
                let id = shipments.list.loading()?;
                ctx.requests.finish(id);
                shipments.list = Fetched::Cancelled;
                return Some(Outcome::Done(vec![Cmd::Cancel(id)]));
            }
            _ => return None,
        };
        if window == shipments.window {
            return Some(Outcome::Toast(Toast::WindowEndsToday));
        }
        shipments.window = window;
        Some(Outcome::Done(self.fetch_shipments(ctx)))
    }

    /// Keys while a shipment is open.
    pub(super) fn on_shipment_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Outcome {
        let hide = self.hides_checked_values(ctx.strikes, ctx.policy);
        let Mode::Shipment(panel) = &mut self.mode else {
            return Outcome::none();
        };
        match ctx.keys.action(Context::Shipment, &key) {
            Some(Action::Back) => {
                if let Some(id) = panel.info.loading() {
                    ctx.requests.finish(id);
                    panel.info = Fetched::Cancelled;
                    return Outcome::Done(vec![Cmd::Cancel(id)]);
                }
                self.mode = Mode::Browse;
            }
            Some(Action::Refresh) => {
                let awb = panel.awb;
                return Outcome::Done(self.fetch_shipment(awb, ctx));
            }
            Some(action) if is_movement(action) => {
                let limit = panel.scroll_limit();
                move_selection(&mut panel.scroll, limit + 1, action, ctx.page);
            }
            Some(Action::CopyCallNote) => return Outcome::CallNote { show: false },
            Some(Action::ShowCallNote) => return Outcome::CallNote { show: true },
            Some(Action::RevealIds) if hide => return Outcome::Refused(Refusal::CheckFirst),
            Some(Action::RevealIds) => self.reveal_ids = !self.reveal_ids,
            Some(Action::CopySuite) => return Outcome::Copy(CopyItem::Suite),
            Some(Action::CopyMenu) => return Outcome::Overlay(self.copy_menu(hide)),
            Some(Action::Quit) => return Outcome::Quit,
            _ => {}
        }
        Outcome::none()
    }

    /// Keys while the From / To form is open: Enter applies a valid window and fetches
    /// it; Esc closes the form, the window unchanged.
    pub(super) fn on_dates_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Outcome {
        let Mode::Dates(form) = &mut self.mode else {
            return Outcome::none();
        };
        match ctx.keys.action(Context::Dates, &key) {
            Some(Action::CloseBox) => self.mode = Mode::Browse,
            Some(Action::NextField | Action::PreviousField | Action::Up | Action::Down) => {
                form.switch();
            }
            Some(Action::ApplyDates) => {
                match DateWindow::parse(form.from.value(), form.to.value(), ctx.today) {
                    Ok(window) => {
                        self.mode = Mode::Browse;
                        self.shipments.window = window;
                        return Outcome::Done(self.fetch_shipments(ctx));
                    }
                    Err(error) => form.error = Some(FieldError::Window(error)),
                }
            }
            _ => {
                use tui_input::backend::crossterm::EventHandler;
                let event = Event::Key(key);
                if limits::refuses_key(form.input(), &event, limits::DATE_MAX_CHARS) {
                    form.error = Some(FieldError::Full {
                        max: limits::DATE_MAX_CHARS,
                    });
                } else if form
                    .input_mut()
                    .handle_event(&event)
                    .is_some_and(|c| c.value)
                {
                    form.error = None;
                }
            }
        }
        Outcome::none()
    }
}
