//! Shard leases in a DynamoDB table in the Kinesis Client Library's lease-table shape, so
//! several phigate replicas (and the KCL's own tooling) share one stream.
//!
//! One item per shard, hash key `leaseKey` (the shard id), with the KCL's attributes:
//! `leaseOwner` (worker id; absent when free), `leaseCounter` (incremented by every renewal,
//! take and checkpoint; the owner's heartbeat), `checkpoint` (`TRIM_HORIZON`, `LATEST`,
//! `AT_TIMESTAMP`, a sequence number, or `SHARD_END`), `checkpointSubSequenceNumber`,
//! `ownerSwitchesSinceCheckpoint` and `parentShardId` (a string set).
//!
//! The protocol is the KCL's, not a new one: every worker renews its leases (conditional on
//! the counter it last wrote) every third of the failover time; a lease whose counter did not
//! change for the failover time is expired and may be taken; each worker aims at
//! `ceil(leases / workers)` leases, takes free and expired leases first and otherwise steals
//! one lease at a time from the most loaded worker. A worker whose conditional write fails
//! has lost the lease and stops reading that shard; records it read but did not checkpoint
//! are read again by the new owner (at-least-once).

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::types::AttributeValue;
use serde::Deserialize;

use super::connection::{code, describe, KinesisConnection};

/// `[source.leases]`: share shards among replicas through a DynamoDB lease table.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeaseConfig {
    /// Lease table name (one table per stream and application, as with the KCL).
    pub table: String,
    /// DynamoDB endpoint override (default: the source's `endpoint`, if any).
    pub endpoint: Option<String>,
    /// Region (default: the source's `region`).
    pub region: Option<String>,
    /// This replica's id (default: host name and process id). Must be unique per replica.
    pub worker_id: Option<String>,
    /// A lease not renewed for this long is taken over (ms).
    #[serde(default = "default_failover")]
    pub failover_time_ms: u64,
    /// Create the table (on-demand billing) if it is missing (examples and tests).
    #[serde(default)]
    pub create_table: bool,
    /// Upper bound on leases held by this replica.
    pub max_leases_per_worker: Option<usize>,
}

fn default_failover() -> u64 {
    10_000
}

/// The checkpoint value of a finished shard.
pub(super) const SHARD_END: &str = "SHARD_END";

/// One lease as read from the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Lease {
    pub key: String,
    pub owner: Option<String>,
    pub counter: i64,
    pub checkpoint: Option<String>,
    pub parents: Vec<String>,
}

impl Lease {
    pub fn finished(&self) -> bool {
        self.checkpoint.as_deref() == Some(SHARD_END)
    }
}

/// The lease client of one replica.
pub(super) struct Leases {
    client: aws_sdk_dynamodb::Client,
    table: String,
    me: String,
    failover: Duration,
    max_leases: usize,
    /// Held leases: shard → the counter this replica last wrote.
    held: BTreeMap<String, i64>,
    /// Leases seen: shard → (counter, when that counter was first seen).
    observed: HashMap<String, (i64, Instant)>,
    last_renew: Instant,
    last_take: Option<Instant>,
}

type Res<T> = Result<T, String>;

fn s(v: &str) -> AttributeValue {
    AttributeValue::S(v.to_string())
}
fn n(v: i64) -> AttributeValue {
    AttributeValue::N(v.to_string())
}

impl Leases {
    /// Connect, and create the table when configured to.
    pub fn new(
        rt: &tokio::runtime::Runtime,
        cfg: &LeaseConfig,
        conn: &KinesisConnection,
        allow_plaintext: bool,
    ) -> anyhow::Result<Self> {
        if cfg.failover_time_ms < 300 {
            anyhow::bail!("source.leases.failover_time_ms: at least 300");
        }
        let sdk = super::connection::sdk_config(
            rt,
            cfg.region.as_ref().or(conn.region.as_ref()),
            cfg.endpoint.as_ref().or(conn.endpoint.as_ref()),
            "source.leases",
            allow_plaintext,
        )?;
        let client = aws_sdk_dynamodb::Client::new(&sdk);
        let me = cfg
            .worker_id
            .clone()
            .unwrap_or_else(|| format!("{}-{}", crate::config::hostname(), std::process::id()));
        let l = Leases {
            client,
            table: cfg.table.clone(),
            me,
            failover: Duration::from_millis(cfg.failover_time_ms),
            max_leases: cfg.max_leases_per_worker.unwrap_or(usize::MAX),
            held: BTreeMap::new(),
            observed: HashMap::new(),
            last_renew: Instant::now(),
            last_take: None,
        };
        if cfg.create_table {
            l.ensure_table(rt)?;
        }
        tracing::info!(table = %l.table, worker = %l.me, "Kinesis leases in DynamoDB");
        Ok(l)
    }

    pub fn holds(&self, shard: &str) -> bool {
        self.held.contains_key(shard)
    }

    pub fn renew_due(&self) -> bool {
        self.last_renew.elapsed() >= self.failover / 3
    }

    pub fn take_due(&self) -> bool {
        self.last_take.is_none_or(|t| t.elapsed() >= self.failover)
    }

    fn ensure_table(&self, rt: &tokio::runtime::Runtime) -> anyhow::Result<()> {
        use aws_sdk_dynamodb::types::{
            AttributeDefinition, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType,
            TableStatus,
        };
        let t = &self.table;
        rt.block_on(async {
            match self.client.describe_table().table_name(t).send().await {
                Ok(_) => return Ok(()),
                Err(e) if code(&e).as_deref() == Some("ResourceNotFoundException") => {}
                Err(e) => anyhow::bail!("source.leases: describe table {t}: {}", describe(&e)),
            }
            let created = self
                .client
                .create_table()
                .table_name(t)
                .key_schema(
                    KeySchemaElement::builder()
                        .attribute_name("leaseKey")
                        .key_type(KeyType::Hash)
                        .build()?,
                )
                .attribute_definitions(
                    AttributeDefinition::builder()
                        .attribute_name("leaseKey")
                        .attribute_type(ScalarAttributeType::S)
                        .build()?,
                )
                .billing_mode(BillingMode::PayPerRequest)
                .send()
                .await;
            match created {
                Ok(_) => {}
                Err(e) if code(&e).as_deref() == Some("ResourceInUseException") => {}
                Err(e) => anyhow::bail!("source.leases: create table {t}: {}", describe(&e)),
            }
            for _ in 0..300 {
                if let Ok(d) = self.client.describe_table().table_name(t).send().await {
                    if d.table()
                        .and_then(|x| x.table_status())
                        .is_some_and(|s| *s == TableStatus::Active)
                    {
                        tracing::info!(table = %t, "Created lease table");
                        return Ok(());
                    }
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            anyhow::bail!("source.leases: table {t} did not become active")
        })
    }

    /// Every lease in the table (consistent read); remembers when each counter changed.
    pub fn scan(&mut self, rt: &tokio::runtime::Runtime) -> Res<Vec<Lease>> {
        let mut out = Vec::new();
        let mut start: Option<HashMap<String, AttributeValue>> = None;
        loop {
            let mut req = self
                .client
                .scan()
                .table_name(&self.table)
                .consistent_read(true);
            if let Some(k) = start.take() {
                req = req.set_exclusive_start_key(Some(k));
            }
            let o = rt
                .block_on(req.send())
                .map_err(|e| format!("dynamodb Scan {}: {}", self.table, describe(&e)))?;
            for item in o.items() {
                let Some(key) = item.get("leaseKey").and_then(|v| v.as_s().ok()) else {
                    continue;
                };
                let counter = item
                    .get("leaseCounter")
                    .and_then(|v| v.as_n().ok())
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                out.push(Lease {
                    key: key.clone(),
                    owner: item
                        .get("leaseOwner")
                        .and_then(|v| v.as_s().ok())
                        .filter(|o| !o.is_empty() && o.as_str() != "NULL")
                        .cloned(),
                    counter,
                    checkpoint: item.get("checkpoint").and_then(|v| v.as_s().ok()).cloned(),
                    parents: item
                        .get("parentShardId")
                        .and_then(|v| v.as_ss().ok())
                        .cloned()
                        .unwrap_or_default(),
                });
            }
            match o.last_evaluated_key() {
                Some(k) if !k.is_empty() => start = Some(k.clone()),
                _ => break,
            }
        }
        let now = Instant::now();
        for l in &out {
            match self.observed.get(&l.key) {
                Some((c, _)) if *c == l.counter => {}
                _ => {
                    self.observed.insert(l.key.clone(), (l.counter, now));
                }
            }
        }
        self.last_take = Some(now);
        Ok(out)
    }

    /// Create a lease for a shard unless one exists.
    pub fn create(
        &self,
        rt: &tokio::runtime::Runtime,
        shard: &str,
        parents: &[String],
        checkpoint: &str,
    ) -> Res<()> {
        let mut req = self
            .client
            .put_item()
            .table_name(&self.table)
            .item("leaseKey", s(shard))
            .item("leaseCounter", n(0))
            .item("checkpoint", s(checkpoint))
            .item("checkpointSubSequenceNumber", n(0))
            .item("ownerSwitchesSinceCheckpoint", n(0))
            .condition_expression("attribute_not_exists(leaseKey)");
        if !parents.is_empty() {
            req = req.item("parentShardId", AttributeValue::Ss(parents.to_vec()));
        }
        match rt.block_on(req.send()) {
            Ok(_) => {
                tracing::info!(shard, "Created Kinesis lease");
                Ok(())
            }
            Err(e) if code(&e).as_deref() == Some("ConditionalCheckFailedException") => Ok(()),
            Err(e) => Err(format!("dynamodb PutItem {}: {}", self.table, describe(&e))),
        }
    }

    /// A conditional update of a lease at `counter`; `Ok(false)` when the condition failed.
    fn update(
        &self,
        rt: &tokio::runtime::Runtime,
        shard: &str,
        counter: i64,
        owned: bool,
        set: &str,
        values: &[(&str, AttributeValue)],
    ) -> Res<bool> {
        let mut cond = "leaseCounter = :old".to_string();
        if owned {
            cond.push_str(" AND leaseOwner = :me");
        }
        let mut req = self
            .client
            .update_item()
            .table_name(&self.table)
            .key("leaseKey", s(shard))
            .update_expression(set)
            .condition_expression(cond)
            .expression_attribute_values(":old", n(counter))
            .expression_attribute_values(":new", n(counter + 1));
        if owned || set.contains(":me") {
            req = req.expression_attribute_values(":me", s(&self.me));
        }
        for (k, v) in values {
            req = req.expression_attribute_values(*k, v.clone());
        }
        match rt.block_on(req.send()) {
            Ok(_) => Ok(true),
            Err(e) if code(&e).as_deref() == Some("ConditionalCheckFailedException") => Ok(false),
            Err(e) => Err(format!(
                "dynamodb UpdateItem {} {shard}: {}",
                self.table,
                describe(&e)
            )),
        }
    }

    /// Renew every held lease; returns the shards whose lease was lost.
    pub fn renew(&mut self, rt: &tokio::runtime::Runtime) -> Res<Vec<String>> {
        self.last_renew = Instant::now();
        let mut lost = Vec::new();
        let held: Vec<(String, i64)> = self.held.iter().map(|(k, c)| (k.clone(), *c)).collect();
        for (k, c) in held {
            if self.update(rt, &k, c, true, "SET leaseCounter = :new", &[])? {
                self.held.insert(k, c + 1);
            } else {
                tracing::warn!(shard = %k, "Kinesis lease lost (taken by another replica)");
                self.held.remove(&k);
                lost.push(k);
            }
        }
        Ok(lost)
    }

    /// Write a checkpoint (a sequence number or `SHARD_END`); `Ok(false)` when the lease was
    /// lost meanwhile.
    pub fn checkpoint(
        &mut self,
        rt: &tokio::runtime::Runtime,
        shard: &str,
        value: &str,
    ) -> Res<bool> {
        let Some(&c) = self.held.get(shard) else {
            return Ok(false);
        };
        let ok = self.update(
            rt,
            shard,
            c,
            true,
            "SET leaseCounter = :new, checkpoint = :cp, checkpointSubSequenceNumber = :zero, \
             ownerSwitchesSinceCheckpoint = :zero",
            &[(":cp", s(value)), (":zero", n(0))],
        )?;
        if ok {
            self.held.insert(shard.to_string(), c + 1);
        } else {
            tracing::warn!(
                shard,
                "Kinesis lease lost before its checkpoint was written"
            );
            self.held.remove(shard);
        }
        Ok(ok)
    }

    /// Take a lease seen at `lease.counter`; `Ok(false)` when another replica was faster.
    pub fn take(&mut self, rt: &tokio::runtime::Runtime, lease: &Lease) -> Res<bool> {
        let ok = self.update(
            rt,
            &lease.key,
            lease.counter,
            false,
            "SET leaseCounter = :new, leaseOwner = :me, ownerSwitchesSinceCheckpoint = \
             if_not_exists(ownerSwitchesSinceCheckpoint, :zero) + :one",
            &[(":zero", n(0)), (":one", n(1))],
        )?;
        if ok {
            tracing::info!(shard = %lease.key, previous_owner = lease.owner.is_some(), "Took Kinesis lease");
            self.held.insert(lease.key.clone(), lease.counter + 1);
        }
        Ok(ok)
    }

    /// Give a held lease back.
    pub fn release(&mut self, rt: &tokio::runtime::Runtime, shard: &str) {
        let Some(c) = self.held.remove(shard) else {
            return;
        };
        match self.update(
            rt,
            shard,
            c,
            true,
            "SET leaseCounter = :new REMOVE leaseOwner",
            &[],
        ) {
            Ok(true) => tracing::info!(shard, "Released Kinesis lease"),
            Ok(false) => {}
            Err(e) => tracing::warn!(shard, error = %e, "Could not release a Kinesis lease"),
        }
    }

    /// Give every held lease back (clean shutdown), so others need not wait for expiry.
    pub fn release_all(&mut self, rt: &tokio::runtime::Runtime) {
        let held: Vec<String> = self.held.keys().cloned().collect();
        for k in held {
            self.release(rt, &k);
        }
    }

    /// Which leases to take now (the KCL's lease taker).
    pub fn to_take<'a>(&self, all: &'a [Lease]) -> Vec<&'a Lease> {
        let now = Instant::now();
        let expired = |l: &Lease| {
            l.owner.is_none()
                || l.owner.as_deref() != Some(self.me.as_str())
                    && self
                        .observed
                        .get(&l.key)
                        .is_some_and(|(_, t)| now.duration_since(*t) > self.failover)
        };
        let flags: Vec<(bool, bool)> = all.iter().map(|l| (l.finished(), expired(l))).collect();
        choose(&self.me, all, &flags, self.max_leases)
    }
}

/// The taker's choice, separated for tests: `flags[i]` is (finished, expired) of `all[i]`.
fn choose<'a>(me: &str, all: &'a [Lease], flags: &[(bool, bool)], max: usize) -> Vec<&'a Lease> {
    let live: Vec<(&Lease, bool)> = all
        .iter()
        .zip(flags)
        .filter(|(_, (fin, _))| !fin)
        .map(|(l, (_, exp))| (l, *exp))
        .collect();
    if live.is_empty() {
        return Vec::new();
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    counts.insert(me, 0);
    for (l, exp) in &live {
        if !exp {
            if let Some(o) = &l.owner {
                *counts.entry(o.as_str()).or_insert(0) += 1;
            }
        }
    }
    let workers = counts.len();
    let target = live.len().div_ceil(workers).min(max);
    let mine = counts.get(me).copied().unwrap_or(0);
    if mine >= target {
        return Vec::new();
    }
    let want = target - mine;
    let mut free: Vec<&Lease> = live
        .iter()
        .filter(|(l, exp)| *exp && l.owner.as_deref() != Some(me))
        .map(|(l, _)| *l)
        .collect();
    if !free.is_empty() {
        // spread replicas over different leases when several start at once
        let seed = me
            .bytes()
            .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize));
        let k = seed % free.len();
        free.rotate_left(k);
        free.truncate(want);
        return free;
    }
    // steal one lease from the most loaded replica when it holds more than the target, or
    // the target while this replica needs more than one
    let Some((victim, &most)) = counts
        .iter()
        .filter(|(w, _)| **w != me)
        .max_by_key(|(w, c)| (**c, std::cmp::Reverse(**w)))
    else {
        return Vec::new();
    };
    if most > target || (most == target && want > 1) {
        return live
            .iter()
            .find(|(l, exp)| !exp && l.owner.as_deref() == Some(*victim))
            .map(|(l, _)| vec![*l])
            .unwrap_or_default();
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lease(k: &str, owner: Option<&str>) -> Lease {
        Lease {
            key: k.into(),
            owner: owner.map(String::from),
            counter: 1,
            checkpoint: Some("TRIM_HORIZON".into()),
            parents: Vec::new(),
        }
    }

    #[test]
    fn taker_balances_like_the_kcl() {
        // four free leases, first replica: takes all four (it is the only worker)
        let all: Vec<Lease> = (0..4).map(|i| lease(&format!("s{i}"), None)).collect();
        let free = vec![(false, true); 4];
        assert_eq!(choose("a", &all, &free, usize::MAX).len(), 4);
        // a second replica joins: a holds four live leases → b steals one at a time
        let held: Vec<Lease> = (0..4).map(|i| lease(&format!("s{i}"), Some("a"))).collect();
        let live = vec![(false, false); 4];
        let got = choose("b", &held, &live, usize::MAX);
        assert_eq!(got.len(), 1);
        // balanced 2/2: nothing to take
        let mut bal = held.clone();
        bal[0].owner = Some("b".into());
        bal[1].owner = Some("b".into());
        assert!(choose("b", &bal, &live, usize::MAX).is_empty());
        assert!(choose("a", &bal, &live, usize::MAX).is_empty());
        // 3 leases over 2 replicas: 2/1 is stable
        let three = &bal[1..];
        assert!(choose("b", three, &live[1..], usize::MAX).is_empty());
        // a dies: its leases expire, b takes them all (a no longer counts as a worker)
        let exp: Vec<(bool, bool)> = bal
            .iter()
            .map(|l| (false, l.owner.as_deref() == Some("a")))
            .collect();
        let got = choose("b", &bal, &exp, usize::MAX);
        let keys: Vec<&str> = got.iter().map(|l| l.key.as_str()).collect();
        assert_eq!(keys.len(), 2);
        assert!(keys.contains(&"s2") && keys.contains(&"s3"));
        // finished shards are not balanced; the cap holds
        let fin = vec![(true, true), (true, true), (false, true), (false, true)];
        assert_eq!(choose("c", &all, &fin, usize::MAX).len(), 2);
        assert_eq!(choose("c", &all, &free, 1).len(), 1);
    }
}
