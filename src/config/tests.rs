use clap::Parser;

use super::*;
use crate::i18n::Lang;
use crate::setup::SetupError;

fn cli(args: &[&str]) -> Cli {
    Cli::parse_from(std::iter::once("skyview").chain(args.iter().copied()))
}

fn no_env(_: &str) -> Option<String> {
    None
}

const FILE: &str = r#"
default_environment = "prod"
timeout = "7s"
max_body = "1MiB"
idle_lock = "5m"
color = false

[environments.test]
user_code = 111
app_key = "test-key-from-file"

[environments.prod]
user_code = 222
app_key_env = "MY_PROD_KEY"

[environments.staging]
base_url = "https://staging.example.com/wcf-services"
"#;

#[test]
fn the_template_parses() {
    let file = parse(TEMPLATE).unwrap();
    assert_eq!(file.default_environment.as_deref(), Some("test"));
    let resolved = resolve(&cli(&[]), &file, &no_env, None).unwrap();
    assert_eq!(resolved.timeout, Duration::from_secs(15));
    assert_eq!(resolved.idle_lock, Some(DEFAULT_IDLE_LOCK));
}

#[test]
fn defaults_without_a_file() {
    let resolved = resolve(&cli(&[]), &FileConfig::default(), &no_env, None).unwrap();
    assert_eq!(resolved.timeout, DEFAULT_TIMEOUT);
    assert_eq!(resolved.max_body, DEFAULT_MAX_BODY_BYTES);
    assert_eq!(resolved.idle_lock, Some(DEFAULT_IDLE_LOCK));
    assert!(resolved.color);
    assert!(!resolved.mouse);
    let labels: Vec<_> = resolved
        .environments
        .iter()
        .map(|e| e.choice.label.as_str())
        .collect();
    assert_eq!(labels, ["TEST", "PROD"]);
    assert!(resolved.environments[1].choice.is_prod);
    assert_eq!(resolved.prefill.user_code, "");
}

#[test]
fn the_file_beats_defaults() {
    let file = parse(FILE).unwrap();
    let env = |name: &str| (name == "MY_PROD_KEY").then(|| "prod-key-from-env".to_string());
    let resolved = resolve(&cli(&[]), &file, &env, None).unwrap();
    assert_eq!(resolved.timeout, Duration::from_secs(7));
    assert_eq!(resolved.max_body, 1024 * 1024);
    assert_eq!(resolved.idle_lock, Some(Duration::from_secs(300)));
    assert!(!resolved.color);
    let start = &resolved.environments[0];
    assert_eq!(start.choice.label, "PROD");
    assert_eq!(start.environment, Environment::Prod);
    // With the partner credentials configured, the agent types only box id and key.
    assert_eq!(resolved.prefill.user_code, "222");
    assert_eq!(resolved.prefill.app_key.expose(), "prod-key-from-env");
    let staging = resolved
        .environments
        .iter()
        .find(|e| e.choice.label == "STAGING")
        .unwrap();
    assert_eq!(
        staging.environment.base_url(),
        "https://staging.example.com/wcf-services"
    );
    assert!(!staging.choice.is_prod);
}

#[test]
fn environment_variables_beat_the_file() {
    let file = parse(FILE).unwrap();
    let env = |name: &str| match name {
        "SKYPOSTAL_USER_CODE" => Some("333".to_string()),
        "SKYPOSTAL_APP_KEY" => Some("key-from-env".to_string()),
        "NO_COLOR" => Some("1".to_string()),
        _ => None,
    };
    let resolved = resolve(&cli(&["--env", "test"]), &file, &env, None).unwrap();
    assert_eq!(resolved.environments[0].choice.label, "TEST");
    assert_eq!(resolved.prefill.user_code, "333");
    assert_eq!(resolved.prefill.app_key.expose(), "key-from-env");
    assert!(!resolved.color);
}

#[test]
fn flags_beat_everything() {
    let file = parse(FILE).unwrap();
    let env = |name: &str| match name {
        "SKYPOSTAL_USER_CODE" => Some("333".to_string()),
        "SKYPOSTAL_BOX_ID" => Some("811111".to_string()),
        _ => None,
    };
    let args = [
        "--env",
        "test",
        "--user-code",
        "444",
        "--box-id",
        "822222",
        "--timeout",
        "2s",
        "--max-body",
        "1000",
        "--idle-lock",
        "3s",
        "--mouse",
    ];
    let resolved = resolve(&cli(&args), &file, &env, None).unwrap();
    assert_eq!(resolved.prefill.user_code, "444");
    assert_eq!(resolved.prefill.box_id, "822222");
    assert_eq!(resolved.prefill.app_key.expose(), "test-key-from-file");
    assert_eq!(resolved.timeout, Duration::from_secs(2));
    assert_eq!(resolved.max_body, 1000);
    assert_eq!(resolved.idle_lock, Some(Duration::from_secs(3)));
    assert!(resolved.mouse);
}

#[test]
fn base_url_replaces_the_environments_and_keeps_the_presets() {
    let file = parse(FILE).unwrap();
    let args = [
        "--env",
        "test",
        "--base-url",
        "http://127.0.0.1:9/wcf-services",
    ];
    let resolved = resolve(&cli(&args), &file, &no_env, None).unwrap();
    assert_eq!(resolved.environments.len(), 1);
    assert_eq!(resolved.environments[0].choice.label, "127.0.0.1:9");
    assert_eq!(resolved.prefill.user_code, "111");
}

#[test]
fn the_demo_uses_its_own_server_and_sample_credentials() {
    let resolved = resolve(
        &cli(&["--demo"]),
        &FileConfig::default(),
        &no_env,
        Some("http://127.0.0.1:1/wcf-services".into()),
    )
    .unwrap();
    assert_eq!(resolved.environments.len(), 1);
    assert_eq!(resolved.environments[0].choice.label, "DEMO");
    assert_eq!(resolved.prefill.box_id, "811111");
}

#[test]
fn an_unknown_environment_is_refused_with_the_choices() {
    let file = parse(FILE).unwrap();
    let error = resolve(&cli(&["--env", "qa"]), &file, &no_env, None).unwrap_err();
    let SetupError::UnknownEnvironment { name, configured } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(name, "qa");
    assert!(configured.contains(&"staging".to_string()), "{error}");
    assert!(error.to_string().contains(", staging"), "{error}");
}

#[test]
fn an_environment_without_url_is_refused() {
    let file = parse("[environments.qa]\nuser_code = 1\n").unwrap();
    let error = resolve(&cli(&["--env", "qa"]), &file, &no_env, None).unwrap_err();
    assert_eq!(error, SetupError::NoBaseUrl("qa".into()));
    assert!(error.to_string().contains("needs a base_url"), "{error}");
}

#[test]
fn malformed_files_name_line_and_column() {
    let error = parse("timeout = \"2s\"\ncolor = maybe\n").unwrap_err();
    assert!(
        matches!(
            error,
            SetupError::ConfigSyntax {
                at: Some((2, 9)),
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().starts_with("line 2, column 9:"),
        "{error}"
    );
    let error = parse("timout = \"2s\"\n").unwrap_err();
    assert!(
        error.to_string().starts_with("line 1, column 1:"),
        "{error}"
    );
    assert!(error.to_string().contains("timout"), "{error}");
}

#[test]
fn a_missing_file_is_fine_unless_named() {
    let path = std::env::temp_dir().join("skyview-no-such-config.toml");
    let default = Location {
        path: path.clone(),
        explicit: false,
    };
    assert!(load(Some(&Contents::read(default))).is_ok());
    let named = Location {
        path,
        explicit: true,
    };
    let error = load(Some(&Contents::read(named))).unwrap_err();
    assert!(
        matches!(error, SetupError::ConfigUnreadable { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("cannot read config file"));
}

#[cfg(unix)]
#[test]
fn a_readable_file_with_a_key_draws_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::temp_dir().join(format!("skyview-config-{}.toml", std::process::id()));
    std::fs::write(&path, FILE).unwrap();
    let location = Location {
        path: path.clone(),
        explicit: true,
    };
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let open = load(Some(&Contents::read(location.clone()))).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let private = load(Some(&Contents::read(location.clone()))).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(open.warnings.len(), 1);
    assert!(
        open.warnings[0]
            .text(crate::i18n::Lang::En)
            .contains("chmod 600")
    );
    assert!(private.warnings.is_empty());
}

#[test]
fn the_config_flag_beats_the_environment_variable() {
    let env = |name: &str| (name == ENV_CONFIG).then(|| "/from/env.toml".to_string());
    let flag = locate(Some(Path::new("/from/flag.toml")), &env).unwrap();
    assert_eq!(flag.path, PathBuf::from("/from/flag.toml"));
    let from_env = locate(None, &env).unwrap();
    assert_eq!(from_env.path, PathBuf::from("/from/env.toml"));
    assert!(from_env.explicit);
}

#[test]
fn base_url_finds_the_preset_whatever_the_case_of_its_name() {
    let file = parse(
        "[environments.Staging]\nbase_url = \"https://s.example/wcf-services\"\nuser_code = 7\n",
    )
    .unwrap();
    let args = [
        "--env",
        "STAGING",
        "--base-url",
        "https://other.example/wcf-services",
    ];
    let resolved = resolve(&cli(&args), &file, &no_env, None).unwrap();
    assert_eq!(resolved.prefill.user_code, "7");
}

#[test]
fn endpoint_paths_are_set_per_environment() {
    let file = parse(
        r#"
[environments.test]
shipment_info_path = "/service-customer.svc/shipment/get-shipment-info"
partner_lookup_path = ["/a", "/b"]
"#,
    )
    .unwrap();
    let resolved = resolve(&cli(&["--env", "test"]), &file, &no_env, None).unwrap();
    let test = &resolved.environments[0].paths;
    assert_eq!(
        test.shipment_info,
        ["/service-customer.svc/shipment/get-shipment-info"]
    );
    assert_eq!(test.partner_lookup, ["/a", "/b"]);
    assert_eq!(resolved.environments[1].paths, EndpointPaths::default());
    let bad = parse("[environments.test]\nshipment_info_path = \"no-slash\"\n").unwrap();
    let error = resolve(&cli(&[]), &bad, &no_env, None).unwrap_err();
    assert!(
        matches!(
            error,
            SetupError::ConfigValue {
                key: "shipment_info_path",
                ..
            }
        ),
        "{error}"
    );
}

/// The policy `machine` and `user` files (TOML) come to.
fn policy(machine: &str, user: &str) -> Result<Policy, SetupError> {
    let file = parse(machine).unwrap().under(parse(user).unwrap());
    resolve(&cli(&[]), &file, &no_env, None).map(|resolved| resolved.caller_check)
}

#[test]
fn the_caller_check_is_offered_with_two_matches_by_default() {
    assert_eq!(policy("", ""), Ok(Policy::default()));
    assert_eq!(
        policy("", "caller_check = \"required\"\ncaller_check_matches = 3"),
        Ok(Policy {
            required: true,
            matches: 3
        })
    );
}

#[test]
fn the_machine_wide_policy_cannot_be_lowered_by_the_users_file() {
    let machine = "caller_check = \"required\"\ncaller_check_matches = 2";
    let lowered = "caller_check = \"offered\"\ncaller_check_matches = 1";
    assert_eq!(
        policy(machine, lowered),
        Ok(Policy {
            required: true,
            matches: 2
        })
    );
    // Raising is fine.
    assert_eq!(
        policy(machine, "caller_check_matches = 3"),
        Ok(Policy {
            required: true,
            matches: 3
        })
    );
    // A machine file that requires the check without a count keeps the default two.
    assert_eq!(
        policy("caller_check = \"required\"", "caller_check_matches = 1"),
        Ok(Policy {
            required: true,
            matches: 2
        })
    );
    // Everything else the user's file sets wins over the machine's.
    let file = parse("timeout = \"3s\"\nidle_lock = \"5m\"")
        .unwrap()
        .under(parse("timeout = \"9s\"").unwrap());
    let resolved = resolve(&cli(&[]), &file, &no_env, None).unwrap();
    assert_eq!(resolved.timeout, Duration::from_secs(9));
    assert_eq!(resolved.idle_lock, Some(Duration::from_secs(300)));
}

#[test]
fn an_unreachable_match_count_or_an_unknown_policy_is_refused() {
    for matches in ["0", "5"] {
        let error = policy("", &format!("caller_check_matches = {matches}")).unwrap_err();
        assert!(
            error.to_string().contains("caller_check_matches"),
            "{error}"
        );
    }
    assert!(parse("caller_check = \"sometimes\"").is_err());
}

#[test]
fn the_machine_wide_file_is_read_first_and_a_missing_one_is_fine() {
    let dir = std::env::temp_dir().join(format!("skyview-machine-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let at = |name: &str| {
        Contents::read(Location {
            path: dir.join(name),
            explicit: false,
        })
    };
    std::fs::write(dir.join("machine.toml"), "caller_check = \"required\"\n").unwrap();
    std::fs::write(dir.join("user.toml"), "caller_check = \"offered\"\n").unwrap();
    let loaded = load_layered(Some(&at("machine.toml")), Some(&at("user.toml"))).unwrap();
    assert_eq!(loaded.file.caller_check, Some(CallerCheckMode::Required));
    let loaded = load_layered(Some(&at("absent.toml")), Some(&at("user.toml"))).unwrap();
    assert_eq!(loaded.file.caller_check, Some(CallerCheckMode::Offered));
    let _ = std::fs::remove_dir_all(&dir);
}

fn keys_of(text: &str) -> Result<crate::app::keys::KeyMap, SetupError> {
    parse(text)?.keys.key_map()
}

#[test]
fn keys_are_remapped_from_the_file() {
    use crate::app::keys::{Action, Context};
    let map = keys_of("[keys]\nrefresh = \"f5\"\ncopy_suite = [\"y\", \"ctrl-y\"]\n").unwrap();
    assert_eq!(map.key(Context::Detail, Action::Refresh, Lang::En), "F5");
    assert_eq!(
        map.label(Context::Detail, "{copy_suite}", Lang::En),
        "y Ctrl-Y"
    );
    assert_eq!(keys_of("").unwrap(), crate::app::keys::KeyMap::default());
}

#[test]
fn a_refused_key_names_the_line_and_the_action_or_key_never_the_value() {
    let cases = [
        (
            "[keys]\nrefresh = \"f5\"\nreload = \"f6\"\n",
            "line 3: [keys] has no action named `reload`",
        ),
        (
            "[keys]\n\nrefresh = \"APPKEY-1234-SECRET\"\n",
            "line 3: a key of `refresh` is not one skyview can read",
        ),
        (
            "[keys]\nrefresh = 12345\n",
            "line 2: a key of `refresh` is not one skyview can read",
        ),
        (
            "[keys]\nrefresh = [\"f5\", \"APPKEY-1234-SECRET\"]\n",
            "line 2: a key of `refresh` is not one",
        ),
        (
            "[keys]\nlook_up = \"ctrl-enter\"\n",
            "line 2: a key of `look_up` reaches skyview as Enter",
        ),
        ("[keys]\nwake = \"f5\"\n", "line 2: `wake` keeps its keys"),
        (
            "[keys]\nrefresh = []\n",
            "line 2: `refresh` is given no key",
        ),
        (
            "[keys]\nquit = \"ctrl-c\"\n",
            "line 2: `quit`: Ctrl-C always quits",
        ),
        (
            "[keys]\nrefresh = \"q\"\n",
            "line 2: q would mean both `refresh` and `quit`",
        ),
        (
            "[keys]\nlook_up = \"x\"\n",
            "line 2: x types or edits in a text field, and `look_up` works",
        ),
        (
            "[keys]\nhelp = \"ctrl-w\"\n",
            "line 2: Ctrl-W types or edits in a text field",
        ),
    ];
    for (text, said) in cases {
        let error = keys_of(text).unwrap_err().text(Lang::En);
        assert!(error.starts_with(said), "{text:?}: {error}");
        assert!(!error.contains("APPKEY"), "{error}");
    }
}

#[test]
fn the_users_keys_win_over_the_machines_action_by_action() {
    use crate::app::keys::{Action, Context};
    let machine = parse("[keys]\nrefresh = \"f5\"\nnext_environment = \"f6\"\n").unwrap();
    let user = parse("[keys]\nrefresh = \"f7\"\n").unwrap();
    let map = machine.under(user).keys.key_map().unwrap();
    assert_eq!(map.key(Context::Detail, Action::Refresh, Lang::En), "F7");
    assert_eq!(
        map.key(Context::Form, Action::NextEnvironment, Lang::En),
        "F6"
    );
}

#[test]
fn a_refusal_names_the_file_it_is_in() {
    let dir = std::env::temp_dir().join(format!("skyview-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let machine = dir.join("machine.toml");
    let user = dir.join("user.toml");
    std::fs::write(&machine, "[keys]\nrefresh = \"f5\"\n").unwrap();
    std::fs::write(&user, "# mine\n[keys]\ncopy_suite = \"f5\"\n").unwrap();
    let at = |path: &std::path::Path| {
        Contents::read(Location {
            path: path.to_path_buf(),
            explicit: true,
        })
    };
    let loaded = load_layered(Some(&at(&machine)), Some(&at(&user))).unwrap();
    let error = loaded.file.keys.key_map().unwrap_err().text(Lang::En);
    std::fs::remove_dir_all(&dir).unwrap();
    let expected = format!(
        "config file {}, line 3: F5 would mean both `copy_suite` and `refresh`",
        user.display()
    );
    assert!(error.starts_with(&expected), "{error}");
}

#[test]
fn the_note_language_is_en_es_or_pt() {
    let resolved = |text: &str| resolve(&cli(&[]), &parse(text).unwrap(), &no_env, None);
    assert_eq!(resolved("").unwrap().note_language, None);
    assert_eq!(
        resolved("note_language = \"es\"").unwrap().note_language,
        Some(Lang::Es)
    );
    let error = resolved("note_language = \"fr\"").unwrap_err();
    assert!(error.to_string().contains("note_language"), "{error}");
}
