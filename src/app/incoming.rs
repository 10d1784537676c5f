//! A call the phone system handed over (`skyview pop`): opened as if the agent had
//! typed the customer field and pressed Enter, except where that would throw the
//! agent's work away: while the agent is typing it waits behind a banner, and on the
//! lock screen it waits, unnamed, for the next key.

use super::{App, Cmd, Screen};
use crate::pop::Pop;
use crate::query::{CustomerRef, FieldId};

/// A pop waiting for the agent.
#[derive(Debug, PartialEq, Eq)]
pub struct Incoming {
    /// What was handed over.
    pub pop: Pop,
    /// The environment whose endpoint it came through (index in the settings).
    pub environment: usize,
}

impl Incoming {
    /// What the banner names the caller by: the part of an e-mail before the `@`, or
    /// the box id.
    pub fn caller(&self) -> String {
        match &self.pop.customer {
            CustomerRef::Email(email) => match email.split_once('@') {
                Some((user, _)) => format!("{user}@…"),
                None => email.clone(),
            },
            CustomerRef::BoxId(id) => id.to_string(),
        }
    }
}

impl App {
    /// A pop arrived through the endpoint of environment `environment`;
    /// `recently_typed`: the agent pressed a key in the last 30 seconds. A later pop
    /// replaces one still waiting.
    pub(super) fn on_pop(
        &mut self,
        pop: Pop,
        environment: usize,
        recently_typed: bool,
    ) -> Vec<Cmd> {
        let incoming = Incoming { pop, environment };
        if matches!(self.screen, Screen::Locked(_)) || recently_typed {
            self.incoming = Some(incoming);
            return vec![];
        }
        self.open_call(incoming)
    }

    /// Opens the call waiting, if any (Enter on the banner, any key on the lock
    /// screen).
    pub(super) fn answer_call(&mut self) -> Vec<Cmd> {
        match self.incoming.take() {
            Some(incoming) => self.open_call(incoming),
            None => vec![],
        }
    }

    /// Looks the caller up in the pop's environment: the customer field takes the
    /// pop's customer, the customer key the pop's key (or nothing, rather than the
    /// key of the customer on screen before), and the form is sent as Enter sends it.
    fn open_call(&mut self, incoming: Incoming) -> Vec<Cmd> {
        self.incoming = None;
        let mut cmds = self.set_environment(incoming.environment);
        let Pop {
            customer,
            customer_key,
        } = incoming.pop;
        let field = match customer {
            CustomerRef::Email(email) => email,
            CustomerRef::BoxId(id) => id.to_string(),
        };
        self.form.set_value(FieldId::BoxId, &field);
        match &customer_key {
            Some(key) => self.form.set_value(FieldId::CustomerKey, key.expose()),
            None => self.form.clear(FieldId::CustomerKey),
        }
        self.overlay = None;
        self.toast = None;
        self.screen = Screen::Form;
        cmds.extend(self.submit());
        cmds
    }
}
