//! The detail view (header, tabs, Profile / Addresses / Phones) and the chooser shown
//! when one answer holds several customers.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{loading_line, theme};
use crate::api::{Address, Checked, Customer, DateField, ErrorInfo, IsoDate, Phone, age_on};
use crate::app::{App, Tab};

/// Width of the label column in field lists.
const LABEL_WIDTH: usize = 17;

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let (Some(customer), Some(loaded)) = (app.customer(), app.loaded.as_ref()) else {
        return;
    };
    let banner_rows = if customer.has_system_error() { 2 } else { 0 };
    let [banner, header, tabs, content] = Layout::vertical([
        Constraint::Length(banner_rows),
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    if customer.has_system_error() {
        let text = " ✘ SKYPOSTAL SYSTEM ERROR: part of this answer failed on SkyPostal's side; \
                    data may be incomplete. Press r to retry.";
        let banner_text = Paragraph::new(text)
            .style(theme::banner())
            .wrap(Wrap { trim: true });
        frame.render_widget(banner_text, banner);
    }
    render_header(app, customer, loaded.box_id, frame, header);
    render_tabs(app, customer, frame, tabs);
    let lines = match app.tab {
        Tab::Profile => profile_lines(customer, app.today)
            .into_iter()
            .skip(app.scroll)
            .collect(),
        Tab::Addresses => visible_items(
            &customer.customer_address,
            app.scroll,
            content.height,
            address_lines,
            "This customer has no address on file.",
        ),
        Tab::Phones => visible_items(
            &customer.customer_phone,
            app.scroll,
            content.height,
            phone_lines,
            "This customer has no phone on file.",
        ),
    };
    // Wrapping keeps long values and error descriptions readable at any width.
    let content_text = Paragraph::new(lines).wrap(Wrap { trim: false });
    frame.render_widget(
        content_text,
        content.inner(ratatui::layout::Margin::new(1, 0)),
    );
}

fn render_header(app: &App, customer: &Customer, box_id: u64, frame: &mut Frame, area: Rect) {
    let unverified = customer.unverified_count();
    let mut status = vec![Span::raw(" ")];
    status.push(if unverified == 0 {
        Span::styled("✔ ALL VERIFIED", theme::good())
    } else {
        Span::styled(
            format!("✘ {unverified} UNVERIFIED: see the tabs marked ✘"),
            theme::bad(),
        )
    });
    let errors = customer.error_count();
    if errors > 0 {
        let plural = if errors == 1 { "" } else { "S" };
        status.push(Span::styled(
            format!("  ⚠ {errors} ERROR{plural} REPORTED"),
            theme::bad(),
        ));
    }
    if !customer.is_active {
        status.push(Span::styled("  ✘ INACTIVE", theme::bad()));
    }
    if !customer.is_enable {
        status.push(Span::styled("  ✘ DISABLED", theme::bad()));
    }
    let id = customer
        .cust_id
        .map_or_else(|| "—".to_string(), |id| id.to_string());
    let mut first = vec![
        Span::styled(format!(" {} ", customer.full_name()), theme::title()),
        Span::styled(
            format!("· suite {} ", customer.box_suite(box_id)),
            theme::title(),
        ),
        Span::styled(
            format!("· cust_id {id} · {}", app.environment.label),
            theme::label(),
        ),
    ];
    if let Some(index) = app
        .loaded
        .as_ref()
        .filter(|l| l.customers.len() > 1)
        .map(|l| l.customers.len())
    {
        first.push(Span::styled(
            format!(" · customer {} of {index}", app.selected + 1),
            theme::dim(),
        ));
    }
    let second = match loading_line(app) {
        Some(loading) => loading,
        None => Line::from(status),
    };
    frame.render_widget(Paragraph::new(vec![Line::from(first), second]), area);
}

fn render_tabs(app: &App, customer: &Customer, frame: &mut Frame, area: Rect) {
    let mut spans = vec![Span::raw(" ")];
    for (number, tab) in (1..).zip(Tab::ALL) {
        let (name, bad) = match tab {
            Tab::Profile => ("Profile".to_string(), usize::from(!customer.verified())),
            Tab::Addresses => (
                format!("Addresses ({})", customer.customer_address.len()),
                customer.unverified_addresses(),
            ),
            Tab::Phones => (
                format!("Phones ({})", customer.customer_phone.len()),
                customer.unverified_phones(),
            ),
        };
        let style = if tab == app.tab {
            theme::selected()
        } else {
            theme::label()
        };
        spans.push(Span::styled(format!(" {number} {name} "), style));
        if bad > 0 {
            spans.push(Span::styled(format!("✘{bad} unverified "), theme::bad()));
        }
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Line::from(spans), area);
}

/// Builds lines only for the items that can be seen, so a customer with ten
/// thousand addresses draws as fast as one with ten.
fn visible_items<T>(
    items: &[T],
    first: usize,
    height: u16,
    lines_of: fn(usize, usize, &T) -> Vec<Line<'static>>,
    empty: &'static str,
) -> Vec<Line<'static>> {
    if items.is_empty() {
        return vec![Line::from(Span::styled(empty, theme::dim()))];
    }
    let mut lines = Vec::new();
    for (index, item) in items.iter().enumerate().skip(first) {
        if lines.len() >= usize::from(height) {
            break;
        }
        lines.extend(lines_of(index, items.len(), item));
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

fn yes_no(flag: bool, when_no: &str, no_is_bad: bool) -> Vec<Span<'static>> {
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

fn profile_lines(customer: &Customer, today: time::Date) -> Vec<Line<'static>> {
    let mut lines = vec![field(
        "Verification",
        vec![theme::verification(customer.verified())],
    )];
    if let Some(error) = customer.reported_error() {
        lines.push(error_line(error));
    }
    let gender = match customer.customer_gender.trim() {
        "M" | "m" => "male".to_string(),
        "F" | "f" => "female".to_string(),
        other => other.to_string(),
    };
    let none_if_zero = |text: &str| {
        if text.trim() == "0" {
            vec![Span::styled("none", theme::dim())]
        } else {
            value(text)
        }
    };
    lines.extend([
        field("E-mail", value(&customer.customer_email)),
        field(
            "Birth date",
            birth_date(customer.customer_birth_date.as_ref(), today),
        ),
        field("Gender", value(&gender)),
        field("Identity no.", value(&customer.customer_identity_number)),
        field("Tax number", none_if_zero(&customer.customer_tax_number)),
        field("Campaign", value(&customer.customer_campaign)),
        field("Referred by", none_if_zero(&customer.customer_refered_by)),
        field(
            "E-mail opt-in",
            yes_no(
                customer.customer_email_agreement,
                " (no marketing e-mail)",
                false,
            ),
        ),
        field(
            "Active",
            yes_no(customer.is_active, "box not activated yet", true),
        ),
        field(
            "Enabled",
            yes_no(customer.is_enable, "account disabled", true),
        ),
        field("VIP", yes_no(customer.is_vip, "", false)),
        field("Business", yes_no(customer.is_business, "", false)),
    ]);
    if let Some(method) = customer.last_payment_method.non_empty() {
        lines.push(field("Last payment", value(method)));
    }
    lines
}

fn birth_date(field: Option<&DateField>, today: time::Date) -> Vec<Span<'static>> {
    match field {
        Some(DateField::Unparsed(raw)) if !raw.trim().is_empty() => {
            vec![Span::styled(
                format!("{raw} (not a date skyview understands)"),
                theme::warn(),
            )]
        }
        Some(field) => match field.date() {
            Some(date) => {
                let age = age_on(date, today)
                    .map(|a| format!("  (age {a})"))
                    .unwrap_or_default();
                vec![Span::raw(format!("{}{age}", IsoDate(date)))]
            }
            None => value(""),
        },
        None => value(""),
    }
}

fn address_lines(index: usize, count: usize, address: &Address) -> Vec<Line<'static>> {
    let id = address
        .address_id
        .map_or_else(|| "—".into(), |id| id.to_string());
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("Address {} of {count}  ", index + 1),
            theme::title(),
        ),
        theme::verification(address.verified()),
        Span::styled(format!("  address_id {id}"), theme::dim()),
    ])];
    if let Some(error) = address.reported_error() {
        lines.push(error_line(error));
    }
    let with_code = |name: &str, code: Option<i64>| {
        let mut spans = value(name);
        if let Some(code) = code {
            spans.push(Span::styled(format!("  (code {code})"), theme::dim()));
        }
        spans
    };
    let iso = address.ctry_iso_code.non_empty().unwrap_or("no ISO code");
    let mut country = value(&format!("{} ({iso})", address.country_name.trim()));
    if let Some(code) = address.country_code {
        country.push(Span::styled(format!("  (code {code})"), theme::dim()));
    }
    lines.extend([
        field("  Street", value(&address.address_01)),
        field("  Neighborhood", value(&address.neighborhood)),
        field("  Locality/town", value(&address.locality_town)),
        field("  City", with_code(&address.city_name, address.city_code)),
        field(
            "  State",
            with_code(&address.state_name, address.state_code),
        ),
        field("  ZIP", value(&address.zip_code)),
        field("  Country", country),
        field(
            "  Phone",
            value(&dialable(
                &address.phone_area,
                &address.phone_number,
                &address.phone_extension,
            )),
        ),
        Line::default(),
    ]);
    lines
}

fn phone_lines(index: usize, count: usize, phone: &Phone) -> Vec<Line<'static>> {
    let id = phone
        .phone_id
        .map_or_else(|| "—".into(), |id| id.to_string());
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("Phone {} of {count}  ", index + 1), theme::title()),
        theme::verification(phone.verified()),
        Span::styled(format!("  phone_id {id}"), theme::dim()),
    ])];
    if let Some(error) = phone.reported_error() {
        lines.push(error_line(error));
    }
    lines.extend([
        field("  Type", value(&phone.kind().to_string())),
        field("  Area code", value(&phone.phone_area_code)),
        field("  Number", value(&phone.phone_number)),
        field("  Extension", value(&phone.phone_extension)),
        Line::default(),
    ]);
    lines
}

/// `+1 123456789 ext. 333`, leaving out the parts that are empty.
fn dialable(area: &str, number: &str, extension: &str) -> String {
    let mut text = [area.trim(), number.trim()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if !extension.trim().is_empty() {
        text.push_str(&format!(" ext. {}", extension.trim()));
    }
    text
}

pub(super) fn render_choice(app: &App, frame: &mut Frame, area: Rect) {
    let Some(loaded) = app.loaded.as_ref() else {
        return;
    };
    let [intro, list] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
    let heading = loading_line(app).unwrap_or_else(|| {
        Line::from(format!(
            " SkyPostal returned {} customers for box {}: choose one.",
            loaded.customers.len(),
            loaded.box_id
        ))
    });
    frame.render_widget(Paragraph::new(heading).wrap(Wrap { trim: true }), intro);
    let visible = usize::from(list.height);
    let first = app.selected.saturating_sub(visible.saturating_sub(1));
    let lines: Vec<Line> = loaded
        .customers
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(index, customer)| {
            let id = customer
                .cust_id
                .map_or_else(|| "—".into(), |id| id.to_string());
            let mut line = Line::from(vec![
                Span::raw(format!(" {:>2}. {}  ", index + 1, customer.full_name())),
                Span::styled(
                    format!("cust_id {id}  {}  ", customer.customer_email),
                    theme::label(),
                ),
                theme::verification(customer.verified()),
            ]);
            if index == app.selected {
                line = line.style(theme::selected());
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}
