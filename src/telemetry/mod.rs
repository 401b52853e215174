//! Logs and metrics, in one place. Log lines carry positions, counts, lengths, pattern and
//! rule ids; never record content.

pub mod http;
pub mod metrics;

pub use metrics::Metrics;

/// Install the tracing subscriber (stderr, `RUST_LOG`/`PHIGATE_LOG` filter, default `info`).
pub fn init_logging() {
    let filter = std::env::var("PHIGATE_LOG")
        .or_else(|_| std::env::var("RUST_LOG"))
        .unwrap_or_else(|_| "info".into());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}

/// Panics print where, never what: a panic message can quote the text being processed
/// (a string slice error does), so only the source location is written.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map_or_else(
            || "unknown".to_string(),
            |l| format!("{}:{}", l.file(), l.line()),
        );
        eprintln!("phigate: internal error at {at} (message withheld: it may quote event data)");
        tracing::error!(at = %at, "internal error (panic); message withheld");
    }));
}
