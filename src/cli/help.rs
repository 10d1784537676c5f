//! `--help` in the agent's language: every line clap writes for skyview and each
//! subcommand, its own included (`Usage:`, `Options:`, `-h, --help`, `[default: …]`,
//! the `help` subcommand), comes from the catalog's `[cli]` group. Only clap's
//! parse-error sentences stay English. Flag names, subcommands and values do not
//! change with the language: scripts type them.

use clap::{Arg, Command, CommandFactory};

use super::Cli;
use crate::i18n::{Lang, msg};

/// The command line, its help in `lang`; `--version` prints `version`.
pub(crate) fn command(lang: Lang, version: String) -> Command {
    let mut command = Cli::command().version(version);
    // Built first, so that clap's own flags and `help` subcommands exist to be
    // translated, and global flags have reached every subcommand.
    command.build();
    localize(&mut command, lang, &[]);
    command
}

/// Puts `lang`'s words on `command` (at `path` below skyview) and its subcommands.
fn localize(command: &mut Command, lang: Lang, path: &[&str]) {
    let name = command.get_name().to_string();
    let here = below(path, &name);
    let mut localized = std::mem::take(command)
        .mut_args(|arg| localize_arg(arg, lang, &here))
        .subcommand_help_heading(msg::cli::commands_heading(lang))
        .subcommand_value_name(msg::cli::command_placeholder(lang))
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            msg::cli::usage_heading(lang)
        ));
    if let Some(about) = about(lang, &here) {
        localized = localized.about(about).long_about(None);
    }
    if here.is_empty() {
        localized = localized.after_help(msg::cli::after_help(lang));
    }
    // clap writes `[OPTIONS]` into the usage itself: the usage is rendered once and
    // the placeholder put in the language.
    let usage = localized.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).replace(
        "[OPTIONS]",
        &format!("[{}]", msg::cli::options_placeholder(lang)),
    );
    *command = localized.override_usage(usage);
    for subcommand in command.get_subcommands_mut() {
        localize(subcommand, lang, &here);
    }
}

/// The path of command `name` below skyview, its parent's being `path` (skyview's
/// own is empty).
fn below<'a>(path: &[&'a str], name: &'a str) -> Vec<&'a str> {
    path.iter()
        .copied()
        .chain((!path.is_empty() || name != "skyview").then_some(name))
        .collect()
}

/// The command `path` stands for: clap's `help` holds a copy of the commands it
/// gives help on (`help config init` is `config init`).
fn meant<'a>(path: &[&'a str]) -> Vec<&'a str> {
    match path.split_last() {
        Some((&"help", _)) => vec!["help"],
        _ => path
            .iter()
            .copied()
            .filter(|name| *name != "help")
            .collect(),
    }
}

/// What a command (`get`, `config init`, clap's `help`) is for; `None` for one the
/// catalog does not know, which the tests refuse.
fn about(lang: Lang, path: &[&str]) -> Option<&'static str> {
    Some(match meant(path).as_slice() {
        [] => msg::cli::about(lang),
        [.., "help"] => msg::cli::help_command(lang),
        ["get"] => msg::cli::get(lang),
        ["pop"] => msg::cli::pop(lang),
        ["config"] => msg::cli::config_command(lang),
        ["config", "init"] => msg::cli::config_init(lang),
        ["config", "path"] => msg::cli::config_path(lang),
        ["demo-server"] => msg::cli::demo_server(lang),
        ["keys"] => msg::cli::keys(lang),
        _ => return None,
    })
}

/// What a flag does, by the command it belongs to and its id.
fn arg_help(lang: Lang, path: &[&str], id: &str) -> Option<&'static str> {
    use msg::cli as words;
    Some(match (meant(path).as_slice(), id) {
        (_, "help") => words::help_flag(lang),
        (_, "version") => words::version_flag(lang),
        ([.., "help"], "subcommand") => words::help_command_arg(lang),
        (_, "env") => words::env(lang),
        (_, "base_url") => words::base_url(lang),
        (_, "config") => words::config(lang),
        (_, "lang") => words::lang(lang),
        (_, "timeout") => words::timeout(lang),
        (_, "max_body") => words::max_body(lang),
        (_, "ca_file") => words::ca_file(lang),
        (_, "idle_lock") => words::idle_lock(lang),
        (_, "no_color") => words::no_color(lang),
        (_, "mouse") => words::mouse(lang),
        (_, "log_file") => words::log_file(lang),
        (_, "log_level") => words::log_level(lang),
        (_, "user_code") => words::user_code(lang),
        (_, "box_id") => words::box_id(lang),
        (_, "email") => words::email(lang),
        (_, "lookup") => words::lookup(lang),
        (_, "demo") => words::demo(lang),
        (["get"], "output") => words::get_output(lang),
        (["get"], "customer_key_stdin") => words::get_customer_key_stdin(lang),
        (["get"], "shipments") => words::get_shipments(lang),
        (["get"], "from") => words::get_from(lang),
        (["get"], "to") => words::get_to(lang),
        (["get"], "awb") => words::get_awb(lang),
        (["get"], "reveal") => words::get_reveal(lang),
        (["pop"], "customer_key_stdin") => words::pop_customer_key_stdin(lang),
        (["config", "init"], "force") => words::config_init_force(lang),
        (["demo-server"], "port") => words::demo_server_port(lang),
        _ => return None,
    })
}

/// One flag in `lang`: its help, its heading, and its default and possible values
/// in words of the language rather than clap's.
fn localize_arg(arg: Arg, lang: Lang, path: &[&str]) -> Arg {
    let mut help = arg_help(lang, path, arg.get_id().as_str())
        .map(str::to_string)
        .or_else(|| arg.get_help().map(ToString::to_string))
        .unwrap_or_default();
    // A flag without a value (`--mouse`) has `false` for its default and `true` and
    // `false` for its values: nothing worth saying, as clap has it.
    if arg.get_action().takes_values() {
        let defaults = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned());
        let values = arg
            .get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string());
        for (word, list) in [
            (msg::cli::default(lang), defaults.collect::<Vec<_>>()),
            (msg::cli::possible_values(lang), values.collect()),
        ] {
            if !list.is_empty() {
                help.push_str(&format!(" [{word}: {}]", list.join(", ")));
            }
        }
    }
    let heading = if arg.is_positional() {
        msg::cli::arguments_heading(lang)
    } else {
        msg::cli::options_heading(lang)
    };
    arg.help(help)
        .long_help(None)
        .hide_default_value(true)
        .hide_possible_values(true)
        .help_heading(heading)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and flag has its words in the catalog: a flag added without
    /// them fails here, not in front of an agent reading `--help` in Portuguese.
    #[test]
    fn every_command_and_flag_has_catalog_words() {
        fn walk(command: &Command, path: &[&str], missing: &mut Vec<String>) {
            let here = below(path, command.get_name());
            if about(Lang::En, &here).is_none() {
                missing.push(format!("command {here:?}"));
            }
            for arg in command.get_arguments() {
                if arg_help(Lang::En, &here, arg.get_id().as_str()).is_none() {
                    missing.push(format!("{here:?} {}", arg.get_id()));
                }
            }
            for subcommand in command.get_subcommands() {
                walk(subcommand, &here, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&command(Lang::En, String::new()), &[], &mut missing);
        assert!(missing.is_empty(), "not in the catalog: {missing:?}");
    }

    /// clap's own lines come from the catalog, in each language: what an agent reads
    /// around the flags.
    #[test]
    fn clap_s_own_lines_are_the_catalog_s() {
        for lang in Lang::ALL {
            let mut command = command(lang, String::new());
            let help = command.render_help().to_string();
            for words in [
                msg::cli::usage_heading(lang),
                msg::cli::options_heading(lang),
                msg::cli::commands_heading(lang),
                msg::cli::help_flag(lang),
                msg::cli::version_flag(lang),
                msg::cli::help_command(lang),
            ] {
                assert!(help.contains(words), "{lang:?} lacks {words:?}:\n{help}");
            }
            let placeholder = format!("[{}]", msg::cli::options_placeholder(lang));
            assert!(help.contains(&placeholder), "{help}");
            let default = format!("[{}: info]", msg::cli::default(lang));
            assert!(help.contains(&default), "{help}");
            let get = command
                .find_subcommand_mut("get")
                .map(Command::render_long_help);
            let get = get.map(|h| h.to_string()).unwrap_or_default();
            let values = format!("[{}: text, json, raw]", msg::cli::possible_values(lang));
            assert!(get.contains(&values), "{get}");
            // clap's wording for a long help, never the catalog's.
            assert!(!get.contains("see more with"), "{get}");
        }
    }
}
