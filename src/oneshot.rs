//! `skyview get`: one lookup, printed, with an exit code a script can branch on.

use std::io::{IsTerminal, Write};

use crate::api::{Client, Lookup, Secret, Verdict};
use crate::app::{FieldId, Prefill, check};
use crate::cli::{Output, exit};
use crate::text::sanitize;

/// What went wrong, as one line for stderr and an exit code.
#[derive(Debug, PartialEq, Eq)]
pub struct Failure {
    /// The exit code (see [`crate::cli::exit`]).
    pub code: u8,
    /// One line, no trailing newline.
    pub message: String,
}

impl Failure {
    fn new(code: u8, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// Checks the credentials like the form does; the message names every bad field and
/// where its value comes from.
pub fn credentials(prefill: &Prefill) -> Result<crate::api::Credentials, Failure> {
    let problems = match check(|field| prefill.value(field)) {
        Ok(credentials) => return Ok(credentials),
        Err(problems) => problems,
    };
    let problems: Vec<String> = problems
        .into_iter()
        .map(|(field, error)| {
            let source = match field {
                FieldId::UserCode => "--user-code, SKYPOSTAL_USER_CODE or the config file",
                FieldId::AppKey => "SKYPOSTAL_APP_KEY or the config file",
                FieldId::BoxId => "--box-id or SKYPOSTAL_BOX_ID",
                FieldId::CustomerKey => "SKYPOSTAL_CUSTOMER_KEY or --customer-key-stdin",
            };
            format!("{} {error} (from {source})", field.label().to_lowercase())
        })
        .collect();
    Err(Failure::new(exit::USAGE, problems.join("; ")))
}

/// Reads the customer key from the first line of `input`.
pub fn key_from(mut input: impl std::io::BufRead) -> Result<Secret, Failure> {
    let mut line = String::new();
    input.read_line(&mut line).map_err(|e| {
        Failure::new(
            exit::USAGE,
            format!("cannot read the customer key from standard input: {e}"),
        )
    })?;
    Ok(Secret::new(line.trim()))
}

/// Looks the customer up and writes the answer to `out` as `output` asks.
pub async fn run(
    client: &Client,
    prefill: &Prefill,
    environment: &str,
    output: Output,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let credentials = credentials(prefill)?;
    let lookup = client
        .customer_get_info(&credentials)
        .await
        .map_err(|e| Failure::new(exit::LOOKUP_FAILED, e.to_string()))?;
    judge(&lookup, credentials.customer_box_id, environment)?;
    let today = time::OffsetDateTime::now_utc().date();
    let written = match output {
        Output::Text => lookup.customers.iter().try_for_each(|customer| {
            let text =
                crate::ui::customer_text(customer, credentials.customer_box_id, environment, today);
            writeln!(out, "{text}")
        }),
        Output::Json => serde_json::to_string_pretty(&lookup.customers)
            .map_err(std::io::Error::other)
            .and_then(|json| writeln!(out, "{json}")),
        Output::Raw => write_raw(&lookup.body, out),
    };
    written.map_err(|e| Failure::new(exit::RUNTIME, format!("cannot write the answer: {e}")))?;
    let errors: usize = lookup.customers.iter().map(|c| c.tally().errors).sum();
    if errors > 0 {
        let plural = if errors == 1 { "" } else { "s" };
        return Err(Failure::new(
            exit::SKYPOSTAL_ERROR,
            format!("SkyPostal reported {errors} error{plural} for this customer; see the output"),
        ));
    }
    Ok(())
}

/// An empty answer or a rejected customer is not something to print.
fn judge(lookup: &Lookup, box_id: u64, environment: &str) -> Result<(), Failure> {
    let verdict = lookup.verdict();
    let code = match verdict {
        Verdict::Found => return Ok(()),
        Verdict::NotFound | Verdict::Rejected(_) => exit::NOT_FOUND,
        Verdict::SystemError(_) => exit::SKYPOSTAL_ERROR,
    };
    let message = verdict.problem(box_id, environment).unwrap_or_default();
    Err(Failure::new(code, message))
}

/// The body as received; on a terminal, each line made safe first, since the body is
/// untrusted and could otherwise steer the terminal.
fn write_raw(body: &[u8], out: &mut dyn Write) -> std::io::Result<()> {
    if !std::io::stdout().is_terminal() {
        return out.write_all(body);
    }
    for line in String::from_utf8_lossy(body).lines() {
        writeln!(out, "{}", sanitize(line))?;
    }
    Ok(())
}
