//! The key table as Markdown: what `skyview keys` prints, and what docs/keys.md
//! holds for the defaults.

use super::{Action, KeyMap, Section, Trigger};
use crate::i18n::{Lang, msg};

impl KeyMap {
    /// The help's rows, every section in docs/keys.md's order: where, the keys as
    /// written, what they do.
    pub fn help_table(&self, lang: Lang) -> String {
        let mut table = format!(
            "| {} | {} | {} |\n|---|---|---|\n",
            msg::keys_table::where_(lang),
            msg::keys_table::key(lang),
            msg::keys_table::does(lang)
        );
        for section in [
            Section::Everywhere,
            Section::Form,
            Section::Choose,
            Section::Detail,
            Section::Locked,
        ] {
            for (keys, text) in self.help(section, lang) {
                table.push_str(&format!(
                    "| {} | {} | {text} |\n",
                    section.name(lang),
                    cell(&keys)
                ));
            }
        }
        table
    }

    /// Every action a configuration can rebind, by its name, with all its keys in
    /// the order they are bound; an action bound nowhere here (Ctrl-Z on Windows) is
    /// left out.
    pub fn actions_table(&self, lang: Lang) -> String {
        let mut table = format!(
            "| {} | {} |\n|---|---|\n",
            msg::keys_table::action(lang),
            msg::keys_table::keys(lang)
        );
        for action in Action::ALL.into_iter().filter(|a| a.remappable()) {
            let mut keys: Vec<String> = Vec::new();
            for binding in self.bindings.iter().filter(|b| b.action == action) {
                for trigger in &binding.keys {
                    let label = match trigger {
                        Trigger::Key(key) => key.label(),
                        Trigger::Any => continue,
                    };
                    if !keys.contains(&label) {
                        keys.push(label);
                    }
                }
            }
            if !keys.is_empty() {
                table.push_str(&format!(
                    "| `{}` | {} |\n",
                    action.name(),
                    cell(&keys.join(" "))
                ));
            }
        }
        table
    }

    /// What `skyview keys` prints: the keys in effect, where and what they do, then
    /// each action's keys by the name `[keys]` gives it.
    pub fn markdown(&self, lang: Lang) -> String {
        format!(
            "# {}\n\n{}\n## {}\n\n{}",
            msg::keys_table::title(lang),
            self.help_table(lang),
            msg::keys_table::actions_title(lang),
            self.actions_table(lang)
        )
    }
}

/// Text for a table cell: a bound `|` would end it.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}
