//! `skyview get` under a config that requires the caller check: it has no caller, so
//! what the check protects never prints.

/// A config file requiring the check, for this test process.
fn required_config() -> std::path::PathBuf {
    let path = super::scratch("caller-check-required.toml");
    std::fs::write(&path, "caller_check = \"required\"\n").unwrap();
    path
}

#[test]
fn get_refuses_the_raw_body_when_the_check_is_required() {
    let config = required_config();
    let output = super::run(&mut super::skyview(&[
        "get",
        "--demo",
        "--output",
        "raw",
        "--config",
        config.to_str().unwrap(),
    ]));
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(super::text(&output.stderr).contains("caller_check"));
}

#[test]
fn get_json_hides_identity_and_tax_numbers_when_the_check_is_required() {
    let config = required_config();
    let output = super::run(&mut super::skyview(&[
        "get",
        "--demo",
        "--output",
        "json",
        "--config",
        config.to_str().unwrap(),
    ]));
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        super::text(&output.stderr)
    );
    let customers: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(customers[0]["customer_identity_number"], "••••");
    assert_eq!(customers[0]["customer_tax_number"], "••••");
    assert_eq!(customers[0]["customer_first_name"], "John");
    // Without the policy, the same call prints them as received.
    let output = super::run(&mut super::skyview(&["get", "--demo", "--output", "json"]));
    let customers: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(customers[0]["customer_identity_number"], "11111111");
}
