//! The rules the credentials must meet, apart from any widget: the form and
//! `skyview get` check them the same way.

use super::FieldId;
use crate::api::{Credentials, Secret};

/// A field that fails its rule, and the message to show on it.
pub type Problem = (FieldId, &'static str);

/// Checks each field's text (given by `value`); on failure, every bad field with its
/// message, in field order.
pub fn check<'a>(value: impl Fn(FieldId) -> &'a str) -> Result<Credentials, Vec<Problem>> {
    let user_code = positive_integer(value(FieldId::UserCode));
    let app_key = required(value(FieldId::AppKey));
    let box_id = positive_integer(value(FieldId::BoxId));
    let customer_key = required(value(FieldId::CustomerKey));
    if let (Ok(user_code), Ok(app_key), Ok(customer_box_id), Ok(customer_key)) =
        (&user_code, &app_key, &box_id, &customer_key)
    {
        return Ok(Credentials {
            user_code: *user_code,
            app_key: Secret::new(*app_key),
            customer_box_id: *customer_box_id,
            customer_key: Secret::new(*customer_key),
        });
    }
    let problems = [
        (FieldId::UserCode, user_code.err()),
        (FieldId::AppKey, app_key.err()),
        (FieldId::BoxId, box_id.err()),
        (FieldId::CustomerKey, customer_key.err()),
    ];
    Err(problems
        .into_iter()
        .filter_map(|(field, error)| Some((field, error?)))
        .collect())
}

fn required(value: &str) -> Result<&str, &'static str> {
    let value = value.trim();
    if value.is_empty() {
        Err("required")
    } else {
        Ok(value)
    }
}

fn positive_integer(value: &str) -> Result<u64, &'static str> {
    match required(value)?.parse::<u64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("must be a positive whole number"),
    }
}
