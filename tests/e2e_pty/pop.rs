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

/// The text of the last OSC 52 copy in `raw` (`ESC ] 52 ; c ; base64 ESC \`).
fn last_copy(raw: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(raw);
    let start = text.rfind("\x1b]52;c;")? + "\x1b]52;c;".len();
    let end = start + text[start..].find('\x1b')?;
    let mut bits = 0_u32;
    let mut count = 0;
    let mut bytes = Vec::new();
    for c in text[start..end].bytes().filter(|&c| c != b'=') {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(value);
        count += 6;
        if count >= 8 {
            count -= 8;
            bytes.push((bits >> count) as u8);
        }
    }
    String::from_utf8(bytes).ok()
}

/// A whole call at 80x24: the phone system pops it by e-mail, the agent checks birth
/// date and ZIP, opens the shipment (its latest scan on screen without scrolling) and
/// copies the call note.
#[test]
fn a_whole_call_from_pop_to_call_note() {
    let runtime = runtime_dir();
    let log = runtime.join("trace.log");
    let mut pty = Pty::spawn_with(
        &[
            "--demo",
            "--log-file",
            log.to_str().unwrap(),
            "--log-level",
            "trace",
        ],
        80,
        24,
        &[("XDG_RUNTIME_DIR", runtime.to_str().unwrap())],
    );
    pty.wait_for_text(&["Customer lookup", "811111"]);
    let output = pop(&runtime, &["--email", "johndoe@email.com"]);
    assert!(output.status.success(), "{output:?}");
    pty.wait_for_text(&["John Doe", "MX811111"]);
    pty.send("k");
    pty.wait_for_text(&["Check the caller"]);
    pty.send("19/08/1980\r");
    pty.wait_for_text(&["✔ matches"]);
    pty.send("\t\t998877\r\x1b");
    // Passed, the box closed: the header says so until the next customer.
    pty.wait_for_text(&["caller checked: birth date ✔ ZIP code ✔"]);
    pty.send("4");
    pty.wait_for_text(&["13869085"]);
    pty.send("\r");
    let screen = pty.wait_for_text(&["Latest scan", "MIA"]);
    assert!(
        screen.contains("Status") && screen.contains("(PAY)"),
        "{}",
        framed(&screen)
    );
    pty.send("w");
    pty.wait_for_text(&["Call note sent to the clipboard"]);
    let note = last_copy(&pty.raw()).expect("an OSC 52 copy");
    let lines: Vec<&str> = note.lines().collect();
    assert!(
        lines[0].starts_with("Call note · ") && lines[0].ends_with(" · DEMO"),
        "{note}"
    );
    assert_eq!(
        lines[1],
        "Customer: John Doe · suite MX811111 · cust_id 51736850"
    );
    assert_eq!(lines[2], "Caller check: passed (birth date ✔ ZIP code ✔)");
    assert!(
        lines[3].starts_with("Shipment 13869085: ") && lines[3].contains("latest scan"),
        "{note}"
    );
    quit_with_ctrl_c(&mut pty);
    // The log says which questions were asked and how many matched; never an answer,
    // a value on file or the note's text.
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("caller check answer"), "{logged}");
    assert!(
        logged.contains("birth_date") && logged.contains("zip"),
        "{logged}"
    );
    // Each line's timestamp can hold any digits (".198034Z"): only what follows it counts.
    let messages: Vec<&str> = logged
        .lines()
        .map(|line| line.split_once(' ').map_or(line, |(_, message)| message))
        .collect();
    for value in ["1980", "19/08", "998877", "11111111", "John Doe"] {
        assert!(
            !messages.iter().any(|message| message.contains(value)),
            "{value} in the log:\n{logged}"
        );
    }
}
