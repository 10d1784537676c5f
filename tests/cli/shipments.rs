//! `skyview get --shipments`, `--awb` and `--email` as scripts use them, against the
//! built-in demo server: what they print and how they exit.
/// John Doe's key as the demo knows it (and the docs print it).
const JOHN_KEY: &str = "YpbCNpzqxYqVWv+tzg4e4Ex6ALiT+DfKSYA3NY2dZcw=";
const ANA_KEY: &str = "xs+0GojjE72E0WzrP1My+97lhB8f1Z3da4Hldy0FeKQ=";

struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// `skyview get --demo args…` with a clean environment (see [`super::skyview`]),
/// `env` added.
fn get(args: &[&str], env: &[(&str, &str)]) -> Ran {
    let output = super::run(
        super::skyview(&["get", "--demo"])
            .args(args)
            .envs(env.iter().copied()),
    );
    Ran {
        code: output.status.code(),
        stdout: super::text(&output.stdout),
        stderr: super::text(&output.stderr),
    }
}

#[test]
fn shipments_list_the_default_90_days_newest_first() {
    let ran = get(&["--shipments"], &[]);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(
        ran.stdout.contains("(90 days) · 2 shipments"),
        "{}",
        ran.stdout
    );
    let first = ran.stdout.find("13869085").unwrap();
    let second = ran.stdout.find("13818527").unwrap();
    assert!(first < second, "newest first:\n{}", ran.stdout);
    for expected in ["BILLED (PAY)", "USD 10.00", "0.44 lb", "Amazon.com"] {
        assert!(ran.stdout.contains(expected), "{expected}:\n{}", ran.stdout);
    }
}

#[test]
fn an_empty_window_says_so_and_succeeds() {
    let ran = get(
        &["--shipments", "--from", "2019-01-01", "--to", "2019-03-01"],
        &[],
    );
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(
        ran.stdout
            .contains("No shipments received between 2019-01-01 and 2019-03-01"),
        "{}",
        ran.stdout
    );
}

#[test]
fn a_bad_window_is_a_usage_error() {
    let ran = get(&["--shipments", "--from", "2019-02-30"], &[]);
    assert_eq!(ran.code, Some(2));
    assert!(ran.stderr.contains("From is not a date"), "{}", ran.stderr);
    let ran = get(
        &["--shipments", "--from", "2019-03-02", "--to", "2019-03-01"],
        &[],
    );
    assert_eq!(ran.code, Some(2));
    assert!(ran.stderr.contains("From is after To"), "{}", ran.stderr);
}

#[test]
fn shipments_as_json_and_raw() {
    let ran = get(&["--shipments", "--output", "json"], &[]);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    let rows: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(rows[0]["trck_nmr_fol"], "13869085");
    assert_eq!(rows[0]["shipment_status"], "PAY");
    let ran = get(&["--shipments", "--output", "raw"], &[]);
    assert_eq!(ran.code, Some(0));
    let raw: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(raw[0]["trck_nmr_fol"], 13_869_085, "as the server sent it");
}

#[test]
fn unverified_shipments_are_printed_then_exit_4() {
    let ran = get(
        &["--box-id", "MX822222", "--shipments"],
        &[("SKYPOSTAL_CUSTOMER_KEY", ANA_KEY)],
    );
    assert_eq!(ran.code, Some(4), "{}", ran.stderr);
    assert!(ran.stdout.contains("Required"), "{}", ran.stdout);
    assert!(ran.stdout.contains("✘"), "{}", ran.stdout);
    assert!(ran.stderr.contains("1 failed shipment"), "{}", ran.stderr);
}

#[test]
fn one_shipment_with_its_timeline_newest_first_in_server_time() {
    let ran = get(&["--awb", "13869085"], &[]);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    let events: Vec<&str> = ran
        .stdout
        .lines()
        .filter(|l| l.contains(" −05:00  MIA  "))
        .map(|l| l.rsplit("  ").next().unwrap())
        .collect();
    assert_eq!(
        events,
        [
            "BILLED (PAY)",
            "RECEIVED (REC)",
            "PROCESSED (PRO)",
            "PROCESSING PAYMENT (CUT)"
        ]
    );
    assert!(
        ran.stdout.contains("OTHER (OTR) 322324324"),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains("••••5562"), "masked:\n{}", ran.stdout);
    assert!(!ran.stdout.contains("79265562"));
}

#[test]
fn an_unknown_awb_exits_3() {
    let ran = get(&["--awb", "1"], &[]);
    assert_eq!(ran.code, Some(3), "{}", ran.stderr);
    assert!(ran.stderr.contains("shipment 1"), "{}", ran.stderr);
}

#[test]
fn an_e_mail_in_any_case_finds_the_customer_without_a_key() {
    for output in ["text", "json", "raw"] {
        let ran = get(&["--email", "JohnDoe@Email.com", "--output", output], &[]);
        assert_eq!(ran.code, Some(0), "{output}: {}", ran.stderr);
        assert!(ran.stdout.contains("John"), "{output}: {}", ran.stdout);
        assert!(!ran.stdout.contains("YpbC"), "{output}: {}", ran.stdout);
        assert!(!ran.stderr.contains("YpbC"));
    }
    let raw = get(&["--email", "johndoe@email.com", "--output", "raw"], &[]);
    assert_eq!(
        raw.stdout,
        super::SAMPLE,
        "customer-get-info's body, not the partner answer"
    );
}

#[test]
fn an_e_mail_leads_to_the_shipments_too() {
    let ran = get(&["--email", "johndoe@email.com", "--shipments"], &[]);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(ran.stdout.contains("13869085"), "{}", ran.stdout);
}

#[test]
fn an_unknown_e_mail_exits_3_with_the_partner_sentence() {
    let ran = get(&["--email", "nobody@example.com"], &[]);
    assert_eq!(ran.code, Some(3));
    assert_eq!(
        ran.stderr.trim(),
        "skyview: No account found for this e-mail under partner 396."
    );
    assert!(ran.stdout.is_empty());
}

#[test]
fn an_address_that_cannot_be_an_e_mail_is_a_usage_error() {
    let ran = get(&["--email", "john doe@email.com"], &[]);
    assert_eq!(ran.code, Some(2));
    assert!(
        ran.stderr.contains("not an e-mail address"),
        "{}",
        ran.stderr
    );
}

/// A suite is a box id; its letters are not sent: typed with letters that are not
/// the box's own (`CO811111`), the box's customer prints, with a warning on stderr
/// that the box is `MX811111`, and exit 0.
#[test]
fn a_suite_is_a_box_id_and_other_letters_are_warned_of() {
    for (typed, warning) in [
        ("MX811111", ""),
        (
            "CO811111",
            "skyview: warning: you typed CO811111; this box is MX811111",
        ),
    ] {
        let ran = get(
            &["--box-id", typed],
            &[("SKYPOSTAL_CUSTOMER_KEY", JOHN_KEY)],
        );
        assert_eq!(ran.code, Some(0), "{}", ran.stderr);
        assert!(ran.stdout.contains("John Doe · suite MX811111"));
        assert_eq!(ran.stderr.trim(), warning);
    }
}

#[test]
fn an_e_mail_in_box_id_points_to_email() {
    let ran = get(&["--box-id", "johndoe@email.com"], &[]);
    assert_eq!(ran.code, Some(2));
    assert!(
        ran.stderr
            .contains("--box-id takes a box id or a suite; find a customer by e-mail with --email"),
        "{}",
        ran.stderr
    );
}

/// What would be ignored silently is refused before anything is sent, with exit 2:
/// `--from`/`--to` without `--shipments` (with `--awb`, say), `--email` beside
/// `--box-id` on the interactive screen, an address with two `@`; with `get`, a
/// `--box-id` that is not an account of the e-mail.
#[test]
fn flags_that_would_be_ignored_are_refused_with_exit_2() {
    for (args, said) in [
        (
            &["get", "--demo", "--awb", "13869085", "--from", "2026-01-01"][..],
            "--from and --to set the window of --shipments",
        ),
        (&["get", "--demo", "--to", "2026-01-01"][..], "--shipments"),
        (
            &[
                "--demo",
                "--email",
                "johndoe@email.com",
                "--box-id",
                "811111",
            ][..],
            "--email and --box-id both name the customer",
        ),
        (
            &["get", "--demo", "--email", "a@b@c"][..],
            "is not an e-mail address",
        ),
        (
            &[
                "get",
                "--demo",
                "--email",
                "johndoe@email.com",
                "--box-id",
                "822222",
            ][..],
            "--box-id 822222 is not an account of this e-mail (811111)",
        ),
    ] {
        let output = super::run(&mut super::skyview(args));
        let stderr = super::text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(said), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

/// The text output masks identity numbers, the customer's and a consignee's, as the
/// screen does, without the screen's key hints; `--reveal` prints them in clear.
#[test]
fn identity_numbers_are_masked_in_text_unless_revealed() {
    for (args, masked, clear) in [
        (&[][..], "Identity no.     ••••1111", "11111111"),
        (&["--awb", "13869085"][..], "••••5562", "79265562"),
    ] {
        let env = [("SKYPOSTAL_CUSTOMER_KEY", JOHN_KEY)];
        let ran = get(args, &env);
        assert_eq!(ran.code, Some(0), "{}", ran.stderr);
        assert!(ran.stdout.contains(masked), "{}", ran.stdout);
        assert!(!ran.stdout.contains(clear), "{}", ran.stdout);
        assert!(!ran.stdout.contains("(shown") && !ran.stdout.contains("(hidden"));
        let revealed = get(&[args, &["--reveal"]].concat(), &env);
        assert!(revealed.stdout.contains(clear), "{}", revealed.stdout);
    }
}
