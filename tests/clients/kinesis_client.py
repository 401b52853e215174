"""Third-party Kinesis client for phigate's integration tests (boto3).

  put    --endpoint E --stream S --file F [--shards N]   one record per line (creates S)
  read   --endpoint E --stream S --out F [--expect-unique N --after S] [--timeout S]
         reads every shard from TRIM_HORIZON; one JSON line {"key","value","shard","seq"}
  split  --endpoint E --stream S                         splits the first open shard in two
  shards --endpoint E --stream S                         prints the shard ids with parents
  leases --endpoint E --stream T                         scans the KCL lease table T (DynamoDB):
         one JSON line per lease {"leaseKey","leaseOwner","leaseCounter","checkpoint",...}
"""
import argparse
import json
import sys
import time

import boto3


def client(a):
    return boto3.client("kinesis", endpoint_url=a.endpoint, region_name="us-east-1",
                        aws_access_key_id="test", aws_secret_access_key="test")


def ensure(k, stream, shards):
    try:
        k.create_stream(StreamName=stream, ShardCount=shards)
    except k.exceptions.ResourceInUseException:
        pass
    for _ in range(200):
        d = k.describe_stream_summary(StreamName=stream)["StreamDescriptionSummary"]
        if d["StreamStatus"] == "ACTIVE":
            return
        time.sleep(0.1)
    sys.exit("stream did not become active")


def put(a):
    k = client(a)
    ensure(k, a.stream, a.shards)
    lines = [l.rstrip(b"\n") for l in open(a.file, "rb") if l.strip()]
    n = 0
    for i in range(0, len(lines), 200):
        entries = [{"Data": l, "PartitionKey": f"k{i + j}"} for j, l in enumerate(lines[i:i + 200])]
        for attempt in range(20):
            r = k.put_records(StreamName=a.stream, Records=entries)
            if r.get("FailedRecordCount", 0) == 0:
                break
            entries = [e for e, res in zip(entries, r["Records"]) if "ErrorCode" in res]
            time.sleep(0.2 * (attempt + 1))
        else:
            sys.exit("put_records kept failing")
        n += len(lines[i:i + 200])
    print(n)


def shards(a):
    k = client(a)
    out = []
    token = None
    while True:
        r = k.list_shards(NextToken=token) if token else k.list_shards(StreamName=a.stream)
        out += r["Shards"]
        token = r.get("NextToken")
        if not token:
            return out


def read(a):
    k = client(a)
    seen = set()
    its = {}
    n = 0
    start = time.time()
    reached = None
    with open(a.out, "w") as out:
        while time.time() - start < a.timeout:
            if reached is not None and time.time() - reached > a.after:
                break
            for s in shards(a):
                sid = s["ShardId"]
                if sid not in its:
                    its[sid] = k.get_shard_iterator(StreamName=a.stream, ShardId=sid,
                                                    ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            got = False
            for sid, it in list(its.items()):
                if it is None:
                    continue
                r = k.get_records(ShardIterator=it, Limit=1000)
                its[sid] = r.get("NextShardIterator")
                for rec in r["Records"]:
                    got = True
                    n += 1
                    seen.add(rec["PartitionKey"])
                    out.write(json.dumps({"key": rec["PartitionKey"],
                                          "value": rec["Data"].decode("utf-8", "replace"),
                                          "shard": sid, "seq": rec["SequenceNumber"]}) + "\n")
            if a.expect_unique is not None and reached is None and len(seen) >= a.expect_unique:
                reached = time.time()
            if not got:
                time.sleep(0.2)
    print(n)


def split(a):
    k = client(a)
    open_shards = [s for s in shards(a) if "EndingSequenceNumber" not in s["SequenceNumberRange"]]
    s = open_shards[0]
    lo = int(s["HashKeyRange"]["StartingHashKey"])
    hi = int(s["HashKeyRange"]["EndingHashKey"])
    k.split_shard(StreamName=a.stream, ShardToSplit=s["ShardId"], NewStartingHashKey=str((lo + hi) // 2))
    for _ in range(200):
        d = k.describe_stream_summary(StreamName=a.stream)["StreamDescriptionSummary"]
        if d["StreamStatus"] == "ACTIVE":
            break
        time.sleep(0.1)
    print(s["ShardId"])


def leases(a):
    d = boto3.client("dynamodb", endpoint_url=a.endpoint, region_name="us-east-1",
                     aws_access_key_id="test", aws_secret_access_key="test")
    kw = {"TableName": a.stream, "ConsistentRead": True}
    while True:
        try:
            r = d.scan(**kw)
        except d.exceptions.ResourceNotFoundException:
            return  # not created yet: no leases
        for item in r["Items"]:
            out = {}
            for k, v in item.items():
                (t, x), = v.items()
                out[k] = int(x) if t == "N" else sorted(x) if t == "SS" else x
            print(json.dumps(out, sort_keys=True))
        if not r.get("LastEvaluatedKey"):
            break
        kw["ExclusiveStartKey"] = r["LastEvaluatedKey"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["put", "read", "split", "shards", "leases"])
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--stream", required=True)
    ap.add_argument("--file")
    ap.add_argument("--out")
    ap.add_argument("--shards", type=int, default=2)
    ap.add_argument("--expect-unique", type=int)
    ap.add_argument("--after", type=float, default=2)
    ap.add_argument("--timeout", type=float, default=60)
    a = ap.parse_args()
    if a.cmd == "shards":
        for s in shards(a):
            print(s["ShardId"], s.get("ParentShardId", "-"), s.get("AdjacentParentShardId", "-"))
    else:
        {"put": put, "read": read, "split": split, "leases": leases}[a.cmd](a)


if __name__ == "__main__":
    main()
