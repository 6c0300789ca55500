//! Server entry point: parses the command line and runs it.
use clap::Parser;
use youth_centres::server::cli::{Cli, run};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    // A panic is logged like any error, in the span of the request it happened in (its id and
    // path), before the standard report with its backtrace.
    let standard_report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |panic| {
        tracing::error!(%panic, "panicked");
        standard_report(panic);
    }));
    match run(Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "failed");
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
