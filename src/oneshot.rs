//! `skyview get`: one lookup, printed, with an exit code a script can branch on.

mod shipments;

use std::io::{IsTerminal, Write};

use crate::api::{
    ApiError, CallVerdict, Client, Credentials, DateWindow, Lookup, Reason, Secret, Text, Verdict,
};
use crate::app::caller_check::Policy;
use crate::cause::Cause;
use crate::cli::{Output, exit};
use crate::i18n::{self, Decimal, Lang, msg};
use crate::query::{CustomerRef, EmailQuery, FieldId, Prefill, Query, check};
use crate::text::sanitize;

/// What went wrong, as one line for stderr and an exit code.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Failure {
    /// The exit code (see [`crate::cli::exit`]).
    pub code: u8,
    /// One line, no trailing newline.
    pub message: String,
}

impl Failure {
    pub(crate) fn new(code: u8, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// What `skyview get` prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Subject {
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
pub(crate) struct Request<'a> {
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
    /// The caller check's policy: when required, `get` (which has no caller to
    /// check) refuses the raw body and masks identity and tax numbers.
    pub caller_check: Policy,
    /// The language of what is printed for a person (text output, errors).
    pub lang: Lang,
    /// The decimal separator of the amounts and weights printed as text.
    pub decimal: Decimal,
    /// `--reveal`: identity and tax numbers in clear in the text output (never under
    /// a required caller check); masked to their last four otherwise.
    pub reveal: bool,
}

impl Request<'_> {
    /// Whether the text output shows identity and tax numbers in clear.
    fn reveals_ids(&self) -> bool {
        self.reveal && !self.caller_check.required
    }
}

/// Checks the credentials like the form does. The box id may be a suite (`MX811111`).
pub(crate) fn credentials(
    lang: Lang,
    prefill: &Prefill,
) -> Result<crate::api::Credentials, Failure> {
    match query(lang, prefill)? {
        Query::Customer(credentials) => Ok(credentials),
        Query::Email(_) => Err(Failure::new(exit::USAGE, msg::get::box_id_not_email(lang))),
    }
}

/// What the values ask for, by the form's rules; the message names every bad field
/// and where its value comes from.
fn query(lang: Lang, prefill: &Prefill) -> Result<Query, Failure> {
    let problems = match check(|field| prefill.value(field)) {
        Ok(query) => return Ok(query),
        Err(problems) => problems,
    };
    let problems: Vec<String> = problems
        .into_iter()
        .map(|(field, error)| {
            use msg::get as words;
            let (name, source) = match field {
                FieldId::UserCode => (words::user_code(lang), words::from_user_code(lang)),
                FieldId::AppKey => (words::app_key(lang), words::from_app_key(lang)),
                FieldId::BoxId => (words::customer(lang), words::from_box_id(lang)),
                FieldId::CustomerKey => (words::customer_key(lang), words::from_customer_key(lang)),
            };
            words::field_problem(lang, name, error.text(lang), source)
        })
        .collect();
    Err(Failure::new(exit::USAGE, problems.join("; ")))
}

/// Reads the customer key from the first line of `input`.
pub(crate) fn key_from(lang: Lang, mut input: impl std::io::BufRead) -> Result<Secret, Failure> {
    let mut line = String::new();
    input.read_line(&mut line).map_err(|e| {
        Failure::new(
            exit::USAGE,
            msg::get::key_unreadable(lang, Cause::io(&e).text(lang)),
        )
    })?;
    Ok(Secret::new(line.trim()))
}

/// Looks the customer up (by e-mail first, when asked) and writes what `request`
/// asks for to `out`.
pub(crate) async fn run(
    client: &Client,
    prefill: &Prefill,
    environment: &str,
    request: &Request<'_>,
    out: &mut dyn Write,
    warnings: &mut dyn Write,
) -> Result<(), Failure> {
    let lang = request.lang;
    if request.caller_check.required && request.output == Output::Raw {
        return Err(Failure::new(exit::USAGE, msg::check::get_raw_refused(lang)));
    }
    let credentials = match request.email {
        Some(email) => by_email(lang, client, prefill, email, request.box_id).await?,
        None => credentials(lang, prefill)?,
    };
    match request.subject {
        Subject::Customer => {
            let lookup = customer(client, &credentials, environment, request, out).await?;
            if request.email.is_none()
                && let Some(typed) = crate::query::typed_suite(&prefill.box_id)
            {
                for customer in &lookup.customers {
                    let suite = customer.box_suite(credentials.customer_box_id);
                    if typed != suite {
                        warn(lang, warnings, &msg::get::other_suite(lang, &typed, suite));
                    }
                }
            }
            Ok(())
        }
        Subject::Shipments { from, to } => {
            let window = window(lang, from.as_deref(), to.as_deref(), request.today)?;
            shipments::list(request, client, &credentials, &window, out).await
        }
        Subject::Shipment { awb } => {
            shipments::one(request, client, &credentials, *awb, out, warnings).await
        }
    }
}

/// The shipments' window from `--from` / `--to`: the default 90 days, or ending on
/// `--to`, or from `--from` to today.
fn window(
    lang: Lang,
    from: Option<&str>,
    to: Option<&str>,
    today: time::Date,
) -> Result<DateWindow, Failure> {
    let usage = |e: crate::api::WindowError| {
        Failure::new(
            exit::USAGE,
            msg::get::window_error(lang, i18n::window_error(lang, e)),
        )
    };
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
    lang: Lang,
    client: &Client,
    prefill: &Prefill,
    email: &str,
    box_id: Option<&str>,
) -> Result<Credentials, Failure> {
    let Ok(CustomerRef::Email(email)) = CustomerRef::parse(email) else {
        return Err(Failure::new(
            exit::USAGE,
            msg::get::not_an_email(lang, format!("{:?}", sanitize(email))),
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
    }) = query(lang, &with_email)?
    else {
        // `check` reads an address that `CustomerRef::parse` took as one as an e-mail.
        return Err(Failure::new(exit::USAGE, msg::get::email_takes_email(lang)));
    };
    let lookup = client
        .partner_lookup(user_code, &app_key, &email)
        .await
        .map_err(|e| lookup_failed(lang, &e))?;
    let accounts = match lookup.verdict() {
        CallVerdict::Found(accounts) => accounts,
        other => {
            return Err(refused(
                lang,
                other.map(|_| ()),
                msg::notice::no_account(lang, user_code),
                |reason| msg::notice::email_refused(lang, reason),
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
                msg::get::box_id_not_an_account(
                    lang,
                    sanitize(box_id.unwrap_or_default()),
                    boxes.join(", "),
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
                    i18n::name(lang, &a.full_name()),
                    a.customer_box_id.unwrap_or_default()
                )
            })
            .collect();
        return Err(Failure::new(
            exit::USAGE,
            msg::get::several_accounts(lang, accounts.len(), list.join(", ")),
        ));
    };
    account
        .credentials(user_code, &app_key)
        .ok_or_else(|| Failure::new(exit::SKYPOSTAL_ERROR, msg::get::no_usable_account(lang)))
}

/// A request that failed on its way.
fn lookup_failed(lang: Lang, error: &ApiError) -> Failure {
    Failure::new(exit::LOOKUP_FAILED, error.text(lang))
}

/// The failure for a verdict other than found: `not_found` when nothing is there,
/// the `refusal` sentence with SkyPostal's reason when it refused.
fn refused(
    lang: Lang,
    verdict: CallVerdict<()>,
    not_found: String,
    refusal: impl FnOnce(&str) -> String,
) -> Failure {
    match verdict {
        CallVerdict::Found(()) | CallVerdict::NotFound => Failure::new(exit::NOT_FOUND, not_found),
        CallVerdict::Rejected(reason) => Failure::new(exit::NOT_FOUND, refusal(&reason.text(lang))),
        CallVerdict::SkyPostalError(reason) => Failure::new(
            exit::SKYPOSTAL_ERROR,
            msg::notice::skypostal_error(lang, reason.text(lang)),
        ),
        CallVerdict::SystemError(reason) => Failure::new(
            exit::SKYPOSTAL_ERROR,
            msg::get::system_error(lang, reason.text(lang)),
        ),
    }
}

/// A warning on stderr: the answer printed stands, the exit code stays 0. A closed
/// stderr is no reason to fail.
fn warn(lang: Lang, warnings: &mut dyn Write, warning: &str) {
    let _ = writeln!(warnings, "skyview: {}", msg::main::warning(lang, warning));
}

/// `value` as pretty JSON, one line after it.
fn json(out: &mut dyn Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    let json = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    writeln!(out, "{json}")
}

/// A failed write to stdout is a runtime failure.
fn written(lang: Lang, result: std::io::Result<()>) -> Result<(), Failure> {
    result.map_err(|e| {
        Failure::new(
            exit::RUNTIME,
            msg::get::unwritable(lang, Cause::io(&e).text(lang)),
        )
    })
}

async fn customer(
    client: &Client,
    credentials: &Credentials,
    environment: &str,
    request: &Request<'_>,
    out: &mut dyn Write,
) -> Result<Lookup, Failure> {
    let lang = request.lang;
    let lookup = client
        .customer_get_info(credentials)
        .await
        .map_err(|e| lookup_failed(lang, &e))?;
    judge(lang, &lookup, credentials.customer_box_id, environment)?;
    let written = match request.output {
        Output::Text => lookup.customers.iter().try_for_each(|customer| {
            crate::ui::write_customer_text(
                lang,
                out,
                customer,
                credentials.customer_box_id,
                environment,
                request.today,
                request.reveals_ids(),
            )?;
            writeln!(out)
        }),
        Output::Json => {
            let masked;
            let customers = if request.caller_check.required {
                masked = lookup.customers.iter().map(masked_ids).collect::<Vec<_>>();
                &masked
            } else {
                &lookup.customers
            };
            json(out, customers)
        }
        Output::Raw => write_raw(&lookup.body, out),
    };
    self::written(lang, written)?;
    let errors: usize = lookup.customers.iter().map(|c| c.tally().errors).sum();
    if errors > 0 {
        return Err(Failure::new(
            exit::SKYPOSTAL_ERROR,
            msg::get::customer_errors(lang, errors),
        ));
    }
    Ok(lookup)
}

/// What stands for an identity or tax number in `--output json` under a required
/// caller check: not even the last four, which the check asks about.
const HIDDEN: &str = "••••";

/// `customer` with its identity and tax numbers hidden (see [`HIDDEN`]).
fn masked_ids(customer: &crate::api::Customer) -> crate::api::Customer {
    let mut customer = customer.clone();
    customer.customer_identity_number = Text::new(HIDDEN);
    customer.customer_tax_number = Text::new(HIDDEN);
    customer
}

/// An empty answer or a rejected customer is not something to print.
fn judge(lang: Lang, lookup: &Lookup, box_id: u64, environment: &str) -> Result<(), Failure> {
    let (code, message) = match lookup.verdict() {
        Verdict::Found => return Ok(()),
        Verdict::NotFound => (
            exit::NOT_FOUND,
            msg::get::no_customer(lang, box_id, environment),
        ),
        Verdict::Rejected(reason) => (
            exit::NOT_FOUND,
            msg::notice::credentials_rejected(lang, Reason::from(reason).text(lang)),
        ),
        Verdict::SystemError(reason) => (
            exit::SKYPOSTAL_ERROR,
            msg::get::system_error(lang, Reason::from(reason).text(lang)),
        ),
    };
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
