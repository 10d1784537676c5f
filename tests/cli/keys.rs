//! `skyview keys`: the key bindings in effect, and the config's `[keys]` refused at
//! start with the file and the line.

use super::{run, scratch, skyview, text};

fn config(name: &str, body: &str) -> std::path::PathBuf {
    let path = scratch(name);
    std::fs::write(&path, body).unwrap();
    path
}

#[test]
fn keys_prints_the_default_table_unchanged() {
    let empty = config("keys-empty.toml", "");
    let output = run(&mut skyview(&["keys", "--config", empty.to_str().unwrap()]));
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    std::fs::remove_file(&empty).unwrap();
    insta::assert_snapshot!(text(&output.stdout));
}

#[test]
fn keys_prints_the_remapped_keys_and_its_help_says_key_bindings() {
    let path = config(
        "keys-remapped.toml",
        "[keys]\nrefresh = \"f5\"\ncopy_suite = [\"y\", \"ctrl-y\"]\n",
    );
    let output = run(&mut skyview(&["keys", "--config", path.to_str().unwrap()]));
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    for row in [
        "| list of customers | F5 | fetch again |",
        "| `refresh` | F5 |",
        "| `copy_suite` | y Ctrl-Y |",
        "| detail | y Ctrl-Y | copy the box suite |",
    ] {
        assert!(stdout.contains(row), "{row} not in\n{stdout}");
    }
    std::fs::remove_file(&path).unwrap();
    let help = run(&mut skyview(&["keys", "--help"]));
    assert!(text(&help.stdout).contains("key bindings"));
}

#[test]
fn a_refused_key_stops_every_command_with_exit_2_naming_file_and_line_not_the_value() {
    let path = config(
        "keys-refused.toml",
        "timeout = \"5s\"\n\n[keys]\nrefresh = \"SKY-APP-KEY-0042\"\n",
    );
    for args in [vec!["keys"], vec!["get", "--demo"]] {
        let mut args = args.clone();
        args.extend(["--config", path.to_str().unwrap()]);
        let output = run(&mut skyview(&args));
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains(&format!(
                "config file {}, line 4: a key of `refresh`",
                path.display()
            )),
            "{stderr}"
        );
        assert!(!stderr.contains("SKY-APP-KEY"), "{stderr}");
    }
    std::fs::remove_file(&path).unwrap();
}
