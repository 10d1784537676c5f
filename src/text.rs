//! Making untrusted text safe to put in a terminal cell.
//!
//! Anything SkyPostal (or a proxy in between) sends can hold control characters,
//! ANSI/OSC escape sequences or bidi overrides. None of them may reach the terminal,
//! so every string from the network passes through [`sanitize`] first.

use std::borrow::Cow;

/// Replaces every character that could steer the terminal with a visible stand-in:
/// C0 controls become their Unicode "control picture" (ESC shows as `␛`), DEL and C1
/// controls become `␡`/`�`, and every [`is_invisible`] character becomes `�`: each
/// character that reaches the terminal has a width ratatui and the terminal agree on.
/// Printable text, including CJK, emoji and combining marks, is kept.
pub fn sanitize(input: &str) -> Cow<'_, str> {
    if !input.chars().any(needs_replacing) {
        return Cow::Borrowed(input);
    }
    Cow::Owned(input.chars().map(replacement).collect())
}

fn needs_replacing(c: char) -> bool {
    c.is_control() || is_invisible(c)
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

/// Characters with no width of their own on which ratatui and terminals disagree
/// (one counts zero columns, the other one, or a line break): format characters
/// (bidi controls, zero-width space and joiners, word joiner, BOM, tags…), line and
/// paragraph separators, and the Hangul fillers. Drawn as they are, they shift the
/// rest of the line and leave stale cells behind, so none reaches the terminal; and
/// a key pasted with one inside would not be the key.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// `text` cut to at most `columns` terminal columns, ending in `…` when cut.
pub fn fit_width(text: &str, columns: usize) -> Cow<'_, str> {
    if unicode_width::UnicodeWidthStr::width(text) <= columns {
        return Cow::Borrowed(text);
    }
    match columns.checked_sub(1) {
        // One column stays for the ellipsis.
        Some(room) => Cow::Owned(format!("{}…", take_columns(text, room))),
        None => Cow::Borrowed(""),
    }
}

/// `text` padded with spaces to `columns` terminal columns (a wide character takes
/// two); text already as wide or wider is left as it is.
pub fn pad(text: &str, columns: usize) -> String {
    let width = unicode_width::UnicodeWidthStr::width(text);
    let mut padded = String::with_capacity(text.len() + columns.saturating_sub(width));
    padded.push_str(text);
    padded.extend(std::iter::repeat_n(' ', columns.saturating_sub(width)));
    padded
}

/// The start of `text` that fits in `columns` terminal columns, cut without a mark.
pub fn take_columns(text: &str, columns: usize) -> &str {
    use unicode_width::UnicodeWidthChar;
    let mut used = 0;
    for (index, c) in text.char_indices() {
        used += c.width().unwrap_or(0);
        if used > columns {
            return text.get(..index).unwrap_or(text);
        }
    }
    text
}

/// `"••••1111"`: the last four characters of an identity or tax number, the rest
/// hidden behind four bullets whatever its length; a value of four characters or
/// fewer is hidden whole.
pub fn mask(value: &str) -> String {
    let value = value.trim();
    let count = value.chars().count();
    if count <= 4 {
        return "••••".into();
    }
    let last: String = value.chars().skip(count - 4).collect();
    format!("••••{last}")
}

/// `text` as the `/` filter compares it: lower case, with the accents of Latin letters
/// dropped (`Ñúñez` reads `nunez`, `São` reads `sao`), so an agent typing on any
/// keyboard finds the name the caller spells. Letters precomposed or followed by
/// combining marks fold alike; nothing is added or reordered otherwise.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !is_combining_accent(*c))
        .map(base_letter)
        .collect()
}

/// The combining diacritical marks (U+0300..U+036F): what a decomposed `é` adds to `e`.
fn is_combining_accent(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The unaccented letter of a lower-case accented Latin letter (Latin-1 and
/// Latin Extended-A, which cover Spanish, Portuguese and their neighbours).
fn base_letter(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' | 'ŧ' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_untouched() {
        assert!(matches!(
            sanitize("Calvillo 中村 José 🚀"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escape_sequences_become_visible_and_inert() {
        let hostile = "Doe\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\r\n";
        let clean = sanitize(hostile);
        assert!(!clean.chars().any(|c| c.is_control()));
        assert_eq!(clean, "Doe␛]52;c;ZXZpbA==␇␛[2J␍␊");
    }

    /// ratatui and the terminal must agree on every cell's width, or stale cells stay.
    #[test]
    fn separators_and_zero_width_characters_become_visible() {
        let clean = sanitize("a\u{2028}b\u{2029}c\u{200d}d\u{2060}e\u{fe0f}");
        assert_eq!(clean, "a�b�c�d�e�");
    }

    #[test]
    fn padding_and_cutting_count_columns() {
        assert_eq!(pad("abc", 5), "abc  ");
        assert_eq!(pad("中村", 5), "中村 ");
        assert_eq!(pad("abcdef", 3), "abcdef");
        assert_eq!(take_columns("中村花子", 5), "中村");
        assert_eq!(take_columns("John Doe", 4), "John");
        assert_eq!(take_columns("abc", 9), "abc");
    }

    #[test]
    fn fit_width_counts_columns_and_marks_the_cut() {
        assert_eq!(fit_width("John Doe", 8), "John Doe");
        assert_eq!(fit_width("John Doe", 5), "John…");
        assert_eq!(fit_width("中村花子", 5), "中村…");
        assert_eq!(fit_width("abc", 0), "");
        // A combining mark stays with its letter.
        assert_eq!(fit_width("Jose\u{301} Doe", 5), "Jose\u{301}…");
    }

    #[test]
    fn bidi_overrides_and_c1_controls_are_replaced() {
        assert_eq!(sanitize("a\u{202e}b\u{9b}c\u{2066}d"), "a�b�c�d");
    }

    #[test]
    fn masks_keep_the_last_four() {
        assert_eq!(mask("11111111"), "••••1111");
        assert_eq!(mask(" 123456789 "), "••••6789");
        assert_eq!(mask("1234"), "••••");
        assert_eq!(mask("中村一二三四五"), "••••二三四五");
    }

    #[test]
    fn fold_drops_case_and_accents() {
        assert_eq!(fold("García"), "garcia");
        assert_eq!(fold("Ñúñez"), "nunez");
        assert_eq!(fold("SÃO PAULO, Conceição"), "sao paulo, conceicao");
        // Decomposed: `e` followed by a combining acute accent.
        assert_eq!(fold("Jose\u{301}"), "jose");
        assert_eq!(fold("中村 MX811111"), "中村 mx811111");
    }
}
