//! Eligibility: which events may carry PHI downstream at all.
//!
//! Product from the CloudEvent `type`, channel from the payload (`whatsapp:`/`messenger:`
//! addresses, Verify channel, Voice Insights `call_type`), US-only end users by numbering-plan
//! data, HIPAA-designated accounts. The rules are data (`patterns/policy.toml`), versioned and
//! dated, each citing the seed document it follows.

mod date;
mod phone;
mod rules;

pub use date::{BadDate, Date};
pub use phone::{classify, Origin};
pub use rules::{
    account_sid, get_path, ChannelSpec, Decision, DropReason, Eligibility, EndUserSpec, Policy,
    PolicyError, PolicyOptions, RuleSpec,
};
