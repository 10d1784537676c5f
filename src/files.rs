//! Reading the small local files skyview is pointed at (config, CA bundle) without
//! trusting their size or kind: `--config /dev/zero` must not take the machine's
//! memory, nor a FIFO block the start for ever.

use std::io::Read;
use std::path::Path;

use crate::cause::{Cause, Kind};

/// The largest config or CA file read: real ones are a few KiB.
pub(crate) const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Reads at most [`MAX_FILE_BYTES`] of `path`; a longer file is an error that says
/// so, and costs no more than the cap to find out. Anything but a regular file (a
/// FIFO, which would block for ever waiting for a writer; a device) is refused before
/// it is opened.
pub(crate) fn read_capped(path: &Path) -> Result<Vec<u8>, Cause> {
    let os = |error: std::io::Error| Cause::io(&error);
    if !std::fs::metadata(path).map_err(os)?.is_file() {
        return Err(Kind::NotAFile.into());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(os)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Kind::FileTooLarge.into());
    }
    Ok(bytes)
}
