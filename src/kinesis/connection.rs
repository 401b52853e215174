//! How to reach Kinesis, and the clients built from it: the SDK configuration (credentials
//! from the standard chain, an endpoint override for local servers), errors described without
//! values, and stream creation for examples and tests.

use serde::Deserialize;

/// How to reach Kinesis: shared by sources and sinks.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KinesisConnection {
    /// Stream name.
    pub stream: String,
    /// AWS region (default: from the environment / profile).
    pub region: Option<String>,
    /// Endpoint override (local servers, VPC endpoints).
    pub endpoint: Option<String>,
    /// Create the stream with this many shards if it is missing (examples and tests only).
    pub create_stream_shards: Option<i32>,
}

/// A tokio runtime for the SDK's futures (the pipeline threads are synchronous).
pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

/// AWS SDK settings from the standard chain, with the configured region and endpoint; an
/// endpoint must be `https://` unless plaintext is allowed (`prefix` names the config key).
/// Shared by the Kinesis clients and the DynamoDB lease client.
pub(crate) fn sdk_config(
    rt: &tokio::runtime::Runtime,
    region: Option<&String>,
    endpoint: Option<&String>,
    prefix: &str,
    allow_plaintext: bool,
) -> anyhow::Result<aws_config::SdkConfig> {
    if let Some(e) = endpoint {
        if !e.starts_with("https://") && !allow_plaintext {
            anyhow::bail!(
                "{prefix}.endpoint: not https; set security.allow_plaintext = true for local testing"
            );
        }
    }
    let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest());
    if let Some(r) = region {
        loader = loader.region(aws_config::Region::new(r.clone()));
    }
    if let Some(e) = endpoint {
        loader = loader.endpoint_url(e);
    }
    Ok(rt.block_on(loader.load()))
}

/// A Kinesis client for this connection.
pub(crate) fn client(
    rt: &tokio::runtime::Runtime,
    conn: &KinesisConnection,
    prefix: &str,
    allow_plaintext: bool,
) -> anyhow::Result<aws_sdk_kinesis::Client> {
    let cfg = sdk_config(
        rt,
        conn.region.as_ref(),
        conn.endpoint.as_ref(),
        prefix,
        allow_plaintext,
    )?;
    let client = aws_sdk_kinesis::Client::new(&cfg);
    if let Some(shards) = conn.create_stream_shards {
        ensure_stream(rt, &client, &conn.stream, shards, prefix)?;
    }
    Ok(client)
}

/// A short, content-free description of an SDK error: its code and message.
pub(crate) fn describe<E>(e: &aws_sdk_kinesis::error::SdkError<E>) -> String
where
    E: aws_sdk_kinesis::error::ProvideErrorMetadata,
{
    use aws_sdk_kinesis::error::SdkError;
    match e {
        SdkError::ServiceError(s) => {
            let err = s.err();
            format!(
                "{}: {}",
                err.code().unwrap_or("service error"),
                err.message().unwrap_or("")
            )
        }
        SdkError::TimeoutError(_) => "timeout".into(),
        SdkError::DispatchFailure(_) => "connection failure".into(),
        SdkError::ResponseError(_) => "unreadable response".into(),
        _ => "request failed".into(),
    }
}

/// The error code of an SDK error, if the service sent one.
pub(crate) fn code<E>(e: &aws_sdk_kinesis::error::SdkError<E>) -> Option<String>
where
    E: aws_sdk_kinesis::error::ProvideErrorMetadata,
{
    match e {
        aws_sdk_kinesis::error::SdkError::ServiceError(s) => s.err().code().map(String::from),
        _ => None,
    }
}

fn ensure_stream(
    rt: &tokio::runtime::Runtime,
    c: &aws_sdk_kinesis::Client,
    stream: &str,
    shards: i32,
    prefix: &str,
) -> anyhow::Result<()> {
    rt.block_on(async {
        match c.describe_stream_summary().stream_name(stream).send().await {
            Ok(_) => return Ok(()),
            Err(e) if code(&e).as_deref() == Some("ResourceNotFoundException") => {}
            Err(e) => anyhow::bail!("{prefix}: describe stream {stream}: {}", describe(&e)),
        }
        // another replica may create it between our describe and our create
        let created = match c
            .create_stream()
            .stream_name(stream)
            .shard_count(shards)
            .send()
            .await
        {
            Ok(_) => true,
            Err(e) if code(&e).as_deref() == Some("ResourceInUseException") => false,
            Err(e) => anyhow::bail!("{prefix}: create stream {stream}: {}", describe(&e)),
        };
        for _ in 0..100 {
            if let Ok(d) = c.describe_stream_summary().stream_name(stream).send().await {
                if d.stream_description_summary().is_some_and(|s| {
                    s.stream_status() == &aws_sdk_kinesis::types::StreamStatus::Active
                }) {
                    if created {
                        tracing::info!(stream, shards, "Created Kinesis stream");
                    }
                    return Ok(());
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        anyhow::bail!("{prefix}: stream {stream} did not become active")
    })
}
