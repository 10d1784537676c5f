// The PTY's termios and the signals sent here are Unix's: on Windows the same
// behaviour is checked by scripts/check-windows.sh and by hand (docs/windows.md).
#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! End to end: the real `skyview` binary in a pseudo-terminal, driven with keys and
//! read back through a vt100 emulator.
//!
//! Every step waits for something visible on the emulated screen (or for the process
//! to exit), never for a fixed time, so the tests are as fast as the app and do not
//! flake on a slow machine; each wait gives up after [`DEADLINE`] and prints the screen.
//! The app writes a frame in several pieces and the reader thread parses each as it
//! comes, so a step's wait holds everything that step checks on its new frame: a
//! check made after the wait could see half of it.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

#[path = "e2e_pty/keys.rs"]
mod keys;
#[path = "e2e_pty/language.rs"]
mod language;
#[path = "e2e_pty/pop.rs"]
mod pop;

use nix::sys::termios::LocalFlags;
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long any one wait may take before the test fails.
const DEADLINE: Duration = Duration::from_secs(10);
/// How often a wait looks at the screen again.
const POLL: Duration = Duration::from_millis(10);

/// Environment variables that would override the demo's prefilled form.
const PREFILL_VARS: [&str; 4] = [
    "SKYPOSTAL_USER_CODE",
    "SKYPOSTAL_APP_KEY",
    "SKYPOSTAL_BOX_ID",
    "SKYPOSTAL_CUSTOMER_KEY",
];

/// What the reader thread and the test share.
struct Shared {
    parser: vt100::Parser,
    /// Every byte the app wrote, for sequences the emulator does not keep (OSC 52).
    raw: Vec<u8>,
    /// Set once the PTY's output ended (every slave side closed: the app exited).
    eof: bool,
}

/// The app running in a PTY, with everything it printed parsed into a screen.
struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    shared: Arc<Mutex<Shared>>,
    reader: Option<JoinHandle<()>>,
    /// Where the app listens for pops unless the test named another place; removed
    /// once the app is gone.
    _runtime: RuntimeDir,
}

impl Pty {
    /// Starts `skyview args…` in a `cols`x`rows` PTY with TERM=xterm-256color,
    /// outside tmux.
    fn spawn(args: &[&str], cols: u16, rows: u16) -> Self {
        Self::spawn_with(args, cols, rows, &[])
    }

    /// [`Pty::spawn`] with extra environment variables.
    fn spawn_with(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Self {
        Self::spawn_program(env!("CARGO_BIN_EXE_skyview"), args, cols, rows, env)
    }

    /// [`Pty::spawn_with`] for any program.
    fn spawn_program(
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        // A fresh PTY is in cooked mode: the restore check below relies on it.
        let before = pair
            .master
            .get_termios()
            .expect("read the new pty's termios");
        assert!(
            before
                .local_flags
                .contains(LocalFlags::ICANON | LocalFlags::ECHO),
            "a new pty should start with ICANON and ECHO: {:?}",
            before.local_flags
        );

        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.env("TERM", "xterm-256color");
        // No locale: English, unless a test sets one.
        let others = ["TMUX", "NO_COLOR", "LC_ALL", "LC_MESSAGES", "LANG"];
        for var in PREFILL_VARS.iter().chain(&others) {
            command.env_remove(var);
        }
        // Each app listens for pops in a place of its own, unless a test shares one:
        // apps of tests running side by side must not find each other.
        let runtime = runtime_dir();
        command.env("XDG_RUNTIME_DIR", &*runtime);
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pair.slave.spawn_command(command).expect("spawn skyview");
        // Only the child may hold the slave side, so its exit ends the output.
        drop(pair.slave);

        let shared = Arc::new(Mutex::new(Shared {
            parser: vt100::Parser::new(
                NonZeroU16::new(rows).expect("rows > 0"),
                NonZeroU16::new(cols).expect("cols > 0"),
                0,
            ),
            raw: Vec::new(),
            eof: false,
        }));
        let mut output = pair.master.try_clone_reader().expect("pty reader");
        let reader = std::thread::spawn({
            let shared = Arc::clone(&shared);
            move || {
                let mut buf = [0_u8; 8192];
                loop {
                    match output.read(&mut buf) {
                        // Linux answers EIO once the slave side is closed.
                        Ok(0) => break,
                        Ok(n) => {
                            let mut shared = lock(&shared);
                            shared.parser.process(&buf[..n]);
                            shared.raw.extend_from_slice(&buf[..n]);
                        }
                        Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(_) => break,
                    }
                }
                lock(&shared).eof = true;
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Self {
            master: pair.master,
            writer,
            child,
            shared,
            reader: Some(reader),
            _runtime: runtime,
        }
    }

    /// Types `keys` into the terminal.
    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// Everything the app wrote so far, as bytes.
    fn raw(&self) -> Vec<u8> {
        lock(&self.shared).raw.clone()
    }

    /// The screen's text, one line per row.
    fn contents(&self) -> String {
        lock(&self.shared).parser.screen().contents()
    }

    /// Polls the parsed screen until `condition` holds; fails, printing the screen,
    /// after [`DEADLINE`] or if the app's output ends first. Returns the screen text.
    fn wait_for(&self, condition: impl Fn(&vt100::Screen) -> bool, what: &str) -> String {
        let start = Instant::now();
        loop {
            {
                let shared = lock(&self.shared);
                let screen = shared.parser.screen();
                if condition(screen) {
                    return screen.contents();
                }
                if shared.eof {
                    panic!(
                        "the app's output ended while waiting for {what}; screen:\n{}",
                        framed(&screen.contents())
                    );
                }
            }
            if start.elapsed() > DEADLINE {
                panic!(
                    "timed out after {DEADLINE:?} waiting for {what}; screen:\n{}",
                    framed(&self.contents())
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until every one of `texts` is on screen.
    fn wait_for_text(&self, texts: &[&str]) -> String {
        let what = format!("{texts:?} on screen");
        self.wait_for(
            |screen| {
                let contents = screen.contents();
                texts.iter().all(|t| contents.contains(t))
            },
            &what,
        )
    }

    /// Waits for the app to exit and for all of its output to be parsed; returns its
    /// exit status. Fails (and kills it) after [`DEADLINE`].
    fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                break status;
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!(
                    "the app did not exit within {DEADLINE:?}; screen:\n{}",
                    framed(&self.contents())
                );
            }
            std::thread::sleep(POLL);
        };
        // The exit closed the slave side: the reader sees the end of the output, so
        // everything the app wrote while restoring the terminal is parsed.
        let start = Instant::now();
        while !lock(&self.shared).eof {
            if start.elapsed() > DEADLINE {
                panic!(
                    "the app exited ({status:?}) but its output did not end within \
                     {DEADLINE:?}; screen:\n{}",
                    framed(&self.contents())
                );
            }
            std::thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread panicked");
        }
        status
    }

    /// Sends `signal` to the app.
    fn signal(&self, signal: nix::sys::signal::Signal) {
        let pid = self.child.process_id().expect("the child's pid");
        let pid = nix::unistd::Pid::from_raw(i32::try_from(pid).unwrap());
        nix::sys::signal::kill(pid, signal).expect("send the signal");
    }

    /// Polls until the app is stopped (job control), failing after [`DEADLINE`].
    fn wait_until_stopped(&self, after: &str) {
        let pid = self.child.process_id().expect("the child's pid");
        let start = Instant::now();
        loop {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // The state follows the parenthesised command name: `T` is stopped.
            if stat
                .rsplit_once(") ")
                .is_some_and(|(_, rest)| rest.starts_with('T'))
            {
                return;
            }
            if start.elapsed() > DEADLINE {
                panic!(
                    "the app did not stop after {after}; screen:\n{}",
                    framed(&self.contents())
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Asserts the app has the terminal: alternate screen, bracketed paste, raw mode.
    /// Checked mid-run so that [`Pty::assert_restored`] cannot pass by accident.
    fn assert_taken_over(&self) {
        {
            let shared = lock(&self.shared);
            let screen = shared.parser.screen();
            assert!(screen.alternate_screen(), "not on the alternate screen");
            assert!(screen.bracketed_paste(), "bracketed paste not enabled");
        }
        let termios = self.master.get_termios().expect("read the pty's termios");
        assert!(
            !termios
                .local_flags
                .intersects(LocalFlags::ICANON | LocalFlags::ECHO),
            "not in raw mode: local flags {:?}",
            termios.local_flags
        );
    }

    /// Asserts the terminal is as the app found it: main screen, visible cursor, no
    /// bracketed paste or mouse reporting, and the line discipline out of raw mode.
    /// Everything the app wrote must have been parsed: it exited ([`Pty::wait_exit`])
    /// or the screen showed it restored ([`modes_still_on`]).
    fn assert_restored(&self) {
        {
            let shared = lock(&self.shared);
            let screen = shared.parser.screen();
            let contents = framed(&screen.contents());
            let still_on = modes_still_on(screen);
            assert!(still_on.is_empty(), "still on: {still_on:?}\n{contents}");
            assert!(
                !contents.contains("panicked") && !contents.contains("skyview:"),
                "the app reported a failure:\n{contents}"
            );
        }
        let termios = self
            .master
            .get_termios()
            .expect("read the pty's termios after exit");
        assert!(
            termios
                .local_flags
                .contains(LocalFlags::ICANON | LocalFlags::ECHO),
            "raw mode was not left: local flags {:?}",
            termios.local_flags
        );
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A failed test must not leave the app running.
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        if let Some(reader) = self.reader.take()
            && lock(&self.shared).eof
        {
            let _ = reader.join();
        }
    }
}

/// The modes the app turns on that `screen` still shows on; none once the terminal
/// is given back.
fn modes_still_on(screen: &vt100::Screen) -> Vec<&'static str> {
    [
        (screen.alternate_screen(), "alternate screen"),
        (screen.hide_cursor(), "hidden cursor"),
        (screen.bracketed_paste(), "bracketed paste"),
        (
            screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None,
            "mouse reporting",
        ),
    ]
    .into_iter()
    .filter_map(|(on, mode)| on.then_some(mode))
    .collect()
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    // A panic while holding the lock is already a failed test; keep the screen.
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A private directory for pop endpoints, as a session's `$XDG_RUNTIME_DIR`; removed,
/// with whatever the apps left in it, when dropped.
struct RuntimeDir(std::path::PathBuf);

impl std::ops::Deref for RuntimeDir {
    type Target = std::path::Path;

    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for RuntimeDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A new [`RuntimeDir`].
fn runtime_dir() -> RuntimeDir {
    use std::os::unix::fs::DirBuilderExt;
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("skyview-e2e-{}-{n}", std::process::id()));
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&dir)
        .expect("create a runtime directory");
    RuntimeDir(dir)
}

/// The screen text between rulers, for failure messages.
fn framed(contents: &str) -> String {
    format!("----------\n{contents}\n----------")
}

/// Ctrl-C quits from anywhere, with status 0 and the terminal restored.
fn quit_with_ctrl_c(pty: &mut Pty) {
    pty.send("\x03");
    let status = pty.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    pty.assert_restored();
}

/// Waits for the form, then for the agent's Enter to bring John Doe up.
fn look_john_up(pty: &mut Pty) {
    pty.wait_for_text(&["Customer lookup", "811111"]);
    pty.send("\r");
    pty.wait_for_text(&["John Doe"]);
}

#[test]
fn demo_lookup_walks_the_tabs_and_q_restores_the_terminal() {
    let mut pty = Pty::spawn(&["--demo"], 80, 24);
    look_john_up(&mut pty);
    // The Profile tab says the customer is verified.
    pty.wait_for_text(&["1980-08-19", "✔ VERIFIED"]);
    pty.assert_taken_over();

    pty.send("2");
    pty.wait_for_text(&["Calvillo"]);
    pty.send("3");
    pty.wait_for_text(&["landline", "mobile"]);
    pty.send("q");

    let status = pty.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    pty.assert_restored();
}

#[test]
fn esc_goes_back_to_the_form_with_its_values_and_ctrl_c_quits() {
    let mut pty = Pty::spawn(&["--demo"], 80, 24);
    look_john_up(&mut pty);

    pty.send("\x1b");
    pty.wait_for(
        |screen| {
            let contents = screen.contents();
            contents.contains("Customer lookup")
                && !contents.contains("John Doe")
                && contents.contains("811111")
                && contents.contains("396")
        },
        "the form back with its values, without the detail view",
    );

    quit_with_ctrl_c(&mut pty);
}

#[test]
fn bracketed_paste_fills_the_field_and_its_newline_does_not_submit() {
    let mut pty = Pty::spawn(&["--demo"], 80, 24);
    pty.wait_for_text(&["Customer lookup", "▸ User code"]);
    pty.send("\t\t");
    pty.wait_for_text(&["▸ Customer: box id, suite or e-mail"]);
    pty.send("\x15");
    pty.wait_for(
        |screen| !screen.contents().contains("811111"),
        "the box id field cleared",
    );

    pty.send("\x1b[200~  822222\n\x1b[201~");
    pty.wait_for_text(&["822222"]);
    // Keys are handled in order: once Ctrl-R's effect shows, an Enter hidden in the
    // paste would already have sent a lookup (spinner, then a notice).
    pty.send("\x12");
    let screen = pty.wait_for_text(&["(shown)"]);
    for sign_of_a_lookup in ["Looking up", "rejected", "No customer", "John Doe"] {
        assert!(
            !screen.contains(sign_of_a_lookup),
            "the paste submitted the form ({sign_of_a_lookup:?} on screen):\n{}",
            framed(&screen)
        );
    }
    assert!(
        screen.contains("Customer lookup")
            && screen.contains("▸ Customer: box id, suite or e-mail"),
        "focus should stay on the box id field:\n{}",
        framed(&screen)
    );

    quit_with_ctrl_c(&mut pty);
}

#[test]
fn wrong_customer_key_says_so_and_keeps_the_form() {
    let mut pty = Pty::spawn(&["--demo"], 120, 40);
    pty.wait_for_text(&["Customer lookup", "▸ User code"]);
    pty.send("\t\t\t");
    pty.wait_for_text(&["▸ Customer key"]);
    pty.send("\x15");
    pty.send("wrongkey");
    // Eight characters do not look like a customer key: the field says so.
    pty.wait_for_text(&["customer keys are usually 44 base64 characters"]);
    pty.send("\r");

    let screen = pty.wait_for_text(&["rejected these customer credentials"]);
    assert!(
        screen.contains("811111") && screen.contains("Customer lookup"),
        "the form and its box id should stay:\n{}",
        framed(&screen)
    );
    assert!(
        !screen.contains("John Doe"),
        "no customer should show:\n{}",
        framed(&screen)
    );

    quit_with_ctrl_c(&mut pty);
}

/// SIGTERM, SIGHUP and SIGINT from outside (a closed SSH session, a supervisor's
/// `kill`) end the app cleanly, with the terminal given back.
#[test]
fn terminating_signals_restore_the_terminal() {
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;

    for signal in [Signal::SIGTERM, Signal::SIGHUP, Signal::SIGINT] {
        let mut pty = Pty::spawn(&["--demo"], 80, 24);
        look_john_up(&mut pty);
        pty.assert_taken_over();
        let pid = pty.child.process_id().expect("the child's pid");
        kill(Pid::from_raw(i32::try_from(pid).unwrap()), signal).expect("send the signal");
        let status = pty.wait_exit();
        assert!(status.success(), "{signal}: exit status {status:?}");
        pty.assert_restored();
    }
}

/// Too small a window says so instead of drawing a broken layout, and growing it
/// brings the form back.
#[test]
fn a_tiny_terminal_says_so_and_resizing_redraws() {
    let mut pty = Pty::spawn(&["--demo"], 20, 5);
    pty.wait_for_text(&["too small"]);
    let size = PtySize {
        rows: 24,
        cols: 80,
        pixel_width: 0,
        pixel_height: 0,
    };
    {
        // The emulator takes the new size before the app can learn it: a frame for
        // 80x24 parsed at 20x5 would be garbled for good, with nothing drawn after.
        let mut shared = lock(&pty.shared);
        shared
            .parser
            .screen_mut()
            .set_size(NonZeroU16::new(24).unwrap(), NonZeroU16::new(80).unwrap());
        pty.master.resize(size).expect("resize the pty");
    }
    pty.wait_for_text(&["Customer lookup", "811111"]);
    quit_with_ctrl_c(&mut pty);
}

/// The most verbose log of a whole lookup holds neither secret and none of the
/// customer's personal data, but does record that the lookup happened.
#[test]
fn a_trace_log_of_a_lookup_holds_no_secret_and_no_personal_data() {
    let log = std::env::temp_dir().join(format!("skyview-e2e-{}.log", std::process::id()));
    let _ = std::fs::remove_file(&log);
    let log_arg = log.to_str().unwrap();
    let mut pty = Pty::spawn(
        &["--demo", "--log-file", log_arg, "--log-level", "trace"],
        80,
        24,
    );
    look_john_up(&mut pty);
    pty.send("2");
    pty.wait_for_text(&["Calvillo"]);
    // A copy is logged by what it was, never by the text copied.
    pty.send("y");
    pty.wait_for_text(&["Copied box suite"]);
    pty.send("q");
    assert!(pty.wait_exit().success());

    let written = std::fs::read_to_string(&log).expect("the log file was written");
    let _ = std::fs::remove_file(&log);
    assert!(written.contains("lookup answered"), "log:\n{written}");
    assert!(
        written.contains("copied to the clipboard"),
        "log:\n{written}"
    );
    for private in [
        skyview::demo::DEMO_APP_KEY,
        skyview::demo::DEMO_CUSTOMER_KEY,
        "John",
        "JOHNDOE@EMAIL.COM",
        "11111111",
        "Calvillo",
        "123 Fake St.",
        "123456789",
        "51736850",
        "MX811111",
    ] {
        assert!(
            !written.contains(private),
            "the log holds {private:?}:\n{written}"
        );
    }
}

/// Whether `needle` occurs in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// OSC 52 with base64("MX811111"), as the terminal must receive it.
const OSC52_SUITE: &[u8] = b"\x1b]52;c;TVg4MTExMTE=\x1b\\";

/// `y` in the detail view puts the box suite on the agent's clipboard through the
/// terminal (OSC 52), and the footer says so.
#[test]
fn y_copies_the_suite_through_osc_52() {
    let mut pty = Pty::spawn(&["--demo"], 80, 24);
    look_john_up(&mut pty);
    assert!(!contains(&pty.raw(), b"\x1b]52;"), "copied before y");
    pty.send("y");
    pty.wait_for_text(&["Copied box suite MX811111"]);
    let raw = pty.raw();
    assert!(
        contains(&raw, OSC52_SUITE),
        "no OSC 52 with base64(MX811111) in the output"
    );
    assert!(!contains(&raw, b"\x1bPtmux;"), "tmux wrapping outside tmux");
    // The next key clears the toast.
    pty.send("2");
    pty.wait_for(
        |screen| !screen.contents().contains("Copied box suite"),
        "the toast gone after the next key",
    );
    pty.send("q");
    assert!(pty.wait_exit().success());
    pty.assert_restored();
}

/// Inside tmux the sequence also goes out wrapped for tmux's passthrough.
#[test]
fn inside_tmux_the_copy_is_also_wrapped_for_passthrough() {
    let mut pty = Pty::spawn_with(&["--demo"], 80, 24, &[("TMUX", "/tmp/tmux-0/default,1,0")]);
    look_john_up(&mut pty);
    pty.send("y");
    pty.wait_for_text(&["Copied box suite MX811111"]);
    let raw = pty.raw();
    assert!(contains(&raw, OSC52_SUITE));
    assert!(contains(
        &raw,
        b"\x1bPtmux;\x1b\x1b]52;c;TVg4MTExMTE=\x1b\x1b\\\x1b\\"
    ));
    quit_with_ctrl_c(&mut pty);
}

/// After `--idle-lock` without input the customer and the customer key are gone
/// from the screen, the screen says why, and a key brings the form back with the
/// partner credentials and box id kept.
///
/// The lock itself is tested in src/runtime/tests.rs on a TestBackend in paused
/// time; this checks the flag reaches it.
#[test]
fn idle_lock_wipes_the_customer_after_idle_lock_without_input() {
    let mut pty = Pty::spawn(&["--demo", "--idle-lock", "2s"], 80, 24);
    look_john_up(&mut pty);
    pty.wait_for(
        |screen| {
            let contents = screen.contents();
            contents.contains("Locked after 2 s without input") && !contents.contains("John Doe")
        },
        "the lock screen, without the customer",
    );
    pty.send(" ");
    let form = pty.wait_for_text(&["Customer lookup", "▸ Customer key", "811111", "396"]);
    assert!(
        !form.contains("••••••••••••••••••••••••••••••••••••••••••••"),
        "the customer key should be empty:\n{}",
        framed(&form)
    );
    quit_with_ctrl_c(&mut pty);
}

/// `NO_COLOR=1`: not one cell of the real terminal has a colour, and the states still
/// read in words.
#[test]
fn no_color_shows_no_colour_anywhere() {
    let mut pty = Pty::spawn_with(&["--demo"], 80, 24, &[("NO_COLOR", "1")]);
    look_john_up(&mut pty);
    pty.wait_for_text(&["✔ VERIFIED"]);
    {
        let shared = lock(&pty.shared);
        let screen = shared.parser.screen();
        for row in 0..24 {
            for col in 0..80 {
                let Some(cell) = screen.cell(row, col) else {
                    continue;
                };
                assert_eq!(cell.fgcolor(), vt100::Color::Default, "fg at {row},{col}");
                assert_eq!(cell.bgcolor(), vt100::Color::Default, "bg at {row},{col}");
            }
        }
    }
    quit_with_ctrl_c(&mut pty);
}

/// Set in the child that [`a_panic_restores_the_terminal_then_reports`] starts.
const PANIC_CHILD: &str = "SKYVIEW_E2E_PANIC_CHILD";

/// Not a test of its own: in the child process, takes the terminal over exactly as the
/// app does, then panics. Without the variable it does nothing.
#[test]
fn panic_child() {
    if std::env::var_os(PANIC_CHILD).is_none() {
        return;
    }
    let mut terminal = skyview::terminal::init().expect("take the terminal over");
    // A frame, so that every mode the app turns on has reached the terminal (the
    // alternate screen and bracketed paste go out with the first frame).
    terminal.draw(|_| {}).expect("draw a frame");
    panic!("deliberate panic to test the terminal restore");
}

/// A panic restores the terminal first and reports after, so the report is readable
/// on a working terminal. (The app's own binary has no way to panic on purpose; this
/// runs the same `terminal::init` and panic hook in this test binary.)
#[test]
fn a_panic_restores_the_terminal_then_reports() {
    let me = std::env::current_exe().expect("this test binary");
    let mut pty = Pty::spawn_program(
        me.to_str().expect("a UTF-8 path"),
        &["--exact", "panic_child", "--nocapture", "--test-threads=1"],
        80,
        24,
        &[(PANIC_CHILD, "1"), ("RUST_BACKTRACE", "0")],
    );
    let status = pty.wait_exit();
    assert!(
        !status.success(),
        "the child should have failed: {status:?}"
    );
    let shared = lock(&pty.shared);
    let screen = shared.parser.screen();
    let contents = screen.contents();
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "cursor still hidden");
    assert!(!screen.bracketed_paste(), "bracketed paste still on");
    // The report went to the main screen, after the restore, so it is visible.
    assert!(
        contents.contains("deliberate panic to test the terminal restore"),
        "{}",
        framed(&contents)
    );
    drop(shared);
    let termios = pty.master.get_termios().expect("the pty's termios");
    assert!(
        termios
            .local_flags
            .contains(LocalFlags::ICANON | LocalFlags::ECHO),
        "raw mode was not left: {:?}",
        termios.local_flags
    );
}

/// A phone system opens skyview on the caller by e-mail: John Doe shows without a
/// key typed, and no key is drawn.
#[test]
fn demo_email_lookup_at_start_opens_the_caller() {
    let mut pty = Pty::spawn(
        &["--demo", "--email", "johndoe@email.com", "--lookup"],
        120,
        40,
    );
    let screen = pty.wait_for_text(&["John Doe", "811111"]);
    assert!(
        !screen.contains("YpbCNpzq"),
        "a customer key is on screen:\n{}",
        framed(&screen)
    );
    quit_with_ctrl_c(&mut pty);
}

/// A long paste into a field, then a long text typed as keys (a barcode reader, a
/// terminal without bracketed paste): each is cut at the field's cap, the field says
/// so, and the app answers the next key at once. (Each burst stays within the PTY's
/// input buffer; that a megabyte costs milliseconds is tested in `app::limits`.)
#[test]
fn a_long_paste_or_flood_of_keys_stops_at_the_field_cap() {
    const FULL: &str = "at most 256 characters: the rest was not taken";
    let mut pty = Pty::spawn(&["--demo"], 100, 30);
    pty.wait_for_text(&["Customer lookup", "▸ User code"]);
    pty.send("\t\t\t");
    pty.wait_for_text(&["▸ Customer key"]);
    pty.send("\x15");
    pty.send(&format!("\x1b[200~{}\x1b[201~", "k".repeat(600)));
    pty.wait_for_text(&[FULL]);

    pty.send("\t\t");
    pty.wait_for_text(&["▸ App key"]);
    pty.send("\x15");
    pty.send(&"a".repeat(600));
    // The customer key still says so: now both fields do.
    pty.wait_for(
        |screen| screen.contents().matches(FULL).count() == 2,
        "both fields saying they are full",
    );
    // Keys are handled in order: Ctrl-R's effect shows only once the flood is done.
    pty.send("\x12");
    let screen = pty.wait_for_text(&["(shown)"]);
    assert!(!screen.contains(&"a".repeat(257)), "{}", framed(&screen));
    quit_with_ctrl_c(&mut pty);
}

/// An unbracketed paste of 1,100 characters, then a burst of 200 wheel events, are
/// read to their end at once: the Tab that ends the paste moves the focus, and the
/// key after the burst acts, without another key to push them through (crossterm
/// 0.29 left what came after its first 1,024 bytes unread until the next key).
#[test]
fn input_after_a_long_burst_is_read_at_once() {
    let mut pty = Pty::spawn(&["--demo", "--mouse"], 100, 30);
    pty.wait_for_text(&["Customer lookup", "▸ User code"]);
    // 1,100 keys: the field filled, then emptied, then the user code and Tab.
    pty.send(&format!("{}\x15396\t", "1".repeat(1_095)));
    pty.wait_for_text(&["▸ App key"]);
    pty.send("\r");
    pty.wait_for_text(&["John Doe", "1 Profile"]);
    // 200 turns of the wheel (SGR mouse reports), then `3`: the Phones tab.
    let wheel = "\x1b[<65;10;10M".repeat(200);
    pty.send(&format!("{wheel}3"));
    pty.wait_for_text(&["mobile"]);
    quit_with_ctrl_c(&mut pty);
}

/// Keys typed while the app starts, before its first frame or before it reads the
/// terminal, are kept for it: crossterm's reader starts after the first frame.
#[test]
fn keys_typed_while_the_app_starts_are_not_lost() {
    let mut pty = Pty::spawn(&["--demo", "--mouse"], 100, 30);
    // Sent at once, without waiting for anything: the user code's field has focus,
    // and holds the demo's 396.
    pty.send("78");
    pty.wait_for_text(&["Customer lookup", "▸ User code", "39678"]);
    quit_with_ctrl_c(&mut pty);
}

/// Every other signal whose default ends the process (SIGQUIT, SIGUSR1…) also ends
/// the app with the terminal given back.
#[test]
fn other_terminating_signals_restore_the_terminal() {
    use nix::sys::signal::Signal;

    for signal in [
        Signal::SIGQUIT,
        Signal::SIGUSR1,
        Signal::SIGUSR2,
        Signal::SIGALRM,
        Signal::SIGVTALRM,
        Signal::SIGPROF,
        Signal::SIGXCPU,
        Signal::SIGXFSZ,
    ] {
        let mut pty = Pty::spawn(&["--demo"], 80, 24);
        pty.wait_for_text(&["Customer lookup", "811111"]);
        pty.assert_taken_over();
        pty.signal(signal);
        let status = pty.wait_exit();
        assert!(status.success(), "{signal}: exit status {status:?}");
        pty.assert_restored();
    }
}

/// The shell's job control (SIGTSTP) and Ctrl-Z suspend as full-screen programs do:
/// the terminal is given back before the process stops, and on `fg` (SIGCONT) it is
/// taken over again and everything is drawn anew.
#[test]
fn suspend_gives_the_terminal_back_and_resume_redraws() {
    use nix::sys::signal::Signal;

    let mut pty = Pty::spawn(&["--demo"], 80, 24);
    look_john_up(&mut pty);
    for suspend in ["SIGTSTP", "Ctrl-Z"] {
        if suspend == "Ctrl-Z" {
            pty.send("\x1a");
        } else {
            pty.signal(Signal::SIGTSTP);
        }
        pty.wait_until_stopped(suspend);
        // Stopped, the app writes nothing more, but what it wrote before stopping may
        // still be on its way through the PTY to the reader thread.
        pty.wait_for(
            |screen| modes_still_on(screen).is_empty(),
            "the terminal given back while stopped",
        );
        pty.assert_restored();
        pty.signal(Signal::SIGCONT);
        pty.wait_for(
            |screen| screen.alternate_screen() && screen.contents().contains("John Doe"),
            "the detail view drawn again after resuming",
        );
        pty.assert_taken_over();
    }
    pty.send("2");
    pty.wait_for_text(&["Calvillo"]);
    quit_with_ctrl_c(&mut pty);
}

/// A log file that cannot be written (a full disk) never writes over the screen: the
/// failure shows once, in the footer, and logging stops.
#[test]
fn a_failing_log_file_says_so_in_the_footer_and_never_on_the_screen() {
    let mut pty = Pty::spawn(
        &["--demo", "--log-file", "/dev/full", "--log-level", "trace"],
        100,
        30,
    );
    pty.wait_for_text(&["log file /dev/full cannot be written", "logging stopped"]);
    look_john_up(&mut pty);
    pty.send("2");
    let screen = pty.wait_for_text(&["Calvillo"]);
    assert!(!screen.contains("Unable to write"), "{}", framed(&screen));
    pty.send("q");
    assert!(pty.wait_exit().success());
    let raw = String::from_utf8_lossy(&pty.raw()).into_owned();
    assert!(!raw.contains("Unable to write"), "{raw}");
}
