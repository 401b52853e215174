"""Third-party Kafka client for phigate's integration tests (PyPI confluent-kafka).

  produce  --brokers B --topic T --file F [--partitions N]   one record per line, key = line no.
  consume  --brokers B --topic T --out F [--expect N | --expect-unique N --after S]
           [--timeout S] [--isolation read_committed]
           writes one JSON line {"key", "value", "partition", "offset"} per record; stops at
           N records, or --after seconds after N distinct keys were seen (to catch trailing
           duplicates), or when nothing arrived for --idle seconds after --min-wait, or at
           --timeout.
  create   --brokers B --topic T [--partitions N]
  txn-probe --brokers B --topic T   prints `filters` if read_committed consumers do not see
           aborted transactions on this broker, else `no-filter`
"""
import argparse
import json
import sys
import time

from confluent_kafka import Consumer, Producer
from confluent_kafka.admin import AdminClient, NewTopic


def create(brokers, topic, partitions):
    admin = AdminClient({"bootstrap.servers": brokers})
    fut = admin.create_topics([NewTopic(topic, num_partitions=partitions, replication_factor=1)])
    for _, f in fut.items():
        try:
            f.result(30)
        except Exception as e:  # already exists is fine
            if "TOPIC_ALREADY_EXISTS" not in str(e) and "already exists" not in str(e):
                raise


def produce(a):
    create(a.brokers, a.topic, a.partitions)
    p = Producer({"bootstrap.servers": a.brokers, "enable.idempotence": True, "linger.ms": 5})
    n = 0
    errors = []

    def cb(err, _msg):
        if err is not None:
            errors.append(str(err))

    with open(a.file, "rb") as f:
        for line in f:
            line = line.rstrip(b"\n")
            if not line:
                continue
            while True:
                try:
                    p.produce(a.topic, value=line, key=str(n).encode(), on_delivery=cb)
                    break
                except BufferError:
                    p.poll(0.05)
            n += 1
            if n % 1000 == 0:
                p.poll(0)
    left = p.flush(60)
    if left or errors:
        sys.exit(f"produce failed: {left} undelivered, {len(errors)} errors")
    print(n)


def consume(a):
    c = Consumer({
        "bootstrap.servers": a.brokers,
        "group.id": a.group or f"verify-{time.time_ns()}",
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "isolation.level": a.isolation,
        "session.timeout.ms": 6000,
        "heartbeat.interval.ms": 500,
    })
    c.subscribe([a.topic])
    n = 0
    start = time.time()
    last = time.time()
    keys = set()
    reached = None
    with open(a.out, "w") as out:
        while n < a.expect:
            now = time.time()
            if reached is not None and now - reached > a.after:
                break
            if now - start > a.timeout:
                break
            m = c.poll(0.5)
            now = time.time()
            if m is None:
                if a.expect_unique is None and now - start > a.min_wait and now - last > a.idle:
                    break
                continue
            if m.error():
                continue
            last = now
            keys.add(m.key())
            if a.expect_unique is not None and reached is None and len(keys) >= a.expect_unique:
                reached = now
            out.write(json.dumps({
                "key": (m.key() or b"").decode("utf-8", "replace"),
                "value": (m.value() or b"").decode("utf-8", "replace"),
                "partition": m.partition(),
                "offset": m.offset(),
            }) + "\n")
            n += 1
    c.close()
    print(n)


def txn_probe(a):
    """Does the broker hide aborted transactions from read_committed consumers?"""
    create(a.brokers, a.topic, 1)
    p = Producer({"bootstrap.servers": a.brokers, "transactional.id": "probe-" + a.topic})
    p.init_transactions(30)
    p.begin_transaction()
    p.produce(a.topic, b"aborted")
    p.flush(30)
    p.abort_transaction(30)
    p.begin_transaction()
    p.produce(a.topic, b"committed")
    p.commit_transaction(30)
    c = Consumer({
        "bootstrap.servers": a.brokers,
        "group.id": "probe-" + a.topic,
        "auto.offset.reset": "earliest",
        "isolation.level": "read_committed",
        "session.timeout.ms": 6000,
        "heartbeat.interval.ms": 500,
    })
    c.subscribe([a.topic])
    got = []
    end = time.time() + 30
    while time.time() < end and b"committed" not in got:
        m = c.poll(0.5)
        if m is not None and not m.error():
            got.append(m.value())
    c.close()
    print("filters" if got == [b"committed"] else "no-filter")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["produce", "consume", "create", "txn-probe"])
    ap.add_argument("--brokers", required=True)
    ap.add_argument("--topic", required=True)
    ap.add_argument("--file")
    ap.add_argument("--out")
    ap.add_argument("--group")
    ap.add_argument("--partitions", type=int, default=3)
    ap.add_argument("--expect", type=int, default=1 << 62)
    ap.add_argument("--expect-unique", type=int)
    ap.add_argument("--after", type=float, default=3)
    ap.add_argument("--min-wait", type=float, default=10)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--idle", type=float, default=3)
    ap.add_argument("--isolation", default="read_committed")
    a = ap.parse_args()
    {
        "produce": produce,
        "consume": consume,
        "create": lambda a: create(a.brokers, a.topic, a.partitions),
        "txn-probe": txn_probe,
    }[a.cmd](a)


if __name__ == "__main__":
    main()
