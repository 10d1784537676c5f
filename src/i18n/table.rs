//! The catalog's texts as build.rs lays them out: each language's texts end to end in
//! one string, and where each ends. A message of [`super::msg`] is its number in that
//! table and one call here, the same for every message and every language: each
//! language adds its words to the binary, and no code.

use std::fmt::{Display, Write as _};

use super::Lang;

// The texts, and `ARG`, what marks a placeholder in them.
include!(concat!(env!("OUT_DIR"), "/texts.rs"));

/// The text of entry `id` in `lang`: a message, or one plural form of it.
// Never inlined: folded into each message, it would become a table of three pointers
// per message, each with a relocation (32 bytes a language), which outweighs the text.
#[inline(never)]
pub(crate) fn text(lang: Lang, id: usize) -> &'static str {
    let (all, ends) = texts(lang);
    let start = match id.checked_sub(1) {
        Some(previous) => ends.get(previous).map_or(0, |&end| end as usize),
        None => 0,
    };
    let end = ends.get(id).map_or(start, |&end| end as usize);
    all.get(start..end).unwrap_or_default()
}

/// `text` with each placeholder replaced by its value.
pub(crate) fn fill(text: &str, values: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut pieces = text.split(ARG);
    out.push_str(pieces.next().unwrap_or_default());
    for piece in pieces {
        let mut chars = piece.chars();
        let slot = chars.next().and_then(|digit| digit.to_digit(10));
        if let Some(value) = slot.and_then(|slot| values.get(slot as usize)) {
            let _ = write!(out, "{value}");
        }
        out.push_str(chars.as_str());
    }
    out
}

/// A value a text shows as Rust quotes it (`{value:?}`: `"fr"`).
pub(crate) struct Debugged<'a, T: std::fmt::Debug + ?Sized>(pub(crate) &'a T);

impl<T: std::fmt::Debug + ?Sized> Display for Debugged<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::msg;

    /// Each language's own text, its values in the places that language puts them.
    #[test]
    fn a_text_is_its_language_s_with_its_values_in_place() {
        assert_eq!(
            msg::api::timeout(Lang::Es, 2.5, "example.com"),
            "se agotó el tiempo tras 2.5 s esperando a example.com; revise la red e intente de nuevo"
        );
        assert_eq!(
            msg::api::refused(Lang::Pt, "example.com"),
            "example.com recusou a conexão: o endereço está certo e o serviço está no ar?"
        );
        assert_eq!(msg::cause::not_utf8(Lang::En), "not UTF-8 text");
    }

    /// `{value:?}` quotes the value as Rust does: what was typed, exactly.
    #[test]
    fn a_quoted_placeholder_quotes() {
        let said = msg::language::unknown_flag(Lang::En, "f\"r");
        assert!(said.contains(r#""f\"r""#), "{said}");
    }

    /// The table's edges: an entry past the end is empty, a text without a value for
    /// its placeholder leaves the place empty; nothing panics.
    #[test]
    fn a_wrong_entry_or_value_is_empty_not_a_panic() {
        assert_eq!(text(Lang::En, usize::MAX), "");
        assert_eq!(fill("a\u{1}0b\u{1}9c", &[&1]), "a1bc");
        assert_eq!(fill("no places", &[]), "no places");
    }
}
