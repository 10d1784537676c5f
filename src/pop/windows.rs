//! Windows: a named pipe per user and environment, refusing remote clients.
//!
//! A pipe's name is machine-wide. Keeping another user of a shared desktop server out
//! needs a security descriptor on the pipe and a check of its owner by the client,
//! which tokio offers only through `unsafe`: skyview's pops on Windows are for
//! single-user machines (docs/, Windows). The pipe does refuse clients from other
//! machines, and a second window cannot take over the first one's pipe.

use std::io;

use tokio::net::windows::named_pipe::{ClientOptions, NamedPipeClient, ServerOptions};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::{Bound, Pop, SendError, serve};

/// Windows' "access denied", which creating a first instance gets when the pipe exists.
const ERROR_ACCESS_DENIED: i32 = 5;

/// The prefix of this user's pipes: `\\.\pipe\skyview-pop-USER-`.
#[derive(Clone, Debug)]
pub(crate) struct Place {
    prefix: String,
}

impl Place {
    /// The user's place, from `env` (the process environment in production).
    pub(crate) fn for_user(env: &dyn Fn(&str) -> Option<String>) -> Self {
        let user = super::endpoint_name(&env("USERNAME").unwrap_or_default());
        Self {
            prefix: format!(r"\\.\pipe\skyview-pop-{user}-"),
        }
    }

    fn pipe(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// Connects to every window of this user listening (or only to the one named
    /// `wanted`).
    pub(super) async fn connect_all(
        &self,
        wanted: Option<&str>,
    ) -> Result<Vec<(String, NamedPipeClient)>, SendError> {
        let names: Vec<String> = match wanted {
            Some(name) => vec![name.to_string()],
            None => std::fs::read_dir(r"\\.\pipe\")?
                .filter_map(|entry| {
                    let name = entry.ok()?.file_name().into_string().ok()?;
                    let prefix = self.prefix.trim_start_matches(r"\\.\pipe\");
                    Some(name.strip_prefix(prefix)?.to_string())
                })
                .collect(),
        };
        let mut live = Vec::new();
        for name in names {
            // Not there, or busy serving another pop: `send`'s retry finds it free.
            if let Ok(client) = ClientOptions::new().open(self.pipe(&name)) {
                live.push((name, client));
            }
        }
        Ok(live)
    }
}

/// A window's pipe. Dropping it stops listening.
pub(crate) struct Endpoint {
    accepting: JoinHandle<()>,
}

impl Endpoint {
    /// Listens for pops to the window in environment `name`, handing each to `pops`.
    /// [`Bound::Taken`] when another window listens there already.
    pub(crate) fn bind(place: &Place, name: &str, pops: mpsc::Sender<Pop>) -> io::Result<Bound> {
        let pipe = place.pipe(name);
        let first = match ServerOptions::new()
            .first_pipe_instance(true)
            .reject_remote_clients(true)
            .create(&pipe)
        {
            Ok(server) => server,
            Err(error) if error.raw_os_error() == Some(ERROR_ACCESS_DENIED) => {
                return Ok(Bound::Taken);
            }
            Err(error) => return Err(error),
        };
        tracing::info!(endpoint = name, "listening for pops");
        let accepting = tokio::spawn(async move {
            let mut server = first;
            loop {
                if let Err(error) = server.connect().await {
                    tracing::warn!(%error, "pop endpoint: accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue;
                }
                // The next instance before this one is served, so a pop never finds
                // the pipe gone.
                let next = match ServerOptions::new()
                    .reject_remote_clients(true)
                    .create(&pipe)
                {
                    Ok(next) => next,
                    Err(error) => {
                        tracing::warn!(%error, "pop endpoint: no new pipe instance");
                        return;
                    }
                };
                let connected = std::mem::replace(&mut server, next);
                let pops = pops.clone();
                tokio::spawn(async move { serve(connected, &pops).await });
            }
        });
        Ok(Bound::Listening(Self { accepting }))
    }
}

impl Drop for Endpoint {
    fn drop(&mut self) {
        self.accepting.abort();
    }
}
