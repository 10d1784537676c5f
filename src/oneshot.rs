//! `skyview get`: one lookup, printed, with an exit code a script can branch on.

mod shipments;

use std::io::{IsTerminal, Write};

use crate::api::{CallVerdict, Client, Credentials, DateWindow, Lookup, Secret, Verdict};
use crate::cli::{Output, exit};
use crate::query::{CustomerRef, EmailQuery, FieldId, Prefill, Query, check};
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

/// What `skyview get` prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// The customer (`customer-get-info`).
    Customer,
    /// The customer's shipments received between `from` and `to` (`YYYY-MM-DD`;
    /// by default the last 90 days ending today).
    Shipments {
        /// First day.
        from: Option<String>,
        /// Last day.
        to: Option<String>,
    },
    /// One shipment with its tracking.
    Shipment {
        /// Its AWB (`trck_nmr_fol`).
        awb: u64,
    },
}

/// One `skyview get`.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// Find the customer by this e-mail first, instead of a box id and key.
    pub email: Option<&'a str>,
    /// `--box-id`, when given: with an e-mail, the account it must be.
    pub box_id: Option<&'a str>,
    /// What to print.
    pub subject: &'a Subject,
    /// How to print it.
    pub output: Output,
    /// The agent's local date (the shipments' default window ends on it).
    pub today: time::Date,
}

/// Checks the credentials like the form does. The box id may be a suite (`MX811111`).
pub fn credentials(prefill: &Prefill) -> Result<crate::api::Credentials, Failure> {
    match query(prefill)? {
        Query::Customer(credentials) => Ok(credentials),
        Query::Email(_) => Err(Failure::new(
            exit::USAGE,
            "--box-id takes a box id or a suite; find a customer by e-mail with --email",
        )),
    }
}

/// What the values ask for, by the form's rules; the message names every bad field
/// and where its value comes from.
fn query(prefill: &Prefill) -> Result<Query, Failure> {
    let problems = match check(|field| prefill.value(field)) {
        Ok(query) => return Ok(query),
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

/// Looks the customer up (by e-mail first, when asked) and writes what `request`
/// asks for to `out`.
pub async fn run(
    client: &Client,
    prefill: &Prefill,
    environment: &str,
    request: &Request<'_>,
    out: &mut dyn Write,
    warnings: &mut dyn Write,
) -> Result<(), Failure> {
    let credentials = match request.email {
        Some(email) => by_email(client, prefill, email, request.box_id).await?,
        None => credentials(prefill)?,
    };
    match request.subject {
        Subject::Customer => {
            let lookup = customer(client, &credentials, environment, request, out).await?;
            if request.email.is_none()
                && let Some(typed) = crate::query::typed_suite(&prefill.box_id)
            {
                for customer in &lookup.customers {
                    let suite = customer.box_suite(credentials.customer_box_id);
                    if let Some(warning) = crate::query::suite_mismatch(&typed, &suite) {
                        warn(warnings, &warning);
                    }
                }
            }
            Ok(())
        }
        Subject::Shipments { from, to } => {
            let window = window(from.as_deref(), to.as_deref(), request.today)?;
            shipments::list(client, &credentials, &window, request.output, out).await
        }
        Subject::Shipment { awb } => {
            shipments::one(client, &credentials, *awb, request.output, out, warnings).await
        }
    }
}

/// The shipments' window from `--from` / `--to`: the default 90 days, or ending on
/// `--to`, or from `--from` to today.
fn window(from: Option<&str>, to: Option<&str>, today: time::Date) -> Result<DateWindow, Failure> {
    let usage = |e: crate::api::WindowError| Failure::new(exit::USAGE, format!("--from/--to: {e}"));
    let end = match to {
        Some(to) => DateWindow::parse(to, to, today).map_err(usage)?.end(),
        None => today,
    };
    match from {
        Some(from) => DateWindow::parse(from, &crate::api::IsoDate(end).to_string(), today),
        None => Ok(DateWindow::default_for(end)),
    }
    .map_err(usage)
}

/// Finds the customer who owns `email` with the partner credentials alone; several
/// accounts need `--box-id` to pick one, and a `--box-id` given must be one of them.
async fn by_email(
    client: &Client,
    prefill: &Prefill,
    email: &str,
    box_id: Option<&str>,
) -> Result<Credentials, Failure> {
    let Ok(CustomerRef::Email(email)) = CustomerRef::parse(email) else {
        return Err(Failure::new(
            exit::USAGE,
            format!("--email {:?} is not an e-mail address", sanitize(email)),
        ));
    };
    // The e-mail in the customer field, as the form takes it: the rules then check
    // the partner fields alone.
    let with_email = Prefill {
        box_id: email.clone(),
        ..prefill.clone()
    };
    let Query::Email(EmailQuery {
        user_code,
        app_key,
        email,
    }) = query(&with_email)?
    else {
        // `check` reads an address that `CustomerRef::parse` took as one as an e-mail.
        return Err(Failure::new(exit::USAGE, "--email takes an e-mail address"));
    };
    let lookup = client
        .partner_lookup(user_code, &app_key, &email)
        .await
        .map_err(|e| Failure::new(exit::LOOKUP_FAILED, e.to_string()))?;
    let accounts = match lookup.verdict() {
        CallVerdict::Found(accounts) => accounts,
        other => {
            return Err(refused(
                other.map(|_| ()),
                format!("No account found for this e-mail under partner {user_code}."),
                "SkyPostal refused the e-mail lookup",
            ));
        }
    };
    if let Some(wanted) = box_id.map(CustomerRef::parse) {
        let among = accounts
            .iter()
            .any(|a| Ok(CustomerRef::BoxId(a.customer_box_id.unwrap_or_default())) == wanted);
        if !among {
            let boxes: Vec<String> = accounts
                .iter()
                .map(|a| a.customer_box_id.unwrap_or_default().to_string())
                .collect();
            return Err(Failure::new(
                exit::USAGE,
                format!(
                    "--box-id {} is not an account of this e-mail ({})",
                    sanitize(box_id.unwrap_or_default()),
                    boxes.join(", ")
                ),
            ));
        }
    }
    let chosen = match accounts.as_slice() {
        [one] => Some(*one),
        many => CustomerRef::parse(&prefill.box_id).ok().and_then(|wanted| {
            many.iter()
                .find(|a| CustomerRef::BoxId(a.customer_box_id.unwrap_or_default()) == wanted)
                .copied()
        }),
    };
    let Some(account) = chosen else {
        let list: Vec<String> = accounts
            .iter()
            .map(|a| {
                format!(
                    "{} ({})",
                    a.full_name(),
                    a.customer_box_id.unwrap_or_default()
                )
            })
            .collect();
        return Err(Failure::new(
            exit::USAGE,
            format!(
                "this e-mail has {} accounts: {}; add --box-id to pick one",
                accounts.len(),
                list.join(", ")
            ),
        ));
    };
    account
        .credentials(user_code, &app_key)
        .ok_or_else(|| Failure::new(exit::SKYPOSTAL_ERROR, "SkyPostal sent no usable account"))
}

/// The failure for a verdict other than found: `not_found` when nothing is there,
/// `refusal` before SkyPostal's reason when it refused.
fn refused(verdict: CallVerdict<()>, not_found: String, refusal: &str) -> Failure {
    match verdict {
        CallVerdict::Found(()) | CallVerdict::NotFound => Failure::new(exit::NOT_FOUND, not_found),
        CallVerdict::Rejected(reason) => {
            Failure::new(exit::NOT_FOUND, format!("{refusal}: {reason}"))
        }
        CallVerdict::SkyPostalError(reason) => Failure::new(
            exit::SKYPOSTAL_ERROR,
            format!("SkyPostal reported an error: {reason}"),
        ),
        CallVerdict::SystemError(reason) => Failure::new(
            exit::SKYPOSTAL_ERROR,
            format!("SkyPostal failed on its side (system error): {reason}"),
        ),
    }
}

/// A warning on stderr: the answer printed stands, the exit code stays 0. A closed
/// stderr is no reason to fail.
fn warn(warnings: &mut dyn Write, warning: &str) {
    let _ = writeln!(warnings, "skyview: warning: {warning}");
}

/// A failed write to stdout is a runtime failure.
fn written(result: std::io::Result<()>) -> Result<(), Failure> {
    result.map_err(|e| Failure::new(exit::RUNTIME, format!("cannot write the answer: {e}")))
}

async fn customer(
    client: &Client,
    credentials: &Credentials,
    environment: &str,
    request: &Request<'_>,
    out: &mut dyn Write,
) -> Result<Lookup, Failure> {
    let lookup = client
        .customer_get_info(credentials)
        .await
        .map_err(|e| Failure::new(exit::LOOKUP_FAILED, e.to_string()))?;
    judge(&lookup, credentials.customer_box_id, environment)?;
    let written = match request.output {
        Output::Text => lookup.customers.iter().try_for_each(|customer| {
            crate::ui::write_customer_text(
                out,
                customer,
                credentials.customer_box_id,
                environment,
                request.today,
            )?;
            writeln!(out)
        }),
        Output::Json => serde_json::to_string_pretty(&lookup.customers)
            .map_err(std::io::Error::other)
            .and_then(|json| writeln!(out, "{json}")),
        Output::Raw => write_raw(&lookup.body, out),
    };
    self::written(written)?;
    let errors: usize = lookup.customers.iter().map(|c| c.tally().errors).sum();
    if errors > 0 {
        let plural = if errors == 1 { "" } else { "s" };
        return Err(Failure::new(
            exit::SKYPOSTAL_ERROR,
            format!("SkyPostal reported {errors} error{plural} for this customer; see the output"),
        ));
    }
    Ok(lookup)
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
