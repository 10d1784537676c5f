//! The detail view: banner, header, tab row and the tab on display (one module per
//! tab), and the chooser shown when one answer holds several customers.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use strum::VariantArray;

mod addresses;
mod check;
mod chooser;
mod phones;
mod profile;
mod raw;
mod shipments;

pub(super) use addresses::address_lines;
pub(super) use chooser::{first_visible, hit_test_choice, render_choice};
pub(super) use phones::phone_lines;
pub(super) use profile::{Ids, profile_lines};
use raw::raw_lines;

use super::{loading_line, theme};
use crate::api::{Checked, Customer, ErrorInfo, Tally};
use crate::app::caller_check::Outcome;
use crate::app::keys::{Action, Context};
use crate::app::{App, Detail, Filter, Tab, Target};
use crate::i18n::{self, Lang, Verifiable, msg};

/// Width of the label column in field lists, in terminal columns: the English
/// labels' widest ("Carrier tracking") and a space; a wider label widens its line.
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
    let lang = app.settings.lang;
    let loaded = &detail.loaded;
    let tally = detail.tally();
    let [banner, header, tabs, content] = areas(tally, area);
    if tally.system_error {
        let text = format!(
            " ✘ {}",
            msg::notice::system_error_banner(
                lang,
                msg::detail::part_failed(
                    lang,
                    app.settings
                        .keys
                        .key(Context::Detail, Action::Refresh, app.settings.lang)
                )
            )
        );
        let banner_text = Paragraph::new(text)
            .style(theme::banner())
            .wrap(Wrap { trim: true });
        frame.render_widget(banner_text, banner);
    }
    render_header(app, detail, customer, frame, header);
    frame.render_widget(
        Line::from(tab_line(lang, detail, customer, tabs.width)),
        tabs,
    );
    let mut content = content.inner(ratatui::layout::Margin::new(1, 0));
    let filter = detail.active_filter();
    if let Some(filter) = filter {
        let [line, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(content);
        render_filter_line(app, filter, detail.is_filtering(), frame, line);
        content = rest;
    }
    let order = filter.map(|f| f.matches.as_slice());
    // While the caller check is open or a required one has not passed, what it asks
    // about is hidden on every tab.
    let hide = detail.hides_checked_values(&app.strikes, app.settings.caller_check);
    // Scrolling stops where the last row reaches the bottom: the app learns how far
    // that is from each frame, since it depends on the window and on wrapping.
    let lines = match detail.tab {
        Tab::Profile => {
            let lines = profile_lines(lang, customer, app.today, &ids(app, detail), hide);
            let rows = lines.iter().rev().map(|l| rows_of(l, content.width));
            let max = scroll_max(lines.len(), rows, content.height);
            detail.scroll_max.set(Some(max));
            lines.into_iter().skip(detail.scroll.min(max)).collect()
        }
        Tab::Addresses => list_tab(
            lang,
            detail,
            &customer.customer_address,
            order,
            content,
            &|index, count, address| address_lines(lang, index, count, address, hide),
            (msg::detail::no_address(lang), &clear_key(app, detail)),
        ),
        Tab::Phones => list_tab(
            lang,
            detail,
            &customer.customer_phone,
            order,
            content,
            &|index, count, phone| phone_lines(lang, index, count, phone, hide),
            (msg::detail::no_phone(lang), &clear_key(app, detail)),
        ),
        Tab::Shipments => {
            shipments::render(app, detail, frame, content);
            render_check(app, detail, frame, content);
            return;
        }
        Tab::Raw if hide => {
            detail.scroll_max.set(Some(0));
            vec![Line::from(Span::styled(
                msg::check::raw_hidden(lang).to_string(),
                theme::warn(),
            ))]
        }
        Tab::Raw => {
            let raw = &loaded.raw;
            let rows = (0..raw.len()).rev().map(|i| {
                raw.line(i)
                    .map_or(1, |l| rows_of(&Line::from(l), content.width))
            });
            // The first row is the "lines a–b of n" title.
            let max = scroll_max(raw.len(), rows, content.height.saturating_sub(1));
            detail.scroll_max.set(Some(max));
            raw_lines(lang, raw, detail.scroll.min(max), content.height)
        }
    };
    // Wrapping keeps long values and error descriptions readable at any width.
    let content_text = Paragraph::new(lines).wrap(Wrap { trim: false });
    frame.render_widget(content_text, content);
    render_check(app, detail, frame, content);
}

/// The Check the caller box over the tab, while open.
fn render_check(app: &App, detail: &Detail, frame: &mut Frame, content: Rect) {
    if let Some(check_box) = detail.check_box() {
        check::render(app, check_box, &detail.caller_check, frame, content);
    }
}

/// The first lines of an entry of a list tab (an address, a phone): its heading,
/// whether SkyPostal verified it and its `id` (named as the API names it), then the
/// error it reports, if any.
fn entry_head(
    lang: Lang,
    heading: String,
    what: Verifiable,
    entry: &impl Checked,
    (id_name, id): (&str, Option<i64>),
) -> Vec<Line<'static>> {
    let id = id.map_or_else(|| "—".into(), |id| id.to_string());
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{heading}  "), theme::title()),
        theme::verification(lang, what, entry.verified()),
        Span::styled(format!("  {id_name} {id}"), theme::dim()),
    ])];
    if let Some(error) = entry.reported_error() {
        lines.push(error_line(lang, error));
    }
    lines
}

/// A value the caller check asks about, while hidden: no character of it shows.
fn hidden(lang: Lang) -> Vec<Span<'static>> {
    hidden_as(lang, "•••••")
}

/// [`hidden`], its bullets in the value's shape (`••••-••-••` for a date).
fn hidden_as(lang: Lang, shape: &'static str) -> Vec<Span<'static>> {
    vec![
        Span::raw(shape),
        Span::styled(
            format!("  ({})", msg::check::hidden_hint(lang)),
            theme::dim(),
        ),
    ]
}

/// The visible items of a list tab (in the filter's order, when there is one), after
/// telling the app how far the list can scroll.
fn list_tab<T>(
    lang: Lang,
    detail: &Detail,
    items: &[T],
    order: Option<&[usize]>,
    area: Rect,
    lines_of: LinesOf<'_, T>,
    (empty, clear): (&'static str, &str),
) -> Vec<Line<'static>> {
    let listed = order.map_or(items.len(), <[usize]>::len);
    let rows = item_rows(items, order, area.width, lines_of);
    let max = scroll_max(listed, rows, area.height);
    detail.scroll_max.set(Some(max));
    visible_items(
        lang,
        items,
        order,
        detail.scroll.min(max),
        area.height,
        lines_of,
        (empty, clear),
    )
}

/// The key that clears the filter: while it is typed, and once kept.
pub(super) fn clear_key(app: &App, detail: &Detail) -> String {
    let keys = &app.settings.keys;
    if detail.is_filtering() {
        keys.key(Context::Filter, Action::ClearFilter, app.settings.lang)
    } else {
        keys.key(Context::Detail, Action::Back, app.settings.lang)
    }
}

/// Whether the customer's identity and tax numbers show, and the key that toggles
/// them.
pub(super) fn ids(app: &App, detail: &Detail) -> Ids {
    Ids {
        shown: detail.reveal_ids,
        key: Some(
            app.settings
                .keys
                .key(Context::Detail, Action::RevealIds, app.settings.lang),
        ),
    }
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

/// The lines of item `index` of `count` in a list tab.
type LinesOf<'a, T> = &'a dyn Fn(usize, usize, &T) -> Vec<Line<'static>>;

/// Rows each item of a list takes, last item first (in the filter's order).
fn item_rows<'a, T>(
    items: &'a [T],
    order: Option<&'a [usize]>,
    width: u16,
    lines_of: LinesOf<'a, T>,
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

fn render_filter_line(app: &App, filter: &Filter, editing: bool, frame: &mut Frame, area: Rect) {
    let lang = app.settings.lang;
    let keys = &app.settings.keys;
    let count = format!(
        "  {}",
        msg::filter::matches(lang, filter.matches.len(), filter.total())
    );
    let hint = if editing {
        msg::keys::filter_typed(
            lang,
            keys.key(Context::Filter, Action::KeepFilter, app.settings.lang),
            keys.key(Context::Filter, Action::ClearFilter, app.settings.lang),
        )
    } else {
        msg::keys::filter_kept(
            lang,
            keys.key(Context::Detail, Action::Filter, app.settings.lang),
            keys.key(Context::Detail, Action::Back, app.settings.lang),
        )
    };
    let hint = format!("  · {hint}");
    let style = if editing {
        theme::focused()
    } else {
        theme::label()
    };
    let label = Span::styled(
        format!(
            "{} {} ",
            msg::filter::label(lang),
            keys.key(Context::Detail, Action::Filter, app.settings.lang)
        ),
        style,
    );
    // Typing goes past the label, however wide its words and key.
    let typed_x = label.width();
    let line = Line::from(vec![
        label,
        Span::raw(filter.query().to_string()),
        Span::styled(count, theme::title()),
        Span::styled(hint, theme::dim()),
    ]);
    frame.render_widget(line, area);
    if editing {
        let x = area
            .x
            .saturating_add(u16::try_from(typed_x).unwrap_or(u16::MAX))
            .saturating_add(u16::try_from(filter.input.visual_cursor()).unwrap_or(u16::MAX));
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
    }
}

/// The fewest columns the name keeps before the rest of the header gives way.
const NAME_LEAST: usize = 20;

fn render_header(app: &App, detail: &Detail, customer: &Customer, frame: &mut Frame, area: Rect) {
    let lang = app.settings.lang;
    let first = header_line(lang, app, detail, customer, usize::from(area.width));
    let mut second = match loading_line(app) {
        Some(loading) => loading,
        None => {
            let mut status = header_status(lang, customer, detail.tally());
            if let Some(warning) = suite_warning(lang, app, detail, customer) {
                status.push_span(Span::styled(format!("  {warning}"), theme::warn()));
            }
            status
        }
    };
    // The check, until the next customer: under way once an answer was given, then
    // its outcome (shown when required even if nothing was asked). The questions'
    // names go first where the line is too narrow for them.
    let policy = app.settings.caller_check;
    let check = &detail.caller_check;
    let outcome = check.outcome(&app.strikes, policy);
    let asked = check.asked(&app.strikes);
    let line = |named| match outcome {
        Outcome::Open if asked => Some(check::under_way_line(
            lang,
            check,
            &app.strikes,
            policy,
            named,
        )),
        Outcome::Open => None,
        _ if asked || policy.required => Some(check::outcome_line(lang, &outcome, policy, named)),
        _ => None,
    };
    let gap = Span::raw("  · ");
    let room = usize::from(area.width).saturating_sub(second.width() + gap.width());
    if let Some(named) = line(true) {
        let shown = if named.width() <= room {
            named
        } else {
            line(false).unwrap_or(named)
        };
        second.spans.push(gap);
        second.spans.extend(shown.spans);
    }
    frame.render_widget(Paragraph::new(vec![first, second]), area);
}

/// The header's first line in `width` columns: the name (what the agent checks
/// first), the suite, `cust_id`, the environment and which customer of several.
/// Where they do not fit, the rest gives way in this order: which customer,
/// `cust_id`, the environment (never PROD), the suite; the name is cut last, with
/// `…`.
fn header_line(
    lang: Lang,
    app: &App,
    detail: &Detail,
    customer: &Customer,
    width: usize,
) -> Line<'static> {
    let environment = app.environment();
    let id = customer
        .cust_id
        .map_or_else(|| "—".to_string(), |id| id.to_string());
    let suite = Span::styled(
        format!(
            "· {} ",
            msg::detail::suite(lang, customer.box_suite(detail.loaded.box_id()))
        ),
        theme::title(),
    );
    let cust_id = Span::styled(format!("· cust_id {id} "), theme::label());
    let env = if environment.is_prod {
        Span::styled(format!("· ▲ {}", msg::detail::prod(lang)), theme::label())
    } else {
        Span::styled(format!("· {}", environment.label), theme::label())
    };
    let count = detail.loaded.customers.len();
    let which = (count > 1).then(|| {
        Span::styled(
            format!(
                " · {}",
                msg::detail::customer_of(lang, detail.loaded.customers.selected() + 1, count)
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
    let name = i18n::name(lang, &customer.full_name()).into_owned();
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
fn suite_warning(lang: Lang, app: &App, detail: &Detail, customer: &Customer) -> Option<String> {
    let box_id = detail.loaded.box_id();
    let typed = crate::query::typed_suite(app.form.value(crate::query::FieldId::BoxId))?;
    if crate::query::CustomerRef::parse(&typed) != Ok(crate::query::CustomerRef::BoxId(box_id)) {
        return None;
    }
    let suite = customer.box_suite(box_id);
    (typed != suite).then(|| msg::detail::other_suite(lang, &typed, suite))
}

/// The header's second line: overall verification, errors reported, account state.
pub(super) fn header_status(lang: Lang, customer: &Customer, tally: Tally) -> Line<'static> {
    use msg::status as words;
    let unverified = tally.unverified;
    let mut status = vec![Span::raw(" ")];
    status.push(if unverified > 0 {
        Span::styled(
            format!("✘ {}", words::unverified(lang, unverified)),
            theme::bad(),
        )
    } else if customer.verify.is_none() {
        Span::styled(format!("? {}", words::unknown(lang)), theme::warn())
    } else {
        Span::styled(format!("✔ {}", words::all_verified(lang)), theme::good())
    });
    let errors = tally.errors;
    if errors > 0 {
        status.push(Span::styled(
            format!("  ⚠ {}", words::errors(lang, errors)),
            theme::bad(),
        ));
    }
    for (flag, off, unknown) in [
        (
            customer.is_active,
            words::inactive(lang),
            words::active_unknown(lang),
        ),
        (
            customer.is_enable,
            words::disabled(lang),
            words::enabled_unknown(lang),
        ),
    ] {
        match flag {
            Some(true) => {}
            Some(false) => status.push(Span::styled(format!("  ✘ {off}"), theme::bad())),
            None => status.push(Span::styled(format!("  ? {unknown}"), theme::warn())),
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
    /// The counts shortened too: `(2/4)`, `(…)` while loading; every word whole.
    ShortCounts,
    /// No blank between the tabs (each keeps its own padding): longer languages
    /// keep every word whole at 80 columns.
    Tight,
    /// Each name cut to its first letters, its count kept.
    Short,
    /// Names cut, no counts: every tab stays on a narrow terminal.
    Bare,
}

/// Letters a tab's name keeps in [`TabFit::Short`] and [`TabFit::Bare`].
const SHORT_NAME: usize = 4;

/// The tab row, one group of spans per tab, to fit `width` (drawing and hit-testing
/// share it): when the marks' words (`✘18 unverified`) make it too wide, the marks
/// keep only their symbol and count; when still too wide, the counts shorten, then
/// the blanks between tabs go, then the names are cut short, then the counts go.
fn tab_spans(
    lang: Lang,
    detail: &Detail,
    customer: &Customer,
    width: u16,
) -> Vec<(Tab, Vec<Span<'static>>)> {
    let mut groups = Vec::new();
    for fit in [
        TabFit::Full,
        TabFit::Compact,
        TabFit::ShortCounts,
        TabFit::Tight,
        TabFit::Short,
        TabFit::Bare,
    ] {
        groups = tab_groups(lang, detail, customer, fit);
        let used: usize = groups.iter().flat_map(|(_, s)| s).map(Span::width).sum();
        if used < usize::from(width) {
            break;
        }
    }
    groups
}

fn tab_groups(
    lang: Lang,
    detail: &Detail,
    customer: &Customer,
    fit: TabFit,
) -> Vec<(Tab, Vec<Span<'static>>)> {
    use msg::tab as words;
    let counted = |tab: Tab, total: usize| match detail.active_filter() {
        Some(filter) if filter.tab == tab && fit >= TabFit::ShortCounts => {
            format!("({}/{total})", filter.matches.len())
        }
        Some(filter) if filter.tab == tab => {
            format!("({})", msg::filter::of(lang, filter.matches.len(), total))
        }
        _ => format!("({total})"),
    };
    let unverified =
        |bad: usize| (bad > 0).then(|| format!("✘{bad} {} ", words::unverified(lang, bad)));
    let mut groups = Vec::new();
    for (number, tab) in (1..).zip(Tab::VARIANTS.iter().copied()) {
        let (name, count, mark) = match tab {
            Tab::Profile => (
                words::profile(lang),
                None,
                unverified(usize::from(customer.verified() == Some(false))),
            ),
            Tab::Addresses => (
                words::addresses(lang),
                Some(counted(tab, customer.customer_address.len())),
                unverified(detail.tally().unverified_addresses),
            ),
            Tab::Phones => (
                words::phones(lang),
                Some(counted(tab, customer.customer_phone.len())),
                unverified(detail.tally().unverified_phones),
            ),
            Tab::Shipments => {
                let (count, mark) = shipments::tab_count(lang, detail, fit >= TabFit::ShortCounts);
                (msg::shipments::tab(lang), Some(count), mark)
            }
            Tab::Raw => (words::raw(lang), None, None),
        };
        let style = if tab == detail.tab {
            theme::selected()
        } else {
            theme::label()
        };
        let name: String = if fit >= TabFit::Short {
            name.chars().take(SHORT_NAME).collect()
        } else {
            name.to_string()
        };
        let name = match count {
            Some(count) if fit != TabFit::Bare => format!("{name} {count}"),
            _ => name,
        };
        let mut spans = vec![Span::styled(format!(" {number} {name} "), style)];
        if let Some(mark) = mark {
            let mark = match mark.split_once(' ') {
                Some((symbol, _)) if fit >= TabFit::Compact => format!("{symbol} "),
                _ => mark,
            };
            spans.push(Span::styled(mark, theme::bad()));
        }
        if fit < TabFit::Tight {
            spans.push(Span::raw(" "));
        }
        groups.push((tab, spans));
    }
    groups
}

fn tab_line(lang: Lang, detail: &Detail, customer: &Customer, width: u16) -> Vec<Span<'static>> {
    let mut spans = vec![Span::raw(" ")];
    spans.extend(
        tab_spans(lang, detail, customer, width.saturating_sub(1))
            .into_iter()
            .flat_map(|(_, s)| s),
    );
    spans
}

/// The tab title under a click, if any.
pub(super) fn hit_test(
    lang: Lang,
    detail: &Detail,
    area: Rect,
    position: Position,
) -> Option<Target> {
    let customer = detail.customer();
    let [_, _, tabs, _] = areas(detail.tally(), area);
    if position.y != tabs.y {
        return None;
    }
    let mut x = tabs.x.saturating_add(1);
    for (tab, spans) in tab_spans(lang, detail, customer, tabs.width.saturating_sub(1)) {
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
    lang: Lang,
    items: &[T],
    order: Option<&[usize]>,
    first: usize,
    height: u16,
    lines_of: LinesOf<'_, T>,
    (empty, clear): (&'static str, &str),
) -> Vec<Line<'static>> {
    if items.is_empty() {
        return vec![Line::from(Span::styled(empty, theme::dim()))];
    }
    if order.is_some_and(<[usize]>::is_empty) {
        return vec![Line::from(Span::styled(
            msg::filter::nothing_matches(lang, clear),
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
    // Measured in columns: a wide label (another language, CJK) pushes its value on
    // instead of running into it.
    let width = unicode_width::UnicodeWidthStr::width(label);
    let column = LABEL_WIDTH.max(width + 1);
    let mut spans = vec![Span::styled(
        crate::text::pad(label, column),
        theme::label(),
    )];
    spans.extend(value);
    Line::from(spans)
}

/// A [`field`] of one entry of a list (an address, a phone): its label indented.
fn sub_field(label: &str, value: Vec<Span<'static>>) -> Line<'static> {
    field(&format!("  {label}"), value)
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

/// What a yes/no flag says when it is no.
enum WhenNo<'a> {
    /// Something is wrong: "✘ NO: {why}".
    Bad(&'a str),
    /// Nothing is wrong: a plain "no".
    Plain,
    /// Nothing is wrong, and a remark says what it means: "no ({remark})".
    Remark(&'a str),
}

/// A yes/no flag; a missing one (`None`) is unknown.
fn yes_no(lang: Lang, flag: impl Into<Option<bool>>, when_no: WhenNo) -> Vec<Span<'static>> {
    let Some(flag) = flag.into() else {
        return vec![theme::unknown(lang)];
    };
    match (flag, when_no) {
        (true, WhenNo::Bad(_)) => vec![Span::styled(
            format!("✔ {}", msg::detail::yes(lang)),
            theme::good(),
        )],
        (true, _) => vec![Span::raw(msg::detail::yes(lang))],
        (false, WhenNo::Bad(why)) => vec![Span::styled(
            format!("✘ {}", msg::detail::no_because(lang, why)),
            theme::bad(),
        )],
        (false, WhenNo::Plain) => vec![Span::raw(msg::detail::no(lang))],
        (false, WhenNo::Remark(remark)) => {
            vec![Span::raw(msg::detail::no_remark(lang, remark))]
        }
    }
}

fn error_line(lang: Lang, error: &ErrorInfo) -> Line<'static> {
    use msg::reported as words;
    let location = error
        .error_location
        .non_empty()
        .unwrap_or(words::no_location(lang));
    let description = error
        .error_description
        .non_empty()
        .unwrap_or(words::no_description(lang));
    let code = error.error_code.non_empty();
    let text = match (error.system_error, code) {
        (true, Some(code)) => words::system_error_code(lang, location, code, description),
        (true, None) => words::system_error(lang, location, description),
        (false, Some(code)) => words::error_code(lang, location, code, description),
        (false, None) => words::error(lang, location, description),
    };
    Line::from(Span::styled(format!("⚠ {text}"), theme::bad()))
}
