#!/usr/bin/env python3
"""A stand-in `kubectl` that answers `get --raw PATH` from a JSON description of a cluster, with
the error texts real kubectl prints, for sealctl's discovery tests.

$FAKE_CLUSTER names the description:
  {"services": [{"namespace": "...", "name": "...", "labels": {...}}],
   "certificate": "PEM text",
   "forbidden": ["path prefix", ...]}
Every call (its argument list) is appended as a JSON line to $FAKE_CLUSTER.log.
"""
import json, os, sys, urllib.parse

cluster = json.load(open(os.environ["FAKE_CLUSTER"]))
with open(os.environ["FAKE_CLUSTER"] + ".log", "a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\n")

def fail(reason, message):
    sys.stderr.write(f"Error from server ({reason}): {message}\n")
    sys.exit(1)

# kubectl's global flags come first (--context X, --kubeconfig X, --server=X, ...); the call is `get --raw PATH`.
raw = sys.argv.index("--raw") if "--raw" in sys.argv else -1
if raw < 1 or sys.argv[raw - 1] != "get" or raw + 1 >= len(sys.argv):
    fail("BadRequest", "unexpected call")
path = sys.argv[raw + 1]
for prefix in cluster.get("forbidden", []):
    if path.startswith(prefix):
        fail("Forbidden", f'services is forbidden: User "alice" cannot get resource "services" in API group "" at the cluster scope')
services = cluster.get("services", [])
parsed = urllib.parse.urlparse(path)
parts = parsed.path.strip("/").split("/")
if parsed.path == "/api/v1/services":
    selector = urllib.parse.parse_qs(parsed.query).get("labelSelector", [""])[0]
    key, _, value = selector.partition("=")
    items = [s for s in services if not key or s.get("labels", {}).get(key) == value]
    print(json.dumps({"kind": "ServiceList", "apiVersion": "v1", "items": [
        {"metadata": {"name": s["name"], "namespace": s["namespace"], "labels": s.get("labels", {})}} for s in items]}))
    sys.exit(0)
if len(parts) >= 6 and parts[:3] == ["api", "v1", "namespaces"] and parts[4] == "services":
    namespace, service = parts[3], parts[5]
    name = service.split(":")[1] if service.startswith("http:") else service
    found = [s for s in services if s["namespace"] == namespace and s["name"] == name]
    if not found:
        fail("NotFound", f'services "{name}" not found')
    if len(parts) == 6:
        print(json.dumps({"kind": "Service", "metadata": {"name": name, "namespace": namespace}}))
        sys.exit(0)
    if parts[6:] == ["proxy", "v1", "cert.pem"]:
        sys.stdout.write(cluster["certificate"])
        sys.exit(0)
fail("NotFound", "the server could not find the requested resource")
