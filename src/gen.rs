//! `phigate gen`: realistic synthetic Twilio Event Streams traffic for demos, tests and benches.
//!
//! Event shapes follow `../shared/reference/twilio/` (messaging status and inbound, voice
//! status callbacks, Studio, TaskRouter with JSON-in-a-string attributes, Conversations,
//! Verify, error logs). PHI is planted in bodies and attributes from the generator's own small
//! lists below, not from `patterns/`, so end-to-end tests are not circular. A share of the
//! traffic is WhatsApp, non-US, of unknown type, or malformed.

/// Deterministic PRNG (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// Seeded.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    /// Next u64.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    /// One of.
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
    /// A random text for tests, into `out`: fewer than `max` pieces of `alphabet`, each one of
    /// its first `common` pieces, except one time in `rare_in` any of them.
    #[cfg(test)]
    pub(crate) fn text_into(
        &mut self,
        out: &mut String,
        alphabet: &[&str],
        max: u64,
        common: usize,
        rare_in: u64,
    ) {
        out.clear();
        for _ in 0..self.below(max) {
            let k = if self.below(rare_in) == 0 {
                alphabet.len()
            } else {
                common
            };
            out.push_str(alphabet[self.below(k as u64) as usize]);
        }
    }
    fn hex(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from_digit(self.below(16) as u32, 16).unwrap_or('0'))
            .collect()
    }
}

// The generator's own lists (invented combinations of common given names and surnames).
const FIRST: &[&str] = &[
    "Marisol",
    "Dwayne",
    "Ingrid",
    "Tobias",
    "Lucinda",
    "Rafael",
    "Priya",
    "Gideon",
    "Harriet",
    "Emeka",
    "Consuelo",
    "Thaddeus",
    "Yolanda",
    "Bartholomew",
    "Keiko",
    "Leopold",
];
const LAST: &[&str] = &[
    "Okonkwo",
    "Vanderhoef",
    "Castellano",
    "Brandtner",
    "Szymanski",
    "Abernathy",
    "Lindqvist",
    "Hargreaves",
    "Delacroix",
    "Nakamura",
    "Pemberton",
    "Villanueva",
    "Kowalczyk",
    "Fairweather",
];
const STREETS: &[&str] = &[
    "Larkspur Lane",
    "Quarry Road",
    "Juniper Street",
    "Harbor View Drive",
    "Old Mill Avenue",
    "Kestrel Court",
];
const CITIES: &[&str] = &[
    "Springfield",
    "Riverton",
    "Fairview",
    "Georgetown",
    "Salem",
    "Madison",
];
const BODIES: &[&str] = &[
    "Hi {name}, this is a reminder of your appointment on {date} with Dr. {last}. Reply C to confirm.",
    "My name is {name}, DOB {date}. I need a refill, call me at {phone}.",
    "{name} here, my email is {email} and I moved to {street}.",
    "Lab results for MRN {mrn} are ready. Contact {phone} with questions.",
    "Please update my address to {street}, {city} {zip}. Thanks, {first}",
    "Is my blood sugar of 310 an emergency? - {name}",
];

/// One generated line and what was planted in it.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The JSON line (one event, a JSON array of events, or a malformed record).
    pub line: String,
    /// PHI values planted in it (must not survive redaction of eligible events).
    pub planted: Vec<String>,
    /// What a correct pipeline does with it.
    pub expect: Expect,
}

/// Expected fate of a generated line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// Forwarded, redacted.
    Forward,
    /// Dropped by policy.
    Drop,
    /// Quarantined.
    Quarantine,
}

struct Person {
    first: String,
    last: String,
    phone: String,
    email: String,
    date: String,
    mrn: String,
    street: String,
    city: String,
    zip: String,
}

fn person(r: &mut Rng) -> Person {
    let first = r.pick(FIRST).to_string();
    let last = r.pick(LAST).to_string();
    let area = [202, 301, 415, 617, 718, 312][r.below(6) as usize];
    Person {
        phone: format!("+1{area}555{:04}", r.below(10_000)),
        email: format!(
            "{}.{}{}@mailbox.example",
            first.to_lowercase(),
            last.to_lowercase(),
            r.below(100)
        ),
        date: format!(
            "{}/{}/{}",
            1 + r.below(12),
            1 + r.below(28),
            1940 + r.below(60)
        ),
        mrn: format!("{:08}", r.below(100_000_000)),
        street: format!("{} {}", 10 + r.below(9000), r.pick(STREETS)),
        city: r.pick(CITIES).to_string(),
        zip: format!("{:05}", 10_000 + r.below(89_999)),
        first,
        last,
    }
}

fn body(r: &mut Rng, p: &Person) -> (String, Vec<String>) {
    let t = r.pick(BODIES);
    let mut planted = Vec::new();
    let mut s = t.to_string();
    for (k, v) in [
        ("{name}", format!("{} {}", p.first, p.last)),
        ("{first}", p.first.clone()),
        ("{last}", p.last.clone()),
        ("{phone}", p.phone.clone()),
        ("{email}", p.email.clone()),
        ("{date}", p.date.clone()),
        ("{mrn}", p.mrn.clone()),
        ("{street}", p.street.clone()),
        ("{city}", p.city.clone()),
        ("{zip}", p.zip.clone()),
    ] {
        if s.contains(k) {
            s = s.replace(k, &v);
            if k == "{name}" {
                planted.push(p.first.clone());
                planted.push(p.last.clone());
            } else {
                planted.push(v);
            }
        }
    }
    (s, planted)
}

fn envelope(r: &mut Rng, ty: &str, schema: &str, data: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "specversion": "1.0",
        "type": ty,
        "source": format!("/2010-04-01/Accounts/AC{}/Messages/SM{}.json", "e268443e43d93dab7ebef303bbe9642f", r.hex(32)),
        "id": format!("EZ{}", r.hex(32)),
        "dataschema": format!("https://events-schemas.twilio.com/{schema}"),
        "datacontenttype": "application/json",
        "time": "2026-05-04T15:02:11.412Z",
        "data": data,
    })
}

/// Generate one line.
pub fn one(r: &mut Rng) -> Generated {
    let p = person(r);
    let roll = r.below(100);
    let acct = "ACe268443e43d93dab7ebef303bbe9642f";
    let (b, planted) = body(r, &p);
    if roll < 3 {
        // malformed: truncated JSON
        let ev = envelope(
            r,
            "com.twilio.messaging.message.delivered",
            "Messaging.MessageStatus/8",
            serde_json::json!({"to": p.phone, "body": b}),
        );
        let s = ev.to_string();
        return Generated {
            line: s[..s.len() / 2].to_string(),
            planted,
            expect: Expect::Quarantine,
        };
    }
    if roll < 5 {
        let ev = envelope(
            r,
            "com.twilio.future-product.thing.happened",
            "Future.Thing/1",
            serde_json::json!({"body": b}),
        );
        return Generated {
            line: ev.to_string(),
            planted,
            expect: Expect::Quarantine,
        };
    }
    if roll < 10 {
        let ev = envelope(
            r,
            "com.twilio.messaging.inbound-message.received",
            "Messaging.InboundMessageV1/6",
            serde_json::json!({"accountSid": acct, "from": format!("whatsapp:{}", p.phone), "to": "whatsapp:+12025550100", "body": b}),
        );
        return Generated {
            line: ev.to_string(),
            planted,
            expect: Expect::Drop,
        };
    }
    if roll < 15 {
        let uk = format!("+4479{:08}", r.below(100_000_000));
        let ev = envelope(
            r,
            "com.twilio.messaging.message.delivered",
            "Messaging.MessageStatus/8",
            serde_json::json!({"accountSid": acct, "from": "+12025550100", "to": uk, "body": b}),
        );
        return Generated {
            line: ev.to_string(),
            planted,
            expect: Expect::Drop,
        };
    }
    let mut planted = planted;
    let sid = r.hex(32);
    let ev = match r.below(6) {
        0 => envelope(
            r,
            "com.twilio.messaging.message.delivered",
            "Messaging.MessageStatus/8",
            serde_json::json!({"messageSid": format!("SM{sid}"), "accountSid": acct, "from": "+12025550100", "to": p.phone, "messageStatus": "DELIVERED", "body": b, "tags": {"campaign": "reminders"}}),
        ),
        1 => {
            planted.push(p.city.clone());
            planted.push(p.zip.clone());
            envelope(
                r,
                "com.twilio.messaging.inbound-message.received",
                "Messaging.InboundMessageV1/6",
                serde_json::json!({"messageSid": format!("SM{sid}"), "accountSid": acct, "from": p.phone, "to": "+12025550100", "body": b, "fromCity": p.city, "fromZip": p.zip, "fromState": "DC", "fromCountry": "US"}),
            )
        }
        2 => {
            let attrs = serde_json::json!({"from": p.phone, "name": format!("{} {}", p.first, p.last), "customers": {"email": p.email}, "reason": b});
            planted.push(p.email.clone());
            envelope(
                r,
                "com.twilio.taskrouter.task.created",
                "TaskRouter.WDSEvent/4",
                serde_json::json!({"account_sid": acct, "payload": {"task_sid": format!("WT{sid}"), "task_attributes": attrs.to_string()}}),
            )
        }
        3 => {
            planted.push(format!(
                "{} {}",
                p.last.to_uppercase(),
                p.first.to_uppercase()
            ));
            envelope(
                r,
                "com.twilio.voice.status-callback.call.completed",
                "Voice.WebhookEvent/2",
                serde_json::json!({"request": {"method": "POST", "url": format!("https://hooks.example-clinic.test/voice?caller={}", p.phone.replace('+', "%2B")), "parameters": {"AccountSid": acct, "CallSid": format!("CA{sid}"), "Direction": "inbound", "From": p.phone, "To": "+12025550100", "CallerName": format!("{} {}", p.last.to_uppercase(), p.first.to_uppercase()), "CallStatus": "completed"}}}),
            )
        }
        4 => envelope(
            r,
            "com.twilio.conversations.message.added",
            "Conversations.MessageAdded/2",
            serde_json::json!({"AccountSid": acct, "Author": p.phone, "MessageBody": b, "Attributes": {"patientName": format!("{} {}", p.first, p.last)}}),
        ),
        _ => envelope(
            r,
            "com.twilio.studio.flow.execution.started",
            "Studio.FlowExecutionEvent/2",
            serde_json::json!({"account_sid": acct, "contact_channel_address": p.phone, "status": "active"}),
        ),
    };
    planted.push(p.phone.clone());
    planted.sort();
    planted.dedup();
    // keep only what actually appears in the event
    let line = ev.to_string();
    planted.retain(|x| line.contains(x.as_str()) || line.contains(&x.replace('+', "%2B")));
    Generated {
        line,
        planted,
        expect: Expect::Forward,
    }
}

/// Generate `n` lines from `seed`.
pub fn generate(seed: u64, n: usize) -> Vec<Generated> {
    let mut r = Rng::new(seed);
    (0..n).map(|_| one(&mut r)).collect()
}
