//! Taking the terminal over and always giving it back.
//!
//! Every mode turned on here is turned off in [`restore`], each step on its own, so
//! one failing step (a closed tty, say) does not skip the others. The panic hook
//! restores first and reports after, so the report lands on a usable terminal.

use std::io::{self, Stdout, Write, stdout};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// The terminal the app draws on.
pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Installs the restoring panic hook, then enters raw mode, the alternate screen and
/// bracketed paste. On failure, whatever was turned on is turned off again.
pub fn init() -> io::Result<Tui> {
    install_panic_hook();
    enter()?;
    Terminal::new(CrosstermBackend::new(stdout())).inspect_err(|_| restore())
}

/// Enters raw mode, the alternate screen and bracketed paste (at start, and again
/// on resuming after a suspend). On failure, whatever was turned on is turned off.
pub fn enter() -> io::Result<()> {
    let entered = enable_raw_mode()
        .and_then(|()| execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste));
    if entered.is_err() {
        restore();
    }
    entered
}

/// Turns every mode [`init`] may have turned on back off, best-effort, step by step.
pub fn restore() {
    let mut out = stdout();
    // Errors are ignored on purpose: there is nowhere left to report them, and
    // every later step must still run.
    let _ = execute!(out, DisableBracketedPaste);
    let _ = execute!(out, DisableMouseCapture);
    let _ = execute!(out, LeaveAlternateScreen);
    let _ = execute!(out, Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

fn install_panic_hook() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        report(info);
    }));
}
