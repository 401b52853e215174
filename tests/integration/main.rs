//! Integration tests: one binary (builds are slow on 2 cores), one module per area.

mod accuracy;
mod canary;
mod chart;
mod cli;
mod common;
mod docs;
mod engine_examples;
mod kafka;
mod kinesis;
mod pipeline_e2e;
mod policy_rules;
mod robustness;
