//! Files that may hold a secret (the config file `config init` writes, the log file):
//! created for the current user only.
//!
//! On Unix a new file gets mode 0600. Windows has no file modes: a new file inherits
//! the access list of its folder, and the default places (`%APPDATA%`, the profile)
//! are the user's own (docs/windows.md).

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Opens `path` for writing as `options` says (append or truncate), creating it for
/// its owner only when it does not exist yet.
pub(crate) fn open(path: &Path, options: &mut OpenOptions) -> io::Result<File> {
    options.write(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(options, 0o600);
    options.open(path)
}
