//! Which language skyview speaks, and `--version` saying so and from where.

use super::{run, scratch, skyview, text};

/// What `skyview --version` says about the language, with `env` set.
fn version_language(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut command = skyview(args);
    command.arg("--version").envs(env.iter().copied());
    let output = run(&mut command);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    stdout
        .lines()
        .find(|line| line.starts_with("language "))
        .unwrap_or_else(|| panic!("no language line in {stdout:?}"))
        .to_string()
}

#[test]
fn version_says_the_language_and_where_it_came_from() {
    assert_eq!(
        version_language(&[], &[("LANG", "es_MX.UTF-8")]),
        "language es (LANG=es_MX.UTF-8)"
    );
    assert_eq!(
        version_language(&[], &[("LC_ALL", "C"), ("LANG", "es_MX.UTF-8")]),
        "language en (LC_ALL=C)"
    );
    assert_eq!(
        version_language(&["--lang", "pt"], &[("LANG", "es_MX.UTF-8")]),
        "language pt (--lang pt)"
    );
    assert_eq!(version_language(&[], &[]), "language en (no locale set)");
}

#[test]
fn the_config_file_names_the_language_and_lang_wins_over_it() {
    let path = scratch("language.toml");
    std::fs::write(&path, "language = \"pt\"\n").unwrap();
    let config = path.to_str().unwrap();
    assert_eq!(
        version_language(&["--config", config], &[("LANG", "es_CO.UTF-8")]),
        "language pt (config language = \"pt\")"
    );
    // --lang wins over the file; SKYVIEW_CONFIG names it as well as --config.
    assert_eq!(
        version_language(&["--lang=es"], &[("SKYVIEW_CONFIG", config)]),
        "language es (--lang es)"
    );
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn an_unknown_language_is_a_usage_error_listing_the_three() {
    for (args, env) in [
        (&["--lang", "fr"][..], &[][..]),
        (&["get", "--lang=xx"][..], &[("LANG", "pt_BR.UTF-8")][..]),
    ] {
        let mut command = skyview(args);
        command.envs(env.iter().copied());
        let output = run(&mut command);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        for choice in ["en (English)", "es (español)", "pt (português)"] {
            assert!(stderr.contains(choice), "{stderr}");
        }
    }
    let path = scratch("bad-language.toml");
    std::fs::write(&path, "language = \"klingon\"\n").unwrap();
    let output = run(&mut skyview(&["--config", path.to_str().unwrap(), "get"]));
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("\"klingon\""), "{stderr}");
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn a_mistake_on_the_command_line_is_told_in_the_language() {
    for (lang, usage) in [("es", "skyview [OPCIONES]"), ("pt", "skyview [OPÇÕES]")] {
        let output = run(&mut skyview(&["--lang", lang, "--no-such-flag"]));
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("'--no-such-flag'"), "{stderr}");
        assert!(stderr.contains(usage), "{stderr}");
    }
}

/// A flag's value that skyview's own parser refuses says why in the agent's
/// language (clap's sentence around it may stay English), with exit 2.
#[test]
fn a_refused_flag_value_says_why_in_the_language() {
    for (lang, reason) in [
        ("en", "not a duration (write it like 15s, 2s or 500ms)"),
        ("es", "no es una duración (escríbalo como 15s, 2s o 500ms)"),
        ("pt", "(escreva como 15s, 2s ou 500ms)"),
    ] {
        let output = run(&mut skyview(&["--lang", lang, "--timeout", "soon", "get"]));
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("'--timeout <DURATION>'"), "{stderr}");
        assert!(stderr.contains(reason), "{lang}: {stderr}");
    }
    let output = run(&mut skyview(&["--lang", "pt", "--idle-lock", "0s"]));
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("deve ser maior que zero"), "{stderr}");
}

#[test]
fn the_log_s_first_line_says_the_language() {
    let log = scratch("language.log");
    let mut command = skyview(&["--log-file", log.to_str().unwrap(), "get", "--demo"]);
    command
        .args(["--box-id", "811111"])
        .env("LANG", "pt_BR.UTF-8");
    run(&mut command);
    let written = std::fs::read_to_string(&log).unwrap();
    let first = written.lines().next().unwrap_or_default();
    assert!(
        first.contains("language pt (LANG=pt_BR.UTF-8)"),
        "{written}"
    );
    std::fs::remove_file(&log).unwrap();
}

/// `get` under `--lang pt` prints John Doe in Portuguese, whatever the locale says.
#[test]
fn get_under_lang_pt_prints_portuguese() {
    let mut command = skyview(&["get", "--demo", "--lang", "pt"]);
    command.env("LANG", "es_MX.UTF-8");
    let output = run(&mut command);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    for expected in [
        "John Doe · suíte MX811111",
        "✔ TUDO VERIFICADO",
        "fixo",
        "celular",
    ] {
        assert!(stdout.contains(expected), "{expected:?} missing:\n{stdout}");
    }
    for english in ["ALL VERIFIED", "landline", "mobile", "TODO VERIFICADO"] {
        assert!(!stdout.contains(english), "{english:?} printed:\n{stdout}");
    }
}
