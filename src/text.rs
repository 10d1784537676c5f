//! Making untrusted text safe to put in a terminal cell.
//!
//! Anything SkyPostal (or a proxy in between) sends can hold control characters,
//! ANSI/OSC escape sequences or bidi overrides. None of them may reach the terminal,
//! so every string from the network passes through [`sanitize`] first.

use std::borrow::Cow;

/// Replaces every character that could steer the terminal with a visible stand-in:
/// C0 controls become their Unicode "control picture" (ESC shows as `␛`), DEL and C1
/// controls become `␡`/`�`, and bidi overrides and other invisible format characters
/// become `�`. Printable text, including CJK, emoji and combining marks, is kept.
pub fn sanitize(input: &str) -> Cow<'_, str> {
    if !input.chars().any(needs_replacing) {
        return Cow::Borrowed(input);
    }
    Cow::Owned(input.chars().map(replacement).collect())
}

fn needs_replacing(c: char) -> bool {
    c.is_control() || is_invisible_format(c)
}

fn replacement(c: char) -> char {
    match c {
        // U+2400..U+241F picture the C0 controls one to one.
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        c if needs_replacing(c) => '\u{fffd}',
        c => c,
    }
}

/// Bidi embeddings, overrides and isolates, and zero-width marks that reorder or hide
/// text; the zero-width joiner stays, since emoji sequences need it.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
            | '\u{206a}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_untouched() {
        assert!(matches!(sanitize("Calvillo 中村 👩‍💻"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_become_visible_and_inert() {
        let hostile = "Doe\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\r\n";
        let clean = sanitize(hostile);
        assert!(!clean.chars().any(|c| c.is_control()));
        assert_eq!(clean, "Doe␛]52;c;ZXZpbA==␇␛[2J␍␊");
    }

    #[test]
    fn bidi_overrides_and_c1_controls_are_replaced() {
        assert_eq!(sanitize("a\u{202e}b\u{9b}c\u{2066}d"), "a�b�c�d");
    }
}
