//! Keys remapped in the config, working in the real terminal.

use super::Pty;

/// xterm's F9 and F12.
const F9: &str = "\x1b[20~";
const F12: &str = "\x1b[24~";

#[test]
fn a_remapped_key_looks_up_and_quits_and_the_footer_says_so() {
    let path = std::env::temp_dir().join(format!("skyview-pty-keys-{}.toml", std::process::id()));
    std::fs::write(&path, "[keys]\nlook_up = \"f9\"\nquit = \"f12\"\n").unwrap();
    let mut pty = Pty::spawn(&["--demo", "--config", path.to_str().unwrap()], 100, 24);
    pty.wait_for_text(&["Customer lookup", "811111", "F9 look up"]);
    pty.send(F9);
    pty.wait_for_text(&["John Doe", "F12 quit"]);
    pty.send(F12);
    let status = pty.wait_exit();
    std::fs::remove_file(&path).unwrap();
    assert!(status.success(), "exit status {status:?}");
    pty.assert_restored();
}
