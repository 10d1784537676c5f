//! What every SkyPostal answer is made of: sanitized text, the `error` object, and
//! the lenient readings of flags, lists and numbers the calls share.
//!
//! Decoding is lenient where the contract is loose: unknown fields are ignored, a
//! missing field or a `null` takes its empty value, phone-like fields take a string or
//! a number, numbers may come as strings. Every string is sanitized on the way in, so
//! nothing from the wire can steer the terminal. A value of the wrong type (an object
//! where a number belongs) still fails, with the JSON path of the field.

use std::fmt;
use std::ops::Deref;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// A string from the wire, already sanitized. Accepts a JSON string, number or bool
/// (SkyPostal sends some phone numbers as numbers), and `null` as empty.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(String);

impl Text {
    /// Sanitizes `raw` into a `Text`.
    pub fn new(raw: &str) -> Self {
        Self(crate::text::sanitize(raw).into_owned())
    }

    /// Whether the text is empty or only white space.
    pub(crate) fn is_blank(&self) -> bool {
        self.non_empty().is_none()
    }

    /// The text, or `None` when it is empty or blank.
    pub fn non_empty(&self) -> Option<&str> {
        let trimmed = self.0.trim();
        (!trimmed.is_empty()).then_some(trimmed)
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::new(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text::default())
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// `null` reads as `false`, like a missing field. For the flags that say something is
/// wrong when false (`_verify`, `is_active`, `is_enable` of a customer), a missing or
/// `null` flag is unknown instead: those are `Option<bool>`, `None` for both, printed
/// as `null` by `skyview get --output json`.
pub(super) fn null_as_false<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(deserializer)?.unwrap_or(false))
}

/// `null` reads as an empty list, like a missing field.
pub(super) fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// The `error` object every customer, address and phone carries. Empty strings and
/// `system_error: false` mean "no error".
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct ErrorInfo {
    /// What went wrong, in SkyPostal's words.
    pub error_description: Text,
    /// Where SkyPostal says it went wrong.
    pub error_location: Text,
    /// A failure on SkyPostal's side rather than a business error (undocumented; by name).
    #[serde(deserialize_with = "null_as_false")]
    pub system_error: bool,
    /// Sent by some other SkyPostal APIs.
    #[serde(skip_serializing_if = "Text::is_blank")]
    pub error_code: Text,
}

impl ErrorInfo {
    /// Whether this object reports anything at all.
    pub fn is_error(&self) -> bool {
        self.system_error
            || self.error_description.non_empty().is_some()
            || self.error_location.non_empty().is_some()
            || self.error_code.non_empty().is_some()
    }
}

/// A number SkyPostal may send as a JSON number or as a numeric string; `null`, an
/// empty or a non-numeric string read as absent rather than failing the whole answer.
pub(super) fn lenient_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<f64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Wire {
        Number(f64),
        Text(String),
    }
    let number = match Option::<Wire>::deserialize(deserializer)? {
        Some(Wire::Number(n)) => Some(n),
        Some(Wire::Text(text)) => text.trim().parse().ok(),
        None => None,
    };
    Ok(number.filter(|n: &f64| n.is_finite()))
}

/// A 0/1 flag: a number, a bool or a numeric string; `null` is `false`.
pub(super) fn lenient_flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Wire {
        Bool(bool),
        Number(f64),
        Text(String),
    }
    Ok(match Option::<Wire>::deserialize(deserializer)? {
        Some(Wire::Bool(b)) => b,
        Some(Wire::Number(n)) => n != 0.0,
        Some(Wire::Text(text)) => text.trim().parse::<f64>().is_ok_and(|n| n != 0.0),
        None => false,
    })
}

/// First and last name; empty when SkyPostal sent neither (the view then says so,
/// see [`crate::i18n::name`]).
pub(super) fn full_name(first: &Text, last: &Text) -> String {
    [first, last]
        .iter()
        .filter_map(|part| part.non_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
