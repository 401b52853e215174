//! Quarantine reason codes: a fixed, documented set (metric label values).

/// The record is not valid JSON.
pub const INVALID_JSON: &str = "invalid_json";
/// The record is not UTF-8.
pub const INVALID_UTF8: &str = "invalid_utf8";
/// JSON, but not a CloudEvent (missing `specversion`, `type` or `id`) or not an object.
pub const NOT_CLOUDEVENT: &str = "not_cloudevent";
/// A CloudEvent whose `type` no policy rule knows.
pub const UNKNOWN_TYPE: &str = "unknown_type";
/// The engine could not redact it (undecodable base64, too deep).
pub const REDACT_FAILED: &str = "redact_failed";
/// Larger than `max_record_bytes`.
pub const TOO_LARGE: &str = "too_large";
/// Kinesis KPL-aggregated record (not de-aggregated).
pub const AGGREGATED: &str = "aggregated_record";
/// The clean sink rejected it permanently.
pub const SINK_REJECTED: &str = "sink_rejected";

/// Every code, in metric registration order.
pub const ALL: [&str; 8] = [
    INVALID_JSON,
    INVALID_UTF8,
    NOT_CLOUDEVENT,
    UNKNOWN_TYPE,
    REDACT_FAILED,
    TOO_LARGE,
    AGGREGATED,
    SINK_REJECTED,
];
