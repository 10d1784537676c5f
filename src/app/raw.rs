//! The Raw tab's text: the response body pretty-printed once, when it arrives.

use crate::text::sanitize;

/// Lines longer than this are cut into pieces, so that one huge value (or a body
/// with no line breaks) never makes a frame slow to draw.
const MAX_LINE_CHARS: usize = 2_000;

/// The Raw tab's text: the body as lines, held in one string with the line ends
/// beside it. An 8 MiB answer makes hundreds of thousands of lines; one allocation
/// each would cost several times the body in memory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawText {
    text: String,
    ends: Vec<usize>,
}

impl RawText {
    /// The body as lines: valid JSON re-indented two spaces a level, keeping its key
    /// order and every number exactly as sent; anything else as received. Every line
    /// is sanitized, so nothing in the body can steer the terminal.
    pub fn from_body(body: &[u8]) -> Self {
        let text = String::from_utf8_lossy(body);
        let mut raw = Self::default();
        if serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok() {
            reindent(&text, &mut raw);
        } else {
            text.lines().for_each(|line| raw.push(line));
        }
        raw
    }

    /// Adds a line, cut into pieces of at most [`MAX_LINE_CHARS`] and sanitized.
    fn push(&mut self, line: &str) {
        let mut rest = line;
        loop {
            let cut = rest
                .char_indices()
                .nth(MAX_LINE_CHARS)
                .map_or(rest.len(), |(i, _)| i);
            let (piece, after) = rest.split_at(cut);
            self.text.push_str(&sanitize(piece));
            self.ends.push(self.text.len());
            if after.is_empty() {
                break;
            }
            rest = after;
        }
    }

    /// How many lines.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no lines.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Line `index`, counting from 0.
    pub fn line(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)?;
        let start = match index.checked_sub(1) {
            Some(before) => *self.ends.get(before)?,
            None => 0,
        };
        self.text.get(start..end)
    }

    /// Every line, in order.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).filter_map(|i| self.line(i))
    }
}

/// Re-indents JSON text that is known to be valid.
fn reindent(json: &str, raw: &mut RawText) {
    let mut out = Lines {
        raw,
        line: String::new(),
        depth: 0,
    };
    let mut chars = json.chars().peekable();
    let mut in_string = false;
    let mut escaped = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.line.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.line.push(c);
            }
            '{' | '[' => {
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    chars.next();
                    out.line.push(c);
                    out.line.push(close);
                } else {
                    out.line.push(c);
                    out.depth += 1;
                    out.break_line();
                }
            }
            '}' | ']' => {
                out.depth = out.depth.saturating_sub(1);
                out.break_line();
                out.line.push(c);
            }
            ',' => {
                out.line.push(c);
                out.break_line();
            }
            ':' => out.line.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.line.push(c),
        }
    }
    out.finish()
}

struct Lines<'a> {
    raw: &'a mut RawText,
    line: String,
    depth: usize,
}

impl Lines<'_> {
    /// Ends the current line (unless it holds only indentation) and indents the next.
    fn break_line(&mut self) {
        if !self.line.trim().is_empty() {
            self.raw.push(&self.line);
        }
        self.line.clear();
        (0..self.depth).for_each(|_| self.line.push_str("  "));
    }

    fn finish(self) {
        if !self.line.trim().is_empty() {
            self.raw.push(&self.line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pretty_lines(body: &[u8]) -> Vec<String> {
        RawText::from_body(body)
            .lines()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn json_is_reindented_in_its_own_order_with_numbers_as_sent() {
        let body = br#"[{"z":1.50,"a":{"b":[1, 2]},"e":{},"l":[],"s":"x,{\"y\":[]}"}]"#;
        assert_eq!(
            pretty_lines(body),
            [
                "[",
                "  {",
                "    \"z\": 1.50,",
                "    \"a\": {",
                "      \"b\": [",
                "        1,",
                "        2",
                "      ]",
                "    },",
                "    \"e\": {},",
                "    \"l\": [],",
                "    \"s\": \"x,{\\\"y\\\":[]}\"",
                "  }",
                "]",
            ]
        );
    }

    #[test]
    fn anything_else_is_shown_as_received_but_sanitized() {
        let body = b"<html>\n\x1b[2Jbroken\n";
        assert_eq!(pretty_lines(body), ["<html>", "\u{241b}[2Jbroken"]);
    }

    #[test]
    fn very_long_lines_are_cut() {
        let body = format!("\"{}\"", "x".repeat(5_000));
        let lines = pretty_lines(body.as_bytes());
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|l| l.chars().count() <= MAX_LINE_CHARS));
    }
}
