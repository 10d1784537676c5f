//! Taking the terminal over and always giving it back.
//!
//! Every mode turned on here is turned off in [`restore`], each step on its own, so
//! one failing step (a closed tty, say) does not skip the others. The panic hook
//! restores first and reports after, so the report lands on a usable terminal.

use std::io::{self, BufWriter, Stdout, Write, stdout};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{execute, queue};

/// The terminal the app draws on, through a buffer that holds a whole frame.
pub type Tui = Terminal<CrosstermBackend<Frames>>;

/// Bytes the frame buffer holds before it writes on its own: frames seen are 2 KB
/// or so; a larger one goes out in pieces this size.
const FRAME_BUFFER: usize = 64 * 1024;

/// Standard output through a buffer that holds a whole frame: ratatui flushes once a
/// frame, so a frame reaches the terminal in one write. Standard output on its own
/// writes every 1,024 bytes, each write waking the terminal (tmux) to read a piece of
/// a frame: the customer's frame (2 KB) went out in three.
///
/// What it still holds when dropped is dropped with it, unwritten: by then the
/// terminal is being given back, and bytes queued for the screen (the alternate
/// screen itself, before the first frame) must not reach it after [`restore`].
pub struct Frames(BufWriter<Stdout>);

impl Frames {
    fn new() -> Self {
        Self(BufWriter::with_capacity(FRAME_BUFFER, stdout()))
    }
}

impl Write for Frames {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl Drop for Frames {
    fn drop(&mut self) {
        // Taken apart, not flushed (see above): an empty buffer, which holds nothing
        // to write, takes its place for its own drop.
        let buffer = std::mem::replace(&mut self.0, BufWriter::with_capacity(0, stdout()));
        let _unwritten = buffer.into_parts();
    }
}

/// Installs the restoring panic hook, then enters raw mode, the alternate screen and
/// bracketed paste. On failure, whatever was turned on is turned off again.
///
/// The alternate screen and bracketed paste go out with the first frame, in its one
/// write, as `cat` would print them: a write of their own woke the terminal (tmux)
/// once more before the frame.
pub fn init() -> io::Result<Tui> {
    install_panic_hook();
    let entered = enable_raw_mode().and_then(|()| {
        let mut tui = Terminal::new(CrosstermBackend::new(Frames::new()))?;
        queue!(
            tui.backend_mut(),
            EnterAlternateScreen,
            EnableBracketedPaste
        )?;
        Ok(tui)
    });
    entered.inspect_err(|_| restore())
}

/// Enters raw mode, the alternate screen and bracketed paste again, on resuming after
/// a suspend. On failure, whatever was turned on is turned off.
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

/// Input the terminal holds that crossterm has not read. crossterm 0.29 reads at most
/// 1,024 bytes each time its edge-triggered poll wakes it, then waits for the next
/// wake-up, which comes only with new input: after an unbracketed paste or a burst
/// of wheel events, the rest waited for the next key (its fix, crossterm's PR #1057,
/// is not released). Setting the terminal's modes again, unchanged, is such a
/// wake-up: the kernel wakes whoever waits to read the terminal, and crossterm reads
/// on, without blocking anyone.
#[cfg(unix)]
pub struct Unread {
    /// The terminal crossterm reads: standard input when it is one, else `/dev/tty`.
    tty: Tty,
}

#[cfg(unix)]
enum Tty {
    Stdin(io::Stdin),
    DevTty(std::fs::File),
}

#[cfg(unix)]
impl Unread {
    /// Watches the terminal crossterm reads; `None` when there is none to watch.
    pub fn new() -> Option<Self> {
        use std::io::IsTerminal;
        let tty = if io::stdin().is_terminal() {
            Tty::Stdin(io::stdin())
        } else {
            Tty::DevTty(std::fs::File::open("/dev/tty").ok()?)
        };
        Some(Self { tty })
    }

    fn fd(&self) -> std::os::fd::BorrowedFd<'_> {
        use std::os::fd::AsFd;
        match &self.tty {
            Tty::Stdin(stdin) => stdin.as_fd(),
            Tty::DevTty(file) => file.as_fd(),
        }
    }

    /// When input is waiting unread, wakes crossterm's reader to read it and says
    /// so; never blocks.
    pub fn wake_reader(&self) -> bool {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        use rustix::termios::{OptionalActions, tcgetattr, tcsetattr};
        let fd = self.fd();
        let mut fds = [PollFd::new(&fd, PollFlags::IN)];
        let now = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        let waiting = poll(&mut fds, Some(&now)).is_ok_and(|ready| ready > 0)
            && fds
                .first()
                .is_some_and(|fd| fd.revents().contains(PollFlags::IN));
        if !waiting {
            return false;
        }
        match tcgetattr(fd).and_then(|modes| tcsetattr(fd, OptionalActions::Now, &modes)) {
            Ok(()) => true,
            Err(error) => {
                tracing::debug!(%error, "could not wake the input reader");
                false
            }
        }
    }
}

/// Elsewhere crossterm's reader has no such gap: nothing to watch.
#[cfg(not(unix))]
pub struct Unread;

#[cfg(not(unix))]
impl Unread {
    /// Nothing to watch.
    pub fn new() -> Option<Self> {
        None
    }

    /// Never anything to wake.
    pub fn wake_reader(&self) -> bool {
        false
    }
}
