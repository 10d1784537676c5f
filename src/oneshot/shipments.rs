//! `skyview get --shipments` and `--awb`: the list and one shipment, as text, JSON or
//! the body as received.

use std::io::Write;

use strum::VariantArray;

use super::{Failure, refused, warn, write_raw, written};
use crate::api::{
    COLUMNS, CallVerdict, Client, Column, Credentials, DateWindow, ShipmentInfo, ShipmentRow,
    row_cells,
};
use crate::cli::{Output, exit};

const REJECTED: &str =
    "SkyPostal rejected these customer credentials (invalid or expired box id / key)";

/// The customer's shipments received within `window`, newest first.
pub(super) async fn list(
    client: &Client,
    credentials: &Credentials,
    window: &DateWindow,
    output: Output,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let lookup = client
        .customer_get_shipments(credentials, window)
        .await
        .map_err(|e| Failure::new(exit::LOOKUP_FAILED, e.to_string()))?;
    let rows = match lookup.verdict() {
        CallVerdict::Found(rows) => rows,
        other => {
            let not_found = "the shipments call failed, no reason given".to_string();
            return Err(refused(other.map(|_| ()), not_found, REJECTED));
        }
    };
    written(match output {
        Output::Text => writeln!(out, "{}", list_text(rows, window)),
        Output::Json => json(out, &rows),
        Output::Raw => write_raw(&lookup.body, out),
    })?;
    let failed = rows.iter().filter(|r| !r.verify).count();
    if failed > 0 {
        let plural = if failed == 1 { "" } else { "s" };
        return Err(Failure::new(
            exit::SKYPOSTAL_ERROR,
            format!("SkyPostal reported {failed} failed shipment{plural}; see the output"),
        ));
    }
    Ok(())
}

/// One shipment with its tracking, newest first.
pub(super) async fn one(
    client: &Client,
    credentials: &Credentials,
    awb: u64,
    output: Output,
    out: &mut dyn Write,
    warnings: &mut dyn Write,
) -> Result<(), Failure> {
    let lookup = client
        .shipment_info(credentials, awb)
        .await
        .map_err(|e| Failure::new(exit::LOOKUP_FAILED, e.to_string()))?;
    let info = match lookup.verdict() {
        CallVerdict::Found(info) => info,
        other => {
            return Err(refused(
                other.map(|_| ()),
                format!(
                    "no shipment {awb} found for box id {}",
                    credentials.customer_box_id
                ),
                &format!("SkyPostal found no shipment {awb} for this customer"),
            ));
        }
    };
    if let Some(other) = info.other_awb(awb) {
        warn(warnings, &crate::ui::other_awb_warning(awb, &other));
    }
    written(match output {
        Output::Text => writeln!(out, "{}", shipment_text(info, awb)),
        Output::Json => json(out, &lookup.answers),
        Output::Raw => write_raw(&lookup.body, out),
    })
}

fn json(out: &mut dyn Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    let json = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    writeln!(out, "{json}")
}

/// A header with the window, then one aligned line per shipment; an unverified row
/// is marked `✘` and ends with its error.
fn list_text(rows: &[ShipmentRow], window: &DateWindow) -> String {
    let attention = rows.iter().filter(|r| r.needs_attention()).count();
    let outside = rows.iter().filter(|r| r.outside(window)).count();
    let mut text = format!(
        "Received {window} · {} · {attention} need{} attention\n",
        crate::ui::shipment_count(rows.len(), outside),
        if attention == 1 { "s" } else { "" },
    );
    if rows.is_empty() {
        text.push_str(&format!(
            "No shipments received between {} and {}; widen the window with --from and --to.",
            window.start_text(),
            window.end_text()
        ));
        return text;
    }
    // The columns and cells of the Shipments tab, after a mark for an unverified row.
    let header = std::iter::once(String::new())
        .chain(Column::VARIANTS.iter().map(|c| c.heading().to_string()))
        .collect();
    let cells: Vec<Vec<String>> = std::iter::once(header)
        .chain(rows.iter().map(|row| {
            std::iter::once(if row.verify { " " } else { "✘" }.to_string())
                .chain(row_cells(row, window))
                .collect()
        }))
        .collect();
    let mut widths = vec![0; COLUMNS + 1];
    for line in &cells {
        for (width, cell) in widths.iter_mut().zip(line) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let errors = std::iter::once(None).chain(rows.iter().map(|row| {
        (!row.verify).then(|| {
            row.reported_error()
                .and_then(|e| e.error_description.non_empty())
                .unwrap_or("not verified")
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
                .map(|(cell, width)| {
                    let pad = width.saturating_sub(cell.chars().count());
                    format!("{cell}{}", " ".repeat(pad))
                })
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
fn shipment_text(info: &ShipmentInfo, awb: u64) -> String {
    let mut lines = Vec::new();
    let mut field = |label: &str, value: String| {
        if !value.trim().is_empty() {
            lines.push(format!("{label:<16} {value}"));
        }
    };
    if let Some(shipment) = &info.shipment {
        for piece in &shipment.detail {
            field(
                "Carrier",
                format!(
                    "{} ({}) {}",
                    piece.courier_name,
                    piece.courier(),
                    piece.external_tracking
                ),
            );
        }
        field("Merchant", shipment.merchant_name.to_string());
        field("Contents", shipment.content.to_string());
        field(
            "Declared value",
            shipment
                .price_value
                .map(|v| crate::api::Usd(v).to_string())
                .unwrap_or_default(),
        );
        let weights: Vec<String> = [
            ("physical", shipment.physical_weight),
            ("volumetric", shipment.volumetric_weight),
            ("charged", shipment.charged_weight),
        ]
        .iter()
        .filter_map(|(name, weight)| weight.map(|w| format!("{name} {}", crate::api::Pounds(w))))
        .collect();
        field("Weight", weights.join(" · "));
        let charges: Vec<String> = shipment
            .charges()
            .iter()
            .map(|(label, amount)| format!("{label} {amount}"))
            .collect();
        field("Charges", charges.join(" · "));
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
        field("Destination", format!("{}{airport}", place.join(", ")));
        field(
            "Identity number",
            shipment
                .identity_number
                .non_empty()
                .map(crate::text::mask)
                .unwrap_or_default(),
        );
        field("Record status", shipment.status_name.to_string());
        field("Flags", shipment.flags().join(", "));
    }
    let mut text = format!(
        "Shipment {awb}\n{}\n\nTracking, newest first\n",
        lines.join("\n")
    );
    if info.tracking.is_empty() {
        text.push_str("No tracking events yet.");
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
                event.track_description
            )
        })
        .collect();
    text.push_str(&events.join("\n"));
    text
}
