//! A key configuration over the defaults: an action's keys replaced in every context
//! where it works, and what is refused because it would take a key from somebody
//! else (another action, the text fields).

use ratatui::crossterm::event::KeyCode;

use super::{Action, Context, KeyMap, Page, Trigger, defaults};
use crate::app::keys::Key;

use Context as C;

/// One action's new keys, as a key configuration gives them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remap {
    /// The action.
    pub action: Action,
    /// Its keys, instead of the defaults.
    pub keys: Vec<Key>,
}

/// Why a key configuration is refused: which remap, its action, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RemapError {
    /// The index of the [`Remap`] at fault, so that its place in the file can be named.
    pub remap: usize,
    /// Its action.
    pub action: Action,
    /// Why.
    pub why: Refusal,
}

/// Why a remap is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The action keeps its keys (the lock screen's any key, the fields' editing).
    Fixed,
    /// No key given.
    NoKey,
    /// Ctrl-C always quits.
    CtrlC,
    /// The key would mean two actions where both could fire.
    Clash {
        /// The key.
        key: Key,
        /// The other action on it.
        other: Action,
    },
    /// The key types or edits in a text field, where the action works too.
    Typed(Key),
}

/// The contexts whose keys are looked up together on `page`, as `App::on_key` asks
/// them: [`C::Always`], then [`C::Global`] (not on the lock screen), then
/// [`C::OffText`] on a screen with no text field, then the page's own context and
/// those it falls through to. One key bound to two actions among them would do one
/// of them only. A box and a lookup in flight take keys before the screen under them,
/// on purpose, so they are apart from it.
fn situation(page: Page) -> Vec<Context> {
    let before: &[Context] = match page {
        Page::Locked => &[C::Always],
        Page::Loading
        | Page::Help
        | Page::Recent
        | Page::CopyMenu
        | Page::Accounts
        | Page::CallNote
        | Page::Form
        | Page::Filter
        | Page::Dates
        | Page::Check => &[C::Always, C::Global],
        Page::Choose | Page::Detail | Page::Shipment => &[C::Always, C::Global, C::OffText],
    };
    before
        .iter()
        .copied()
        .chain(page.context().chain())
        .collect()
}

/// Every [`situation`], and the banner of a call waiting, which takes its keys before
/// the screen under it (on purpose) but after Ctrl-Q and before the global keys.
fn situations() -> impl Iterator<Item = Vec<Context>> {
    use strum::IntoEnumIterator;
    Page::iter()
        .map(situation)
        .chain([vec![C::Always, C::Call, C::Global]])
}

/// Whether keys bound in `context` are looked up while a text field has focus.
fn while_typing(context: Context) -> bool {
    context == C::Call || situations().any(|s| s.contains(&C::Text) && s.contains(&context))
}

/// Whether a text field does something with `key`: a character it types, or one of
/// tui-input's editing keys (and Ctrl-D, ↑ and ↓, which fields may come to use).
fn typed_or_edited(key: Key) -> bool {
    let printable = matches!(key.code, KeyCode::Char(_)) && key.modifiers.is_empty();
    let reserved = [
        Key::ctrl('d'),
        Key::bare(KeyCode::Up),
        Key::bare(KeyCode::Down),
    ];
    printable
        || reserved.contains(&key)
        || defaults::BINDINGS.iter().any(|(context, action, keys)| {
            *context == C::Text && *action == Action::Edit && keys.contains(&Trigger::Key(key))
        })
}

/// Whether the defaults bind `key` to `action` in `context`.
fn default_key(context: Context, action: Action, key: Key) -> bool {
    defaults::BINDINGS
        .iter()
        .any(|(c, a, keys)| *c == context && *a == action && keys.contains(&Trigger::Key(key)))
}

impl KeyMap {
    /// The defaults with each remap's action bound to its keys instead, in every
    /// context where it has keys (a box that any key closes still closes so). Refused
    /// when a remap names an action that keeps its keys, gives no key or Ctrl-C,
    /// puts a key on two actions that could both fire, or a key a text field types or
    /// edits on an action that works while one has focus (unless the default already
    /// binds it there).
    pub fn remapped(remaps: &[Remap]) -> Result<Self, RemapError> {
        let mut bindings = super::default_bindings();
        for (remap, Remap { action, keys }) in remaps.iter().enumerate() {
            let refuse = |why| RemapError {
                remap,
                action: *action,
                why,
            };
            if !action.remappable() {
                return Err(refuse(Refusal::Fixed));
            }
            if keys.is_empty() {
                return Err(refuse(Refusal::NoKey));
            }
            if keys.contains(&Key::ctrl('c')) {
                return Err(refuse(Refusal::CtrlC));
            }
            for binding in bindings.iter_mut().filter(|b| b.action == *action) {
                if !binding.keys.iter().any(|k| matches!(k, Trigger::Key(_))) {
                    continue;
                }
                let any = binding.keys.contains(&Trigger::Any);
                binding.keys = Vec::new();
                for key in keys {
                    if !binding.keys.contains(&Trigger::Key(*key)) {
                        binding.keys.push(Trigger::Key(*key));
                    }
                }
                if any {
                    binding.keys.push(Trigger::Any);
                }
            }
        }
        let map = Self::from_bindings(bindings);
        // The last remap first: of two on one key, the later line is said.
        for (remap, Remap { action, keys }) in remaps.iter().enumerate().rev() {
            let refuse = |why| RemapError {
                remap,
                action: *action,
                why,
            };
            for binding in map.bindings.iter().filter(|b| b.action == *action) {
                for key in keys {
                    if while_typing(binding.context)
                        && typed_or_edited(*key)
                        && !default_key(binding.context, *action, *key)
                    {
                        return Err(refuse(Refusal::Typed(*key)));
                    }
                    if let Some(other) = map.clash(binding.context, *action, *key) {
                        return Err(refuse(Refusal::Clash { key: *key, other }));
                    }
                }
            }
        }
        Ok(map)
    }

    /// Another action on `key` where `action` has it in `context` and both could
    /// fire.
    fn clash(&self, context: Context, action: Action, key: Key) -> Option<Action> {
        situations()
            .filter(|situation| situation.contains(&context))
            .flat_map(|situation| {
                self.bindings
                    .iter()
                    .filter(move |b| situation.contains(&b.context))
            })
            .find(|b| b.action != action && b.keys.contains(&Trigger::Key(key)))
            .map(|b| b.action)
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

    use crate::i18n::Lang;

    use super::*;

    fn remap(action: Action, keys: &[&str]) -> Remap {
        Remap {
            action,
            keys: keys.iter().filter_map(|k| Key::parse(k).ok()).collect(),
        }
    }

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn the_defaults_pass_their_own_checks() {
        let map = KeyMap::default();
        for binding in map.bindings() {
            for trigger in &binding.keys {
                if let Trigger::Key(key) = trigger {
                    assert_eq!(
                        map.clash(binding.context, binding.action, *key),
                        None,
                        "{binding:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_remap_replaces_the_keys_in_every_context_of_the_action() {
        let map = KeyMap::remapped(&[remap(Action::Refresh, &["f5"])]).unwrap();
        let f5 = press(KeyCode::F(5));
        for context in [C::Choose, C::Detail, C::Shipment] {
            assert_eq!(map.action(context, &f5), Some(Action::Refresh));
            assert_eq!(map.action(context, &press(KeyCode::Char('r'))), None);
            assert_eq!(map.key(context, Action::Refresh, Lang::En), "F5");
        }
        // Other actions keep theirs.
        assert_eq!(map.key(C::Detail, Action::Back, Lang::En), "Esc");
    }

    #[test]
    fn a_list_of_keys_binds_each_and_the_help_box_still_closes_on_any_key() {
        let map = KeyMap::remapped(&[
            remap(Action::CopySuite, &["y", "ctrl-y"]),
            remap(Action::CloseBox, &["f10"]),
        ])
        .unwrap();
        let ctrl_y = KeyEvent::new(KeyCode::Char('y'), KeyModifiers::CONTROL);
        assert_eq!(map.action(C::Detail, &ctrl_y), Some(Action::CopySuite));
        assert_eq!(map.label(C::Detail, "{copy_suite}", Lang::En), "y Ctrl-Y");
        assert_eq!(
            map.action(C::Help, &press(KeyCode::Char('x'))),
            Some(Action::CloseBox)
        );
        assert_eq!(map.action(C::Recent, &press(KeyCode::Esc)), None);
        assert_eq!(
            map.action(C::Recent, &press(KeyCode::F(10))),
            Some(Action::CloseBox)
        );
    }

    #[test]
    fn each_refusal_names_the_remap_at_fault() {
        use Action as A;
        use Refusal as R;
        let key = |k: &str| Key::parse(k).unwrap();
        let cases = [
            (
                vec![remap(A::Refresh, &["f5"]), remap(A::Wake, &["f6"])],
                (1, A::Wake, R::Fixed),
            ),
            (vec![remap(A::Edit, &["f6"])], (0, A::Edit, R::Fixed)),
            (vec![remap(A::Refresh, &[])], (0, A::Refresh, R::NoKey)),
            (vec![remap(A::Quit, &["ctrl-c"])], (0, A::Quit, R::CtrlC)),
            // Both on the detail view.
            (
                vec![remap(A::Refresh, &["q"])],
                (
                    0,
                    A::Refresh,
                    R::Clash {
                        key: key("q"),
                        other: A::Quit,
                    },
                ),
            ),
            // Everywhere, before the screen's own.
            (
                vec![remap(A::NextEnvironment, &["f1"])],
                (
                    0,
                    A::NextEnvironment,
                    R::Clash {
                        key: key("f1"),
                        other: A::Help,
                    },
                ),
            ),
            // Two remaps on one key.
            (
                vec![remap(A::Refresh, &["f5"]), remap(A::CopySuite, &["f5"])],
                (
                    1,
                    A::CopySuite,
                    R::Clash {
                        key: key("f5"),
                        other: A::Refresh,
                    },
                ),
            ),
            // Typed into the form's fields.
            (
                vec![remap(A::LookUp, &["f9", "x"])],
                (0, A::LookUp, R::Typed(key("x"))),
            ),
            (
                vec![remap(A::Help, &["f1", "?"])],
                (0, A::Help, R::Typed(key("?"))),
            ),
            (
                vec![remap(A::Quit, &["shift-q"])],
                (0, A::Quit, R::Typed(key("Q"))),
            ),
            // A field's editing key, on an action that works while typing.
            (
                vec![remap(A::RevealKeys, &["ctrl-k"])],
                (0, A::RevealKeys, R::Typed(key("ctrl-k"))),
            ),
            (
                vec![remap(A::NextEnvironment, &["home"])],
                (0, A::NextEnvironment, R::Typed(key("home"))),
            ),
        ];
        for (remaps, (remap, action, why)) in cases {
            assert_eq!(
                KeyMap::remapped(&remaps),
                Err(RemapError { remap, action, why }),
                "{remaps:?}"
            );
        }
    }

    #[test]
    fn keys_fields_leave_alone_and_defaults_where_they_were_pass() {
        let ok = [
            // Ctrl-Y edits fields, but copy_suite works off them only.
            vec![remap(Action::CopySuite, &["y", "ctrl-y"])],
            vec![remap(Action::Quit, &["f12"])],
            // A default key where the default has it.
            vec![remap(Action::Down, &["down", "ctrl-j"])],
            vec![remap(Action::Help, &["f1", "f13"])],
            // A box's key that the screen under it has too: the box comes first.
            vec![remap(Action::CloseBox, &["esc", "f10"])],
        ];
        for remaps in ok {
            assert!(KeyMap::remapped(&remaps).is_ok(), "{remaps:?}");
        }
    }
}
