//! Wiring only: everything else is the library's.

use std::process::ExitCode;

fn main() -> ExitCode {
    skyview::main_with(std::env::args_os().collect())
}
