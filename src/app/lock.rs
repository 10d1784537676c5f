//! The idle lock.

use std::time::Duration;

use super::{App, Cmd, FieldId, Screen};

impl App {
    /// The idle lock: the customers, the raw body, the filter, the recent lookups and
    /// the form's customer key go; the user code, app key and box id stay.
    pub(super) fn lock(&mut self) -> Vec<Cmd> {
        let cancelled = self.cancel_all();
        self.recent.clear();
        self.overlay = None;
        self.toast = None;
        self.notice = None;
        self.form.clear(FieldId::CustomerKey);
        self.form.hide_secrets();
        // Back on the key, unless the customer field holds an e-mail (no key needed).
        let field = match self.form.note(FieldId::CustomerKey) {
            Some(_) => FieldId::BoxId,
            None => FieldId::CustomerKey,
        };
        self.form.set_focus(field);
        self.screen = Screen::Locked;
        cancelled
    }
}

/// A duration the way the lock screen says it: "15 min", "3 s", "1 h 30 min".
pub(crate) fn human_duration(duration: Duration) -> String {
    let seconds = duration.as_secs();
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut parts = Vec::new();
    if hours > 0 {
        parts.push(format!("{hours} h"));
    }
    if minutes > 0 {
        parts.push(format!("{minutes} min"));
    }
    if seconds > 0 || parts.is_empty() {
        parts.push(format!("{seconds} s"));
    }
    parts.join(" ")
}
