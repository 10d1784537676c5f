//! The credentials form: four text inputs, focus, masking, and validation.

use std::fmt;

use ratatui::crossterm::event::Event;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use strum::VariantArray;

use super::Cycle;
use super::FieldNote;
use super::limits;
use crate::api::Secret;
use crate::query::{FieldError, FieldId, Prefill, Query, key_needed};

/// One value per field.
#[derive(Clone, Debug, Default)]
struct PerField<T> {
    user_code: T,
    app_key: T,
    box_id: T,
    customer_key: T,
}

impl<T> PerField<T> {
    fn get(&self, field: FieldId) -> &T {
        match field {
            FieldId::UserCode => &self.user_code,
            FieldId::AppKey => &self.app_key,
            FieldId::BoxId => &self.box_id,
            FieldId::CustomerKey => &self.customer_key,
        }
    }

    fn get_mut(&mut self, field: FieldId) -> &mut T {
        match field {
            FieldId::UserCode => &mut self.user_code,
            FieldId::AppKey => &mut self.app_key,
            FieldId::BoxId => &mut self.box_id,
            FieldId::CustomerKey => &mut self.customer_key,
        }
    }
}

/// The four inputs, which one has focus, whether secrets are revealed, and the
/// validation message on each field. `Debug` never prints the secret inputs.
#[derive(Clone)]
pub struct Form {
    inputs: PerField<Input>,
    errors: PerField<Option<FieldError>>,
    focus: FieldId,
    revealed: bool,
}

impl fmt::Debug for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Form")
            .field("user_code", &self.value(FieldId::UserCode))
            .field("app_key", &"<redacted>")
            .field("box_id", &self.value(FieldId::BoxId))
            .field("customer_key", &"<redacted>")
            .field("focus", &self.focus())
            .field("revealed", &self.revealed)
            .finish()
    }
}

impl Form {
    /// A form holding `prefill`, focused on the first empty field it needs (an
    /// e-mail needs no customer key).
    pub fn new(prefill: &Prefill) -> Self {
        let inputs = PerField {
            user_code: Input::from(prefill.user_code.trim()),
            app_key: Input::from(prefill.app_key.expose().trim()),
            box_id: Input::from(prefill.box_id.trim()),
            customer_key: Input::from(prefill.customer_key.expose().trim()),
        };
        let key_needed = key_needed(inputs.box_id.value());
        let focus = FieldId::VARIANTS
            .iter()
            .copied()
            .filter(|f| key_needed || *f != FieldId::CustomerKey)
            .find(|f| inputs.get(*f).value().is_empty())
            .unwrap_or(FieldId::UserCode);
        Self {
            inputs,
            errors: PerField::default(),
            focus,
            revealed: false,
        }
    }

    /// The input behind a field.
    pub fn input(&self, field: FieldId) -> &Input {
        self.inputs.get(field)
    }

    fn input_mut(&mut self, field: FieldId) -> &mut Input {
        self.inputs.get_mut(field)
    }

    /// A field's current text.
    pub fn value(&self, field: FieldId) -> &str {
        self.input(field).value()
    }

    /// The field with focus.
    pub fn focus(&self) -> FieldId {
        self.focus
    }

    /// Moves focus to a field.
    pub(crate) fn set_focus(&mut self, field: FieldId) {
        self.focus = field;
    }

    /// Moves focus down, wrapping.
    pub(crate) fn focus_next(&mut self) {
        self.focus_step(1);
    }

    /// Moves focus up, wrapping.
    pub(crate) fn focus_prev(&mut self) {
        self.focus_step(-1);
    }

    /// Moves focus `by` fields, over a field not in use.
    fn focus_step(&mut self, by: isize) {
        let mut field = self.focus().step(by);
        if self.note(field).is_some() {
            field = field.step(by);
        }
        self.set_focus(field);
    }

    /// Whether secret fields show in clear.
    pub(crate) fn revealed(&self) -> bool {
        self.revealed
    }

    /// Shows or hides the secret fields.
    pub(crate) fn toggle_reveal(&mut self) {
        self.revealed = !self.revealed;
    }

    /// Hides the secret fields.
    pub(crate) fn hide_secrets(&mut self) {
        self.revealed = false;
    }

    /// Replaces a field's text (an environment's preset, a repeated lookup); the
    /// cursor goes to its end and its message is cleared.
    pub fn set_value(&mut self, field: FieldId, value: &str) {
        wipe(self.input_mut(field));
        *self.input_mut(field) = Input::from(value.trim());
        *self.errors.get_mut(field) = None;
    }

    /// Empties a field, overwriting its old text in memory (best effort).
    pub(crate) fn clear(&mut self, field: FieldId) {
        wipe(self.input_mut(field));
        *self.errors.get_mut(field) = None;
    }

    /// The validation message on a field, set by the last [`Form::validate`].
    pub fn error(&self, field: FieldId) -> Option<FieldError> {
        *self.errors.get(field)
    }

    /// Feeds a key event to the focused input; editing a field clears its message.
    /// A character past the field's cap is refused, with a message on the field.
    pub(crate) fn handle_event(&mut self, event: &Event) {
        let field = self.focus();
        let max = limits::max_chars(field);
        if limits::refuses_key(self.input(field), event, max) {
            *self.errors.get_mut(field) = Some(FieldError::Full { max });
            return;
        }
        if self
            .input_mut(field)
            .handle_event(event)
            .is_some_and(|c| c.value)
        {
            *self.errors.get_mut(field) = None;
        }
    }

    /// Inserts pasted text at the cursor, as [`limits::paste_into`] allows; the field
    /// says when part of it was cut or dropped.
    pub fn paste(&mut self, text: &str) {
        let field = self.focus();
        let max = limits::max_chars(field);
        let pasted = limits::paste_into(self.input_mut(field), text, max);
        *self.errors.get_mut(field) = pasted.message(max);
    }

    /// Checks every field; on failure each bad field carries its message and focus
    /// moves to the first of them.
    pub fn validate(&mut self) -> Option<Query> {
        let problems = match crate::query::check(|field| self.value(field)) {
            Ok(query) => {
                self.errors = PerField::default();
                return Some(query);
            }
            Err(problems) => problems,
        };
        self.errors = PerField::default();
        for (field, error) in &problems {
            *self.errors.get_mut(*field) = Some(*error);
        }
        if let Some((first_bad, _)) = problems.first() {
            self.set_focus(*first_bad);
        }
        None
    }

    /// A remark that the field is not used: the customer key, when the customer
    /// field holds an e-mail.
    pub fn note(&self, field: FieldId) -> Option<FieldNote> {
        (field == FieldId::CustomerKey && !key_needed(self.value(FieldId::BoxId)))
            .then_some(FieldNote::NotNeededForEmail)
    }

    /// A softer remark on a field's shape: sending is still allowed.
    pub fn warning(&self, field: FieldId) -> Option<FieldNote> {
        let value = self.value(field).trim();
        if value.is_empty() || self.note(field).is_some() {
            return None;
        }
        match field {
            FieldId::AppKey
                if !(value.len() == 32 && value.bytes().all(|b| b.is_ascii_hexdigit())) =>
            {
                Some(FieldNote::AppKeyShape)
            }
            FieldId::CustomerKey if !looks_like_customer_key(value) => {
                Some(FieldNote::CustomerKeyShape)
            }
            _ => None,
        }
    }
}

/// Empties an input; its text goes through a [`Secret`], whose drop overwrites it.
fn wipe(input: &mut Input) {
    drop(Secret::new(input.value_and_reset()));
}

fn looks_like_customer_key(value: &str) -> bool {
    value.len() == 44
        && value.ends_with('=')
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}
