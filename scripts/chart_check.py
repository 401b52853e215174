#!/usr/bin/env python3
"""Offline chart checks (there is no helm CLI here): `helm lint` and `helm template` through the
Helm v4 SDK wheel (helm-python-sdk), values.schema.json, strict Kubernetes schema validation of
every rendered manifest (kubernetes-validate), and `phigate check` on the rendered config.

usage: chart_check.py CHART_DIR PHIGATE_BIN [--k8s 1.31.0]   (every ci/*-values.yaml)
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile
import tomllib

import helm_python as helm
import yaml

ap = argparse.ArgumentParser()
ap.add_argument("chart")
ap.add_argument("phigate")
ap.add_argument("--k8s", default="1.31.0")
a = ap.parse_args()

# the defaults ship no source/sink (Helm merges maps): they must fail with a clear message
with helm.Chart.load(a.chart) as ch:
    try:
        ch.render({}, name="ci", namespace="phi")
        sys.exit("rendering without config.source must fail")
    except Exception as e:  # HelmRenderError
        assert "config.source is required" in str(e) or "missing properties 'source'" in str(e), e
validator = os.path.join(os.path.dirname(sys.executable), "kubernetes-validate")
# `pipeline.workers` as each values file should render it: set there, or one per CPU the pod
# requests, rounded up (the chart's default request is one CPU)
WORKERS = {
    "kafka-values.yaml": 3,
    "kinesis-leases-values.yaml": 1,
    "minimal-values.yaml": 1,
    "monitoring-values.yaml": 2,
}
failed = 0
for values in sorted(glob.glob(os.path.join(a.chart, "ci", "*-values.yaml"))):
    vals = yaml.safe_load(open(values)) or {}
    res = helm.lint(a.chart, vals, strict=True, kube_version="v" + a.k8s)
    for m in res["messages"]:
        if m["severity"] >= 2:
            print("lint:", m["severity"], m["path"], m["error"])
    if res["errors"]:
        print(f"{os.path.basename(values)}: helm lint FAILED")
        failed += 1
        continue
    with helm.Chart.load(a.chart) as ch:
        ch.validate_schema(vals)
        out = ch.render(vals, name="ci", namespace="phi")
    docs = [v for k, v in sorted(out.items()) if k.endswith((".yaml", ".yml")) and v.strip()]
    objs = [d for doc in docs for d in yaml.safe_load_all(doc) if d]
    kinds = sorted(o["kind"] for o in objs)
    core = [o for o in objs if o["apiVersion"] != "monitoring.coreos.com/v1"]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "all.yaml")
        with open(path, "w") as f:
            yaml.safe_dump_all(core, f)
        r = subprocess.run([validator, "-k", a.k8s, "--strict", "--quiet", path])
        ok = r.returncode == 0
        # the rendered pipeline config is one the binary accepts
        cm = next(o for o in objs if o["kind"] == "ConfigMap" and "phigate.toml" in o.get("data", {}))
        cfg = os.path.join(tmp, "phigate.toml")
        open(cfg, "w").write(cm["data"]["phigate.toml"])
        for k, v in cm["data"].items():
            if k.startswith("pattern-"):
                os.makedirs(os.path.join(tmp, "patterns"), exist_ok=True)
                open(os.path.join(tmp, "patterns", k[len("pattern-"):]), "w").write(v)
            if k.startswith("dictionary-"):
                os.makedirs(os.path.join(tmp, "dictionaries"), exist_ok=True)
                open(os.path.join(tmp, "dictionaries", k[len("dictionary-"):] + ".txt"), "w").write(v)
        want = WORKERS.get(os.path.basename(values))
        got = tomllib.loads(cm["data"]["phigate.toml"]).get("pipeline", {}).get("workers")
        if want is None or got != want:
            print(f"pipeline.workers: rendered {got!r}, expected {want!r} (WORKERS in {__file__})")
            ok = False
        text = open(cfg).read().replace("/etc/phigate/patterns/", os.path.join(tmp, "patterns") + "/")
        text = text.replace("/etc/phigate/dictionaries/", os.path.join(tmp, "dictionaries") + "/")
        open(cfg, "w").write(text)
        env = dict(os.environ, PHIGATE_HMAC_KEY="0123456789abcdef0123", KAFKA_PASSWORD="x")
        c = subprocess.run([a.phigate, "check", "--config", cfg], env=env, capture_output=True, text=True)
        if c.returncode != 0:
            print(c.stderr)
            ok = False
    # monitoring objects: only where asked for, and well-formed
    for o in objs:
        if o["apiVersion"] == "monitoring.coreos.com/v1":
            assert o["kind"] in ("ServiceMonitor", "PrometheusRule"), o["kind"]
            assert o["spec"], o["kind"]
    print(f"{os.path.basename(values)}: {len(objs)} objects {kinds}: {'ok' if ok else 'FAILED'}")
    failed += not ok
sys.exit(1 if failed else 0)
