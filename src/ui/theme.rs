//! Every colour and style the app uses, in one place. No state is shown by colour
//! alone: each styled span also carries a word or a symbol.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;

use crate::app::{EnvChoice, EnvKind};
use crate::i18n::{self, Lang, Verifiable, msg};

/// Plain text.
pub(crate) fn text() -> Style {
    Style::new()
}

/// Field labels and other quiet text.
pub(crate) fn label() -> Style {
    Style::new().fg(Color::Gray)
}

/// Text of secondary importance (ids, hints).
pub(crate) fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// Titles and names.
pub(crate) fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// Success.
pub(crate) fn good() -> Style {
    Style::new().fg(Color::Green).add_modifier(Modifier::BOLD)
}

/// Failure, unverified, error objects.
pub(crate) fn bad() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

/// Something to note that is not a failure.
pub(crate) fn warn() -> Style {
    Style::new().fg(Color::Yellow)
}

/// A banner for failures on SkyPostal's side.
pub(crate) fn banner() -> Style {
    Style::new()
        .fg(Color::White)
        .bg(Color::Red)
        .add_modifier(Modifier::BOLD)
}

/// The focused field's frame and label.
pub(crate) fn focused() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

/// The highlighted row of a list, and the selected tab.
pub(crate) fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

/// The key names in the footer.
pub(crate) fn key() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

/// The environment badge: PROD is unmistakable.
pub(crate) fn environment(environment: &EnvChoice) -> Style {
    let base = Style::new().add_modifier(Modifier::BOLD);
    if environment.is_prod {
        return base.fg(Color::White).bg(Color::Red);
    }
    match environment.kind {
        EnvKind::Test => base.fg(Color::Black).bg(Color::Cyan),
        EnvKind::Demo => base.fg(Color::Black).bg(Color::Magenta),
        EnvKind::Other => base.fg(Color::Black).bg(Color::Yellow),
    }
}

/// `✔ VERIFIED` in green or `✘ UNVERIFIED` in red: symbol and word, never colour alone.
pub(crate) fn verification(lang: Lang, what: Verifiable, verified: Option<bool>) -> Span<'static> {
    match verified {
        Some(true) => Span::styled(format!("✔ {}", i18n::verified(lang, what, true)), good()),
        Some(false) => Span::styled(format!("✘ {}", i18n::verified(lang, what, false)), bad()),
        None => unknown(lang),
    }
}

/// A flag SkyPostal did not send (or sent as `null`).
pub(crate) fn unknown(lang: Lang) -> Span<'static> {
    Span::styled(format!("? {}", msg::flag::unknown(lang)), warn())
}
