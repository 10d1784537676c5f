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
        key.code == self.code && pressed_modifiers(key) == self.modifiers
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
    fn labels_read_as_the_screen_writes_them() {
        assert_eq!(Key::ctrl('n').label(), "Ctrl-N");
        assert_eq!(Key::bare(KeyCode::F(2)).label(), "F2");
        assert_eq!(Key::bare(KeyCode::BackTab).label(), "Shift-Tab");
        assert_eq!(Key::bare(KeyCode::PageDown).label(), "PgDn");
        assert_eq!(Key::char('[').label(), "[");
        assert_eq!(Key::alt('b').label(), "Alt-B");
    }
}
