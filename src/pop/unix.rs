//! Unix: a socket per environment in a directory only the user can enter, checked on
//! both sides of every connection.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use tokio::net::{UnixListener, UnixStream};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::{Bound, Pop, SendError, serve};
use crate::cause::Cause;

/// Where a user's endpoints live: `$XDG_RUNTIME_DIR/skyview` (the session's private
/// directory), or `skyview-UID` under the temp directory.
#[derive(Clone, Debug)]
pub(crate) struct Place {
    dir: PathBuf,
    uid: u32,
}

impl Place {
    /// The user's place, from `env` (the process environment in production).
    pub(crate) fn for_user(env: &dyn Fn(&str) -> Option<String>) -> Self {
        let uid = rustix::process::getuid().as_raw();
        let dir = match env("XDG_RUNTIME_DIR").map(PathBuf::from) {
            Some(runtime) if runtime.is_absolute() => runtime.join("skyview"),
            _ => std::env::temp_dir().join(format!("skyview-{uid}")),
        };
        Self { dir, uid }
    }

    /// A place in `dir`, for tests.
    #[cfg(test)]
    pub(super) fn at(dir: PathBuf) -> Self {
        Self {
            dir,
            uid: rustix::process::getuid().as_raw(),
        }
    }

    /// Creates the directory (0700) when missing, then checks it is safe.
    pub(super) fn ensure(&self) -> io::Result<()> {
        match DirBuilder::new().mode(0o700).create(&self.dir) {
            Err(error) if error.kind() != io::ErrorKind::AlreadyExists => return Err(error),
            _ => {}
        }
        self.check()
    }

    /// The directory must be a real directory (not a link), the user's own, and closed
    /// to everyone else: otherwise another user could have put a socket there, or
    /// could read what goes through one.
    fn check(&self) -> io::Result<()> {
        let meta = fs::symlink_metadata(&self.dir)?;
        if !meta.is_dir() || meta.uid() != self.uid || meta.mode() & 0o077 != 0 {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "{} is not a directory of this user's closed to others: pops are off",
                    self.dir.display()
                ),
            ));
        }
        Ok(())
    }

    fn socket(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.sock"))
    }

    /// Connects to every live window (or only to the one named `wanted`): sockets that
    /// refuse are left by a killed window and skipped. A missing directory means no
    /// window; one that is not safe, an error.
    pub(super) async fn connect_all(
        &self,
        wanted: Option<&str>,
    ) -> Result<Vec<(String, UnixStream)>, SendError> {
        match self.check() {
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => {
                return Err(SendError::Unsafe {
                    dir: self.dir.clone(),
                    why: Cause::io(&error),
                });
            }
            Ok(()) => {}
        }
        let names: Vec<String> = match wanted {
            Some(name) => vec![name.to_string()],
            None => fs::read_dir(&self.dir)?
                .filter_map(|entry| {
                    let name = entry.ok()?.file_name().into_string().ok()?;
                    Some(name.strip_suffix(".sock")?.to_string())
                })
                .collect(),
        };
        let mut live = Vec::new();
        for name in names {
            let Ok(stream) = UnixStream::connect(self.socket(&name)).await else {
                continue;
            };
            // The window must be this user's: never hand a customer key to another.
            if stream.peer_cred()?.uid() == self.uid {
                live.push((name, stream));
            }
        }
        Ok(live)
    }
}

/// A window's endpoint: the socket, and the lock that makes it this window's. Dropping
/// it stops listening and removes the socket.
pub(crate) struct Endpoint {
    path: PathBuf,
    accepting: JoinHandle<()>,
    // Held for as long as the window listens: a second window finds it taken.
    _lock: File,
}

impl Endpoint {
    /// Listens for pops to the window in environment `name` (see
    /// [`super::endpoint_name`]), handing each to `pops`. [`Bound::Taken`] when
    /// another window of this user listens there already. A socket left by a killed
    /// window is replaced, but only under the lock and once a connect to it is refused.
    pub(crate) fn bind(place: &Place, name: &str, pops: mpsc::Sender<Pop>) -> io::Result<Bound> {
        place.ensure()?;
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(place.dir.join(format!("{name}.lock")))?;
        match rustix::fs::flock(&lock, rustix::fs::FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => {}
            Err(rustix::io::Errno::WOULDBLOCK) => return Ok(Bound::Taken),
            Err(error) => return Err(error.into()),
        }
        let path = place.socket(name);
        if let Some(bound) = replace_stale(&path)? {
            return Ok(bound);
        }
        let listener = UnixListener::bind(&path)?;
        // bind follows the umask: close the socket to others before anyone can use it
        // (the directory is closed to them already).
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600))?;
        tracing::info!(endpoint = name, "listening for pops");
        let uid = place.uid;
        let accepting = tokio::spawn(accept(listener, uid, pops));
        Ok(Bound::Listening(Self {
            path,
            accepting,
            _lock: lock,
        }))
    }
}

/// Clears the way for a new socket at `path`: nothing there, or a socket whose window
/// is gone (a connect is refused). A live window there (which would be one that does
/// not take the lock) keeps its socket: `Some(Taken)`. Anything else is an error.
fn replace_stale(path: &Path) -> io::Result<Option<Bound>> {
    let meta = match fs::symlink_metadata(path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        other => other?,
    };
    if !meta.file_type().is_socket() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not a socket: pops are off", path.display()),
        ));
    }
    match std::os::unix::net::UnixStream::connect(path) {
        Ok(_) => Ok(Some(Bound::Taken)),
        Err(error) if error.kind() == io::ErrorKind::ConnectionRefused => {
            tracing::info!("replacing the socket of a window that is gone");
            fs::remove_file(path)?;
            Ok(None)
        }
        Err(error) => Err(error),
    }
}

/// Accepts connections for as long as the window listens, each served on its own
/// task so a slow sender holds no one else up. Another user's connection is closed
/// unread.
async fn accept(listener: UnixListener, uid: u32, pops: mpsc::Sender<Pop>) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(error) => {
                // Out of descriptors, say: wait rather than spin.
                tracing::warn!(%error, "pop endpoint: accept failed");
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                continue;
            }
        };
        match stream.peer_cred() {
            Ok(peer) if peer.uid() == uid => {}
            _ => {
                tracing::warn!("pop endpoint: a connection from another user, closed");
                continue;
            }
        }
        let pops = pops.clone();
        tokio::spawn(async move { serve(stream, &pops).await });
    }
}

impl Drop for Endpoint {
    fn drop(&mut self) {
        self.accepting.abort();
        // Still under the lock: no other window can have bound here meanwhile.
        let _ = fs::remove_file(&self.path);
    }
}
