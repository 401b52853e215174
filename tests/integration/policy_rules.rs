//! One test per policy rule. Expectations are written here, not read from the policy file.

use phigate::policy::{Date, Decision, DropReason, Policy, PolicyOptions};

fn policy(accounts: &[&str]) -> Policy {
    Policy::embedded(PolicyOptions {
        hipaa_accounts: accounts.iter().map(|s| s.to_string()).collect(),
        us_only: true,
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

fn ev(ty: &str, data: serde_json::Value) -> simd_json::BorrowedValue<'static> {
    let mut s = serde_json::json!({"specversion": "1.0", "type": ty, "id": "EZ00000000000000000000000000000001", "source": "/x", "data": data}).to_string().into_bytes();
    simd_json::to_borrowed_value(&mut s)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_static()
}

fn day(s: &str) -> Date {
    s.parse().unwrap_or_else(|e| panic!("{e}"))
}

const TODAY: &str = "2026-11-22";

fn judge(ty: &str, data: serde_json::Value) -> Decision<'static> {
    policy(&[]).judge(&ev(ty, data), day(TODAY)).into_owned()
}

fn forwarded(d: &Decision, product: &str) -> bool {
    matches!(d, Decision::Forward { product: p, .. } if *p == product)
}

fn dropped(d: &Decision, reason: DropReason) -> bool {
    matches!(d, Decision::Drop { reason: r, .. } if *r == reason)
}

#[test]
fn messaging_us_sms_is_forwarded() {
    assert!(forwarded(
        &judge(
            "com.twilio.messaging.message.delivered",
            serde_json::json!({"to": "+12025550147", "from": "+12025550100"})
        ),
        "messaging"
    ));
    assert!(forwarded(
        &judge(
            "com.twilio.messaging.inbound-message.received",
            serde_json::json!({"from": "+17875550123"})
        ),
        "messaging"
    ));
}

#[test]
fn whatsapp_addresses_are_dropped() {
    assert!(dropped(
        &judge(
            "com.twilio.messaging.inbound-message.received",
            serde_json::json!({"from": "whatsapp:+12025550147", "to": "whatsapp:+12025550100"})
        ),
        DropReason::ChannelWhatsapp
    ));
    assert!(dropped(
        &judge(
            "com.twilio.conversations.message.added",
            serde_json::json!({"Author": "whatsapp:+12025550147"})
        ),
        DropReason::ChannelWhatsapp
    ));
    assert!(dropped(
        &judge(
            "com.twilio.messaging.inbound-message.received",
            serde_json::json!({"from": "+12025550147", "referralCtwaClid": "abc"})
        ),
        DropReason::ChannelWhatsapp
    ));
}

#[test]
fn messenger_addresses_are_dropped() {
    assert!(dropped(
        &judge(
            "com.twilio.messaging.message.sent",
            serde_json::json!({"to": "messenger:123456"})
        ),
        DropReason::ChannelMessenger
    ));
}

#[test]
fn verify_email_and_whatsapp_channels_are_dropped() {
    let d = judge(
        "com.twilio.accountsecurity.verify.verification.approved",
        serde_json::json!({"to": "a@b.example", "send_code_attempts": {"attempts": [{"channel": "EMAIL"}]}}),
    );
    assert!(dropped(&d, DropReason::ChannelNotEligible), "{d:?}");
    let d = judge(
        "com.twilio.accountsecurity.verify.verification.approved",
        serde_json::json!({"to": "+12025550147", "send_code_attempts": {"attempts": [{"channel": "SMS"}]}}),
    );
    assert!(forwarded(&d, "verify"), "{d:?}");
}

#[test]
fn voice_insights_whatsapp_calls_are_dropped() {
    assert!(dropped(
        &judge(
            "com.twilio.voice.insights.call-summary.complete",
            serde_json::json!({"call_type": "whatsapp"})
        ),
        DropReason::ChannelWhatsapp
    ));
    assert!(forwarded(
        &judge(
            "com.twilio.voice.insights.call-summary.complete",
            serde_json::json!({"call_type": "carrier"})
        ),
        "voice_insights"
    ));
}

#[test]
fn non_us_end_users_are_dropped_and_territories_kept() {
    assert!(dropped(
        &judge(
            "com.twilio.messaging.message.delivered",
            serde_json::json!({"to": "+447911123456"})
        ),
        DropReason::NonUsNumber
    ));
    assert!(
        dropped(
            &judge(
                "com.twilio.messaging.message.delivered",
                serde_json::json!({"to": "+14165550123"})
            ),
            DropReason::NonUsNumber
        ),
        "Canada shares +1"
    );
    assert!(
        forwarded(
            &judge(
                "com.twilio.messaging.message.delivered",
                serde_json::json!({"to": "+16715550123"})
            ),
            "messaging"
        ),
        "Guam is US"
    );
    assert!(
        forwarded(
            &judge(
                "com.twilio.messaging.message.delivered",
                serde_json::json!({"to": "89898"})
            ),
            "messaging"
        ),
        "short code"
    );
    // outbound messages are judged by `to`, not by our own `from`
    assert!(forwarded(
        &judge(
            "com.twilio.messaging.message.delivered",
            serde_json::json!({"to": "+12025550147", "from": "+447911123456"})
        ),
        "messaging"
    ));
}

#[test]
fn voice_is_judged_by_direction() {
    let inbound_uk = serde_json::json!({"request": {"parameters": {"Direction": "inbound", "From": "+447911123456", "To": "+12025550100"}}});
    assert!(dropped(
        &judge(
            "com.twilio.voice.status-callback.call.completed",
            inbound_uk
        ),
        DropReason::NonUsNumber
    ));
    let outbound_us = serde_json::json!({"request": {"parameters": {"Direction": "outbound-api", "From": "+447911123456", "To": "+12025550147"}}});
    assert!(forwarded(
        &judge(
            "com.twilio.voice.status-callback.call.completed",
            outbound_us
        ),
        "voice"
    ));
    let client = serde_json::json!({"request": {"parameters": {"Direction": "inbound", "From": "client:alice", "To": "+12025550100"}}});
    assert!(forwarded(
        &judge("com.twilio.voice.status-callback.call.completed", client),
        "voice"
    ));
}

#[test]
fn hipaa_accounts_are_enforced_when_set() {
    let p = policy(&["AC11111111111111111111111111111111"]);
    let good = ev(
        "com.twilio.messaging.message.delivered",
        serde_json::json!({"accountSid": "AC11111111111111111111111111111111", "to": "+12025550147"}),
    );
    let other = ev(
        "com.twilio.messaging.message.delivered",
        serde_json::json!({"accountSid": "AC22222222222222222222222222222222", "to": "+12025550147"}),
    );
    let none = ev(
        "com.twilio.messaging.message.delivered",
        serde_json::json!({"to": "+12025550147"}),
    );
    assert!(forwarded(&p.judge(&good, day(TODAY)), "messaging"));
    assert!(dropped(
        &p.judge(&other, day(TODAY)),
        DropReason::AccountNotDesignated
    ));
    assert!(
        dropped(
            &p.judge(&none, day(TODAY)),
            DropReason::AccountNotDesignated
        ),
        "unknown account fails closed"
    );
}

#[test]
fn video_is_eligible_until_end_of_life() {
    let p = policy(&[]);
    let v = ev(
        "com.twilio.video.insights.room-summary.complete",
        serde_json::json!({}),
    );
    assert!(forwarded(&p.judge(&v, day("2026-12-04")), "video"));
    assert!(dropped(
        &p.judge(&v, day("2026-12-05")),
        DropReason::ProductNotEligible
    ));
}

#[test]
fn non_eligible_products_are_dropped() {
    for ty in [
        "com.twilio.messaging.template.approval.updated",
        "com.twilio.comms-api.operation.completed",
        "com.twilio.intelligence.operator-result.created",
        "com.twilio.notify.notification.delivered",
        "com.twilio.iot.supersim.connection.data-session.started",
    ] {
        assert!(
            dropped(
                &judge(ty, serde_json::json!({})),
                DropReason::ProductNotEligible
            ),
            "{ty}"
        );
    }
}

#[test]
fn eligible_products_are_forwarded() {
    for (ty, product) in [
        ("com.twilio.taskrouter.task.created", "taskrouter"),
        ("com.twilio.studio.flow.execution.started", "studio"),
        ("com.twilio.error-logs.error.logged", "error_logs"),
        ("com.twilio.lookup.bulk.job-status-changed", "lookup"),
        ("com.twilio.eventstreams.test-event", "event_streams"),
        (
            "com.twilio.engagement-intelligence.transcript.finished",
            "intelligence",
        ),
        (
            "com.twilio.messaging.compliance.brand-registration.brand-registered",
            "messaging",
        ),
        (
            "com.twilio.daptbt.link-shortening.link-clicked",
            "messaging",
        ),
    ] {
        assert!(
            forwarded(&judge(ty, serde_json::json!({})), product),
            "{ty}"
        );
    }
}

#[test]
fn unknown_types_and_non_cloudevents_are_quarantined() {
    assert_eq!(
        judge("com.twilio.brand-new.thing", serde_json::json!({})),
        Decision::Quarantine {
            reason: "unknown_type"
        }
    );
    let mut s = br#"{"type":"com.twilio.messaging.message.sent","data":{}}"#.to_vec();
    let v = simd_json::to_borrowed_value(&mut s).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        policy(&[]).judge(&v, day(TODAY)),
        Decision::Quarantine {
            reason: "not_cloudevent"
        }
    );
}
