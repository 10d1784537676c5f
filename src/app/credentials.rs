//! The rules the credentials must meet, apart from any widget: the form and
//! `skyview get` check them the same way.

use super::{FieldError, FieldId};
use crate::api::{Credentials, CustomerRef, CustomerRefError, Secret};

/// A field that fails its rule, and why.
pub type Problem = (FieldId, FieldError);

/// What a valid form asks for: a customer by box id (or suite) and key, or the
/// customer who owns an e-mail, found with the partner credentials alone.
#[derive(Debug, PartialEq, Eq)]
pub enum Query {
    /// `customer-get-info` with these credentials.
    Customer(Credentials),
    /// The partner call first, then the customer it finds.
    Email {
        /// Partner user code.
        user_code: u64,
        /// Partner app key.
        app_key: Secret,
        /// The e-mail, trimmed, as typed otherwise.
        email: String,
    },
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
            return Ok(Query::Email {
                user_code: *user_code,
                app_key: Secret::new(*app_key),
                email: email.clone(),
            });
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
