//! The words of what the app keeps as meaning: notices, toasts, field messages, and
//! the failures they carry.

use super::{Lang, msg};
use crate::api::{
    Charge, Column, Invoice, MAX_WINDOW_DAYS, PhoneKind, Stage, StatusCode, TrackingEvent,
    WindowError,
};
use crate::app::keys::{Action, Context, KeyMap};
use crate::app::{App, FieldNote, Notice, Toast};
use crate::config::ConfigWarning;
use crate::query::{FieldError, FieldId};

impl Column {
    /// Its heading, in `lang`.
    pub fn heading(self, lang: Lang) -> &'static str {
        match self {
            Self::Received => msg::shipments::column_received(lang),
            Self::Awb => msg::shipments::column_awb(lang),
            Self::Tracking => msg::shipments::column_tracking(lang),
            Self::Merchant => msg::shipments::column_merchant(lang),
            Self::Contents => msg::shipments::column_contents(lang),
            Self::Status => msg::shipments::column_status(lang),
            Self::Invoice => msg::shipments::column_invoice(lang),
            Self::Value => msg::shipments::column_value(lang),
            Self::Weight => msg::shipments::column_weight(lang),
        }
    }
}

/// A shipment's invoice state, as its column shows it (blank when none is needed).
pub fn invoice(lang: Lang, invoice: Invoice) -> &'static str {
    match invoice {
        Invoice::Required => msg::shipments::invoice_required(lang),
        Invoice::Ok => msg::shipments::invoice_ok(lang),
        Invoice::NotRequired => "",
    }
}

/// What a verification flag is about: its words agree with it, as Spanish needs
/// ("dirección verificada", "teléfono verificado").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verifiable {
    /// The customer (the profile, the list of customers).
    Customer,
    /// One of the customer's addresses.
    Address,
    /// One of the customer's phones.
    Phone,
}

/// `VERIFIED` or `UNVERIFIED`, agreeing with `what` it is said of.
pub fn verified(lang: Lang, what: Verifiable, verified: bool) -> &'static str {
    match (what, verified) {
        (Verifiable::Customer, true) => msg::flag::verified(lang),
        (Verifiable::Customer, false) => msg::flag::unverified(lang),
        (Verifiable::Address, true) => msg::address::verified(lang),
        (Verifiable::Address, false) => msg::address::unverified(lang),
        (Verifiable::Phone, true) => msg::phone::verified(lang),
        (Verifiable::Phone, false) => msg::phone::unverified(lang),
    }
}

/// The label above a field of the form.
pub fn field_label(lang: Lang, field: FieldId) -> &'static str {
    match field {
        FieldId::UserCode => msg::form::label_user_code(lang),
        FieldId::AppKey => msg::form::label_app_key(lang),
        FieldId::BoxId => msg::form::label_customer(lang),
        FieldId::CustomerKey => msg::form::label_customer_key(lang),
    }
}

impl FieldNote {
    /// The remark, in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Self::NotNeededForEmail => msg::form::not_needed(lang),
            Self::AppKeyShape => msg::form::app_key_shape(lang),
            Self::CustomerKeyShape => msg::form::customer_key_shape(lang),
        }
    }
}

impl Notice {
    /// The sentence, in `lang`, naming the keys `keys` binds.
    pub fn text(&self, lang: Lang, keys: &KeyMap) -> String {
        match self {
            Self::LookupCancelled => {
                msg::notice::lookup_cancelled(lang, keys.key(Context::Form, Action::LookUp, lang))
            }
            Self::Failed(error) => error.text(lang),
            Self::NoCustomer {
                box_id,
                environment,
            } => msg::notice::no_customer(lang, *box_id, environment),
            Self::CredentialsRejected(reason) => {
                msg::notice::credentials_rejected(lang, reason.text(lang))
            }
            Self::NoAccount { user_code } => msg::notice::no_account(lang, *user_code),
            Self::EmailRefused(reason) => msg::notice::email_refused(lang, reason.text(lang)),
            Self::RequestRefused(reason) => msg::notice::request_refused(lang, reason.text(lang)),
            Self::SkyPostalError(reason) => msg::notice::skypostal_error(lang, reason.text(lang)),
            Self::SystemError(reason) => msg::notice::system_error(lang, reason.text(lang)),
            Self::ShipmentsFailed => msg::notice::shipments_failed(lang).into(),
            Self::NoShipment { awb, box_id } => msg::notice::no_shipment(lang, *awb, *box_id),
            Self::ConfigWarnings(warnings) => warnings
                .iter()
                .map(|w| w.text(lang))
                .collect::<Vec<_>>()
                .join(" "),
            Self::LogStopped(failure) => {
                msg::notice::log_stopped(lang, &failure.path, failure.reason.text(lang))
            }
        }
    }
}

impl ConfigWarning {
    /// The warning, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Self::ReadableKey { path } => msg::config::readable_key(lang, path.display()),
        }
    }
}

impl App {
    /// The toast on display, in `lang`.
    pub fn toast_text(&self, lang: Lang) -> Option<String> {
        let text = match self.toast.as_ref()? {
            Toast::Copied { item, text } => {
                let name = self
                    .customer()
                    .map(|customer| item.name(lang, customer))
                    .unwrap_or_default();
                msg::toast::copied(lang, name, text)
            }
            Toast::Environment(label) => msg::toast::environment(lang, label),
            Toast::OnlyEnvironment(label) => msg::toast::only_environment(lang, label),
            Toast::NoAwb => msg::toast::no_awb(lang).into(),
            Toast::WindowEndsToday => msg::toast::window_ends_today(lang).into(),
            Toast::NoteCopied => msg::note::copied(
                lang,
                self.settings
                    .keys
                    .key(Context::Detail, Action::ShowCallNote, lang),
            ),
        };
        Some(text)
    }
}

impl FieldError {
    /// The field's message, in `lang`.
    pub fn text(self, lang: Lang) -> String {
        match self {
            Self::Required => msg::field_error::required(lang).into(),
            Self::NotPositive => msg::field_error::not_positive(lang).into(),
            Self::NotABoxId => msg::field_error::not_a_box_id(lang).into(),
            Self::NotAnEmail => msg::field_error::not_an_email(lang).into(),
            Self::Full { max } => msg::field_error::full(lang, max),
            Self::InvisibleDropped => msg::field_error::invisible_dropped(lang).into(),
            Self::Window(error) => window_error(lang, error).into(),
        }
    }
}

/// Why a window of dates does not hold, as a sentence.
pub fn window_error(lang: Lang, error: WindowError) -> std::borrow::Cow<'static, str> {
    match error {
        WindowError::BadFrom => msg::window_error::bad_from(lang).into(),
        WindowError::BadTo => msg::window_error::bad_to(lang).into(),
        WindowError::Reversed => msg::window_error::reversed(lang).into(),
        WindowError::Future => msg::window_error::future(lang).into(),
        WindowError::TooLong => msg::window_error::too_long(lang, MAX_WINDOW_DAYS).into(),
        WindowError::TooEarly => msg::window_error::too_early(lang).into(),
    }
}

/// What a phone's type code means, in `lang`: "mobile", "type 7".
pub fn phone_kind(lang: Lang, kind: PhoneKind) -> String {
    match kind {
        PhoneKind::Landline => msg::phone::landline(lang).into(),
        PhoneKind::Mobile => msg::phone::mobile(lang).into(),
        PhoneKind::Other(Some(code)) => msg::phone::other_type(lang, code),
        PhoneKind::Other(None) => msg::phone::no_type(lang).into(),
    }
}

/// A tracking-stage code as the list shows it: the stage's words and the code
/// (`BILLED (PAY)`), or the code and `?` for a stage the catalog does not name.
pub fn status(lang: Lang, status: StatusCode<'_>) -> String {
    use msg::stage as words;
    let code = status.code();
    let Some(stage) = status.stage() else {
        return words::unknown(lang, code);
    };
    let name = match stage {
        Stage::Received => words::received(lang),
        Stage::Processed => words::processed(lang),
        Stage::ProcessingPayment => words::processing_payment(lang),
        Stage::Billed => words::billed(lang),
        Stage::ArrivedInCountry => words::arrived_in_country(lang),
    };
    words::known(lang, name, code)
}

/// What a tracking event says happened: for a known code the catalog's word and the
/// code (`FACTURADO (PAY)`), else SkyPostal's own words, verbatim, with its code.
pub fn event_status(lang: Lang, event: &TrackingEvent) -> String {
    let code = event.status();
    let said = event.track_description.trim();
    match code.code() {
        _ if code.stage().is_some() => status(lang, code),
        "" => said.to_string(),
        bare if said.is_empty() => msg::stage::unknown(lang, bare),
        known => msg::stage::known(lang, said, known),
    }
}

/// A line of a shipment's charges, by name.
pub fn charge(lang: Lang, charge: Charge) -> &'static str {
    use msg::charge as words;
    match charge {
        Charge::Shipping => words::shipping(lang),
        Charge::Customs => words::customs(lang),
        Charge::Insurance => words::insurance(lang),
        Charge::Fees => words::fees(lang),
        Charge::Discounts => words::discounts(lang),
        Charge::Total => words::total(lang),
    }
}
