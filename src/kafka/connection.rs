//! How to reach a cluster: brokers, TLS files, SASL with secrets from the environment or
//! files, and the librdkafka option passthrough, turned into a librdkafka configuration.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rdkafka::config::ClientConfig;
use serde::Deserialize;

/// How to reach a cluster: shared by sources and sinks.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KafkaConnection {
    /// `bootstrap.servers`, comma-separated `host:port`.
    pub brokers: String,
    /// TLS: present = on (`SSL` or `SASL_SSL`).
    #[serde(default)]
    pub tls: Option<TlsConfig>,
    /// SASL authentication.
    #[serde(default)]
    pub sasl: Option<SaslConfig>,
    /// Any other librdkafka property (`"socket.keepalive.enable" = "true"`). Keys this
    /// module sets itself, and secrets, are refused here.
    #[serde(default)]
    pub librdkafka: BTreeMap<String, String>,
}

/// TLS files (e.g. mounted Secrets).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TlsConfig {
    /// CA bundle (PEM); default: the system store.
    pub ca_file: Option<PathBuf>,
    /// Client certificate (PEM) for mutual TLS.
    pub cert_file: Option<PathBuf>,
    /// Client key (PEM).
    pub key_file: Option<PathBuf>,
    /// Environment variable holding the client key's password.
    pub key_password_env: Option<String>,
}

/// SASL settings. The password comes from `password_env` or `password_file`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaslConfig {
    /// `PLAIN`, `SCRAM-SHA-256`, `SCRAM-SHA-512` or `OAUTHBEARER`.
    pub mechanism: String,
    /// User name (PLAIN/SCRAM).
    pub username: Option<String>,
    /// Environment variable holding the password.
    pub password_env: Option<String>,
    /// File holding the password.
    pub password_file: Option<PathBuf>,
    /// `sasl.oauthbearer.config` from this environment variable (OAUTHBEARER).
    pub oauthbearer_config_env: Option<String>,
}

/// Keys the passthrough may not set: this module owns them, or they are secrets that must
/// come from the environment or files.
const RESERVED: &[&str] = &[
    "bootstrap.servers",
    "metadata.broker.list",
    "security.protocol",
    "sasl.mechanism",
    "sasl.mechanisms",
    "sasl.username",
    "sasl.password",
    "sasl.oauthbearer.config",
    "sasl.oauthbearer.client.secret",
    "ssl.key.password",
    "ssl.keystore.password",
    "ssl.key.pem",
    "group.id",
    "enable.auto.commit",
    "enable.auto.offset.store",
    "enable.idempotence",
    "transactional.id",
    "isolation.level",
];

/// A Kafka setting is invalid. Names the key, never a value.
#[derive(Debug, thiserror::Error)]
#[error("{key}: {message}")]
pub struct KafkaConfigError {
    /// Config key.
    pub key: String,
    /// What is wrong.
    pub message: String,
}

fn cfg_err(key: &str, message: impl Into<String>) -> KafkaConfigError {
    KafkaConfigError {
        key: key.into(),
        message: message.into(),
    }
}

fn secret_from(
    env: Option<&String>,
    file: Option<&PathBuf>,
    key: &str,
) -> Result<Option<String>, KafkaConfigError> {
    match (env, file) {
        (Some(e), None) => std::env::var(e)
            .map(Some)
            .map_err(|_| cfg_err(key, format!("environment variable {e} is not set"))),
        (None, Some(f)) => std::fs::read_to_string(f)
            .map(|s| Some(s.trim_end_matches(['\n', '\r']).to_string()))
            .map_err(|e| cfg_err(key, format!("cannot read {}: {}", f.display(), e.kind()))),
        (None, None) => Ok(None),
        (Some(_), Some(_)) => Err(cfg_err(key, "set only one of the _env and _file forms")),
    }
}

impl KafkaConnection {
    /// The librdkafka configuration for this connection (secrets resolved). The result is
    /// never printed: `ClientConfig`'s `Debug` would show the secrets.
    pub fn client_config(
        &self,
        prefix: &str,
        allow_plaintext: bool,
    ) -> Result<ClientConfig, KafkaConfigError> {
        let mut c = ClientConfig::new();
        if self.brokers.trim().is_empty() {
            return Err(cfg_err(&format!("{prefix}.brokers"), "must not be empty"));
        }
        c.set("bootstrap.servers", &self.brokers);
        for (k, v) in &self.librdkafka {
            if RESERVED.contains(&k.as_str()) {
                return Err(cfg_err(
                    &format!("{prefix}.librdkafka.\"{k}\""),
                    "is set by phigate itself or is a secret; use the dedicated setting",
                ));
            }
            c.set(k, v);
        }
        let tls = self.tls.is_some();
        if let Some(t) = &self.tls {
            if let Some(f) = &t.ca_file {
                c.set("ssl.ca.location", f.display().to_string());
            }
            if let Some(f) = &t.cert_file {
                c.set("ssl.certificate.location", f.display().to_string());
            }
            if let Some(f) = &t.key_file {
                c.set("ssl.key.location", f.display().to_string());
            }
            if let Some(p) = secret_from(
                t.key_password_env.as_ref(),
                None,
                &format!("{prefix}.tls.key_password_env"),
            )? {
                c.set("ssl.key.password", p);
            }
        }
        if let Some(s) = &self.sasl {
            let key = format!("{prefix}.sasl");
            let mech = s.mechanism.to_ascii_uppercase();
            match mech.as_str() {
                "PLAIN" | "SCRAM-SHA-256" | "SCRAM-SHA-512" => {
                    let user = s
                        .username
                        .as_ref()
                        .ok_or_else(|| cfg_err(&key, "username is required"))?;
                    let pass =
                        secret_from(s.password_env.as_ref(), s.password_file.as_ref(), &key)?
                            .ok_or_else(|| {
                                cfg_err(&key, "password_env or password_file is required")
                            })?;
                    c.set("sasl.username", user);
                    c.set("sasl.password", pass);
                }
                "OAUTHBEARER" => {
                    if let Some(v) = secret_from(s.oauthbearer_config_env.as_ref(), None, &key)? {
                        c.set("sasl.oauthbearer.config", v);
                    }
                }
                _ => {
                    return Err(cfg_err(
                        &format!("{key}.mechanism"),
                        "must be PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER",
                    ))
                }
            }
            c.set("sasl.mechanism", mech);
        }
        let protocol = match (tls, self.sasl.is_some()) {
            (true, true) => "sasl_ssl",
            (true, false) => "ssl",
            (false, true) => "sasl_plaintext",
            (false, false) => "plaintext",
        };
        if !tls && !allow_plaintext {
            return Err(cfg_err(
                &format!("{prefix}.tls"),
                "TLS is off; set [source/sink].tls, or security.allow_plaintext = true for local testing",
            ));
        }
        c.set("security.protocol", protocol);
        c.set("client.id", "phigate");
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn(toml_text: &str) -> KafkaConnection {
        toml::from_str(toml_text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn security_settings_map_to_librdkafka_and_secrets_come_from_files() {
        let dir = std::env::temp_dir().join(format!("phigate-kafka-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let pw = dir.join("pw");
        std::fs::write(&pw, "s3cret-value\n").unwrap_or_else(|e| panic!("{e}"));
        // TLS + SCRAM: SASL_SSL, files by path, password read from the file
        let c = conn(&format!(
            "brokers = \"b:9094\"\n[tls]\nca_file = \"/ca.pem\"\ncert_file = \"/c.pem\"\nkey_file = \"/k.pem\"\n\
             [sasl]\nmechanism = \"scram-sha-512\"\nusername = \"u\"\npassword_file = \"{}\"\n",
            pw.display()
        ));
        let cc = c
            .client_config("source", false)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cc.get("security.protocol"), Some("sasl_ssl"));
        assert_eq!(cc.get("sasl.mechanism"), Some("SCRAM-SHA-512"));
        assert_eq!(cc.get("sasl.password"), Some("s3cret-value"));
        assert_eq!(cc.get("ssl.ca.location"), Some("/ca.pem"));
        assert_eq!(cc.get("ssl.certificate.location"), Some("/c.pem"));
        // TLS only
        let t = conn("brokers = \"b:9093\"\n[tls]\n");
        let tc = t
            .client_config("sink", false)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(tc.get("security.protocol"), Some("ssl"));
        // plaintext needs the guardrail switch
        let p = conn("brokers = \"b:9092\"\n");
        let e = p.client_config("sink", false).err().map(|e| e.to_string());
        assert!(e.is_some_and(|e| e.starts_with("sink.tls")));
        assert_eq!(
            p.client_config("sink", true)
                .unwrap_or_else(|e| panic!("{e}"))
                .get("security.protocol"),
            Some("plaintext")
        );
        // secrets through the passthrough are refused, by key, without the value
        let s = conn("brokers = \"b:9092\"\n[librdkafka]\n\"sasl.password\" = \"leak-me\"\n");
        let e = s
            .client_config("source", true)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("sasl.password") && !e.contains("leak-me"), "{e}");
        // a missing secret names the setting, not a value; unknown mechanisms are refused
        let m = conn("brokers = \"b\"\n[tls]\n[sasl]\nmechanism = \"PLAIN\"\nusername = \"u\"\npassword_env = \"PHIGATE_TEST_UNSET_VAR\"\n");
        let e = m
            .client_config("source", false)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("PHIGATE_TEST_UNSET_VAR is not set"), "{e}");
        let g = conn("brokers = \"b\"\n[tls]\n[sasl]\nmechanism = \"GSSAPI\"\n");
        assert!(g.client_config("source", false).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
