//! `skyview pop` as a phone system runs it when no window listens, or with flags a
//! window would refuse. The pop reaching a running window is tested end to end in
//! tests/e2e_pty.rs.

/// `skyview pop args…` with pops going to a fresh private directory of this test's.
fn pop(name: &str, args: &[&str]) -> std::process::Output {
    let runtime = super::scratch(&format!("pop-{name}"));
    std::fs::create_dir_all(&runtime).unwrap();
    super::run(
        super::skyview(&["pop"])
            .args(args)
            .env("XDG_RUNTIME_DIR", &runtime),
    )
}

#[test]
fn no_window_running_exits_6_with_one_sentence() {
    let output = pop("none", &["--email", "johndoe@example.com"]);
    assert_eq!(output.status.code(), Some(6));
    assert_eq!(
        super::text(&output.stderr),
        "skyview: no skyview window is running for this user\n"
    );
    let output = pop("none-env", &["--box-id", "MX811111", "--env", "prod"]);
    assert_eq!(output.status.code(), Some(6));
    assert!(super::text(&output.stderr).contains("in environment prod"));
}

#[test]
fn a_pop_needs_one_customer_exactly() {
    for args in [
        &[][..],
        &["--email", "johndoe@example.com", "--box-id", "811111"],
        &["--email", "not an address"],
        &["--box-id", "johndoe@example.com"],
    ] {
        let output = pop("usage", args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!output.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn the_customer_key_goes_only_with_a_box_id() {
    let output = super::run(
        super::skyview(&[
            "pop",
            "--email",
            "johndoe@example.com",
            "--customer-key-stdin",
        ])
        .env("XDG_RUNTIME_DIR", super::scratch("pop-key")),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(super::text(&output.stderr).contains("--box-id"));
}

/// A place for pops that others could enter is refused, and said so in the agent's
/// language (here Spanish, from LANG).
#[cfg(unix)]
#[test]
fn an_unsafe_place_is_said_in_the_agent_s_language() {
    use std::os::unix::fs::PermissionsExt;
    let runtime = super::scratch("pop-unsafe");
    let place = runtime.join("skyview");
    std::fs::create_dir_all(&place).unwrap();
    std::fs::set_permissions(&place, std::fs::Permissions::from_mode(0o755)).unwrap();
    let output = super::run(
        super::skyview(&["pop", "--email", "johndoe@example.com"])
            .env("XDG_RUNTIME_DIR", &runtime)
            .env("LANG", "es_MX.UTF-8"),
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        super::text(&output.stderr),
        format!(
            "skyview: no se puede usar {}: debe ser una carpeta de este usuario, \
             sin acceso para otros usuarios (permiso denegado)\n",
            place.display()
        )
    );
}
