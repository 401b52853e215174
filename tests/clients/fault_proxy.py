"""A fault-injecting HTTP proxy in front of a real Kinesis API server, for phigate's tests.

  fault_proxy.py --listen PORT --upstream http://127.0.0.1:4567 [--fail-ratio 0.3]
                 [--throttle-every N] [--seed S]

PutRecords requests: a share (--fail-ratio) of the entries is removed from the request before
it is forwarded, and reported back as failed (ProvisionedThroughputExceededException or
InternalFailure) at their positions, with FailedRecordCount set - exactly what a real partial
failure looks like to the client: those records were not written. Every Nth PutRecords call
(--throttle-every) is answered with HTTP 400 ProvisionedThroughputExceededException without
forwarding. Everything else passes through unchanged. Counts are printed to stdout on exit and
served at GET /__stats.
"""
import argparse
import http.server
import json
import random
import signal
import sys
import threading
import urllib.error
import urllib.request

STATS = {"put_calls": 0, "throttled_calls": 0, "failed_entries": 0, "forwarded_entries": 0}
LOCK = threading.Lock()


def make_handler(a, rng):
    class H(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def reply(self, code, headers, body):
            self.send_response(code)
            for k, v in headers:
                if k.lower() not in ("transfer-encoding", "content-length", "connection"):
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def forward(self, body):
            req = urllib.request.Request(a.upstream + self.path, data=body, method=self.command)
            for k, v in self.headers.items():
                if k.lower() not in ("host", "content-length", "connection"):
                    req.add_header(k, v)
            try:
                with urllib.request.urlopen(req, timeout=30) as r:
                    return r.status, r.getheaders(), r.read()
            except urllib.error.HTTPError as e:
                return e.code, e.headers.items(), e.read()

        def do_GET(self):
            if self.path == "/__stats":
                with LOCK:
                    body = json.dumps(STATS).encode()
                return self.reply(200, [("Content-Type", "application/json")], body)
            self.reply(*self.forward(None))

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            target = self.headers.get("X-Amz-Target", "")
            ctype = self.headers.get("Content-Type", "")
            if not target.endswith(".PutRecords") or "json" not in ctype:
                return self.reply(*self.forward(body))
            with LOCK:
                STATS["put_calls"] += 1
                n = STATS["put_calls"]
            if a.throttle_every and n % a.throttle_every == 0:
                with LOCK:
                    STATS["throttled_calls"] += 1
                err = json.dumps({"__type": "ProvisionedThroughputExceededException",
                                  "message": "Rate exceeded (injected)"}).encode()
                return self.reply(400, [("Content-Type", ctype)], err)
            req = json.loads(body)
            entries = req["Records"]
            fail = [rng.random() < a.fail_ratio for _ in entries]
            if all(fail):
                fail[0] = False
            req["Records"] = [e for e, f in zip(entries, fail) if not f]
            status, headers, up = self.forward(json.dumps(req).encode())
            if status != 200:
                return self.reply(status, headers, up)
            res = json.loads(up)
            ok = iter(res["Records"])
            out = []
            failed = 0
            for f in fail:
                if f:
                    failed += 1
                    code = rng.choice(["ProvisionedThroughputExceededException", "InternalFailure"])
                    out.append({"ErrorCode": code, "ErrorMessage": "injected"})
                else:
                    out.append(next(ok))
            res["Records"] = out
            res["FailedRecordCount"] = res.get("FailedRecordCount", 0) + failed
            with LOCK:
                STATS["failed_entries"] += failed
                STATS["forwarded_entries"] += len(req["Records"])
            self.reply(200, [("Content-Type", ctype)], json.dumps(res).encode())

    return H


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--listen", type=int, required=True)
    ap.add_argument("--upstream", required=True)
    ap.add_argument("--fail-ratio", type=float, default=0.3)
    ap.add_argument("--throttle-every", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", a.listen), make_handler(a, random.Random(a.seed)))

    def stop(*_):
        print(json.dumps(STATS), flush=True)
        threading.Thread(target=srv.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    print("ready", flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
