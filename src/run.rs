//! The whole program behind `main`: parse flags, read the config, set the clients
//! and the terminal up, run the subcommand or the app, restore.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::api::{Client, ClientConfig};
use crate::app::{App, Msg, Notice, Settings};
use crate::cause::Cause;
use crate::cli::{Cli, Command, ConfigAction, exit};
use crate::config::{self, Resolved};
use crate::demo::DemoServer;
use crate::i18n::{self, Choice, Lang, msg};
use crate::{oneshot, private_file, runtime, terminal};

/// Runs skyview on `args` (the program name first) and says how it went. Call it
/// while the process has a single thread: `time` reads the local offset only then
/// (the https client and large answers start threads of their own later on).
pub fn main_with(args: Vec<OsString>) -> ExitCode {
    let utc_offset = time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC);
    let early = crate::cli::early_flags(&args);
    let files = ConfigFiles::read(early.config.as_deref());
    let choice = match choose_language(early.lang.as_deref(), &files) {
        Ok(choice) => choice,
        Err(code) => return code,
    };
    let lang = choice.lang;
    let cli = parse(&choice, args);
    if let Some(path) = &cli.log_file
        && let Err(message) = crate::logging::init(path, cli.log_level)
    {
        return fail(exit::USAGE, &message.text(lang));
    }
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "{choice}");
    if let Some(Command::Config { action }) = &cli.command {
        return config_command(lang, &cli, action);
    }
    if let Some(Command::Keys) = &cli.command {
        return keys_command(lang, &files);
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            return fail(
                exit::RUNTIME,
                &msg::main::no_runtime(lang, Cause::io(&error).text(lang)),
            );
        }
    };
    runtime.block_on(async {
        match &cli.command {
            Some(Command::DemoServer { port }) => serve_demo(lang, *port).await,
            Some(Command::Get {
                output,
                customer_key_stdin,
                shipments,
                from,
                to,
                awb,
                reveal,
            }) => {
                // clap's `requires` holds for a flag that is off: checked here.
                if !shipments && (from.is_some() || to.is_some()) {
                    return fail(exit::USAGE, msg::main::from_to_without_shipments(lang));
                }
                let subject = match (awb, shipments) {
                    (Some(awb), _) => oneshot::Subject::Shipment { awb: *awb },
                    (None, true) => oneshot::Subject::Shipments {
                        from: from.clone(),
                        to: to.clone(),
                    },
                    (None, false) => oneshot::Subject::Customer,
                };
                let today = time::OffsetDateTime::now_utc().to_offset(utc_offset).date();
                let asked = Asked {
                    output: *output,
                    key_from_stdin: *customer_key_stdin,
                    subject: &subject,
                    today,
                    lang,
                    reveal: *reveal,
                    decimal: choice.decimal,
                };
                get(&cli, &files, &asked).await
            }
            Some(Command::Pop { customer_key_stdin }) => pop(lang, &cli, *customer_key_stdin).await,
            Some(Command::Config { .. } | Command::Keys) | None => {
                interactive(&choice, &cli, &files, utc_offset).await
            }
        }
    })
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The config files, each read once, before the command line is parsed: the
/// language comes from them first, the settings later. The user's is the one
/// `--config` names as [`crate::cli::early_flags`] finds it, which is clap's.
struct ConfigFiles {
    machine: Option<config::Contents>,
    user: Option<config::Contents>,
}

impl ConfigFiles {
    fn read(flag: Option<&std::path::Path>) -> Self {
        Self {
            machine: config::machine_location(&env_var).map(config::Contents::read),
            user: config::locate(flag, &env_var).map(config::Contents::read),
        }
    }

    /// The machine-wide config file with the user's over it.
    fn load(&self) -> Result<config::Loaded, crate::setup::SetupError> {
        config::load_layered(self.machine.as_ref(), self.user.as_ref())
    }
}

/// The language, chosen before the command line is parsed (`--help` is written in
/// it): `--lang` (`flag`), the config's `language`, the locale. Exit 2 on one that
/// names no language.
fn choose_language(flag: Option<&str>, files: &ConfigFiles) -> Result<Choice, ExitCode> {
    // The user's file over the machine's, as when the whole file is read.
    let language = |file: &Option<config::Contents>| file.as_ref()?.language();
    let configured = language(&files.user).or_else(|| language(&files.machine));
    i18n::choose(&i18n::Sources {
        flag,
        config: configured.as_deref(),
        env: &env_var,
        system: &i18n::choose::system_language,
    })
    .map_err(|unknown| fail(exit::USAGE, &unknown.text()))
}

/// The command line, parsed; `--version` says the language and where it came from.
/// clap's words are put in the language only when clap is to show them (help, the
/// version, a mistake): localizing every command's flags took a quarter of a
/// millisecond of each start, before the first frame.
fn parse(choice: &Choice, args: Vec<OsString>) -> Cli {
    if let Ok(matches) = Cli::command().try_get_matches_from(&args)
        && let Ok(cli) = Cli::from_arg_matches(&matches)
    {
        return cli;
    }
    let version = format!("{}\n{choice}", env!("CARGO_PKG_VERSION"));
    let matches = crate::cli::command(choice.lang, version)
        .try_get_matches_from(args)
        .unwrap_or_else(|error| exit_with(choice.lang, &error));
    Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit())
}

/// Exits as clap would (its help, its version, its mistakes), except that a value
/// skyview's own parser refused is said in the agent's language: clap's sentence
/// around it stays English (issue 17 allows that), skyview's reason does not.
fn exit_with(lang: Lang, error: &clap::Error) -> ! {
    use std::error::Error as _;
    let refused = error
        .source()
        .and_then(|source| source.downcast_ref::<crate::cli::ValueError>());
    match refused {
        Some(value) if error.kind() == clap::error::ErrorKind::ValueValidation => {
            let text = error.render().to_string();
            warn(
                text.replace(&value.to_string(), &value.text(lang))
                    .trim_end(),
            );
            std::process::exit(error.exit_code())
        }
        _ => error.exit(),
    }
}

fn config_command(lang: Lang, cli: &Cli, action: &ConfigAction) -> ExitCode {
    let Some(location) = config::locate(cli.config.as_deref(), &env_var) else {
        return fail(exit::USAGE, msg::main::no_config_dir(lang));
    };
    let path = &location.path;
    match action {
        ConfigAction::Path => {
            say(&path.display().to_string());
            ExitCode::SUCCESS
        }
        ConfigAction::Init { force } => {
            if path.exists() && !force {
                return fail(exit::USAGE, &msg::main::config_exists(lang, path.display()));
            }
            match write_private(path, config::TEMPLATE) {
                Ok(()) => {
                    say(&msg::main::config_written(lang, path.display()));
                    ExitCode::SUCCESS
                }
                Err(error) => fail(
                    exit::RUNTIME,
                    &msg::main::config_unwritable(
                        lang,
                        path.display(),
                        Cause::io(&error).text(lang),
                    ),
                ),
            }
        }
    }
}

/// `skyview keys`: the key bindings the config makes, as Markdown.
fn keys_command(lang: Lang, files: &ConfigFiles) -> ExitCode {
    match files.load().and_then(|loaded| loaded.file.keys.key_map()) {
        Ok(map) => {
            say(map.markdown(lang).trim_end());
            ExitCode::SUCCESS
        }
        Err(error) => fail(exit::USAGE, &error.text(lang)),
    }
}

/// Writes `text` to a file for its owner only (it may come to hold a key).
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = private_file::open(path, std::fs::OpenOptions::new().truncate(true))?;
    // The mode applies only to a new file; --force may be replacing a readable one.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    file.write_all(text.as_bytes())
}

async fn serve_demo(lang: Lang, port: u16) -> ExitCode {
    let server = match DemoServer::start(port).await {
        Ok(server) => server,
        Err(error) => {
            return fail(
                exit::RUNTIME,
                &msg::main::demo_cannot_listen(lang, port, Cause::io(&error).text(lang)),
            );
        }
    };
    say(&server.base_url());
    tokio::select! {
        () = server.wait() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    ExitCode::SUCCESS
}

/// What both the TUI and `get` need: the resolved settings, one client per
/// environment, the demo server when asked for, and warnings for the agent.
struct Setup {
    resolved: Resolved,
    clients: Vec<Client>,
    warnings: Vec<config::ConfigWarning>,
    // Kept alive for as long as the setup: the clients point at it.
    _demo: Option<DemoServer>,
}

async fn setup(lang: Lang, cli: &Cli, files: &ConfigFiles) -> Result<Setup, ExitCode> {
    let loaded = files.load().map_err(|e| fail(exit::USAGE, &e.text(lang)))?;
    let demo = if cli.demo {
        let server = DemoServer::start(0).await.map_err(|e| {
            fail(
                exit::RUNTIME,
                &msg::main::demo_cannot_start(lang, Cause::io(&e).text(lang)),
            )
        })?;
        Some(server)
    } else {
        None
    };
    let resolved = config::resolve(
        cli,
        &loaded.file,
        &env_var,
        demo.as_ref().map(DemoServer::base_url),
    )
    .map_err(|e| fail(exit::USAGE, &e.text(lang)))?;
    let template = ClientConfig {
        timeout: resolved.timeout,
        max_body_bytes: resolved.max_body,
        ca_file: cli.ca_file.clone(),
        ..ClientConfig::new(crate::api::Environment::Test)
    };
    let environments: Vec<_> = resolved
        .environments
        .iter()
        .map(|e| e.environment.clone())
        .collect();
    let clients = Client::for_environments(&template, &environments)
        .map_err(|e| fail(exit::USAGE, &e.text(lang)))?
        .into_iter()
        .zip(&resolved.environments)
        .map(|(client, resolved)| client.with_paths(&resolved.paths))
        .collect();
    Ok(Setup {
        resolved,
        clients,
        warnings: loaded.warnings,
        _demo: demo,
    })
}

/// What `skyview get` was asked for.
struct Asked<'a> {
    output: crate::cli::Output,
    key_from_stdin: bool,
    subject: &'a oneshot::Subject,
    today: time::Date,
    lang: Lang,
    reveal: bool,
    decimal: i18n::Decimal,
}

async fn get(cli: &Cli, files: &ConfigFiles, asked: &Asked<'_>) -> ExitCode {
    let lang = asked.lang;
    let mut setup = match setup(lang, cli, files).await {
        Ok(setup) => setup,
        Err(code) => return code,
    };
    for warning in &setup.warnings {
        warn_that(lang, warning.text(lang));
    }
    if asked.key_from_stdin {
        match oneshot::key_from(lang, std::io::stdin().lock()) {
            Ok(key) => setup.resolved.prefill.customer_key = key,
            Err(failure) => return fail(failure.code, &failure.message),
        }
    }
    let (Some(client), Some(environment)) =
        (setup.clients.first(), setup.resolved.environments.first())
    else {
        return fail(exit::USAGE, msg::main::no_environment(lang));
    };
    let mut stdout = std::io::stdout().lock();
    let label = environment.choice.label.clone();
    let request = oneshot::Request {
        email: cli.email.as_deref(),
        box_id: cli.box_id.as_deref(),
        subject: asked.subject,
        output: asked.output,
        today: asked.today,
        lang,
        decimal: asked.decimal,
        caller_check: setup.resolved.caller_check,
        reveal: asked.reveal,
    };
    match oneshot::run(
        client,
        &setup.resolved.prefill,
        &label,
        &request,
        &mut stdout,
        &mut std::io::stderr(),
    )
    .await
    {
        Ok(()) => {
            log_failure_warning(lang);
            ExitCode::SUCCESS
        }
        Err(failure) => {
            log_failure_warning(lang);
            fail(failure.code, &failure.message)
        }
    }
}

/// A log file that stopped being written (`--log-file /dev/full`): said on stderr,
/// which `get` owns; the answer and the exit code stand.
fn log_failure_warning(lang: Lang) {
    if let Some(failure) = crate::logging::take_failure() {
        let notice = Notice::LogStopped(failure);
        warn_that(lang, notice.text(lang, &Default::default()));
    }
}

/// `skyview pop`: hands a lookup to the window already running; never opens one.
async fn pop(lang: Lang, cli: &Cli, key_from_stdin: bool) -> ExitCode {
    let customer_key = if key_from_stdin {
        match oneshot::key_from(lang, std::io::stdin().lock()) {
            Ok(key) => Some(key),
            Err(failure) => return fail(failure.code, &failure.message),
        }
    } else {
        None
    };
    let command = crate::pop::Command {
        email: cli.email.as_deref(),
        box_id: cli.box_id.as_deref(),
        env: cli.env.as_deref(),
        customer_key,
    };
    match command
        .run(&crate::pop::Place::for_user(&env_var), lang)
        .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => fail(failure.code, &failure.message),
    }
}

async fn interactive(
    choice: &Choice,
    cli: &Cli,
    files: &ConfigFiles,
    utc_offset: time::UtcOffset,
) -> ExitCode {
    let lang = choice.lang;
    if cli.email.is_some() && cli.box_id.is_some() {
        return fail(exit::USAGE, msg::main::email_and_box_id(lang));
    }
    if !std::io::stdout().is_terminal() {
        return fail(exit::USAGE, msg::main::not_a_terminal(lang));
    }
    let setup = match setup(lang, cli, files).await {
        Ok(setup) => setup,
        Err(code) => return code,
    };
    let Setup {
        resolved,
        clients,
        warnings,
        _demo,
    } = setup;
    let today = time::OffsetDateTime::now_utc().to_offset(utc_offset).date();
    let settings = Settings {
        environments: resolved
            .environments
            .iter()
            .map(|e| e.choice.clone())
            .collect(),
        lang,
        decimal: choice.decimal,
        idle_lock: resolved.idle_lock,
        mouse: resolved.mouse,
        color: resolved.color,
        lookup_at_start: cli.lookup,
        keys: resolved.keys.clone(),
        caller_check: resolved.caller_check,
        utc_offset,
        note_language: resolved.note_language,
    };
    let mut prefill = resolved.prefill.clone();
    if let Some(email) = &cli.email {
        prefill.box_id.clone_from(email);
    }
    let mut app = App::new(settings, &prefill, today);
    if !warnings.is_empty() {
        // Nothing is in flight before the loop starts: a notice asks for nothing.
        app.update(Msg::Warning(Notice::ConfigWarnings(warnings)));
    }
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        environment = %app.environment().label,
        "skyview started"
    );

    let watched = runtime::terminating_signal()
        .and_then(|stop| Ok((stop, crate::signals::SuspendRequests::watch()?)));
    let (stop, suspend) = match watched {
        Ok(watched) => watched,
        Err(error) => {
            return fail(
                exit::RUNTIME,
                &msg::main::no_signals(lang, Cause::io(&error).text(lang)),
            );
        }
    };
    let mut tui = match terminal::init() {
        Ok(tui) => tui,
        Err(error) => {
            return fail(
                exit::RUNTIME,
                &msg::main::no_terminal(lang, Cause::io(&error).text(lang)),
            );
        }
    };
    let inputs = runtime::Inputs {
        stop,
        suspend: Some(suspend),
        unread: terminal::Unread::new(),
        pops: Some(runtime::Pops::new(crate::pop::Place::for_user(&env_var))),
    };
    let outcome = runtime::run(&mut tui, app, clients, utc_offset, inputs).await;
    // Gone before the modes are turned off: ratatui shows a hidden cursor when its
    // terminal is dropped, which would otherwise write after the restore.
    drop(tui);
    terminal::restore();
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(
            exit::RUNTIME,
            &msg::main::terminal_error(lang, Cause::io(&error).text(lang)),
        ),
    }
}

fn fail(code: u8, message: &str) -> ExitCode {
    warn(&format!("skyview: {message}"));
    ExitCode::from(code)
}

/// `skyview: warning: …` on stderr, in `lang`; what follows goes on.
fn warn_that(lang: Lang, text: impl std::fmt::Display) {
    warn(&format!("skyview: {}", msg::main::warning(lang, text)));
}

/// A line on stdout. `println!` would panic on a closed stdout (`| head -1`): this
/// says nothing then, and the exit code tells.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// A line on stderr, which may be closed too (`2>&1 | head -1`): `eprintln!` would
/// panic, and the release build's panic aborts.
fn warn(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}
