#!/usr/bin/env python3
"""A stand-in `kubectl` that answers `get --raw PATH` from a JSON description of a cluster, with
the error texts real kubectl prints, for sealctl's discovery tests.

$FAKE_CLUSTER names the description:
  {"services": [{"namespace": "...", "name": "...", "labels": {...}}],
   "certificate": "PEM text",
   "secrets": [{"metadata": {...}, "type": "...", "data": {...}}],   (as the API server stores them)
   "forbidden": ["path prefix", ...],
   "pods": {"NAME": ["ReplicaSet", "RS"]}, "replicasets": {"RS": ["Deployment", "NAME"]},  (owners)
   "renewal-days": 30, "context": "current-context name",
   "contexts": {"NAME": {fields that replace these for --context NAME}}}
`apply -f -` stores the Secrets of a List on stdin; `rollout restart deployment/NAME -n NS` and
`delete pod -n NS -l SELECTOR` restart the controller as upstream's does at start: it loads the
keys labelled active (and the legacy one), and makes a new key when it has none or the newest is
older than the renewal period; the newest then is the certificate served.
Every call (its argument list) is appended as a JSON line to $FAKE_CLUSTER.log.
"""
import json, os, sys, urllib.parse

cluster = json.load(open(os.environ["FAKE_CLUSTER"]))
with open(os.environ["FAKE_CLUSTER"] + ".log", "a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\n")

def fail(reason, message):
    sys.stderr.write(f"Error from server ({reason}): {message}\n")
    sys.exit(1)

def save():
    json.dump(cluster, open(os.environ["FAKE_CLUSTER"], "w"))

def restart(namespace):
    import base64, datetime, secrets as random
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    label = "sealedsecrets.bitnami.com/sealed-secrets-key"
    loaded = [s for s in cluster.get("secrets", []) if s["metadata"]["namespace"] == namespace
              and (s["metadata"].get("labels", {}).get(label) == "active" or s["metadata"]["name"] == "sealed-secrets-key")]
    certificates = sorted((x509.load_pem_x509_certificate(base64.b64decode(s["data"]["tls.crt"])) for s in loaded), key=lambda c: c.not_valid_before_utc)
    now = datetime.datetime.now(datetime.timezone.utc)
    if not certificates or now - certificates[-1].not_valid_before_utc > datetime.timedelta(days=cluster.get("renewal-days", 30)):
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([])
        certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                       .serial_number(x509.random_serial_number()).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=3650))
                       .sign(key, hashes.SHA256()))
        pem = lambda b: base64.b64encode(b).decode()
        cluster.setdefault("secrets", []).append({"metadata": {"name": f"sealed-secrets-key{random.token_hex(3)}", "namespace": namespace, "labels": {label: "active"}},
            "type": "kubernetes.io/tls", "data": {"tls.crt": pem(certificate.public_bytes(serialization.Encoding.PEM)),
            "tls.key": pem(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()))}})
        certificates.append(certificate)
    cluster["certificate"] = certificates[-1].public_bytes(serialization.Encoding.PEM).decode()
    cluster["restarts"] = cluster.get("restarts", 0) + 1
    save()

arguments = [a for a in sys.argv[1:]]
if arguments[:3] == ["apply", "-f", "-"]:
    for item in json.loads(sys.stdin.read()).get("items", []):
        meta = item["metadata"]
        cluster["secrets"] = [s for s in cluster.get("secrets", []) if (s["metadata"]["namespace"], s["metadata"]["name"]) != (meta["namespace"], meta["name"])]
        cluster["secrets"].append({k: v for k, v in item.items() if k not in ("kind", "apiVersion")})
        print(f'secret/{meta["name"]} configured')
    save()
    sys.exit(0)
if arguments[:2] == ["rollout", "restart"] or arguments[:2] == ["delete", "pod"]:
    namespace = arguments[arguments.index("-n") + 1]
    cluster["restarted-by"] = arguments
    restart(namespace)
    print("deployment.apps restarted" if arguments[0] == "rollout" else "pod deleted")
    sys.exit(0)

# Other kubeconfig contexts: `"contexts": {"NAME": {fields}}` replaces those fields for `--context NAME`.
if "--context" in sys.argv:
    cluster = {**cluster, **cluster.get("contexts", {}).get(sys.argv[sys.argv.index("--context") + 1], {})}
if "config" in sys.argv and "current-context" in sys.argv:
    print(cluster.get("context", "test-context"))
    sys.exit(0)
# kubectl's global flags come first (--context X, --kubeconfig X, --server=X, ...); the call is `get --raw PATH`.
raw = sys.argv.index("--raw") if "--raw" in sys.argv else -1
if raw < 1 or sys.argv[raw - 1] != "get" or raw + 1 >= len(sys.argv):
    fail("BadRequest", "unexpected call")
path = sys.argv[raw + 1]
for prefix in cluster.get("forbidden", []):
    if path.startswith(prefix):
        fail("Forbidden", f'services is forbidden: User "alice" cannot get resource "services" in API group "" at the cluster scope')
if path == "/version":
    if cluster.get("unreachable"):
        sys.stderr.write("Unable to connect to the server: dial tcp 10.0.0.1:443: i/o timeout\n")
        sys.exit(1)
    print(json.dumps({"major": "1", "minor": "30", "gitVersion": cluster.get("version", "v1.30.2")}))
    sys.exit(0)
if parts_of := path.split("?")[0].strip("/").split("/"):
    if parts_of[:3] == ["apis", "bitnami.com", "v1alpha1"] and parts_of[-1] == "sealedsecrets":
        namespace = parts_of[4] if len(parts_of) == 6 and parts_of[3] == "namespaces" else None
        items = [{"metadata": {"namespace": s["namespace"], "name": s["name"]}, "spec": {"encryptedData": s.get("encryptedData", {})},
                  "status": {"conditions": s["conditions"]} if "conditions" in s else {}}
                 for s in cluster.get("sealedsecrets", []) if namespace is None or s["namespace"] == namespace]
        print(json.dumps({"kind": "SealedSecretList", "items": items}))
        sys.exit(0)
services = cluster.get("services", [])
parsed = urllib.parse.urlparse(path)
parts = parsed.path.strip("/").split("/")
# Secrets of a namespace: the list (with a label selector: `key` or `key=value`) and one by name.
if len(parts) in (5, 6) and parts[:3] == ["api", "v1", "namespaces"] and parts[4] == "secrets":
    namespace = parts[3]
    if any(path.startswith(prefix) for prefix in cluster.get("forbidden-secrets", [])):
        verb = "list" if len(parts) == 5 else "get"
        fail("Forbidden", f'secrets is forbidden: User "alice" cannot {verb} resource "secrets" in API group "" in the namespace "{namespace}"')
    secrets = [s for s in cluster.get("secrets", []) if s["metadata"]["namespace"] == namespace]
    if len(parts) == 6:
        found = [s for s in secrets if s["metadata"]["name"] == parts[5]]
        if not found:
            fail("NotFound", f'secrets "{parts[5]}" not found')
        print(json.dumps(dict(found[0], kind="Secret", apiVersion="v1")))
        sys.exit(0)
    selector = urllib.parse.parse_qs(parsed.query).get("labelSelector", [""])[0]
    key, equals, value = selector.partition("=")
    items = [s for s in secrets if not key or (key in s["metadata"].get("labels", {}) and (not equals or s["metadata"]["labels"][key] == value))]
    print(json.dumps({"kind": "SecretList", "apiVersion": "v1", "metadata": {"resourceVersion": "4242"}, "items": items}))
    sys.exit(0)
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
        print(json.dumps({"kind": "Service", "metadata": {"name": name, "namespace": namespace},
                          "spec": {"selector": found[0].get("selector", {"app.kubernetes.io/name": "sealed-secrets"})}}))
        sys.exit(0)
    if parts[6:] == ["proxy", "v1", "cert.pem"]:
        proxy = found[0].get("proxy", "ok")
        if proxy == "hang":
            import time
            time.sleep(120)
        if proxy == "Forbidden":
            fail("Forbidden", f'services "{name}" is forbidden: User "alice" cannot get resource "services/proxy" in API group "" in the namespace "{namespace}"')
        if proxy == "ServiceUnavailable":
            fail("ServiceUnavailable", "the server is currently unable to handle the request")
        sys.stdout.write(cluster["certificate"])
        sys.exit(0)
if len(parts) == 6 and parts[:3] == ["api", "v1", "namespaces"] and parts[4] == "endpoints":
    found = [s for s in services if s["namespace"] == parts[3] and s["name"] == parts[5]]
    if not found:
        fail("NotFound", f'endpoints "{parts[5]}" not found')
    ready = found[0].get("ready", 1)
    pods = list(cluster.get("pods", {}))
    subsets = [{"addresses": [dict({"ip": f"10.4.1.{i + 7}"}, **({"targetRef": {"kind": "Pod", "name": pods[i], "namespace": parts[3]}} if i < len(pods) else {}))
                              for i in range(ready)], "ports": [{"port": 8080}]}] if ready else []
    print(json.dumps({"kind": "Endpoints", "subsets": subsets}))
    sys.exit(0)
for kind, prefix in (("pods", ["api", "v1"]), ("replicasets", ["apis", "apps", "v1"])):
    if len(parts) == len(prefix) + 4 and parts[:len(prefix)] == prefix and parts[len(prefix)] == "namespaces" and parts[len(prefix) + 2] == kind:
        owner = cluster.get(kind, {}).get(parts[-1])
        if owner is None:
            fail("NotFound", f'{kind} "{parts[-1]}" not found')
        print(json.dumps({"metadata": {"name": parts[-1], "ownerReferences": [{"kind": owner[0], "name": owner[1]}] if owner else []}}))
        sys.exit(0)
fail("NotFound", "the server could not find the requested resource")
