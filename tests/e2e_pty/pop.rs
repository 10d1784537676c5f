//! A phone system pops calls into the window the agent has open: the real
//! `skyview pop` process, the real window in a PTY.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use super::{Pty, framed, quit_with_ctrl_c, runtime_dir};

/// `skyview pop args…` with pops going through `runtime`.
fn pop(runtime: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skyview"))
        .arg("pop")
        .args(args)
        .env("XDG_RUNTIME_DIR", runtime)
        .stdin(Stdio::null())
        .output()
        .expect("run skyview pop")
}

/// The demo window listening for pops through `runtime`, its form up.
fn window(runtime: &Path) -> Pty {
    let runtime = runtime.to_str().unwrap();
    let pty = Pty::spawn_with(&["--demo"], 80, 24, &[("XDG_RUNTIME_DIR", runtime)]);
    pty.wait_for_text(&["Customer lookup", "811111"]);
    pty
}

#[test]
fn a_pop_opens_the_caller_in_the_running_window() {
    let runtime = runtime_dir();
    let mut pty = window(&runtime);
    // Sent as soon as the form is drawn: pop retries until the window listens.
    let output = pop(&runtime, &["--email", "johndoe@email.com"]);
    assert!(
        output.status.success(),
        "{:?}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let screen = pty.wait_for_text(&["John Doe", "MX811111"]);
    assert!(!screen.contains("YpbCNpzq"), "{}", framed(&screen));
    quit_with_ctrl_c(&mut pty);
    // Once the window is gone, a pop finds none.
    let output = pop(&runtime, &["--email", "johndoe@email.com"]);
    assert_eq!(output.status.code(), Some(6));
}

#[test]
fn a_pop_while_the_agent_types_waits_behind_a_banner() {
    let runtime = runtime_dir();
    let mut pty = window(&runtime);
    // The agent is at work: a key moves the focus. The window must have taken it
    // before the pop comes, which goes another way and could overtake it.
    pty.send("\t");
    pty.wait_for_text(&["▸ App key"]);
    let output = pop(&runtime, &["--box-id", "MX811111", "--customer-key-stdin"]);
    // No key on standard input: the window opens the call with an empty key field.
    assert!(output.status.success(), "{output:?}");
    pty.wait_for_text(&["Incoming call: 811111", "Enter opens", "Esc ignores"]);
    pty.send("\x1b");
    pty.wait_for(
        |screen| !screen.contents().contains("Incoming call"),
        "the banner to go",
    );
    let output = pop(&runtime, &["--email", "johndoe@email.com"]);
    assert!(output.status.success(), "{output:?}");
    pty.wait_for_text(&["Incoming call: johndoe@…"]);
    pty.send("\r");
    pty.wait_for_text(&["John Doe", "MX811111"]);
    quit_with_ctrl_c(&mut pty);
}

#[test]
fn a_second_window_says_pops_go_to_the_first() {
    let runtime = runtime_dir();
    let mut first = window(&runtime);
    let output = pop(&runtime, &["--email", "nobody@email.com"]);
    assert!(
        output.status.success(),
        "the first window listens: {output:?}"
    );
    let mut second = window(&runtime);
    second.wait_for_text(&["pops go to the first skyview window"]);
    quit_with_ctrl_c(&mut second);
    quit_with_ctrl_c(&mut first);
}
