//! The detail view: banner, header, tab row and the tab on display (one module per
//! tab), and the chooser shown when one answer holds several customers.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use strum::VariantArray;

mod addresses;
mod chooser;
mod phones;
mod profile;
mod raw;
mod shipments;

pub(super) use addresses::address_lines;
pub(super) use chooser::{first_visible, hit_test_choice, render_choice};
pub(super) use phones::phone_lines;
pub(super) use profile::profile_lines;
use raw::raw_lines;
pub(crate) use shipments::{other_awb_warning, shipment_count};

use super::{loading_line, theme};
use crate::api::{Checked, Customer, ErrorInfo, Tally};
use crate::app::{App, Detail, Filter, Tab, Target};

/// Width of the label column in field lists.
const LABEL_WIDTH: usize = 17;

/// Banner (only with a system error), header, tab row and content.
fn areas(tally: Tally, area: Rect) -> [Rect; 4] {
    let banner_rows = if tally.system_error { 2 } else { 0 };
    Layout::vertical([
        Constraint::Length(banner_rows),
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area)
}

pub(super) fn render(app: &App, detail: &Detail, frame: &mut Frame, area: Rect) {
    let customer = detail.customer();
    let loaded = &detail.loaded;
    let tally = detail.tally();
    let [banner, header, tabs, content] = areas(tally, area);
    if tally.system_error {
        let text = " ✘ SKYPOSTAL SYSTEM ERROR: part of this answer failed on SkyPostal's side; \
                    data may be incomplete. Press r to retry.";
        let banner_text = Paragraph::new(text)
            .style(theme::banner())
            .wrap(Wrap { trim: true });
        frame.render_widget(banner_text, banner);
    }
    render_header(app, detail, customer, frame, header);
    frame.render_widget(Line::from(tab_line(detail, customer, tabs.width)), tabs);
    let mut content = content.inner(ratatui::layout::Margin::new(1, 0));
    let filter = detail.active_filter();
    if let Some(filter) = filter {
        let [line, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(content);
        render_filter_line(filter, detail.is_filtering(), frame, line);
        content = rest;
    }
    let order = filter.map(|f| f.matches.as_slice());
    // Scrolling stops where the last row reaches the bottom: the app learns how far
    // that is from each frame, since it depends on the window and on wrapping.
    let lines = match detail.tab {
        Tab::Profile => {
            let lines = profile_lines(customer, app.today, detail.reveal_ids);
            let rows = lines.iter().rev().map(|l| rows_of(l, content.width));
            let max = scroll_max(lines.len(), rows, content.height);
            detail.scroll_max.set(Some(max));
            lines.into_iter().skip(detail.scroll.min(max)).collect()
        }
        Tab::Addresses => list_tab(
            detail,
            &customer.customer_address,
            order,
            content,
            address_lines,
            "This customer has no address on file.",
        ),
        Tab::Phones => list_tab(
            detail,
            &customer.customer_phone,
            order,
            content,
            phone_lines,
            "This customer has no phone on file.",
        ),
        Tab::Shipments => return shipments::render(app, detail, frame, content),
        Tab::Raw => {
            let raw = &loaded.raw;
            let rows = (0..raw.len()).rev().map(|i| {
                raw.line(i)
                    .map_or(1, |l| rows_of(&Line::from(l), content.width))
            });
            // The first row is the "lines a–b of n" title.
            let max = scroll_max(raw.len(), rows, content.height.saturating_sub(1));
            detail.scroll_max.set(Some(max));
            raw_lines(raw, detail.scroll.min(max), content.height)
        }
    };
    // Wrapping keeps long values and error descriptions readable at any width.
    let content_text = Paragraph::new(lines).wrap(Wrap { trim: false });
    frame.render_widget(content_text, content);
}

/// The visible items of a list tab (in the filter's order, when there is one), after
/// telling the app how far the list can scroll.
fn list_tab<T>(
    detail: &Detail,
    items: &[T],
    order: Option<&[usize]>,
    area: Rect,
    lines_of: fn(usize, usize, &T) -> Vec<Line<'static>>,
    empty: &'static str,
) -> Vec<Line<'static>> {
    let listed = order.map_or(items.len(), <[usize]>::len);
    let rows = item_rows(items, order, area.width, lines_of);
    let max = scroll_max(listed, rows, area.height);
    detail.scroll_max.set(Some(max));
    visible_items(
        items,
        order,
        detail.scroll.min(max),
        area.height,
        lines_of,
        empty,
    )
}

/// Screen rows a line takes once wrapped to `width` (at least one).
fn rows_of(line: &Line<'_>, width: u16) -> usize {
    // Measured with the very wrapping the tab is drawn with: word wrapping can take
    // more rows than the width alone says.
    Paragraph::new(line.clone())
        .wrap(Wrap { trim: false })
        .line_count(width)
        .max(1)
}

/// Rows each item of a list takes, last item first (in the filter's order).
fn item_rows<'a, T>(
    items: &'a [T],
    order: Option<&'a [usize]>,
    width: u16,
    lines_of: fn(usize, usize, &T) -> Vec<Line<'static>>,
) -> impl Iterator<Item = usize> + 'a {
    let indices: Box<dyn DoubleEndedIterator<Item = usize>> = match order {
        Some(order) => Box::new(order.iter().copied()),
        None => Box::new(0..items.len()),
    };
    indices.rev().filter_map(move |i| {
        items.get(i).map(|item| {
            let lines = lines_of(i, items.len(), item);
            lines.iter().map(|l| rows_of(l, width)).sum()
        })
    })
}

/// The largest first entry that still fills `height` rows, from each of the `total`
/// entries' rows given last entry first: only the entries that fit are looked at.
fn scroll_max(total: usize, rows_from_last: impl Iterator<Item = usize>, height: u16) -> usize {
    let mut used = 0;
    let mut fitting = 0;
    for rows in rows_from_last {
        used += rows;
        if used > usize::from(height) {
            break;
        }
        fitting += 1;
    }
    // At least the last entry is always shown, however tall.
    total.saturating_sub(fitting.max(1))
}

fn render_filter_line(filter: &Filter, editing: bool, frame: &mut Frame, area: Rect) {
    let count = format!("  {} of {} match", filter.matches.len(), filter.total());
    let hint = if editing {
        "  · Enter keeps · Esc clears"
    } else {
        "  · / edits · Esc clears"
    };
    let style = if editing {
        theme::focused()
    } else {
        theme::label()
    };
    let line = Line::from(vec![
        Span::styled("Filter / ", style),
        Span::raw(filter.query().to_string()),
        Span::styled(count, theme::title()),
        Span::styled(hint, theme::dim()),
    ]);
    frame.render_widget(line, area);
    if editing {
        let x = area
            .x
            .saturating_add(9)
            .saturating_add(u16::try_from(filter.input.visual_cursor()).unwrap_or(u16::MAX));
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
    }
}

/// The fewest columns the name keeps before the rest of the header gives way.
const NAME_LEAST: usize = 20;

fn render_header(app: &App, detail: &Detail, customer: &Customer, frame: &mut Frame, area: Rect) {
    let first = header_line(app, detail, customer, usize::from(area.width));
    let second = match loading_line(app) {
        Some(loading) => loading,
        None => {
            let mut status = header_status(customer, detail.tally());
            if let Some(warning) = suite_warning(app, detail, customer) {
                status.push_span(Span::styled(format!("  ⚠ {warning}"), theme::warn()));
            }
            status
        }
    };
    frame.render_widget(Paragraph::new(vec![first, second]), area);
}

/// The header's first line in `width` columns: the name (what the agent checks
/// first), the suite, `cust_id`, the environment and which customer of several.
/// Where they do not fit, the rest gives way in this order: which customer,
/// `cust_id`, the environment (never PROD), the suite; the name is cut last, with
/// `…`.
fn header_line(app: &App, detail: &Detail, customer: &Customer, width: usize) -> Line<'static> {
    let environment = app.environment();
    let id = customer
        .cust_id
        .map_or_else(|| "—".to_string(), |id| id.to_string());
    let suite = Span::styled(
        format!("· suite {} ", customer.box_suite(detail.loaded.box_id())),
        theme::title(),
    );
    let cust_id = Span::styled(format!("· cust_id {id} "), theme::label());
    let env = if environment.is_prod {
        Span::styled("· ▲ PROD".to_string(), theme::label())
    } else {
        Span::styled(format!("· {}", environment.label), theme::label())
    };
    let count = detail.loaded.customers.len();
    let which = (count > 1).then(|| {
        Span::styled(
            format!(
                " · customer {} of {count}",
                detail.loaded.customers.selected() + 1
            ),
            theme::dim(),
        )
    });
    // In screen order, each with its place in the order of giving way (None: stays).
    let mut rest: Vec<(Option<u8>, Span<'static>)> = vec![
        (Some(3), suite),
        (Some(1), cust_id),
        ((!environment.is_prod).then_some(2), env),
    ];
    if let Some(which) = which {
        rest.push((Some(0), which));
    }
    let name = customer.full_name();
    let wanted = unicode_width::UnicodeWidthStr::width(name.as_str()).min(NAME_LEAST) + 2;
    let used = |rest: &[(Option<u8>, Span)]| rest.iter().map(|(_, s)| s.width()).sum::<usize>();
    while used(&rest) + wanted > width {
        let next = rest.iter().filter_map(|(order, _)| *order).min();
        let Some(next) = next else { break };
        rest.retain(|(order, _)| *order != Some(next));
    }
    let room = width.saturating_sub(used(&rest)).saturating_sub(2);
    let name = crate::text::fit_width(&name, room).into_owned();
    let mut spans = vec![Span::styled(format!(" {name} "), theme::title())];
    spans.extend(rest.into_iter().map(|(_, span)| span));
    Line::from(spans)
}

/// When the suite typed has other letters than the box's own (they are not sent):
/// the customer shown is the box's, and the header says so.
fn suite_warning(app: &App, detail: &Detail, customer: &Customer) -> Option<String> {
    let box_id = detail.loaded.box_id();
    let typed = crate::query::typed_suite(app.form.value(crate::query::FieldId::BoxId))?;
    if crate::query::CustomerRef::parse(&typed) != Ok(crate::query::CustomerRef::BoxId(box_id)) {
        return None;
    }
    crate::query::suite_mismatch(&typed, &customer.box_suite(box_id))
}

/// The header's second line: overall verification, errors reported, account state.
pub(super) fn header_status(customer: &Customer, tally: Tally) -> Line<'static> {
    let unverified = tally.unverified;
    let mut status = vec![Span::raw(" ")];
    status.push(if unverified > 0 {
        Span::styled(
            format!("✘ {unverified} UNVERIFIED: marked ✘ below"),
            theme::bad(),
        )
    } else if customer.verify.is_none() {
        Span::styled("? VERIFICATION UNKNOWN", theme::warn())
    } else {
        Span::styled("✔ ALL VERIFIED", theme::good())
    });
    let errors = tally.errors;
    if errors > 0 {
        let plural = if errors == 1 { "" } else { "S" };
        status.push(Span::styled(
            format!("  ⚠ {errors} ERROR{plural} REPORTED"),
            theme::bad(),
        ));
    }
    for (flag, off, unknown) in [
        (customer.is_active, "  ✘ INACTIVE", "  ? ACTIVE UNKNOWN"),
        (customer.is_enable, "  ✘ DISABLED", "  ? ENABLED UNKNOWN"),
    ] {
        match flag {
            Some(true) => {}
            Some(false) => status.push(Span::styled(off, theme::bad())),
            None => status.push(Span::styled(unknown, theme::warn())),
        }
    }
    Line::from(status)
}

/// How much the tab row gives up to fit.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd)]
enum TabFit {
    /// Names, counts and the marks' words.
    Full,
    /// The marks keep only their symbol and count.
    Compact,
    /// Each name cut to its first letters, its count kept.
    Short,
    /// Names cut, no counts: every tab stays on a narrow terminal.
    Bare,
}

/// Letters a tab's name keeps in [`TabFit::Short`] and [`TabFit::Bare`].
const SHORT_NAME: usize = 4;

/// The tab row, one group of spans per tab, to fit `width` (drawing and hit-testing
/// share it): when the marks' words (`✘18 unverified`) make it too wide, the marks
/// keep only their symbol and count; when still too wide, the names are cut short,
/// then the counts go.
fn tab_spans(detail: &Detail, customer: &Customer, width: u16) -> Vec<(Tab, Vec<Span<'static>>)> {
    let mut groups = Vec::new();
    for fit in [TabFit::Full, TabFit::Compact, TabFit::Short, TabFit::Bare] {
        groups = tab_groups(detail, customer, fit);
        let used: usize = groups.iter().flat_map(|(_, s)| s).map(Span::width).sum();
        if used < usize::from(width) {
            break;
        }
    }
    groups
}

fn tab_groups(detail: &Detail, customer: &Customer, fit: TabFit) -> Vec<(Tab, Vec<Span<'static>>)> {
    let counted = |noun: &str, tab: Tab, total: usize| match detail.active_filter() {
        Some(filter) if filter.tab == tab => {
            format!("{noun} ({} of {total})", filter.matches.len())
        }
        _ => format!("{noun} ({total})"),
    };
    let unverified = |bad: usize| (bad > 0).then(|| format!("✘{bad} unverified "));
    let mut groups = Vec::new();
    for (number, tab) in (1..).zip(Tab::VARIANTS.iter().copied()) {
        let (name, mark) = match tab {
            Tab::Profile => (
                "Profile".to_string(),
                unverified(usize::from(customer.verified() == Some(false))),
            ),
            Tab::Addresses => (
                counted("Addresses", tab, customer.customer_address.len()),
                unverified(detail.tally().unverified_addresses),
            ),
            Tab::Phones => (
                counted("Phones", tab, customer.customer_phone.len()),
                unverified(detail.tally().unverified_phones),
            ),
            Tab::Shipments => shipments::tab_title(detail),
            Tab::Raw => ("Raw".to_string(), None),
        };
        let style = if tab == detail.tab {
            theme::selected()
        } else {
            theme::label()
        };
        let name = if fit >= TabFit::Short {
            let (noun, count) = name.split_once(' ').unwrap_or((&name, ""));
            let noun: String = noun.chars().take(SHORT_NAME).collect();
            if fit == TabFit::Bare || count.is_empty() {
                noun
            } else {
                format!("{noun} {count}")
            }
        } else {
            name
        };
        let mut spans = vec![Span::styled(format!(" {number} {name} "), style)];
        if let Some(mark) = mark {
            let mark = match mark.split_once(' ') {
                Some((symbol, _)) if fit >= TabFit::Compact => format!("{symbol} "),
                _ => mark,
            };
            spans.push(Span::styled(mark, theme::bad()));
        }
        if fit != TabFit::Bare {
            spans.push(Span::raw(" "));
        }
        groups.push((tab, spans));
    }
    groups
}

fn tab_line(detail: &Detail, customer: &Customer, width: u16) -> Vec<Span<'static>> {
    let mut spans = vec![Span::raw(" ")];
    spans.extend(
        tab_spans(detail, customer, width.saturating_sub(1))
            .into_iter()
            .flat_map(|(_, s)| s),
    );
    spans
}

/// The tab title under a click, if any.
pub(super) fn hit_test(detail: &Detail, area: Rect, position: Position) -> Option<Target> {
    let customer = detail.customer();
    let [_, _, tabs, _] = areas(detail.tally(), area);
    if position.y != tabs.y {
        return None;
    }
    let mut x = tabs.x.saturating_add(1);
    for (tab, spans) in tab_spans(detail, customer, tabs.width.saturating_sub(1)) {
        let width = u16::try_from(spans.iter().map(Span::width).sum::<usize>()).unwrap_or(0);
        if (x..x.saturating_add(width)).contains(&position.x) {
            return Some(Target::Tab(tab));
        }
        x = x.saturating_add(width);
    }
    None
}

/// Builds lines only for the items that can be seen, so a customer with ten
/// thousand addresses draws as fast as one with ten. `order` lists the items a
/// filter lets through; `first` indexes into it (or into `items` without one).
fn visible_items<T>(
    items: &[T],
    order: Option<&[usize]>,
    first: usize,
    height: u16,
    lines_of: fn(usize, usize, &T) -> Vec<Line<'static>>,
    empty: &'static str,
) -> Vec<Line<'static>> {
    if items.is_empty() {
        return vec![Line::from(Span::styled(empty, theme::dim()))];
    }
    if order.is_some_and(<[usize]>::is_empty) {
        return vec![Line::from(Span::styled(
            "Nothing matches the filter. Esc clears it.",
            theme::warn(),
        ))];
    }
    let indices: Box<dyn Iterator<Item = usize>> = match order {
        Some(order) => Box::new(order.iter().copied().skip(first)),
        None => Box::new((0..items.len()).skip(first)),
    };
    let mut lines = Vec::new();
    for index in indices {
        if lines.len() >= usize::from(height) {
            break;
        }
        if let Some(item) = items.get(index) {
            lines.extend(lines_of(index, items.len(), item));
        }
    }
    lines
}

fn field(label: &str, value: Vec<Span<'static>>) -> Line<'static> {
    let mut spans = vec![Span::styled(
        format!("{label:<LABEL_WIDTH$}"),
        theme::label(),
    )];
    spans.extend(value);
    Line::from(spans)
}

/// A text value, or a dim dash when empty.
fn value(text: &str) -> Vec<Span<'static>> {
    let text = text.trim();
    if text.is_empty() {
        vec![Span::styled("—", theme::dim())]
    } else {
        vec![Span::raw(text.to_string())]
    }
}

/// A yes/no flag; a missing one (`None`) is unknown.
fn yes_no(flag: impl Into<Option<bool>>, when_no: &str, no_is_bad: bool) -> Vec<Span<'static>> {
    let Some(flag) = flag.into() else {
        return vec![theme::unknown()];
    };
    match (flag, no_is_bad) {
        (true, true) => vec![Span::styled("✔ yes", theme::good())],
        (true, false) => vec![Span::raw("yes")],
        (false, true) => vec![Span::styled(format!("✘ NO: {when_no}"), theme::bad())],
        (false, false) => vec![Span::raw(format!("no{when_no}"))],
    }
}

fn error_line(error: &ErrorInfo) -> Line<'static> {
    let location = error
        .error_location
        .non_empty()
        .unwrap_or("unspecified location");
    let description = error
        .error_description
        .non_empty()
        .unwrap_or("no description");
    let kind = if error.system_error {
        "SYSTEM ERROR (SkyPostal's side)"
    } else {
        "ERROR"
    };
    let code = error
        .error_code
        .non_empty()
        .map(|c| format!(" [code {c}]"))
        .unwrap_or_default();
    Line::from(Span::styled(
        format!("⚠ {kind} at {location}{code}: {description}"),
        theme::bad(),
    ))
}
