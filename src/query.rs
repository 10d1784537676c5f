//! What an agent asks for, apart from any widget: the four values (partner user code
//! and app key, the customer, the customer key), what the customer field may hold, and
//! the rules they must meet to make a [`Query`]. The form, `skyview get` and anything
//! else that takes a customer check them here, the same way.

use crate::api::{Credentials, Secret, WindowError};

/// The form's fields, in focus order (`FieldId::VARIANTS`, top to bottom).
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::VariantArray)]
pub enum FieldId {
    /// Partner user code.
    UserCode,
    /// Partner app key (secret).
    AppKey,
    /// The customer: box id, suite or e-mail.
    BoxId,
    /// Customer key (secret).
    CustomerKey,
}

impl FieldId {
    /// Whether the field holds a secret, masked unless revealed.
    pub(crate) fn is_secret(self) -> bool {
        matches!(self, Self::AppKey | Self::CustomerKey)
    }
}

/// Initial values for the four fields (from flags, environment or the demo).
#[derive(Clone, Debug, Default)]
pub struct Prefill {
    /// User code text.
    pub user_code: String,
    /// App key.
    pub app_key: Secret,
    /// Box id text.
    pub box_id: String,
    /// Customer key.
    pub customer_key: Secret,
}

impl Prefill {
    /// The text given for a field.
    pub fn value(&self, field: FieldId) -> &str {
        match field {
            FieldId::UserCode => &self.user_code,
            FieldId::AppKey => self.app_key.expose(),
            FieldId::BoxId => &self.box_id,
            FieldId::CustomerKey => self.customer_key.expose(),
        }
    }
}

/// What an agent typed in the customer field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CustomerRef {
    /// A box id, or a suite (`MX811111`) with its country letters dropped.
    BoxId(u64),
    /// An e-mail address, trimmed, as typed otherwise.
    Email(String),
}

/// Why the customer field's text is refused; each caller says it in its own words
/// ([`check`] as a [`FieldError`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CustomerRefError {
    /// Nothing typed.
    Empty,
    /// Neither digits nor letters then digits.
    NotABoxId,
    /// An `@` without text on both sides, more than one `@`, or spaces inside.
    BadEmail,
}

impl CustomerRef {
    /// Reads `811111`, `MX811111` or an e-mail (anything with `@`).
    pub fn parse(text: &str) -> Result<Self, CustomerRefError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(CustomerRefError::Empty);
        }
        if text.contains('@') {
            let (user, domain) = text.split_once('@').unwrap_or_default();
            // Control characters would steer the terminal that shows the address;
            // an invisible one (a zero-width space from a pasted address) is never part
            // of an e-mail SkyPostal stores.
            let odd = |c: char| c.is_whitespace() || c.is_control() || crate::text::is_invisible(c);
            if user.is_empty() || domain.is_empty() || domain.contains('@') || text.contains(odd) {
                return Err(CustomerRefError::BadEmail);
            }
            return Ok(Self::Email(text.to_string()));
        }
        let digits = text.trim_start_matches(|c: char| c.is_ascii_alphabetic());
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CustomerRefError::NotABoxId);
        }
        digits
            .parse()
            .map(Self::BoxId)
            .map_err(|_| CustomerRefError::NotABoxId)
    }
}

/// The customer field's text in capitals when it is a suite (`co811111`): its
/// letters are not sent, only the box id, so the answer's own suite may differ.
pub fn typed_suite(text: &str) -> Option<String> {
    let text = text.trim();
    let has_letters = text.starts_with(|c: char| c.is_ascii_alphabetic());
    (has_letters && matches!(CustomerRef::parse(text), Ok(CustomerRef::BoxId(_))))
        .then(|| text.to_ascii_uppercase())
}

/// A field that fails its rule, and why.
pub type Problem = (FieldId, FieldError);

/// Why a text field refused what was typed, pasted or sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldError {
    /// Nothing typed.
    Required,
    /// Not a whole number above zero.
    NotPositive,
    /// Neither a box id, a suite nor an e-mail.
    NotABoxId,
    /// An `@`, but not an e-mail address.
    NotAnEmail,
    /// The field holds its most characters; the rest was not taken.
    Full {
        /// The cap.
        max: usize,
    },
    /// Invisible characters were dropped from a paste.
    InvisibleDropped,
    /// The date form's window does not hold.
    Window(WindowError),
}

/// What a valid form asks for: a customer by box id (or suite) and key, or the
/// customer who owns an e-mail, found with the partner credentials alone.
#[derive(Debug, PartialEq, Eq)]
pub enum Query {
    /// `customer-get-info` with these credentials.
    Customer(Credentials),
    /// The partner call first, then the customer it finds.
    Email(EmailQuery),
}

/// Who owns an e-mail, asked with the partner credentials alone. `Debug` redacts the
/// key.
#[derive(Debug, PartialEq, Eq)]
pub struct EmailQuery {
    /// Partner user code.
    pub user_code: u64,
    /// Partner app key.
    pub app_key: Secret,
    /// The e-mail, trimmed, as typed otherwise.
    pub email: String,
}

/// Whether the customer key is needed for what the customer field holds: not for an
/// e-mail.
pub fn key_needed(customer: &str) -> bool {
    !matches!(CustomerRef::parse(customer), Ok(CustomerRef::Email(_)))
}

/// Checks each field's text (given by `value`); on failure, every bad field with its
/// message, in field order. The customer field takes a box id, a suite (`MX811111`)
/// or an e-mail; with an e-mail the customer key is ignored.
pub fn check<'a>(value: impl Fn(FieldId) -> &'a str) -> Result<Query, Vec<Problem>> {
    let user_code = positive_integer(value(FieldId::UserCode));
    let app_key = required(value(FieldId::AppKey));
    let customer = match CustomerRef::parse(value(FieldId::BoxId)) {
        Ok(CustomerRef::BoxId(0)) | Err(CustomerRefError::NotABoxId) => Err(FieldError::NotABoxId),
        Err(CustomerRefError::Empty) => Err(FieldError::Required),
        Err(CustomerRefError::BadEmail) => Err(FieldError::NotAnEmail),
        Ok(customer) => Ok(customer),
    };
    let customer_key = match &customer {
        Ok(CustomerRef::Email(_)) => Ok(""),
        _ => required(value(FieldId::CustomerKey)),
    };
    match (&user_code, &app_key, &customer, &customer_key) {
        (Ok(user_code), Ok(app_key), Ok(CustomerRef::Email(email)), _) => {
            return Ok(Query::Email(EmailQuery {
                user_code: *user_code,
                app_key: Secret::new(*app_key),
                email: email.clone(),
            }));
        }
        (Ok(user_code), Ok(app_key), Ok(CustomerRef::BoxId(box_id)), Ok(customer_key)) => {
            return Ok(Query::Customer(Credentials {
                user_code: *user_code,
                app_key: Secret::new(*app_key),
                customer_box_id: *box_id,
                customer_key: Secret::new(*customer_key),
            }));
        }
        _ => {}
    }
    let problems = [
        (FieldId::UserCode, user_code.err()),
        (FieldId::AppKey, app_key.err()),
        (FieldId::BoxId, customer.err()),
        (FieldId::CustomerKey, customer_key.err()),
    ];
    Err(problems
        .into_iter()
        .filter_map(|(field, error)| Some((field, error?)))
        .collect())
}

fn required(value: &str) -> Result<&str, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        Err(FieldError::Required)
    } else {
        Ok(value)
    }
}

fn positive_integer(value: &str) -> Result<u64, FieldError> {
    match required(value)?.parse::<u64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(FieldError::NotPositive),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The letters of a suite are not sent: when they are not the box's own, that
    /// is said, never silently shown as another suite.
    #[test]
    fn a_suite_typed_with_other_letters_is_told() {
        assert_eq!(typed_suite(" co811111 ").as_deref(), Some("CO811111"));
        assert_eq!(typed_suite("811111"), None);
        assert_eq!(typed_suite("john@email.com"), None);
    }

    #[test]
    fn the_customer_field_takes_a_box_id_a_suite_or_an_e_mail() {
        assert_eq!(
            CustomerRef::parse("811111"),
            Ok(CustomerRef::BoxId(811_111))
        );
        assert_eq!(
            CustomerRef::parse(" MX811111 "),
            Ok(CustomerRef::BoxId(811_111))
        );
        assert_eq!(
            CustomerRef::parse(" JohnDoe@Email.com "),
            Ok(CustomerRef::Email("JohnDoe@Email.com".into()))
        );
        assert_eq!(CustomerRef::parse(""), Err(CustomerRefError::Empty));
        assert_eq!(CustomerRef::parse("MX"), Err(CustomerRefError::NotABoxId));
        assert_eq!(
            CustomerRef::parse("81a11"),
            Err(CustomerRefError::NotABoxId)
        );
        for bad in [
            "@email.com",
            "john@",
            "a@b@c",
            "john doe@email.com",
            "jo\x1bhn@email.com",
            "john\u{200b}doe@email.com",
            "john@email.com\u{202e}",
        ] {
            assert_eq!(
                CustomerRef::parse(bad),
                Err(CustomerRefError::BadEmail),
                "{bad}"
            );
        }
    }
}
