//! `skyview get --shipments` and `--awb`: the list and one shipment, as text, JSON or
//! the body as received.

use std::io::Write;
use unicode_width::UnicodeWidthStr;

use strum::VariantArray;

use super::{Failure, Request, json, lookup_failed, refused, warn, write_raw, written};
use crate::api::{
    COLUMNS, CallVerdict, Client, Column, Credentials, DateWindow, ShipmentInfo, ShipmentRow,
    row_cells,
};
use crate::api::{OUTSIDE_MARK, Text};
use crate::cli::{Output, exit};
use crate::i18n::{self, Decimal, Lang, msg};

/// The customer's shipments received within `window`, newest first.
pub(super) async fn list(
    request: &Request<'_>,
    client: &Client,
    credentials: &Credentials,
    window: &DateWindow,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let (lang, decimal, output) = (request.lang, request.decimal, request.output);
    let lookup = client
        .customer_get_shipments(credentials, window)
        .await
        .map_err(|e| lookup_failed(lang, &e))?;
    let rows = match lookup.verdict() {
        CallVerdict::Found(rows) => rows,
        other => {
            let not_found = msg::notice::shipments_failed(lang).to_string();
            return Err(refused(lang, other.map(|_| ()), not_found, |reason| {
                msg::notice::credentials_rejected(lang, reason)
            }));
        }
    };
    written(
        lang,
        match output {
            Output::Text => writeln!(out, "{}", list_text(lang, decimal, rows, window)),
            Output::Json => json(out, &rows),
            Output::Raw => write_raw(&lookup.body, out),
        },
    )?;
    let failed = rows.iter().filter(|r| !r.verify).count();
    if failed > 0 {
        return Err(Failure::new(
            exit::SKYPOSTAL_ERROR,
            msg::get::failed_shipments(lang, failed),
        ));
    }
    Ok(())
}

/// One shipment with its tracking, newest first, as `request` asks (under a required
/// caller check the consignee's identity number is masked in JSON too); a warning on
/// `warnings` when the answer is about another shipment.
pub(super) async fn one(
    request: &Request<'_>,
    client: &Client,
    credentials: &Credentials,
    awb: u64,
    out: &mut dyn Write,
    warnings: &mut dyn Write,
) -> Result<(), Failure> {
    let (lang, decimal, output) = (request.lang, request.decimal, request.output);
    let masked = request.caller_check.required;
    let lookup = client
        .shipment_info(credentials, awb)
        .await
        .map_err(|e| lookup_failed(lang, &e))?;
    let info = match lookup.verdict() {
        CallVerdict::Found(info) => info,
        other => {
            return Err(refused(
                lang,
                other.map(|_| ()),
                msg::get::no_shipment(lang, awb, credentials.customer_box_id),
                |reason| msg::get::shipment_refused(lang, awb, reason),
            ));
        }
    };
    if let Some(other) = info.other_awb(awb) {
        warn(lang, warnings, &msg::get::other_awb(lang, other, awb));
    }
    written(
        lang,
        match output {
            Output::Text => writeln!(
                out,
                "{}",
                shipment_text(lang, decimal, info, awb, request.reveals_ids())
            ),
            Output::Json if masked => {
                let mut answers = lookup.answers.clone();
                for shipment in answers.iter_mut().filter_map(|a| a.shipment.as_mut()) {
                    shipment.identity_number = Text::new(super::HIDDEN);
                }
                json(out, &answers)
            }
            Output::Json => json(out, &lookup.answers),
            Output::Raw => write_raw(&lookup.body, out),
        },
    )
}

/// A header with the window, then one aligned line per shipment; an unverified row
/// is marked `✘` and ends with its error.
fn list_text(lang: Lang, decimal: Decimal, rows: &[ShipmentRow], window: &DateWindow) -> String {
    let attention = rows.iter().filter(|r| r.needs_attention()).count();
    let outside = rows.iter().filter(|r| r.outside(window)).count();
    let mut text = format!(
        "{} · {} · {}\n",
        msg::shipments::window(lang, window.start_text(), window.end_text(), window.days()),
        if outside == 0 {
            msg::shipments::count(lang, rows.len())
        } else {
            msg::shipments::count_outside(lang, rows.len(), outside, OUTSIDE_MARK)
        },
        msg::get::attention(lang, attention),
    );
    if rows.is_empty() {
        text.push_str(&msg::get::no_shipments(
            lang,
            window.start_text(),
            window.end_text(),
        ));
        return text;
    }
    // The columns and cells of the Shipments tab, after a mark for an unverified row.
    let header = std::iter::once(String::new())
        .chain(Column::VARIANTS.iter().map(|c| c.heading(lang).to_string()))
        .collect();
    let cells: Vec<Vec<String>> = std::iter::once(header)
        .chain(rows.iter().map(|row| {
            std::iter::once(if row.verify { " " } else { "✘" }.to_string())
                .chain(row_cells(row, window, lang, decimal))
                .collect()
        }))
        .collect();
    let mut widths = vec![0; COLUMNS + 1];
    for line in &cells {
        for (width, cell) in widths.iter_mut().zip(line) {
            *width = (*width).max(cell.width());
        }
    }
    let errors = std::iter::once(None).chain(rows.iter().map(|row| {
        (!row.verify).then(|| {
            row.reported_error()
                .and_then(|e| e.error_description.non_empty())
                .unwrap_or(msg::get::not_verified(lang))
                .to_string()
        })
    }));
    let lines: Vec<String> = cells
        .iter()
        .zip(errors)
        .map(|(line, error)| {
            let mut text: String = line
                .iter()
                .zip(&widths)
                .map(|(cell, width)| crate::text::pad(cell, *width))
                .collect::<Vec<_>>()
                .join("  ");
            if let Some(error) = error {
                text.push_str(&format!("  {error}"));
            }
            text.trim_end().to_string()
        })
        .collect();
    text.push_str(&lines.join("\n"));
    text
}

/// The shipment's numbers, goods, weights, charges and destination, then its tracking.
fn shipment_text(
    lang: Lang,
    decimal: Decimal,
    info: &ShipmentInfo,
    awb: u64,
    reveal: bool,
) -> String {
    use msg::shipment as words;
    let mut lines = Vec::new();
    let mut field = |label: &str, value: String| {
        if !value.trim().is_empty() {
            lines.push(format!("{label:<16} {value}"));
        }
    };
    if let Some(shipment) = &info.shipment {
        for piece in &shipment.detail {
            field(
                words::carrier(lang),
                format!(
                    "{} ({}) {}",
                    piece.courier_name,
                    piece.courier(),
                    piece.external_tracking
                ),
            );
        }
        field(words::merchant(lang), shipment.merchant_name.to_string());
        field(words::contents(lang), shipment.content.to_string());
        field(
            words::declared_value(lang),
            shipment
                .price_value
                .map(|v| crate::api::Usd(v).show(decimal))
                .unwrap_or_default(),
        );
        let weights: Vec<String> = [
            (
                words::physical as fn(Lang, String) -> String,
                shipment.physical_weight,
            ),
            (words::volumetric, shipment.volumetric_weight),
            (words::charged, shipment.charged_weight),
        ]
        .iter()
        .filter_map(|(named, weight)| {
            weight.map(|w| named(lang, crate::api::Pounds(w).show(decimal)))
        })
        .collect();
        field(words::weight(lang), weights.join(" · "));
        let charges: Vec<String> = shipment
            .charges()
            .iter()
            .map(|(charge, amount)| {
                format!("{} {}", i18n::charge(lang, *charge), amount.show(decimal))
            })
            .collect();
        field(words::charges(lang), charges.join(" · "));
        let place: Vec<&str> = [
            &shipment.name,
            &shipment.address,
            &shipment.city_name,
            &shipment.state_name,
            &shipment.country_name,
        ]
        .iter()
        .filter_map(|part| part.non_empty())
        .collect();
        let airport = shipment
            .iata_code
            .non_empty()
            .map(|code| format!(" ({code})"))
            .unwrap_or_default();
        field(
            words::destination(lang),
            format!("{}{airport}", place.join(", ")),
        );
        field(
            words::identity_number(lang),
            shipment
                .identity_number
                .non_empty()
                .map(|number| {
                    if reveal {
                        number.trim().to_string()
                    } else {
                        crate::text::mask(number)
                    }
                })
                .unwrap_or_default(),
        );
        field(words::record_status(lang), shipment.status_name.to_string());
        let flags: Vec<&str> = [
            (shipment.is_frozen, msg::get::frozen(lang)),
            (shipment.is_return, msg::get::returned(lang)),
        ]
        .into_iter()
        .filter_map(|(set, word)| set.then_some(word))
        .collect();
        field(words::flags(lang), flags.join(", "));
    }
    let mut text = format!(
        "{}\n{}\n\n{}\n",
        words::title(lang, awb),
        lines.join("\n"),
        msg::get::tracking(lang)
    );
    if info.tracking.is_empty() {
        text.push_str(words::no_tracking(lang));
    }
    let events: Vec<String> = info
        .tracking
        .iter()
        .map(|event| {
            let remark = event
                .track_obs
                .non_empty()
                .map(|r| format!(" · {r}"))
                .unwrap_or_default();
            format!(
                "{}  {}  {}{remark}",
                event.time_label(),
                event.iata_code,
                i18n::event_status(lang, event)
            )
        })
        .collect();
    text.push_str(&events.join("\n"));
    text
}
