//! Wiring only: parse flags, set the client and the terminal up, run, restore.

use std::process::ExitCode;

use clap::Parser;
use skyview::api::{Client, ClientConfig, Environment};
use skyview::app::{App, EnvChoice, Settings};
use skyview::cli::{Cli, Command};
use skyview::demo::DemoServer;
use skyview::{runtime, terminal};

/// Exit code for a usage or configuration error (clap uses it too).
const EXIT_USAGE: u8 = 2;
/// Exit code for a failure while running (terminal, demo server).
const EXIT_RUNTIME: u8 = 1;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(path) = &cli.log_file
        && let Err(message) = skyview::logging::init(path, cli.log_level)
    {
        return fail(EXIT_USAGE, &message);
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            return fail(
                EXIT_RUNTIME,
                &format!("could not start the async runtime: {error}"),
            );
        }
    };
    runtime.block_on(async {
        match cli.command {
            Some(Command::DemoServer { port }) => serve_demo(port).await,
            None => interactive(&cli).await,
        }
    })
}

async fn serve_demo(port: u16) -> ExitCode {
    let server = match DemoServer::start(port).await {
        Ok(server) => server,
        Err(error) => {
            return fail(
                EXIT_RUNTIME,
                &format!("demo server could not listen on 127.0.0.1:{port}: {error}"),
            );
        }
    };
    println!("{}", server.base_url());
    tokio::select! {
        () = server.wait() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    ExitCode::SUCCESS
}

async fn interactive(cli: &Cli) -> ExitCode {
    // The demo server lives as long as this function: it must outlive the TUI.
    let demo = if cli.demo {
        match DemoServer::start(0).await {
            Ok(server) => Some(server),
            Err(error) => {
                return fail(
                    EXIT_RUNTIME,
                    &format!("demo server could not start: {error}"),
                );
            }
        }
    } else {
        None
    };
    let environment = match &demo {
        Some(server) => Environment::Demo(server.base_url()),
        None => cli.environment(),
    };
    let config = ClientConfig {
        timeout: cli.timeout,
        max_body_bytes: cli.max_body,
        ca_file: cli.ca_file.clone(),
        ..ClientConfig::new(environment.clone())
    };
    let client = match Client::new(&config) {
        Ok(client) => client,
        Err(error) => return fail(EXIT_USAGE, &error.to_string()),
    };
    let prefill = cli.prefill(|name| std::env::var(name).ok());
    let today = time::OffsetDateTime::now_utc().date();
    let choice = EnvChoice::new(environment.label(), environment == Environment::Prod);
    let settings = Settings {
        environments: vec![choice],
        ..Settings::default()
    };
    let app = App::new(settings, &prefill, today);
    tracing::info!(version = env!("CARGO_PKG_VERSION"), environment = %environment.label(), "skyview started");

    let mut tui = match terminal::init() {
        Ok(tui) => tui,
        Err(error) => {
            return fail(
                EXIT_RUNTIME,
                &format!("could not set the terminal up: {error}"),
            );
        }
    };
    let outcome = runtime::run(&mut tui, app, vec![client]).await;
    terminal::restore();
    drop(demo);
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(EXIT_RUNTIME, &format!("terminal error: {error}")),
    }
}

fn fail(code: u8, message: &str) -> ExitCode {
    eprintln!("skyview: {message}");
    ExitCode::from(code)
}
