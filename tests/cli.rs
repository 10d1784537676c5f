//! The command line as scripts use it: `skyview get` with each output and each exit
//! code, and `skyview config init|path`. Every lookup goes to the built-in demo server.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

#[path = "cli/caller_check.rs"]
mod caller_check;
#[path = "cli/keys.rs"]
mod keys;
#[path = "cli/language.rs"]
mod language;
#[path = "cli/pop.rs"]
mod pop;
#[path = "cli/shipments.rs"]
mod shipments;

const SAMPLE: &str = include_str!("../assets/demo/811111.json");

/// `skyview args…` with a clean environment: no prefill variables, no user config, no
/// locale (English).
fn skyview(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_skyview"));
    command.args(args);
    for var in [
        "SKYPOSTAL_USER_CODE",
        "SKYPOSTAL_APP_KEY",
        "SKYPOSTAL_BOX_ID",
        "SKYPOSTAL_CUSTOMER_KEY",
        "SKYVIEW_CONFIG",
        "NO_COLOR",
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
    ] {
        command.env_remove(var);
    }
    command.env("XDG_CONFIG_HOME", scratch("no-config-home"));
    command
}

fn run(command: &mut Command) -> Output {
    command.stdin(Stdio::null()).output().expect("run skyview")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A path under the temp dir unique to this test process.
fn scratch(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("skyview-cli-{}-{name}", std::process::id()))
}

#[test]
fn get_prints_a_readable_summary_and_exits_0() {
    let output = run(&mut skyview(&["get", "--demo"]));
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    for expected in [
        "John Doe · suite MX811111",
        "✔ ALL VERIFIED",
        "1980-08-19",
        "Calvillo",
        "landline",
        "mobile",
    ] {
        assert!(stdout.contains(expected), "{expected:?} missing:\n{stdout}");
    }
    assert!(output.stderr.is_empty(), "{}", text(&output.stderr));
}

#[test]
fn get_json_is_the_parsed_customer_with_iso_dates() {
    let output = run(&mut skyview(&["get", "--demo", "--output", "json"]));
    assert_eq!(output.status.code(), Some(0));
    let customers: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(customers[0]["customer_birth_date"], "1980-08-19");
    assert_eq!(customers[0]["customer_first_name"], "John");
    assert_eq!(customers[0]["_verify"], true);
    assert_eq!(customers[0]["customer_phone"][1]["phone_type"], 2);
}

#[test]
fn get_raw_is_the_body_as_received() {
    let output = run(&mut skyview(&["get", "--demo", "--output", "raw"]));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output.stdout), SAMPLE);
}

#[test]
fn no_customer_found_exits_3() {
    let output = run(&mut skyview(&["get", "--demo", "--box-id", "999999"]));
    assert_eq!(output.status.code(), Some(3));
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("no customer found for box id 999999"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn rejected_credentials_exit_3_and_the_key_can_come_from_stdin() {
    let mut child = skyview(&["get", "--demo", "--customer-key-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"not-the-key\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(3));
    assert!(text(&output.stderr).contains("rejected these customer credentials"));
    assert!(!text(&output.stderr).contains("not-the-key"));
}

#[test]
fn errors_reported_by_skypostal_exit_4_after_printing() {
    let output = run(skyview(&["get", "--demo", "--box-id", "822222"]).env(
        "SKYPOSTAL_CUSTOMER_KEY",
        "xs+0GojjE72E0WzrP1My+97lhB8f1Z3da4Hldy0FeKQ=",
    ));
    assert_eq!(output.status.code(), Some(4));
    assert!(text(&output.stdout).contains("✘ UNVERIFIED"));
    assert!(text(&output.stderr).contains("SkyPostal reported 2 errors"));
}

#[test]
fn network_failures_exit_5() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let base = format!("http://127.0.0.1:{port}/wcf-services");
    let output = run(skyview(&[
        "get",
        "--base-url",
        &base,
        "--box-id",
        "1",
        "--user-code",
        "1",
    ])
    .env("SKYPOSTAL_APP_KEY", skyview::demo::DEMO_APP_KEY)
    .env("SKYPOSTAL_CUSTOMER_KEY", "k"));
    assert_eq!(output.status.code(), Some(5));
    assert!(text(&output.stderr).contains("connection refused"));
    assert!(!text(&output.stderr).contains("1656d700"));
}

#[test]
fn missing_credentials_are_a_usage_error_naming_where_they_come_from() {
    let output = run(&mut skyview(&[
        "get",
        "--base-url",
        "http://127.0.0.1:9/wcf-services",
    ]));
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("customer key required"), "{stderr}");
    assert!(stderr.contains("SKYPOSTAL_CUSTOMER_KEY"), "{stderr}");
}

#[test]
fn plain_http_off_loopback_refuses_to_start() {
    let output = run(&mut skyview(&[
        "get",
        "--base-url",
        "http://example.com/wcf-services",
    ]));
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("https://"));
}

#[test]
fn config_init_writes_a_private_template_that_path_points_to() {
    let path = scratch("init/config.toml");
    let _ = std::fs::remove_file(&path);
    let path_arg = path.to_str().unwrap();

    let output = run(&mut skyview(&["config", "path", "--config", path_arg]));
    assert_eq!(text(&output.stdout).trim(), path_arg);

    let output = run(&mut skyview(&["config", "init", "--config", path_arg]));
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("default_environment"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "readable by others: {mode:o}");
    }

    let again = run(&mut skyview(&["config", "init", "--config", path_arg]));
    assert_eq!(
        again.status.code(),
        Some(2),
        "must not overwrite without --force"
    );
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn the_config_path_follows_skyview_config() {
    let output = run(skyview(&["config", "path"]).env("SKYVIEW_CONFIG", "/somewhere/skyview.toml"));
    assert_eq!(text(&output.stdout).trim(), "/somewhere/skyview.toml");
    let output = run(&mut skyview(&["config", "path"]));
    assert!(text(&output.stdout).trim().ends_with("skyview/config.toml"));
}

#[test]
fn a_malformed_config_refuses_to_start_with_line_and_column() {
    let path = scratch("bad.toml");
    std::fs::write(&path, "timeout = \"2s\"\ncolor = maybe\n").unwrap();
    let output = run(&mut skyview(&[
        "get",
        "--demo",
        "--config",
        path.to_str().unwrap(),
    ]));
    std::fs::remove_file(&path).unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("line 2, column 9"), "{stderr}");
}

#[test]
fn partner_credentials_from_the_config_file_are_used() {
    let path = scratch("partner.toml");
    std::fs::write(
        &path,
        "[environments.test]\nuser_code = 396\napp_key_env = \"PARTNER_KEY\"\n",
    )
    .unwrap();
    let output = run(
        skyview(&["get", "--config", path.to_str().unwrap(), "--box-id", "1"])
            .env("PARTNER_KEY", "x")
            .env("SKYPOSTAL_CUSTOMER_KEY", "k")
            .args([
                "--base-url",
                "http://127.0.0.1:9/wcf-services",
                "--timeout",
                "2s",
            ]),
    );
    std::fs::remove_file(&path).unwrap();
    // The credentials are complete, so the only failure left is the network.
    assert_eq!(output.status.code(), Some(5), "{}", text(&output.stderr));
}

/// HTTPS_PROXY is honoured (corporate networks): the lookup for TEST goes to the
/// proxy as a CONNECT, and nothing leaves this machine (the stand-in proxy on
/// 127.0.0.1 records the request line and hangs up).
#[test]
fn https_proxy_is_honoured() {
    use std::io::{BufRead, BufReader};
    let proxy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = proxy.local_addr().unwrap().port();
    let seen = std::thread::spawn(move || {
        let (stream, _) = proxy.accept().unwrap();
        let mut first = String::new();
        BufReader::new(stream).read_line(&mut first).unwrap();
        first
    });
    let output = run(
        skyview(&["get", "--env", "test", "--box-id", "1", "--user-code", "1"])
            .env("HTTPS_PROXY", format!("http://127.0.0.1:{port}"))
            .env_remove("NO_PROXY")
            .env_remove("no_proxy")
            .env("SKYPOSTAL_APP_KEY", "a")
            .env("SKYPOSTAL_CUSTOMER_KEY", "k"),
    );
    let request_line = seen.join().unwrap();
    assert!(
        request_line.starts_with("CONNECT api-box-test.skypostal.com:443"),
        "{request_line:?}"
    );
    assert_eq!(output.status.code(), Some(5), "{}", text(&output.stderr));
}

/// A config or CA file must be a regular file: an endless device or a FIFO (which
/// would block the start for ever, waiting for a writer) is refused at once with a
/// clear message and exit 2.
#[test]
fn config_and_ca_files_that_are_not_regular_files_are_refused_with_exit_2() {
    let fifo = scratch("config.fifo");
    let _ = std::fs::remove_file(&fifo);
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let fifo = fifo.to_str().unwrap();
    for args in [
        ["get", "--demo", "--config", "/dev/zero"],
        ["get", "--demo", "--ca-file", "/dev/zero"],
        ["get", "--demo", "--config", fifo],
    ] {
        let output = run(&mut skyview(&args));
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(args[3]) && stderr.contains("not a regular file"),
            "{args:?}: {stderr}"
        );
    }
    let _ = std::fs::remove_file(fifo);
    // A regular file is read only up to its cap.
    let big = scratch("big.toml");
    std::fs::write(&big, vec![b'#'; 1_100_000]).unwrap();
    let output = run(&mut skyview(&[
        "get",
        "--demo",
        "--config",
        big.to_str().unwrap(),
    ]));
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("larger than 1 MiB"));
    let _ = std::fs::remove_file(big);
}

/// A base URL with a query or fragment (the service path would be lost) or with
/// `user:password@` (sent as Basic credentials) is refused with exit 2, and the
/// message never repeats the password.
#[test]
fn odd_base_urls_are_refused_without_echoing_a_password() {
    for base in [
        "https://api-box-test.skypostal.com/wcf-services?x=1",
        "https://api-box-test.skypostal.com/wcf-services#top",
        "https://agent:hunter2secret@api-box-test.skypostal.com/wcf-services",
        "http://agent:hunter2secret@127.0.0.1:9/wcf-services",
    ] {
        let output = run(&mut skyview(&["get", "--base-url", base]));
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{base}: {stderr}");
        assert!(!stderr.contains("hunter2"), "{base}: {stderr}");
        assert!(stderr.contains("base URL"), "{base}: {stderr}");
    }
}

/// A CA file whose certificate block cannot be used is a configuration error (exit
/// 2) naming the file and why, not a network failure found at the first lookup.
#[test]
fn an_unusable_ca_certificate_is_a_configuration_error() {
    let pem = scratch("bad-ca.pem");
    std::fs::write(
        &pem,
        "-----BEGIN CERTIFICATE-----\nQUJDRA==\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    let output = run(skyview(&[
        "get",
        "--base-url",
        "https://127.0.0.1:9/wcf-services",
        "--box-id",
        "1",
        "--user-code",
        "1",
        "--ca-file",
        pem.to_str().unwrap(),
    ])
    .env("SKYPOSTAL_APP_KEY", "1656d700707ad9a77f737e5df3db088a")
    .env("SKYPOSTAL_CUSTOMER_KEY", "k"));
    let _ = std::fs::remove_file(&pem);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("bad-ca.pem") && stderr.contains("cannot be used"),
        "{stderr}"
    );
}

/// `get … 2>&1 | head -1` on a large answer: stdout closes early, and the failure
/// said on the same closed pipe must not panic (a release build would abort, exit
/// 134): exit 1 (issue 16, defect 9).
#[test]
fn a_closed_pipe_for_stdout_and_stderr_exits_1_without_a_panic() {
    use std::io::Read;
    let (mut reader, writer) = std::io::pipe().unwrap();
    let mut child = skyview(&["get", "--demo", "--shipments", "--box-id", "855555"])
        .env(
            "SKYPOSTAL_CUSTOMER_KEY",
            "UisQv1iXcxlrOq4aQz9WZY+J8P5mFR9G114wu11xI68=",
        )
        .stdin(Stdio::null())
        .stdout(writer.try_clone().unwrap())
        .stderr(writer)
        .spawn()
        .unwrap();
    // `head -1`: read a little, then hang up while the 2,000 rows are still coming.
    let mut first = [0_u8; 64];
    assert!(reader.read(&mut first).unwrap() > 0);
    drop(reader);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "{status:?}");
}

/// A log file that cannot be written (`/dev/full`) is said on stderr by `get`; the
/// answer still prints and the exit code stands.
#[test]
fn get_says_when_its_log_file_cannot_be_written() {
    let output = run(&mut skyview(&[
        "get",
        "--demo",
        "--log-file",
        "/dev/full",
        "--log-level",
        "trace",
    ]));
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(text(&output.stdout).contains("John Doe"));
    assert!(
        stderr.contains("skyview: warning: log file /dev/full cannot be written"),
        "{stderr}"
    );
}
