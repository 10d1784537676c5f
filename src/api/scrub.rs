//! Keeping credentials out of what a server sends back.
//!
//! A server (or a proxy) may quote the request in its answer, and JSON lets it spell a
//! key many ways: as sent, `\/` for each slash, `\u002B` for `+`, every character as
//! `\uXXXX`. So the check runs on the *decoded* text: each JSON string literal (and,
//! for a body that is not JSON, each stretch between quotes) is unescaped first, and
//! any one that holds a secret, or a long part of one, is replaced whole by
//! [`REDACTED`]. Everything made of the body later (customers, error messages, the
//! Raw tab, `get --output raw`) starts from the scrubbed bytes, so it cannot show the
//! secret in any spelling.

use std::collections::HashSet;

use super::Secret;

/// What stands in for a string that held a secret.
pub const REDACTED: &str = "<redacted>";

/// A run of this many characters of a secret counts as quoting it (a shorter secret
/// counts whole): long enough never to match by chance in a name or an address.
const LONG_PART: usize = 8;

/// How many rounds of unescaping are tried: JSON quoted inside a JSON string
/// escapes its escapes (`\\u002B`).
const UNESCAPE_ROUNDS: usize = 3;

/// Finds and removes the secrets it was built from. Built from a list of
/// [`Secret`]s, so that any key the app comes to hold can be registered the same way.
#[derive(Clone, Default)]
pub struct Scrubber {
    /// Per window length, every window of every secret, ASCII-lowercased.
    windows: Vec<(usize, HashSet<Vec<u8>>)>,
    /// The bytes that occur in any secret: a window can match only inside a run of them.
    member: Vec<bool>,
}

impl std::fmt::Debug for Scrubber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scrubber(<redacted>)")
    }
}

impl Scrubber {
    /// A scrubber for `secrets`; empty ones are ignored.
    pub fn new<'a>(secrets: impl IntoIterator<Item = &'a Secret>) -> Self {
        let mut scrubber = Self {
            windows: Vec::new(),
            member: vec![false; 256],
        };
        for secret in secrets {
            scrubber.register(secret);
        }
        scrubber
    }

    /// Adds one more secret to look for.
    pub fn register(&mut self, secret: &Secret) {
        let bytes = secret.expose().as_bytes().to_ascii_lowercase();
        if bytes.is_empty() {
            return;
        }
        let width = bytes.len().min(LONG_PART);
        for &b in &bytes {
            if let Some(slot) = self.member.get_mut(usize::from(b)) {
                *slot = true;
            }
        }
        let index = match self.windows.iter().position(|(w, _)| *w == width) {
            Some(index) => index,
            None => {
                self.windows.push((width, HashSet::new()));
                self.windows.len() - 1
            }
        };
        if let Some((_, set)) = self.windows.get_mut(index) {
            set.extend(bytes.windows(width).map(<[u8]>::to_vec));
        }
    }

    /// Whether `text` (already decoded) holds a secret or a long part of one, in any
    /// letter case.
    pub fn reveals(&self, text: &str) -> bool {
        self.reveals_bytes(text.as_bytes())
    }

    fn reveals_bytes(&self, text: &[u8]) -> bool {
        if self.windows.is_empty() {
            return false;
        }
        let is_member = |b: &u8| {
            self.member
                .get(usize::from(b.to_ascii_lowercase()))
                .copied()
                .unwrap_or(false)
        };
        let mut rest = text;
        while !rest.is_empty() {
            let start = rest.iter().position(is_member).unwrap_or(rest.len());
            let after = rest.get(start..).unwrap_or_default();
            let len = after
                .iter()
                .position(|b| !is_member(b))
                .unwrap_or(after.len());
            let run = after.get(..len).unwrap_or_default();
            if self.run_matches(run) {
                return true;
            }
            rest = after.get(len..).unwrap_or_default();
        }
        false
    }

    fn run_matches(&self, run: &[u8]) -> bool {
        self.windows.iter().any(|(width, set)| {
            run.len() >= *width
                && run
                    .windows(*width)
                    .any(|w| set.contains(&w.to_ascii_lowercase()))
        })
    }

    /// Whether `raw`, a stretch of a body still JSON-escaped, reveals a secret once
    /// decoded (in every round of unescaping).
    fn reveals_escaped(&self, raw: &[u8]) -> bool {
        if self.reveals_bytes(raw) {
            return true;
        }
        if !raw.contains(&b'\\') {
            return false;
        }
        let mut text = String::from_utf8_lossy(raw).into_owned();
        for _ in 0..UNESCAPE_ROUNDS {
            if !text.contains('\\') {
                break;
            }
            text = unescape(&text);
            if self.reveals(&text) {
                return true;
            }
        }
        false
    }

    /// `body` with every string literal that reveals a secret replaced by
    /// `"<redacted>"`, and, outside literals (a body that is not JSON), every stretch
    /// that does by `<redacted>`. JSON stays JSON, and keeps its layout.
    pub fn scrub_body(&self, body: Vec<u8>) -> Vec<u8> {
        if self.windows.is_empty() {
            return body;
        }
        let mut out = Vec::with_capacity(body.len());
        let mut rest = body.as_slice();
        while !rest.is_empty() {
            let quote = rest.iter().position(|&b| b == b'"').unwrap_or(rest.len());
            let (outside, from_quote) = rest.split_at(quote);
            self.push_scrubbed(&mut out, outside, REDACTED.as_bytes());
            if from_quote.is_empty() {
                break;
            }
            let end = literal_end(from_quote);
            let (literal, after) = from_quote.split_at(end);
            self.push_scrubbed(&mut out, literal, b"\"<redacted>\"");
            rest = after;
        }
        out
    }

    fn push_scrubbed(&self, out: &mut Vec<u8>, stretch: &[u8], stand_in: &[u8]) {
        if self.reveals_escaped(stretch) {
            out.extend_from_slice(stand_in);
        } else {
            out.extend_from_slice(stretch);
        }
    }
}

/// The length of the string literal at the start of `text` (which starts with `"`),
/// closing quote included; all of `text` when it is never closed.
fn literal_end(text: &[u8]) -> usize {
    let mut i = 1;
    while let Some(&b) = text.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    text.len()
}

/// Decodes JSON string escapes; anything malformed (a lone surrogate, a bad `\u`)
/// decodes to U+FFFD or stays as written, never fails.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('u') => {
                let Some(unit) = hex4(&mut chars) else {
                    out.push_str("\\u");
                    continue;
                };
                let decoded = if (0xd800..0xdc00).contains(&unit) {
                    low_surrogate(&mut chars).and_then(|low| {
                        char::from_u32(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00))
                    })
                } else {
                    char::from_u32(unit)
                };
                out.push(decoded.unwrap_or('\u{fffd}'));
            }
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Four hex digits, consumed only when all four are there.
fn hex4(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<u32> {
    let mut ahead = chars.clone();
    let mut unit = 0;
    for _ in 0..4 {
        unit = unit * 16 + ahead.next()?.to_digit(16)?;
    }
    *chars = ahead;
    Some(unit)
}

/// The `\uDCxx` that completes a surrogate pair, consumed only when it is one.
fn low_surrogate(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<u32> {
    let mut ahead = chars.clone();
    if ahead.next()? != '\\' || ahead.next()? != 'u' {
        return None;
    }
    let unit = hex4(&mut ahead)?;
    if !(0xdc00..0xe000).contains(&unit) {
        return None;
    }
    *chars = ahead;
    Some(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "YpbCNpzqxYqVWv+tzg4e4Ex6ALiT+DfKSYA3NY2dZcw=";

    fn scrubber() -> Scrubber {
        Scrubber::new([
            &Secret::new(KEY),
            &Secret::new("1656d700707ad9a77f737e5df3db088a"),
        ])
    }

    fn every_char_escaped(text: &str) -> String {
        text.chars()
            .map(|c| format!("\\u{:04X}", c as u32))
            .collect()
    }

    #[test]
    fn every_spelling_of_a_key_is_found_once_decoded() {
        let scrubber = scrubber();
        let dotnet = KEY.replace('+', "\\u002B").replace('=', "\\u003D");
        for spelling in [
            KEY.to_string(),
            dotnet,
            every_char_escaped(KEY),
            KEY.to_lowercase(),
            KEY.replace('/', "\\/"),
            every_char_escaped(KEY).replace('\\', "\\\\"),
        ] {
            let body = format!(r#"[{{"error":{{"error_description":"bad key {spelling}"}}}}]"#);
            let scrubbed = String::from_utf8(scrubber.scrub_body(body.into_bytes())).unwrap();
            assert_eq!(
                scrubbed, r#"[{"error":{"error_description":"<redacted>"}}]"#,
                "{spelling}"
            );
        }
    }

    #[test]
    fn a_long_part_of_a_key_counts_and_a_short_one_does_not() {
        let scrubber = scrubber();
        assert!(scrubber.reveals("key starts YpbCNpzq…"));
        assert!(scrubber.reveals("tail 3db088a plus f737e5df"));
        assert!(!scrubber.reveals("John Doe, Calle 5, 1656"));
    }

    #[test]
    fn text_outside_string_literals_is_scrubbed_too() {
        let body = "<p>app_key=1656d700\\u0037 and more</p>\n<p>fine</p> \"x\"".to_string();
        let scrubbed = String::from_utf8(scrubber().scrub_body(body.into_bytes())).unwrap();
        assert_eq!(scrubbed, "<redacted>\"x\"");
    }

    #[test]
    fn a_clean_body_is_kept_byte_for_byte() {
        let body = br#"[{"customer_first_name":"Jos\u00e9","n":"a\"b\\"}]"#.to_vec();
        assert_eq!(scrubber().scrub_body(body.clone()), body);
    }

    #[test]
    fn malformed_escapes_never_fail() {
        assert_eq!(unescape(r"\ud800x\u12"), "\u{fffd}x\\u12");
        assert_eq!(unescape(r"\ud83d\ude00"), "😀");
    }
}
