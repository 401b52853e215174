//! Helpers shared by the integration tests.

use std::path::PathBuf;

/// `../shared` if present. Absent: skip (return None) locally, fail under `CI=true`.
pub fn shared(what: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if p.join("corpus").exists() {
        return Some(p);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but ../shared is missing (needed for {what})");
    }
    eprintln!("skipping {what}: ../shared not found");
    None
}

/// A fresh temporary directory under the target dir.
pub fn tempdir(name: &str) -> PathBuf {
    let d =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("tempdir: {e}"));
    d
}
