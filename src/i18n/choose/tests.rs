//! The resolver, one row per rule: what is set, and what skyview speaks then.

use super::*;

/// One case: `--lang`, the config's `language`, the locale variables, the system's
/// display language; and the language, separator and `--version` line expected.
struct Case {
    flag: Option<&'static str>,
    config: Option<&'static str>,
    env: &'static [(&'static str, &'static str)],
    system: Option<&'static str>,
    lang: Lang,
    decimal: Decimal,
    says: &'static str,
}

const fn case(
    flag: Option<&'static str>,
    config: Option<&'static str>,
    env: &'static [(&'static str, &'static str)],
    system: Option<&'static str>,
    (lang, decimal): (Lang, Decimal),
    says: &'static str,
) -> Case {
    Case {
        flag,
        config,
        env,
        system,
        lang,
        decimal,
        says,
    }
}

const EN: (Lang, Decimal) = (Lang::En, Decimal::Dot);
const ES_DOT: (Lang, Decimal) = (Lang::Es, Decimal::Dot);
const ES_COMMA: (Lang, Decimal) = (Lang::Es, Decimal::Comma);
const PT: (Lang, Decimal) = (Lang::Pt, Decimal::Comma);

fn run(case: &Case) -> Result<Choice, UnknownLanguage> {
    let env = |name: &str| {
        case.env
            .iter()
            .find(|(var, _)| *var == name)
            .map(|(_, value)| (*value).to_string())
    };
    let system = || case.system.map(str::to_string);
    choose(&Sources {
        flag: case.flag,
        config: case.config,
        env: &env,
        system: &system,
    })
}

#[test]
fn every_rule_of_precedence() {
    let es_mx = &[("LANG", "es_MX.UTF-8")];
    #[rustfmt::skip]
    let cases = [
        // Nothing set: English.
        case(None, None, &[], None, EN, "language en (no locale set)"),
        // LANG alone; its region picks the separator.
        case(None, None, es_mx, None, ES_DOT, "language es (LANG=es_MX.UTF-8)"),
        case(None, None, &[("LANG", "es_CO.UTF-8")], None, ES_COMMA, "language es (LANG=es_CO.UTF-8)"),
        case(None, None, &[("LANG", "es_AR")], None, ES_COMMA, "language es (LANG=es_AR)"),
        case(None, None, &[("LANG", "es")], None, ES_DOT, "language es (LANG=es)"),
        case(None, None, &[("LANG", "pt_BR.UTF-8")], None, PT, "language pt (LANG=pt_BR.UTF-8)"),
        case(None, None, &[("LANG", "pt")], None, PT, "language pt (LANG=pt)"),
        case(None, None, &[("LANG", "pt_BR.UTF-8@euro")], None, PT, "language pt (LANG=pt_BR.UTF-8@euro)"),
        // LC_MESSAGES over LANG, LC_ALL over both.
        case(None, None, &[("LANG", "es_MX.UTF-8"), ("LC_MESSAGES", "pt_BR.UTF-8")], None, PT, "language pt (LC_MESSAGES=pt_BR.UTF-8)"),
        case(None, None, &[("LANG", "es_MX.UTF-8"), ("LC_MESSAGES", "pt_BR"), ("LC_ALL", "es_CO")], None, ES_COMMA, "language es (LC_ALL=es_CO)"),
        // Empty values do not count: the next variable decides.
        case(None, None, &[("LC_ALL", ""), ("LC_MESSAGES", " "), ("LANG", "pt_BR")], None, PT, "language pt (LANG=pt_BR)"),
        // C, POSIX and C.UTF-8 are English, and they still win over what follows.
        case(None, None, &[("LC_ALL", "C"), ("LANG", "es_MX.UTF-8")], None, EN, "language en (LC_ALL=C)"),
        case(None, None, &[("LANG", "POSIX")], None, EN, "language en (LANG=POSIX)"),
        case(None, None, &[("LANG", "C.UTF-8")], None, EN, "language en (LANG=C.UTF-8)"),
        // Any other language is English.
        case(None, None, &[("LANG", "fr_FR.UTF-8")], None, EN, "language en (LANG=fr_FR.UTF-8)"),
        case(None, None, &[("LANG", "en_US.UTF-8")], None, EN, "language en (LANG=en_US.UTF-8)"),
        // GNU's LANGUAGE is not read.
        case(None, None, &[("LANGUAGE", "es"), ("LANG", "C")], None, EN, "language en (LANG=C)"),
        // The system's display language only when no variable is set.
        case(None, None, &[], Some("es-MX"), ES_DOT, "language es (system display language es-MX)"),
        case(None, None, &[], Some("es-419"), ES_DOT, "language es (system display language es-419)"),
        case(None, None, &[("LANG", "en_US")], Some("pt-BR"), EN, "language en (LANG=en_US)"),
        case(None, None, &[("LANG", "")], Some("pt-BR"), PT, "language pt (system display language pt-BR)"),
        // The config's language over the environment; the region stays the
        // environment's when it speaks the same language.
        case(None, Some("pt"), es_mx, None, PT, "language pt (config language = \"pt\")"),
        case(None, Some("es"), &[("LANG", "es_CO.UTF-8")], None, ES_COMMA, "language es (config language = \"es\")"),
        case(None, Some("es"), &[("LANG", "en_US.UTF-8")], None, ES_DOT, "language es (config language = \"es\")"),
        case(None, Some("en"), es_mx, None, EN, "language en (config language = \"en\")"),
        // --lang over everything.
        case(Some("pt"), Some("es"), es_mx, None, PT, "language pt (--lang pt)"),
        case(Some("en"), None, &[("LC_ALL", "pt_BR")], None, EN, "language en (--lang en)"),
        case(Some(" ES "), None, &[], None, ES_DOT, "language es (--lang es)"),
    ];
    for case in &cases {
        let choice = run(case).unwrap_or_else(|e| panic!("{}: {e:?}", case.says));
        assert_eq!(
            (choice.lang, choice.decimal, choice.to_string().as_str()),
            (case.lang, case.decimal, case.says)
        );
    }
}

#[test]
fn an_unknown_language_is_refused_naming_the_environments() {
    #[rustfmt::skip]
    let cases: [(_, _, &[(&str, &str)], _, _, _); 5] = [
        (Some("fr"), None, &[("LANG", "es_MX.UTF-8")], "fr", true, Lang::Es),
        (Some(""), None, &[], "", true, Lang::En),
        (None, Some("es_MX"), &[("LC_ALL", "pt_BR")], "es_MX", false, Lang::Pt),
        // --lang is judged first.
        (Some("klingon"), Some("xx"), &[], "klingon", true, Lang::En),
        // A wrong config is refused even under a good --lang.
        (Some("pt"), Some("xx"), &[], "xx", false, Lang::En),
    ];
    for (flag, config, env, value, from_flag, environment) in cases {
        let case = case(flag, config, env, None, EN, "");
        assert_eq!(
            run(&case),
            Err(UnknownLanguage {
                value: value.to_string(),
                from_flag,
                environment,
            })
        );
    }
    // The refusal names the three languages, in English first.
    let refused = run(&case(Some("fr"), None, &[], None, EN, "")).unwrap_err();
    assert_eq!(
        refused.text(),
        "--lang \"fr\" is not a language skyview speaks: use en (English), es (español) or pt (português)."
    );
}
