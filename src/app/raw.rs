//! The Raw tab's text: the response body pretty-printed once, when it arrives.

use crate::text::sanitize;

/// Lines longer than this are cut into pieces, so that one huge value (or a body
/// with no line breaks) never makes a frame slow to draw.
const MAX_LINE_CHARS: usize = 2_000;

/// The body as lines: valid JSON re-indented two spaces a level, keeping its key
/// order and every number exactly as sent; anything else as received. Every line is
/// sanitized, so nothing in the body can steer the terminal.
pub fn pretty_lines(body: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(body);
    let valid = serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok();
    let lines = if valid {
        reindent(&text)
    } else {
        text.lines().map(str::to_string).collect()
    };
    lines
        .iter()
        .flat_map(|line| split_long(line))
        .map(|line| sanitize(&line).into_owned())
        .collect()
}

/// Re-indents JSON text that is known to be valid.
fn reindent(json: &str) -> Vec<String> {
    let mut out = Lines::default();
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

#[derive(Default)]
struct Lines {
    done: Vec<String>,
    line: String,
    depth: usize,
}

impl Lines {
    /// Ends the current line (unless it holds only indentation) and indents the next.
    fn break_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        if !line.trim().is_empty() {
            self.done.push(line);
        }
        self.line = "  ".repeat(self.depth);
    }

    fn finish(mut self) -> Vec<String> {
        if !self.line.trim().is_empty() {
            self.done.push(self.line);
        }
        self.done
    }
}

fn split_long(line: &str) -> Vec<String> {
    if line.len() <= MAX_LINE_CHARS {
        return vec![line.to_string()];
    }
    let chars: Vec<char> = line.chars().collect();
    chars
        .chunks(MAX_LINE_CHARS)
        .map(|chunk| chunk.iter().collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
