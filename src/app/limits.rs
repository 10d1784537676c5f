//! How much text an input takes. tui-input's edits cost O(length) each, so a long
//! paste or a barcode reader's flood of keys would cost O(length²) and hold the
//! event loop for minutes: every input has a cap, and what is past it is refused
//! before tui-input sees it, at a cost that does not grow with what is refused.

use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use tui_input::{Input, InputRequest};

use crate::query::{FieldError, FieldId};

/// The most characters the filter of a list takes.
pub(super) const FILTER_MAX_CHARS: usize = 100;

/// The most characters a date field takes: `YYYY-MM-DD`.
pub(super) const DATE_MAX_CHARS: usize = 10;

/// The most characters a form field takes: far above any real value (a box id has
/// at most 20 digits, keys are 32 or 44 characters, an e-mail at most 254), far
/// below harm.
pub(super) fn max_chars(field: FieldId) -> usize {
    match field {
        FieldId::UserCode => 32,
        // The customer field also takes an e-mail (at most 254 characters).
        FieldId::BoxId | FieldId::AppKey | FieldId::CustomerKey => 256,
    }
}

/// What a paste brought in, beyond its text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Pasted {
    /// Part of it did not fit under the cap and was dropped.
    pub cut: bool,
    /// Invisible characters (a zero-width space…) were dropped from it.
    pub invisible_dropped: bool,
}

impl Pasted {
    /// The message for the field, when there is something to say.
    pub(super) fn message(self, max: usize) -> Option<FieldError> {
        match (self.cut, self.invisible_dropped) {
            (true, _) => Some(FieldError::Full { max }),
            (false, true) => Some(FieldError::InvisibleDropped),
            (false, false) => None,
        }
    }
}

/// Inserts a paste at the cursor of `input`, trimmed, with line breaks, control and
/// invisible characters dropped (a pasted newline never submits, a zero-width space
/// is never sent), and only as much as fits under `max` characters. Reads no further
/// into `text` than the room left, so a megabyte costs what a line does.
pub(super) fn paste_into(input: &mut Input, text: &str, max: usize) -> Pasted {
    let mut room = max.saturating_sub(input.value().chars().count());
    let mut pasted = Pasted::default();
    for c in text.trim().chars() {
        if c.is_control() {
            continue;
        }
        if crate::text::is_invisible(c) {
            pasted.invisible_dropped = true;
            continue;
        }
        if room == 0 {
            pasted.cut = true;
            break;
        }
        input.handle(InputRequest::InsertChar(c));
        room -= 1;
    }
    pasted
}

/// Whether `event` is a key that would add a character to `input`, which already
/// holds `max`: such a key must be refused, not handed to tui-input.
pub(super) fn refuses_key(input: &Input, event: &Event, max: usize) -> bool {
    let Event::Key(key) = event else {
        return false;
    };
    let inserts = key.kind != KeyEventKind::Release
        && matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    // The count stops at `max`: a full field costs `max` steps, whatever it holds.
    inserts && input.value().chars().take(max).count() >= max
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyEvent;

    use super::*;

    #[test]
    fn a_megabyte_paste_is_cut_at_the_cap() {
        let paste = "0123456789abcdef\n".repeat(64 * 1024);
        let mut input = Input::default();
        let pasted = paste_into(&mut input, &paste, 256);
        assert!(pasted.cut);
        assert_eq!(input.value().chars().count(), 256);
        assert!(!input.value().contains('\n'));
    }

    #[test]
    fn invisible_characters_are_dropped_from_a_paste_and_said() {
        let mut input = Input::default();
        let pasted = paste_into(&mut input, " YpbCNpzq\u{200b}xYqVWv\u{feff} ", 256);
        assert_eq!(input.value(), "YpbCNpzqxYqVWv");
        assert_eq!(
            pasted
                .message(256)
                .map(|m| m.text(crate::i18n::Lang::En))
                .as_deref(),
            Some("invisible characters in the paste were removed")
        );
    }

    #[test]
    fn a_full_input_refuses_characters_but_not_editing_keys() {
        let input = Input::from("1".repeat(32).as_str());
        let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        assert!(refuses_key(&input, &key(KeyCode::Char('7')), 32));
        assert!(!refuses_key(&input, &key(KeyCode::Backspace), 32));
        assert!(!refuses_key(&input, &key(KeyCode::Char('7')), 33));
    }
}
