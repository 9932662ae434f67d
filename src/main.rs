//! The `citynet` binary: parse the command line, run, map errors to exit codes.
//! 0 success; 2 bad input or usage; 1 internal failure. A broken pipe is a success.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match citynet::cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match citynet::cli::run::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(citynet::Error::Io { source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("citynet: error: {e:#}");
            ExitCode::from(e.exit_code())
        }
    }
}
