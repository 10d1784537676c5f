//! A string that must never be shown, logged or formatted by accident.

use std::fmt;

use zeroize::Zeroize;

/// A credential (`app_key`, `customer_key`). `Debug` and `Display` print a fixed
/// placeholder, so a secret cannot leak through `{:?}`, a panic message or a log line;
/// `Secret::expose` is the one deliberate way to read it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The credential itself, for the request body and nothing else.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl Drop for Secret {
    // Best effort: overwrite the bytes so a wiped session does not leave the key
    // lying in freed memory. (Copies made by the allocator on growth are out of reach.)
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let secret = Secret::new("1656d700707ad9a77f737e5df3db088a");
        assert!(!format!("{secret:?}").contains("1656"));
        assert!(!format!("{secret}").contains("1656"));
        assert_eq!(secret.expose(), "1656d700707ad9a77f737e5df3db088a");
    }
}
