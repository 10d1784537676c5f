//! The Shipments tab: the window, the list (only its visible rows are drawn, from
//! cells readied once per answer), the From / To form, and one shipment with its
//! tracking timeline. A failure shows here and nowhere else.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::profile::{Ids, private_value};
use super::{field, theme, value};
use crate::api::{
    COLUMNS, Column, Invoice, OUTSIDE_MARK, Pounds, Shipment, ShipmentInfo, TrackingEvent, Usd,
};
use crate::app::keys::{Action, Context};
use crate::app::{
    App, DateFieldId, DatesForm, Detail, Fetched, Notice, RequestId, Severity, ShipmentList,
    ShipmentPanel,
};
use crate::i18n::{self, Decimal, Lang, msg};
use crate::text::fit_width;
use crate::ui::{flight_line, notice_text};

/// Blank columns between two cells.
const GAP: usize = 2;
/// The row's mark (`✘` for a row SkyPostal did not verify) and its space.
const MARK: usize = 2;

/// Columns in the order they give way on a narrow terminal: the last goes first.
/// The first five stay at any width.
const PRIORITY: [Column; COLUMNS] = [
    Column::Received,
    Column::Awb,
    Column::Merchant,
    Column::Status,
    Column::Invoice,
    Column::Tracking,
    Column::Weight,
    Column::Value,
    Column::Contents,
];
const ALWAYS_SHOWN: usize = 5;
/// The narrowest a status or tracking cell gets: `PROCESSING PAYMENT (CUT)` whole.
const STATUS_LEAST: usize = 24;

/// The tab's count and mark: `(n)` with n the shipments listed, and a mark with
/// those that need the agent (`✘1 to act on`); while loading it says so (`(…)` when
/// `short`), after a failure it shows `(⚠)`.
pub(super) fn tab_count(lang: Lang, detail: &Detail, short: bool) -> (String, Option<String>) {
    match &detail.shipments.list {
        Fetched::Loading(_) if short => ("(…)".into(), None),
        Fetched::Loading(_) => (format!("({})", msg::shipments::tab_loading(lang)), None),
        // Not asked for, or cancelled by the agent: nothing failed.
        Fetched::NotAsked | Fetched::Cancelled => ("(–)".into(), None),
        Fetched::Failed(_) => ("(⚠)".into(), None),
        // The count is of shipments, as on the other tabs; those that need the agent
        // are a mark of their own.
        Fetched::Ready(list) => (
            format!("({})", list.rows.len()),
            (list.attention > 0)
                .then(|| format!("✘{} {} ", list.attention, msg::shipments::to_act_on(lang))),
        ),
    }
}

/// Draws the tab in `area`: the window line, the form while open, then the shipment
/// open or the list.
pub(super) fn render(app: &App, detail: &Detail, frame: &mut Frame, area: Rect) {
    let lang = app.settings.lang;
    let shipments = &detail.shipments;
    let form_rows = if detail.dates().is_some() { 3 } else { 0 };
    let [window, form, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(form_rows),
        Constraint::Fill(1),
    ])
    .areas(area);
    let count = shipments
        .list
        .ready()
        .map(|list| {
            format!(
                "  · {}",
                shipment_count(lang, list.rows.len(), list.outside)
            )
        })
        .unwrap_or_default();
    let window_text = msg::shipments::window(
        lang,
        shipments.window.start_text(),
        shipments.window.end_text(),
        shipments.window.days(),
    );
    let mut line = Line::from(vec![
        Span::styled(window_text, theme::title()),
        Span::styled(count, theme::label()),
    ]);
    let key = |action| {
        app.settings
            .keys
            .key(Context::Detail, action, app.settings.lang)
    };
    let hint = msg::keys::window(
        lang,
        key(Action::EarlierWindow),
        key(Action::LaterWindow),
        key(Action::PickDates),
    );
    let hint = Span::styled(format!("  · {hint}"), theme::dim());
    // The hint only when it fits whole; the window itself always shows.
    if line.width() + hint.width() <= usize::from(window.width) {
        line.push_span(hint);
    }
    frame.render_widget(line, window);
    if let Some(dates) = detail.dates() {
        render_dates(app, dates, frame, form);
    }
    if let Some(panel) = detail.open_shipment() {
        render_panel(app, detail, panel, frame, body);
        return;
    }
    match &shipments.list {
        Fetched::Loading(id) => {
            render_loading(app, *id, msg::shipments::fetching(lang), frame, body);
        }
        Fetched::NotAsked => {
            let line = info_line(&msg::shipments::not_asked(lang, key(Action::Refresh)));
            render_notice(app, &line, frame, body);
        }
        Fetched::Cancelled => render_notice(app, &cancelled(app, Context::Detail), frame, body),
        Fetched::Failed(notice) => render_notice(app, &notice_line(app, notice), frame, body),
        Fetched::Ready(list) if list.rows.is_empty() => {
            let window = &shipments.window;
            let days = window.days().max(1);
            let hint = if window.end() < app.today {
                msg::shipments::empty_hint_later(
                    lang,
                    days,
                    key(Action::EarlierWindow),
                    key(Action::LaterWindow),
                    key(Action::PickDates),
                )
            } else {
                msg::shipments::empty_hint(
                    lang,
                    days,
                    key(Action::EarlierWindow),
                    key(Action::PickDates),
                )
            };
            let lines = vec![
                Line::default(),
                Line::from(msg::shipments::empty(
                    lang,
                    window.start_text(),
                    window.end_text(),
                )),
                Line::from(Span::styled(hint, theme::dim())),
            ];
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
        }
        Fetched::Ready(list) => {
            let order = detail.active_filter().map(|f| f.matches.as_slice());
            let clear = super::clear_key(app, detail);
            draw_list(
                lang,
                list,
                order,
                detail.scroll,
                &clear,
                body,
                frame.buffer_mut(),
            );
        }
    }
}

/// `2 shipments`, and how many of them SkyPostal sent from outside the window asked
/// for (their dates marked `⚠`): `2 shipments, 2 outside ⚠`, after the window.
fn shipment_count(lang: Lang, count: usize, outside: usize) -> String {
    if outside == 0 {
        msg::shipments::count(lang, count)
    } else {
        msg::shipments::count_outside(lang, count, outside, OUTSIDE_MARK)
    }
}

/// `⠋ Fetching the shipments… 0.3 s  (Esc cancels)`: the key that goes back cancels
/// the fetch first.
fn loading_line(app: &App, id: RequestId, what: &str) -> Line<'static> {
    let (spinner, elapsed) = app
        .requests
        .get(id)
        .map_or((0, 0.0), |f| (f.spinner, f.elapsed.as_secs_f64()));
    let lang = app.settings.lang;
    let said = msg::shipments::fetching_elapsed(lang, what, app.settings.decimal.fixed(elapsed, 1));
    let cancel = app.settings.keys.key(Context::Detail, Action::Back, lang);
    flight_line(lang, spinner, said, cancel)
}

fn render_loading(app: &App, id: RequestId, what: &str, frame: &mut Frame, area: Rect) {
    let lines = vec![Line::default(), loading_line(app, id, what)];
    frame.render_widget(Paragraph::new(lines), area);
}

/// A failure, in the words of a failed lookup; SkyPostal's system error as a banner.
fn notice_line(app: &App, notice: &Notice) -> Line<'static> {
    let lang = app.settings.lang;
    if notice.severity() == Severity::Info {
        return info_line(&notice.text(lang, &app.settings.keys));
    }
    let (text, style) = notice_text(lang, notice, &app.settings.keys);
    Line::from(Span::styled(format!(" {text} "), style))
}

/// Something to know that is not a failure.
fn info_line(text: &str) -> Line<'static> {
    Line::from(Span::styled(format!(" · {text} "), theme::label()))
}

/// The agent cancelled what was being fetched: nothing failed. `context` says which
/// key fetches it again.
fn cancelled(app: &App, context: Context) -> Line<'static> {
    let refresh = app
        .settings
        .keys
        .key(context, Action::Refresh, app.settings.lang);
    info_line(&msg::shipments::cancelled(app.settings.lang, refresh))
}

fn render_notice(app: &App, line: &Line<'static>, frame: &mut Frame, area: Rect) {
    let refresh = app
        .settings
        .keys
        .key(Context::Detail, Action::Refresh, app.settings.lang);
    let lines = vec![
        Line::default(),
        line.clone(),
        Line::default(),
        Line::from(Span::styled(
            msg::shipments::other_tabs_unchanged(app.settings.lang, refresh),
            theme::dim(),
        )),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn render_dates(app: &App, dates: &DatesForm, frame: &mut Frame, area: Rect) {
    let lang = app.settings.lang;
    let field_style = |id: DateFieldId| {
        if dates.focus == id {
            theme::focused()
        } else {
            theme::label()
        }
    };
    let from_label = Span::styled(
        format!("{} ", msg::dates::from(lang)),
        field_style(DateFieldId::From),
    );
    let from_value = Span::raw(format!("{:<10}", dates.from.value()));
    let to_label = Span::styled(
        format!("   {} ", msg::dates::to(lang)),
        field_style(DateFieldId::To),
    );
    // Typing goes where the focused field's value starts: past what is drawn before it.
    let value_x = match dates.focus {
        DateFieldId::From => from_label.width(),
        DateFieldId::To => from_label.width() + from_value.width() + to_label.width(),
    };
    let first = Line::from(vec![
        from_label,
        from_value,
        to_label,
        Span::raw(format!("{:<10}", dates.to.value())),
        Span::styled(
            format!(
                "   {}",
                msg::keys::dates(
                    lang,
                    app.settings
                        .keys
                        .key(Context::Dates, Action::ApplyDates, app.settings.lang),
                    app.settings
                        .keys
                        .key(Context::Dates, Action::CloseBox, app.settings.lang),
                )
            ),
            theme::dim(),
        ),
    ]);
    let second = match &dates.error {
        Some(error) => Line::from(Span::styled(
            format!("⚠ {}", error.text(lang)),
            theme::bad(),
        )),
        None => Line::default(),
    };
    frame.render_widget(Paragraph::new(vec![first, second]), area);
    let x = value_x + dates.input().visual_cursor();
    let x = area
        .x
        .saturating_add(u16::try_from(x).unwrap_or(u16::MAX))
        .min(area.right().saturating_sub(1));
    frame.set_cursor_position(Position::new(x, area.y));
}

/// The columns that fit in `width`, in screen order, each with its width: the least
/// important give way first, then the text columns are cut.
fn layout(widths: &[usize; COLUMNS], width: usize) -> Vec<(Column, usize)> {
    let natural = |c: Column| widths.get(c.index()).copied().unwrap_or(0);
    // The caller reads a tracking number aloud: it is cut last, and only when long.
    // A status, however long SkyPostal's words for it, is cut too, so that the
    // columns after it (the invoice) stay.
    let least = |c: Column| match c {
        Column::Merchant | Column::Contents => natural(c).min(10),
        Column::Tracking | Column::Status => natural(c).min(STATUS_LEAST),
        _ => natural(c),
    };
    let needed = |shown: &[Column]| {
        MARK + shown.iter().map(|c| least(*c)).sum::<usize>() + GAP * shown.len().saturating_sub(1)
    };
    let mut shown: Vec<Column> = PRIORITY.to_vec();
    while shown.len() > ALWAYS_SHOWN && needed(&shown) > width {
        shown.pop();
    }
    let mut spare = width.saturating_sub(needed(&shown));
    let mut sized: Vec<(Column, usize)> = shown
        .iter()
        .map(|c| {
            let extra = natural(*c).saturating_sub(least(*c)).min(spare);
            spare -= extra;
            (*c, least(*c) + extra)
        })
        .collect();
    sized.sort_by_key(|(c, _)| c.index());
    sized
}

/// Writes `text` at `at`, no wider than `width` columns. Plain ASCII (most cells:
/// dates, numbers, codes) skips the grapheme segmentation a general string needs,
/// which is most of the cost of drawing a row.
fn put(buf: &mut Buffer, at: Position, text: &str, width: usize, style: Style) {
    if !text.is_ascii() {
        buf.set_stringn(at.x, at.y, text, width, style);
        return;
    }
    for (x, c) in (at.x..).zip(text.chars().take(width)) {
        if let Some(cell) = buf.cell_mut(Position::new(x, at.y)) {
            cell.set_char(c).set_style(style);
        }
    }
}

/// Draws the heading and the rows that fit in `area` straight into the buffer, the
/// highlighted one (`selected`, an index into `order` or into the rows) always among
/// them. Cells are written where their column starts and padding is not drawn (the
/// buffer starts blank), so a frame costs the characters shown and nothing more.
fn draw_list(
    lang: Lang,
    list: &ShipmentList,
    order: Option<&[usize]>,
    selected: usize,
    clear: &str,
    area: Rect,
    buf: &mut Buffer,
) {
    if order.is_some_and(<[usize]>::is_empty) {
        let text = msg::filter::nothing_matches(lang, clear);
        buf.set_stringn(area.x, area.y, text, usize::from(area.width), theme::warn());
        return;
    }
    let columns = layout(&list.widths, usize::from(area.width));
    // Each column's first screen column, its width cut at the border.
    let mut placed = Vec::with_capacity(columns.len());
    let mut x = usize::from(area.x) + MARK;
    for (column, width) in columns {
        let room = usize::from(area.right()).saturating_sub(x);
        if room == 0 {
            break;
        }
        placed.push((
            column,
            u16::try_from(x).unwrap_or(u16::MAX),
            width.min(room),
        ));
        x += width + GAP;
    }
    for (column, x, width) in &placed {
        buf.set_stringn(*x, area.y, column.heading(lang), *width, theme::label());
    }
    let count = order.map_or(list.rows.len(), <[usize]>::len);
    let index_at = |position: usize| match order {
        Some(order) => order.get(position).copied(),
        None => (position < list.rows.len()).then_some(position),
    };
    let height_of = |index: usize| {
        1 + list
            .rows
            .get(index)
            .map_or(0, |row| usize::from(!row.verify))
    };
    let selected = selected.min(count.saturating_sub(1));
    // Walk back from the highlighted row as far as the rows fill the height.
    let room = usize::from(area.height).saturating_sub(1);
    let mut first = selected;
    let mut used = index_at(selected).map_or(1, height_of);
    while first > 0 {
        let above = index_at(first - 1).map_or(1, height_of);
        if used + above > room {
            break;
        }
        used += above;
        first -= 1;
    }
    let mut y = area.y.saturating_add(1);
    let mut position = first;
    while y < area.bottom() {
        let Some(index) = index_at(position) else {
            break;
        };
        let (Some(row), Some(cells)) = (list.rows.get(index), list.cells.get(index)) else {
            break;
        };
        if !row.verify {
            buf.set_stringn(area.x, y, "✘", MARK, theme::bad());
        }
        for (column, x, width) in &placed {
            let text = cells.get(column.index()).map_or("", String::as_str);
            let style = if *column == Column::Invoice && row.invoice() == Invoice::Required {
                theme::bad()
            } else {
                theme::text()
            };
            put(
                buf,
                Position::new(*x, y),
                &fit_width(text, *width),
                *width,
                style,
            );
        }
        if position == selected {
            buf.set_style(Rect::new(area.x, y, area.width, 1), theme::selected());
        }
        y = y.saturating_add(1);
        if !row.verify && y < area.bottom() {
            let reason = row
                .reported_error()
                .and_then(|e| e.error_description.non_empty())
                .unwrap_or(msg::shipments::not_verified(lang));
            let line = format!("  ✘ {reason}");
            buf.set_stringn(area.x, y, line, usize::from(area.width), theme::bad());
            y = y.saturating_add(1);
        }
        position += 1;
    }
}

/// The open shipment: its numbers, goods, charges, destination and record, then the
/// tracking timeline, newest first, one line per event. Only the lines on screen are
/// made; the rows each event takes are measured once per width, so a key costs the
/// same with 100,000 events as with 10.
fn render_panel(app: &App, detail: &Detail, panel: &ShipmentPanel, frame: &mut Frame, area: Rect) {
    let lang = app.settings.lang;
    let head = panel_lines(app, detail, panel);
    let events = panel
        .info
        .ready()
        .map_or(&[][..], |info| info.tracking.as_slice());
    let mut measured = panel.event_rows.borrow_mut();
    if measured.0 != area.width || measured.1.len() != events.len() {
        let rows = events
            .iter()
            .map(|e| super::rows_of(&event_line(lang, e), area.width))
            .collect();
        *measured = (area.width, rows);
    }
    let event_rows = &measured.1;
    let head_rows: Vec<usize> = head.iter().map(|l| super::rows_of(l, area.width)).collect();
    let rows_of = |index: usize| match index.checked_sub(head.len()) {
        Some(event) => event_rows.get(event).copied().unwrap_or(1),
        None => head_rows.get(index).copied().unwrap_or(1),
    };
    let total = head.len() + events.len();
    // The last page stays full: scrolling stops once the last line is at the bottom.
    let max = super::scroll_max(total, (0..total).rev().map(rows_of), area.height);
    panel.scroll_max.set(Some(max));
    let mut visible = Vec::new();
    let mut used = 0;
    for index in panel.scroll.min(max)..total {
        if used >= usize::from(area.height) {
            break;
        }
        used += rows_of(index);
        let line = match index.checked_sub(head.len()) {
            Some(event) => events.get(event).map(|e| event_line(lang, e)),
            None => head.get(index).cloned(),
        };
        visible.extend(line);
    }
    frame.render_widget(Paragraph::new(visible).wrap(Wrap { trim: false }), area);
}

/// The shipment panel's lines above its timeline's events.
pub(super) fn panel_lines(app: &App, detail: &Detail, panel: &ShipmentPanel) -> Vec<Line<'static>> {
    let lang = app.settings.lang;
    let key = |action| {
        app.settings
            .keys
            .key(Context::Shipment, action, app.settings.lang)
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(msg::shipment::title(lang, panel.awb), theme::title()),
        Span::styled(
            format!(
                "  · {}",
                msg::keys::shipment(lang, key(Action::Back), key(Action::Refresh))
            ),
            theme::dim(),
        ),
    ])];
    let failed = match &panel.info {
        Fetched::Loading(id) => {
            lines.push(loading_line(app, *id, msg::shipment::fetching(lang)));
            None
        }
        Fetched::NotAsked => None,
        Fetched::Cancelled => Some(cancelled(app, Context::Shipment)),
        Fetched::Failed(notice) => Some(notice_line(app, notice)),
        Fetched::Ready(info) => {
            if let Some(other) = info.other_awb(panel.awb) {
                lines.push(Line::from(Span::styled(
                    msg::shipment::other_awb(lang, crate::text::sanitize(&other), panel.awb),
                    theme::warn(),
                )));
            }
            lines.extend(info_lines(
                lang,
                app.settings.decimal,
                info,
                &super::ids(app, detail),
            ));
            None
        }
    };
    if let Some(failed) = failed {
        lines.push(Line::default());
        lines.push(failed);
        lines.push(Line::from(Span::styled(
            msg::shipment::fetch_again(lang, key(Action::Refresh), key(Action::Back)),
            theme::dim(),
        )));
    }
    lines
}

fn money(amount: Option<f64>, decimal: Decimal) -> Vec<Span<'static>> {
    value(&amount.map(|a| Usd(a).show(decimal)).unwrap_or_default())
}

fn pounds(weight: Option<f64>, decimal: Decimal) -> String {
    weight.map_or_else(|| "—".into(), |w| Pounds(w).show(decimal))
}

fn heading(text: &str) -> Line<'static> {
    Line::from(Span::styled(text.to_string(), theme::title()))
}

fn info_lines(lang: Lang, decimal: Decimal, info: &ShipmentInfo, ids: &Ids) -> Vec<Line<'static>> {
    // The answer to "where is my package?" first: at 80x24 it is on screen without
    // scrolling; the tracking is newest first, so the latest scan is the first event.
    let mut lines = Vec::new();
    match info.tracking.first() {
        Some(event) => lines.extend([
            field(
                msg::shipment::status(lang),
                value(&crate::i18n::status(lang, event.status())),
            ),
            field(
                msg::shipment::latest_scan(lang),
                event_line(lang, event).spans,
            ),
        ]),
        None => lines.push(field(
            msg::shipment::latest_scan(lang),
            vec![Span::styled(msg::shipment::no_scan(lang), theme::dim())],
        )),
    }
    match &info.shipment {
        Some(shipment) => lines.extend(shipment_lines(lang, decimal, shipment, ids)),
        None => lines.push(Line::from(Span::styled(
            msg::shipment::no_details(lang),
            theme::warn(),
        ))),
    }
    lines.push(Line::default());
    lines.push(heading(&msg::shipment::tracking(lang, info.tracking.len())));
    if info.tracking.is_empty() {
        lines.push(Line::from(Span::styled(
            msg::shipment::no_tracking(lang),
            theme::dim(),
        )));
    }
    lines
}

fn shipment_lines(
    lang: Lang,
    decimal: Decimal,
    shipment: &Shipment,
    ids: &Ids,
) -> Vec<Line<'static>> {
    use msg::shipment as words;
    let mut lines = vec![
        Line::default(),
        heading(words::numbers(lang)),
        field(words::awb(lang), value(&shipment.trck_nmr_fol)),
    ];
    for piece in &shipment.detail {
        let carrier = format!("{} {}", piece.courier(), piece.courier_name.trim());
        lines.push(field(words::carrier(lang), value(&carrier)));
        lines.push(field(
            words::carrier_tracking(lang),
            value(&piece.external_tracking),
        ));
    }
    lines.extend([
        Line::default(),
        heading(words::goods(lang)),
        field(words::merchant(lang), value(&shipment.merchant_name)),
        field(words::contents(lang), value(&shipment.content)),
        field(
            words::declared_value(lang),
            money(shipment.price_value, decimal),
        ),
        field(
            words::weight(lang),
            vec![Span::raw(words::weights(
                lang,
                pounds(shipment.physical_weight, decimal),
                pounds(shipment.volumetric_weight, decimal),
                pounds(shipment.charged_weight, decimal),
            ))],
        ),
    ]);
    let charges = shipment.charges();
    if !charges.is_empty() {
        lines.push(Line::default());
        lines.push(heading(words::charges(lang)));
        lines.extend(charges.into_iter().map(|(charge, amount)| {
            field(
                i18n::charge(lang, charge),
                vec![Span::raw(amount.show(decimal))],
            )
        }));
    }
    let country = match shipment.country_iso_code.non_empty() {
        Some(iso) => format!("{} ({iso})", shipment.country_name.trim()),
        None => shipment.country_name.trim().to_string(),
    };
    lines.extend([
        Line::default(),
        heading(words::destination(lang)),
        field(words::consignee(lang), value(&shipment.name)),
        field(
            words::identity_number(lang),
            private_value(lang, &shipment.identity_number, ids),
        ),
        field(words::address(lang), value(&shipment.address)),
        field(words::city(lang), value(&shipment.city_name)),
        field(words::state(lang), value(&shipment.state_name)),
        field(words::country(lang), value(&country)),
        field(words::airport(lang), value(&shipment.iata_code)),
        Line::default(),
        field(words::record_status(lang), record_status(shipment)),
    ]);
    let flags: Vec<String> = [
        (shipment.is_frozen, words::frozen(lang)),
        (shipment.is_return, words::returned(lang)),
    ]
    .into_iter()
    .filter(|(set, _)| *set)
    .map(|(_, text)| format!("⚠ {text}"))
    .collect();
    if !flags.is_empty() {
        lines.push(field(
            words::flags(lang),
            vec![Span::styled(flags.join("  "), theme::warn())],
        ));
    }
    lines
}

fn record_status(shipment: &Shipment) -> Vec<Span<'static>> {
    match shipment.status_code.non_empty() {
        Some(code) => value(&format!("{} ({code})", shipment.status_name.trim())),
        None => value(&shipment.status_name),
    }
}

/// `2018-02-04 21:59:14 −05:00  MIA  BILLED (PAY)  · remark`.
fn event_line(lang: Lang, event: &TrackingEvent) -> Line<'static> {
    let mut spans = vec![
        Span::raw(format!("{:<26}", event.time_label())),
        Span::styled(format!("  {:<4}", event.iata_code.trim()), theme::label()),
        Span::raw(format!("  {}", i18n::event_status(lang, event))),
    ];
    if let Some(remark) = event.track_obs.non_empty() {
        spans.push(Span::styled(format!("  · {remark}"), theme::dim()));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ShipmentRow, Text};

    #[test]
    fn narrow_terminals_keep_the_five_that_matter_and_fit() {
        // Received, AWB, Tracking, Merchant, Contents, Status, Invoice, Value, Weight.
        let widths = [10, 8, 22, 30, 40, 24, 10, 9, 8];
        let headings = |width| -> Vec<&str> {
            layout(&widths, width)
                .iter()
                .map(|(c, _)| c.heading(Lang::En))
                .collect()
        };
        assert_eq!(
            headings(78),
            ["Received", "AWB", "Merchant", "Status", "Invoice"]
        );
        assert_eq!(headings(300).len(), COLUMNS);
        for width in [78, 118, 300] {
            let used = MARK
                + layout(&widths, width)
                    .iter()
                    .map(|(_, w)| w + GAP)
                    .sum::<usize>()
                - GAP;
            assert!(used <= width, "{width} columns hold {used}");
        }
    }

    #[test]
    fn a_wide_merchant_is_cut_at_its_columns_and_marked() {
        // Ten characters, twenty columns: the Merchant column holds ten.
        let merchant = "東京都中央区の百貨店";
        let row = ShipmentRow {
            trck_nmr_fol: Text::new("1001"),
            merchant: Text::new(merchant),
            shipment_status: Text::new("BILLED"),
            verify: true,
            ..ShipmentRow::default()
        };
        let today = time::Date::from_calendar_date(2026, time::Month::November, 27).unwrap();
        let window = crate::api::DateWindow::default_for(today);
        let list = ShipmentList::new(vec![row], &window, Lang::En, Decimal::Dot);
        assert_eq!(list.widths[Column::Merchant.index()], 20);
        let area = Rect::new(0, 0, 60, 3);
        let mut buf = Buffer::empty(area);
        draw_list(Lang::En, &list, None, 0, "Esc", area, &mut buf);
        let (merchant_x, width) = layout(&list.widths, 60)
            .iter()
            .scan(usize::from(area.x) + MARK, |x, (column, width)| {
                let at = *x;
                *x += width + GAP;
                Some((*column, at, *width))
            })
            .find(|(column, _, _)| *column == Column::Merchant)
            .map(|(_, x, width)| (x, width))
            .unwrap();
        let row: String = (merchant_x..merchant_x + width)
            .map(|x| buf[(x as u16, 1)].symbol().to_string())
            .collect();
        assert!(row.trim_end().ends_with('…'), "{row:?}");
        // The next column starts where it should, not pushed or overwritten.
        let status = &list.cells[0][Column::Status.index()];
        let next: String = (merchant_x + width + GAP..)
            .take(status.chars().count())
            .map(|x| buf[(x as u16, 1)].symbol().to_string())
            .collect();
        assert_eq!(&next, status);
    }
}
