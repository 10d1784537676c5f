//! Keeping credentials out of what a server sends back.
//!
//! A server (or a proxy) may quote the request in its answer, and spell a key many
//! ways: as sent, JSON-escaped (`\/` for each slash, `\u002B` for `+`, every
//! character as `\uXXXX`), percent-encoded, in base64url, without its `=` padding,
//! or cut up by markup (`<wbr>`) or whitespace. The scrubber looks for the secret
//! itself in each of those spellings, and replaces that stretch, and only it, by
//! [`REDACTED`]: the rest of a sentence, and the JSON's structure (its field names,
//! quotes and brackets), stay as sent. A secret shorter than [`MIN_SECRET_CHARS`] is
//! never a pattern: it would match ordinary text (a key `1` would hide every `1`).
//! Everything made of the body later (customers, error messages, the Raw tab,
//! `get --output raw`) starts from the scrubbed bytes; text the client makes out of
//! a body (an error page's line) is scrubbed again once made.

use std::borrow::Cow;
use std::ops::Range;

use super::Secret;

/// What stands in for a secret.
pub const REDACTED: &str = "<redacted>";

/// The shortest secret looked for: shorter ones are still sent as typed, but would
/// match names, numbers and field names by chance.
pub(super) const MIN_SECRET_CHARS: usize = 16;

/// In a partner answer that names no key, a run of this many base64 or base64url
/// characters is taken for one (SkyPostal's keys are 44).
const KEYLIKE_RUN: usize = 40;

/// How many rounds of unescaping are tried: JSON quoted inside a JSON string
/// escapes its escapes (`\\u002B`).
const UNESCAPE_ROUNDS: usize = 3;

/// The longest markup tag skipped inside a secret (`<wbr>`, `<span class="x">`).
const MAX_TAG_BYTES: usize = 256;

/// Finds and removes the secrets it was built from. Built from a list of
/// [`Secret`]s, so that any key the app comes to hold can be registered the same way.
#[derive(Clone, Default)]
pub struct Scrubber {
    /// Every spelling of every secret, ASCII-lowercased, without its padding.
    patterns: Vec<Vec<u8>>,
    /// Also take any long base64 run inside a string for a key.
    keylike_runs: bool,
}

impl std::fmt::Debug for Scrubber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scrubber(<redacted>)")
    }
}

impl Scrubber {
    /// A scrubber for `secrets`; empty and short ones are ignored.
    pub fn new<'a>(secrets: impl IntoIterator<Item = &'a Secret>) -> Self {
        let mut scrubber = Self::default();
        for secret in secrets {
            scrubber.register(secret);
        }
        scrubber
    }

    /// The same scrubber, also taking any run of [`KEYLIKE_RUN`] or more base64 or
    /// base64url characters inside a string for a key: for a partner answer that
    /// sent no key of its own but may name one in its text.
    #[must_use]
    pub fn with_keylike_runs(mut self) -> Self {
        self.keylike_runs = true;
        self
    }

    /// Whether it looks for nothing at all.
    fn is_empty(&self) -> bool {
        self.patterns.is_empty() && !self.keylike_runs
    }

    /// Adds one more secret to look for, in each of its spellings.
    fn register(&mut self, secret: &Secret) {
        let plain: String = secret
            .expose()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if plain.chars().count() < MIN_SECRET_CHARS {
            return;
        }
        // Padding may be dropped (base64url never has it); a match is widened over
        // whatever padding follows it.
        let core = plain.trim_end_matches('=');
        let base64url = core.replace('+', "-").replace('/', "_");
        for spelling in [core.to_string(), percent_encoded(core), base64url] {
            let spelling = spelling.into_bytes().to_ascii_lowercase();
            if spelling.len() >= MIN_SECRET_CHARS && !self.patterns.contains(&spelling) {
                self.patterns.push(spelling);
            }
        }
    }

    /// Whether `text` holds a secret, in any of its spellings.
    pub fn reveals(&self, text: &str) -> bool {
        !self.find(text.as_bytes(), false).is_empty()
    }

    /// `text` with every secret in it replaced by [`REDACTED`]: for text made out of
    /// a body (an error page's line), once made.
    pub fn scrub_text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        match self.redacted(text.as_bytes(), false) {
            Some(bytes) => Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()),
            None => Cow::Borrowed(text),
        }
    }

    /// `body` with every secret replaced by `<redacted>`, inside string literals
    /// (decoded first, so that every JSON spelling is found) and outside them (a body
    /// that is not JSON). JSON stays JSON, and keeps its layout.
    pub fn scrub_body(&self, body: Vec<u8>) -> Vec<u8> {
        if self.is_empty() {
            return body;
        }
        let mut out = Vec::with_capacity(body.len());
        let mut rest = body.as_slice();
        while !rest.is_empty() {
            let quote = rest.iter().position(|&b| b == b'"').unwrap_or(rest.len());
            let (outside, from_quote) = rest.split_at(quote);
            out.extend_from_slice(&self.scrub_stretch(outside, false));
            if from_quote.is_empty() {
                break;
            }
            let end = literal_end(from_quote);
            let (literal, after) = from_quote.split_at(end);
            out.extend_from_slice(&self.scrub_stretch(literal, true));
            rest = after;
        }
        out
    }

    /// One stretch of a body, a string literal (quotes included) or what lies
    /// between two: the secrets as written are replaced where they stand; one found
    /// only once the escapes are decoded takes the stretch decoded, with it replaced
    /// (a literal is encoded again, so it stays one).
    fn scrub_stretch<'s>(&self, raw: &'s [u8], literal: bool) -> Cow<'s, [u8]> {
        let stretch = match self.redacted(raw, literal) {
            Some(bytes) => Cow::Owned(bytes),
            None => Cow::Borrowed(raw),
        };
        if !stretch.contains(&b'\\') {
            return stretch;
        }
        let inner = if literal {
            let len = stretch.len();
            let closed = len >= 2 && stretch.last() == Some(&b'"');
            stretch
                .get(1..if closed { len - 1 } else { len })
                .unwrap_or_default()
        } else {
            &stretch
        };
        let mut text = String::from_utf8_lossy(inner).into_owned();
        for _ in 0..UNESCAPE_ROUNDS {
            if !text.contains('\\') {
                break;
            }
            text = unescape(&text);
            if let Some(bytes) = self.redacted(text.as_bytes(), literal) {
                let decoded = String::from_utf8_lossy(&bytes).into_owned();
                return Cow::Owned(if literal {
                    serde_json::to_string(&decoded)
                        .unwrap_or_else(|_| format!("\"{REDACTED}\""))
                        .into_bytes()
                } else {
                    decoded.into_bytes()
                });
            }
        }
        stretch
    }

    /// `text` with each secret found replaced, or `None` when there is none.
    fn redacted(&self, text: &[u8], in_string: bool) -> Option<Vec<u8>> {
        let found = self.find(text, in_string);
        if found.is_empty() {
            return None;
        }
        let mut out = Vec::with_capacity(text.len());
        let mut at = 0;
        for range in found {
            out.extend_from_slice(text.get(at..range.start).unwrap_or_default());
            out.extend_from_slice(REDACTED.as_bytes());
            at = range.end;
        }
        out.extend_from_slice(text.get(at..).unwrap_or_default());
        Some(out)
    }

    /// Where secrets stand in `text`, in order, none overlapping; key-like runs
    /// count only `in_string`, never in the JSON's structure.
    fn find(&self, text: &[u8], in_string: bool) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        if !self.patterns.is_empty() {
            let mut at = 0;
            while let Some(&byte) = text.get(at) {
                let byte = byte.to_ascii_lowercase();
                let matched = self
                    .patterns
                    .iter()
                    .filter(|p| p.first() == Some(&byte))
                    .find_map(|p| match_at(text, at, p));
                match matched {
                    Some(end) => {
                        let end = past_padding(text, end);
                        found.push(at..end);
                        at = end;
                    }
                    None => at += 1,
                }
            }
        }
        if self.keylike_runs && in_string {
            found = merged(found, keylike_runs(text));
        }
        found
    }
}

/// The end of `pattern` spelled in `text` from `start` (already known to match its
/// first byte), skipping whitespace and markup tags between its characters; `None`
/// when it is not there.
fn match_at(text: &[u8], start: usize, pattern: &[u8]) -> Option<usize> {
    let mut at = start;
    let mut matched = 0;
    while let Some(&want) = pattern.get(matched) {
        let &byte = text.get(at)?;
        if byte.to_ascii_lowercase() == want {
            matched += 1;
            at += 1;
        } else if matched > 0 && byte.is_ascii_whitespace() {
            at += 1;
        } else if matched > 0 && byte == b'<' {
            at += tag_len(text.get(at..)?)?;
        } else {
            return None;
        }
    }
    Some(at)
}

/// The length of the markup tag at the start of `text` (`<wbr>`, `</span>`), if one
/// starts there.
fn tag_len(text: &[u8]) -> Option<usize> {
    let name_at = if text.get(1) == Some(&b'/') { 2 } else { 1 };
    if !text.get(name_at)?.is_ascii_alphabetic() {
        return None;
    }
    let close = text
        .iter()
        .take(MAX_TAG_BYTES)
        .skip(1)
        .position(|&b| b == b'>' || b == b'<')?;
    (text.get(close + 1) == Some(&b'>')).then_some(close + 2)
}

/// `end` moved past the `=` padding (or its percent-encoding, `%3D`) that follows.
fn past_padding(text: &[u8], mut end: usize) -> usize {
    loop {
        match text.get(end..) {
            Some([b'=', ..]) => end += 1,
            Some([b'%', b'3', b'd' | b'D', ..]) => end += 3,
            _ => return end,
        }
    }
}

/// Where runs of [`KEYLIKE_RUN`] or more base64 or base64url characters stand.
fn keylike_runs(text: &[u8]) -> Vec<Range<usize>> {
    let is_base64 = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_');
    let mut runs = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let rest = text.get(at..).unwrap_or_default();
        let len = rest.iter().take_while(|b| is_base64(b)).count();
        if len >= KEYLIKE_RUN {
            runs.push(at..past_padding(text, at + len));
        }
        at += len.max(1);
    }
    runs
}

/// Two sorted lists of ranges as one, overlapping ones joined.
fn merged(a: Vec<Range<usize>>, b: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut all: Vec<Range<usize>> = a.into_iter().chain(b).collect();
    all.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(all.len());
    for range in all {
        match out.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

/// `text` as a URL or a form would carry it: every byte but the unreserved ones
/// (`A-Z a-z 0-9 - . _ ~`) as `%XX`.
fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
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
    const APP_KEY: &str = "1656d700707ad9a77f737e5df3db088a";

    fn scrubber() -> Scrubber {
        Scrubber::new([&Secret::new(KEY), &Secret::new(APP_KEY)])
    }

    fn scrubbed(scrubber: &Scrubber, body: &str) -> String {
        String::from_utf8(scrubber.scrub_body(body.as_bytes().to_vec())).unwrap()
    }

    fn every_char_escaped(text: &str) -> String {
        text.chars()
            .map(|c| format!("\\u{:04X}", c as u32))
            .collect()
    }

    /// Every `n` characters of `text`, `separator`.
    fn split_every(text: &str, n: usize, separator: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        chars
            .chunks(n)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(separator)
    }

    #[test]
    fn every_spelling_of_a_key_is_found_and_only_it_goes() {
        let scrubber = scrubber();
        let dotnet = KEY.replace('+', "\\u002B").replace('=', "\\u003D");
        for spelling in [
            KEY.to_string(),
            dotnet,
            every_char_escaped(KEY),
            KEY.to_lowercase(),
            KEY.replace('/', "\\/"),
            every_char_escaped(KEY).replace('\\', "\\\\"),
            percent_encoded(KEY),
            KEY.replace('+', "-").replace('/', "_").replace('=', ""),
            split_every(KEY, 7, "<wbr>"),
            split_every(KEY, 11, " \n "),
            split_every(KEY, 5, "</span><span class=\"k\">").replace('"', "\\\""),
        ] {
            let body =
                format!(r#"[{{"error":{{"error_description":"bad key {spelling} here"}}}}]"#);
            assert_eq!(
                scrubbed(&scrubber, &body),
                r#"[{"error":{"error_description":"bad key <redacted> here"}}]"#,
                "{spelling}"
            );
        }
    }

    #[test]
    fn a_key_split_by_markup_outside_strings_goes() {
        let page = format!("<p>key {} rejected</p>", split_every(KEY, 7, "<wbr>"));
        assert_eq!(
            scrubbed(&scrubber(), &page),
            "<p>key <redacted> rejected</p>"
        );
        assert!(scrubber().reveals(&split_every(KEY, 3, " ")));
    }

    #[test]
    fn parts_of_a_key_field_names_and_short_keys_are_left_alone() {
        let key = "TwoCustomersKey0123456789abcdefABCDEF+/xyz=";
        let scrubber = Scrubber::new([&Secret::new(key)]);
        let body =
            r#"[{"customer_key":"","customer_first_name":"Customers","n":"TwoCustomersKey"}]"#;
        assert_eq!(scrubbed(&scrubber, body), body);

        for short in ["x", "1", "fifteen-chars!!"] {
            let scrubber = Scrubber::new([&Secret::new(short)]);
            let body =
                r#"[{"cust_id":1,"suite":"x700002","d":"Invalid customer key fifteen-chars!!"}]"#;
            assert_eq!(scrubbed(&scrubber, body), body, "{short}");
            assert!(!scrubber.reveals(short));
        }
    }

    #[test]
    fn long_base64_runs_are_keys_only_when_asked_and_only_in_strings() {
        let body =
            format!(r#"[{{"customer_key":"","error_description":"use {KEY} instead","n":12345}}]"#);
        let keyless = Scrubber::default();
        assert_eq!(scrubbed(&keyless, &body), body);
        assert_eq!(
            scrubbed(&keyless.with_keylike_runs(), &body),
            r#"[{"customer_key":"","error_description":"use <redacted> instead","n":12345}]"#
        );
        let short_run = r#"["JOHNDOE@EMAIL.COM","abcdefghijklmnopqrstuvwxyz0123456789"]"#;
        assert_eq!(
            scrubbed(&Scrubber::default().with_keylike_runs(), short_run),
            short_run
        );
    }

    #[test]
    fn scrubbed_text_keeps_the_rest_of_the_sentence() {
        let text = format!("Bad key {} for box 811111", split_every(KEY, 7, " "));
        assert_eq!(
            scrubber().scrub_text(&text),
            "Bad key <redacted> for box 811111"
        );
        assert!(matches!(
            scrubber().scrub_text("John Doe"),
            Cow::Borrowed(_)
        ));
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
