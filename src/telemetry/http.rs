//! `/metrics`, `/healthz`, `/readyz` on a small std-only HTTP/1.1 server thread (GET only).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use super::metrics::Metrics;

/// Serve until `stop` is set. Returns the bound address (port 0 picks one).
pub fn serve(addr: &str, metrics: Metrics, stop: Arc<AtomicBool>) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(addr)?;
    listener.set_nonblocking(true)?;
    let local = listener.local_addr()?;
    std::thread::Builder::new().name("phigate-http".into()).spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            match listener.accept() {
                Ok((mut s, _)) => {
                    let _ = s.set_nonblocking(false);
                    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
                    let mut buf = [0u8; 2048];
                    let n = s.read(&mut buf).unwrap_or(0);
                    let req = String::from_utf8_lossy(&buf[..n]);
                    let path = req.split_whitespace().nth(1).unwrap_or("/");
                    let (status, ctype, body) = match path {
                        "/metrics" => ("200 OK", "text/plain; version=0.0.4", metrics.render()),
                        "/healthz" => ("200 OK", "text/plain", "ok\n".to_string()),
                        "/readyz" if metrics.ready.get() == 1 => ("200 OK", "text/plain", "ready\n".to_string()),
                        "/readyz" => ("503 Service Unavailable", "text/plain", "not ready\n".to_string()),
                        _ => ("404 Not Found", "text/plain", "not found\n".to_string()),
                    };
                    let _ = write!(s, "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => std::thread::sleep(Duration::from_millis(20)),
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    })?;
    Ok(local)
}
