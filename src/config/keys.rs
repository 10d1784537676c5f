//! The config's `[keys]` table: each action named with its key or keys, where the
//! file says so, and the key map they make over the defaults.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::app::keys::{Action, Key, KeyMap, Refusal, Remap, SpellingError};
use crate::setup::SetupError;

/// The `[keys]` table as read: per action named, where it is and its keys. The
/// spellings themselves are not kept: a value pasted here by mistake (an app key) is
/// never printed, nor kept in memory past the parse.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(from = "BTreeMap<Spanned<String>, Spanned<toml::Value>>")]
pub struct KeysTable(Vec<KeyEntry>);

/// One line of `[keys]`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct KeyEntry {
    /// The action, as named.
    name: String,
    /// The file it is in, once known.
    path: Option<PathBuf>,
    /// Where its name starts in the file's text, then its line (from 1).
    offset: usize,
    line: usize,
    /// Its keys, or why one of them cannot be read.
    keys: Result<Vec<Key>, SpellingError>,
}

impl From<BTreeMap<Spanned<String>, Spanned<toml::Value>>> for KeysTable {
    fn from(table: BTreeMap<Spanned<String>, Spanned<toml::Value>>) -> Self {
        let mut entries: Vec<KeyEntry> = table
            .into_iter()
            .map(|(name, value)| KeyEntry {
                offset: name.span().start,
                name: name.into_inner(),
                path: None,
                line: 0,
                keys: match value.into_inner() {
                    toml::Value::String(key) => Key::parse(&key).map(|key| vec![key]),
                    toml::Value::Array(keys) => keys
                        .iter()
                        .map(|key| {
                            key.as_str()
                                .ok_or(SpellingError::Unreadable)
                                .and_then(Key::parse)
                        })
                        .collect(),
                    _ => Err(SpellingError::Unreadable),
                },
            })
            .collect();
        // The file's order, so that the first problem in it is the one said.
        entries.sort_by_key(|e| e.offset);
        Self(entries)
    }
}

impl KeysTable {
    /// Says which file the table was read from, and turns offsets into lines.
    pub(super) fn locate(&mut self, text: &str, path: Option<&Path>) {
        for entry in &mut self.0 {
            entry.path = path.map(Path::to_path_buf);
            entry.line = super::line_and_column(text, entry.offset).0;
        }
    }

    /// The machine-wide table under the user's: the user's file wins action by
    /// action.
    pub(super) fn under(self, user: Self) -> Self {
        let mut entries: Vec<KeyEntry> = self
            .0
            .into_iter()
            .filter(|machine| user.0.iter().all(|u| u.name != machine.name))
            .collect();
        entries.extend(user.0);
        Self(entries)
    }

    /// The key map: the defaults with the table's keys instead. Refused (see
    /// [`KeyMap::remapped`]) with the file, the line and the action or key at fault.
    pub fn key_map(&self) -> Result<KeyMap, SetupError> {
        let mut remaps = Vec::new();
        for entry in &self.0 {
            let refuse = |problem| entry.refused(problem);
            let action = Action::named(&entry.name)
                .ok_or_else(|| refuse(KeysProblem::UnknownAction(entry.name.clone())))?;
            let keys = entry.keys.clone().map_err(|error| {
                refuse(match error {
                    SpellingError::Unreadable => KeysProblem::Unreadable(action),
                    SpellingError::SameAs(key) => KeysProblem::SameAs { action, key },
                })
            })?;
            remaps.push(Remap { action, keys });
        }
        KeyMap::remapped(&remaps).map_err(|error| {
            let problem = KeysProblem::Refused {
                action: error.action,
                why: error.why,
            };
            // Each remap is made from the entry of its index.
            match self.0.get(error.remap) {
                Some(entry) => entry.refused(problem),
                None => SetupError::Keys {
                    path: None,
                    line: 0,
                    problem,
                },
            }
        })
    }
}

impl KeyEntry {
    fn refused(&self, problem: KeysProblem) -> SetupError {
        SetupError::Keys {
            path: self.path.clone(),
            line: self.line,
            problem,
        }
    }
}

/// What is wrong with a line of `[keys]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeysProblem {
    /// No action has this name.
    UnknownAction(String),
    /// A key of the action is not one skyview reads (the value is not said).
    Unreadable(Action),
    /// A classic terminal sends a key of the action as this other key.
    SameAs {
        /// The action.
        action: Action,
        /// The key the terminal sends instead.
        key: Key,
    },
    /// The key map refuses the action's keys.
    Refused {
        /// The action.
        action: Action,
        /// Why.
        why: Refusal,
    },
}
