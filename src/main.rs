//! The `citynet` binary: parse the command line, run, map errors to exit codes.
//! 0 success; 2 bad input or usage; 1 internal failure (including a panic, which is a bug).
//! A broken pipe is a success.

use citynet::model::diagnostic::printable;
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
    // A panic is a bug: say so in one line and exit 1 (not Rust's 101), after the default
    // hook has printed where it happened when RUST_BACKTRACE asks for it.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::env::var_os("RUST_BACKTRACE").is_some() {
            default_hook(info);
        }
    }));
    let result = std::panic::catch_unwind(|| citynet::cli::run::run(cli));
    match result {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(citynet::Error::Io { source, .. }))
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Ok(Err(e)) => {
            // Messages can quote names from the data: no terminal control characters.
            eprintln!("citynet: error: {}", printable(&format!("{e:#}")));
            ExitCode::from(e.exit_code())
        }
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            // println! panics when standard output is a closed pipe: that is a success too.
            if msg.contains("Broken pipe") {
                return ExitCode::SUCCESS;
            }
            eprintln!(
                "citynet: internal error (a bug in citynet, please report it): {}",
                printable(&msg)
            );
            ExitCode::from(1)
        }
    }
}
