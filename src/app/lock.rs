//! The idle lock.

use super::{App, Cmd, FieldId, Screen, Wiped};

impl App {
    /// The idle lock: the customers, the raw body, the filter, the recent lookups and
    /// the form's customer key go; the user code, app key and box id stay. An e-mail
    /// in the customer field goes too: it would find the customer again without any
    /// key.
    pub(super) fn lock(&mut self) -> Vec<Cmd> {
        let cancelled = self.cancel_all();
        self.recent.clear();
        self.overlay = None;
        self.toast = None;
        self.notice = None;
        let email = !crate::query::key_needed(self.form.value(FieldId::BoxId));
        if email {
            self.form.clear(FieldId::BoxId);
        }
        self.form.clear(FieldId::CustomerKey);
        self.form.hide_secrets();
        // Back on the field the next lookup needs first.
        self.form.set_focus(if email {
            FieldId::BoxId
        } else {
            FieldId::CustomerKey
        });
        self.screen = Screen::Locked(Wiped { email });
        cancelled
    }
}
