//! One key with its modifiers: what a binding answers to, how a pressed key is
//! matched against it, and how the screen writes it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key and the modifiers held with it. For a character, Shift is in the
/// character itself (`A`, `?`), and Shift-Tab is its own code (`BackTab`), so
/// neither carries `SHIFT`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl, Alt (and Shift for keys that are not characters) held with it.
    pub modifiers: KeyModifiers,
}

impl Key {
    /// The key alone.
    pub const fn bare(code: KeyCode) -> Self {
        Self {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    /// A character alone (no Ctrl, no Alt).
    pub const fn char(c: char) -> Self {
        Self::bare(KeyCode::Char(c))
    }

    /// Ctrl and a letter.
    pub const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// Alt and a letter.
    pub const fn alt(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::ALT,
        }
    }

    /// The key with `modifiers` held.
    pub const fn with(code: KeyCode, modifiers: KeyModifiers) -> Self {
        Self { code, modifiers }
    }

    /// Whether the pressed `key` is this one: the same code and the same Ctrl and
    /// Alt (a character with Alt alone is not the bare character). On Windows a
    /// character that arrives with Ctrl and Alt was typed with AltGr (`[`, `]`, `@`
    /// on a Spanish layout) and is the bare character.
    pub fn matches(self, key: &KeyEvent) -> bool {
        Self::pressed(key) == self
    }

    /// The key as a binding would write the pressed `key` (see [`Key::matches`]).
    pub(super) fn pressed(key: &KeyEvent) -> Self {
        Self {
            code: key.code,
            modifiers: pressed_modifiers(key),
        }
    }

    /// How the screen writes it: `Ctrl-N`, `F2`, `Shift-Tab`, `↑`, `PgDn`, `y`.
    pub fn label(self) -> String {
        let mut label = self.modifiers_label();
        match self.code {
            // `Ctrl-N`: a letter with a modifier is written in capitals, as menus do.
            KeyCode::Char(c) if !self.modifiers.is_empty() => label.extend(c.to_uppercase()),
            KeyCode::Char(' ') => label.push_str("Space"),
            KeyCode::Char(c) => label.push(c),
            KeyCode::F(n) => label.push_str(&format!("F{n}")),
            KeyCode::BackTab => label.push_str("Shift-Tab"),
            code => label.push_str(code_name(code)),
        }
        label
    }

    /// The modifiers part of the label: `Ctrl-`, `Ctrl-Alt-`, or nothing.
    pub(super) fn modifiers_label(self) -> String {
        [
            (KeyModifiers::CONTROL, "Ctrl-"),
            (KeyModifiers::ALT, "Alt-"),
            (KeyModifiers::SHIFT, "Shift-"),
        ]
        .into_iter()
        .filter(|(modifier, _)| self.modifiers.contains(*modifier))
        .map(|(_, name)| name)
        .collect()
    }

    /// An arrow alone: arrows are written side by side (`↑↓`).
    pub(super) fn is_arrow(self) -> bool {
        self.modifiers.is_empty()
            && matches!(
                self.code,
                KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right
            )
    }
}

/// Why a key configuration's spelling of a key is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpellingError {
    /// Not a key skyview reads. The spelling is not kept: it may be a secret pasted
    /// in the wrong place.
    Unreadable,
    /// A classic terminal sends it as this other key (Ctrl-M is Enter).
    SameAs(Key),
}

impl Key {
    /// Reads a key as a key configuration spells it: `ctrl-`, `alt-` and `shift-`
    /// prefixes, then `f1`…`f20`, `enter`, `esc`, `tab`, `backtab`, `up`, `down`,
    /// `left`, `right`, `pgup`, `pgdn`, `home`, `end`, `space`, `backspace`,
    /// `delete`, or one character. Names and prefixes take any case; a letter with
    /// Ctrl or Alt too (`Ctrl-Y`, as the screen writes it); a letter alone is typed
    /// as it is (`A` is `shift-a`).
    pub fn parse(text: &str) -> Result<Self, SpellingError> {
        let mut rest = text;
        let mut modifiers = KeyModifiers::NONE;
        let mut shift = false;
        'prefixes: loop {
            for (prefix, modifier) in [
                ("ctrl-", KeyModifiers::CONTROL),
                ("alt-", KeyModifiers::ALT),
                ("shift-", KeyModifiers::SHIFT),
            ] {
                let Some(after) = strip_prefix_ignoring_case(rest, prefix) else {
                    continue;
                };
                if after.is_empty()
                    || modifiers.contains(modifier)
                    || (shift && modifier == KeyModifiers::SHIFT)
                {
                    return Err(SpellingError::Unreadable);
                }
                if modifier == KeyModifiers::SHIFT {
                    shift = true;
                } else {
                    modifiers |= modifier;
                }
                rest = after;
                continue 'prefixes;
            }
            break;
        }
        let code = named_code(rest).ok_or(SpellingError::Unreadable)?;
        let key = Self::with(code, modifiers);
        let ctrl = modifiers.contains(KeyModifiers::CONTROL);
        match code {
            KeyCode::Char(c) => {
                // With Ctrl or Alt a letter is written as the screen writes it.
                let c = if modifiers.is_empty() {
                    c
                } else {
                    c.to_ascii_lowercase()
                };
                if shift {
                    if c == ' ' {
                        return Err(SpellingError::SameAs(Self::char(' ')));
                    }
                    if !c.is_alphabetic() {
                        // Which character Shift makes depends on the keyboard layout.
                        return Err(SpellingError::Unreadable);
                    }
                    if ctrl {
                        return Err(SpellingError::SameAs(Self::with(
                            KeyCode::Char(c),
                            modifiers,
                        )));
                    }
                }
                let c = if shift {
                    c.to_uppercase().next().unwrap_or(c)
                } else {
                    c
                };
                if ctrl {
                    return ctrl_char(c, modifiers);
                }
                Ok(Self::with(KeyCode::Char(c), modifiers))
            }
            KeyCode::Tab if shift => {
                if modifiers.is_empty() {
                    Ok(Self::bare(KeyCode::BackTab))
                } else {
                    Err(SpellingError::Unreadable)
                }
            }
            KeyCode::BackTab if shift || !modifiers.is_empty() => Err(SpellingError::Unreadable),
            KeyCode::Tab if ctrl => Err(SpellingError::SameAs(Self::bare(KeyCode::Tab))),
            KeyCode::Enter if shift || ctrl => Err(SpellingError::SameAs(Self {
                modifiers: modifiers - KeyModifiers::CONTROL,
                ..Self::bare(KeyCode::Enter)
            })),
            _ if shift => Ok(Self::with(code, modifiers | KeyModifiers::SHIFT)),
            _ => Ok(key),
        }
    }
}

/// Ctrl and a character: a letter or Space, except those a classic terminal sends
/// as another key (Ctrl-I is Tab, Ctrl-M Enter, Ctrl-[ Esc); Ctrl-C is read, and
/// refused where keys are bound (it always quits).
fn ctrl_char(c: char, modifiers: KeyModifiers) -> Result<Key, SpellingError> {
    let alt = modifiers & KeyModifiers::ALT;
    match c {
        'i' => Err(SpellingError::SameAs(Key::with(KeyCode::Tab, alt))),
        'm' => Err(SpellingError::SameAs(Key::with(KeyCode::Enter, alt))),
        '[' => Err(SpellingError::SameAs(Key::with(KeyCode::Esc, alt))),
        c if c.is_ascii_lowercase() || c == ' ' => Ok(Key::with(KeyCode::Char(c), modifiers)),
        _ => Err(SpellingError::Unreadable),
    }
}

fn strip_prefix_ignoring_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

/// The key a name (or a single character) spells, modifiers aside.
fn named_code(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    let code = match lower.as_str() {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pgup" => KeyCode::PageUp,
        "pgdn" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "space" => KeyCode::Char(' '),
        "backspace" => KeyCode::Backspace,
        "delete" => KeyCode::Delete,
        _ => {
            if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok())
                && (1..=20).contains(&n)
                && !lower.starts_with("f0")
            {
                return Some(KeyCode::F(n));
            }
            let mut chars = name.chars();
            let c = chars.next()?;
            if chars.next().is_some() || c.is_whitespace() || c.is_control() {
                return None;
            }
            KeyCode::Char(c)
        }
    };
    Some(code)
}

/// The modifiers of a pressed key as a binding counts them: Shift is dropped where
/// the code already says it (a character, Shift-Tab), and Ctrl+Alt on a character
/// is AltGr on Windows.
fn pressed_modifiers(key: &KeyEvent) -> KeyModifiers {
    let mut modifiers =
        key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    if matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab) {
        modifiers.remove(KeyModifiers::SHIFT);
    }
    if cfg!(windows)
        && matches!(key.code, KeyCode::Char(c) if !c.is_control())
        && modifiers == KeyModifiers::CONTROL | KeyModifiers::ALT
    {
        modifiers = KeyModifiers::NONE;
    }
    modifiers
}

fn code_name(code: KeyCode) -> &'static str {
    match code {
        KeyCode::Enter => "Enter",
        KeyCode::Esc => "Esc",
        KeyCode::Tab => "Tab",
        KeyCode::Backspace => "Backspace",
        KeyCode::Delete => "Delete",
        KeyCode::Insert => "Insert",
        KeyCode::Up => "↑",
        KeyCode::Down => "↓",
        KeyCode::Left => "←",
        KeyCode::Right => "→",
        KeyCode::PageUp => "PgUp",
        KeyCode::PageDown => "PgDn",
        KeyCode::Home => "Home",
        KeyCode::End => "End",
        _ => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pressed(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn a_bare_letter_fires_neither_with_ctrl_nor_with_alt_alone() {
        let q = Key::char('q');
        assert!(q.matches(&pressed(KeyCode::Char('q'), KeyModifiers::NONE)));
        assert!(!q.matches(&pressed(KeyCode::Char('q'), KeyModifiers::CONTROL)));
        assert!(!q.matches(&pressed(KeyCode::Char('q'), KeyModifiers::ALT)));
        assert!(Key::ctrl('n').matches(&pressed(KeyCode::Char('n'), KeyModifiers::CONTROL)));
    }

    #[test]
    fn shift_is_in_the_character_and_in_shift_tab() {
        let question = pressed(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert!(Key::char('?').matches(&question));
        let back_tab = pressed(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert!(Key::bare(KeyCode::BackTab).matches(&back_tab));
        // Elsewhere Shift is a modifier like the others.
        assert!(!Key::bare(KeyCode::Up).matches(&pressed(KeyCode::Up, KeyModifiers::SHIFT)));
    }

    #[test]
    fn altgr_types_the_bare_character_on_windows_only() {
        let bracket = pressed(
            KeyCode::Char('['),
            KeyModifiers::CONTROL | KeyModifiers::ALT,
        );
        assert_eq!(Key::char('[').matches(&bracket), cfg!(windows));
    }

    #[test]
    fn a_configuration_spells_keys_as_the_issue_lists_them() {
        use KeyCode as K;
        use KeyModifiers as M;
        let read = [
            ("f5", Key::bare(K::F(5))),
            ("F20", Key::bare(K::F(20))),
            ("enter", Key::bare(K::Enter)),
            ("Esc", Key::bare(K::Esc)),
            ("tab", Key::bare(K::Tab)),
            ("backtab", Key::bare(K::BackTab)),
            ("shift-tab", Key::bare(K::BackTab)),
            ("up", Key::bare(K::Up)),
            ("down", Key::bare(K::Down)),
            ("left", Key::bare(K::Left)),
            ("right", Key::bare(K::Right)),
            ("pgup", Key::bare(K::PageUp)),
            ("PgDn", Key::bare(K::PageDown)),
            ("home", Key::bare(K::Home)),
            ("end", Key::bare(K::End)),
            ("space", Key::char(' ')),
            ("backspace", Key::bare(K::Backspace)),
            ("delete", Key::bare(K::Delete)),
            ("y", Key::char('y')),
            ("A", Key::char('A')),
            ("shift-a", Key::char('A')),
            ("/", Key::char('/')),
            ("-", Key::char('-')),
            ("f", Key::char('f')),
            ("ctrl-y", Key::ctrl('y')),
            ("Ctrl-Y", Key::ctrl('y')),
            ("alt-B", Key::alt('b')),
            ("alt-shift-b", Key::with(K::Char('B'), M::ALT)),
            ("ctrl-alt-x", Key::with(K::Char('x'), M::CONTROL | M::ALT)),
            ("ctrl-space", Key::ctrl(' ')),
            ("shift-f5", Key::with(K::F(5), M::SHIFT)),
            ("ctrl-up", Key::with(K::Up, M::CONTROL)),
            ("alt-enter", Key::with(K::Enter, M::ALT)),
            ("ctrl-c", Key::ctrl('c')),
        ];
        for (spelling, key) in read {
            assert_eq!(Key::parse(spelling), Ok(key), "{spelling}");
        }
        for spelling in [
            "",
            "f0",
            "f21",
            "f05",
            "ctrl-",
            "shift-",
            "ctrl-ctrl-a",
            "shift-shift-a",
            "super-a",
            "ab",
            "page down",
            " ",
            "ctrl-1",
            "ctrl-ñ",
            "shift-1",
            "ctrl-backtab",
            "shift-backtab",
            "ctrl-shift-tab",
        ] {
            assert_eq!(
                Key::parse(spelling),
                Err(SpellingError::Unreadable),
                "{spelling:?}"
            );
        }
        let same = [
            ("ctrl-enter", Key::bare(K::Enter)),
            ("shift-enter", Key::bare(K::Enter)),
            ("ctrl-i", Key::bare(K::Tab)),
            ("ctrl-m", Key::bare(K::Enter)),
            ("ctrl-[", Key::bare(K::Esc)),
            ("ctrl-tab", Key::bare(K::Tab)),
            ("ctrl-shift-a", Key::ctrl('a')),
            ("shift-space", Key::char(' ')),
        ];
        for (spelling, key) in same {
            assert_eq!(
                Key::parse(spelling),
                Err(SpellingError::SameAs(key)),
                "{spelling}"
            );
        }
    }

    #[test]
    fn labels_read_as_the_screen_writes_them() {
        assert_eq!(Key::ctrl('n').label(), "Ctrl-N");
        assert_eq!(Key::bare(KeyCode::F(2)).label(), "F2");
        assert_eq!(Key::bare(KeyCode::BackTab).label(), "Shift-Tab");
        assert_eq!(Key::bare(KeyCode::PageDown).label(), "PgDn");
        assert_eq!(Key::char('[').label(), "[");
        assert_eq!(Key::alt('b').label(), "Alt-B");
    }
}
