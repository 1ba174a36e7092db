#!/usr/bin/env python3
"""A stand-in `kubectl` that answers `create --raw .../proxy/v1/{verify,rotate} -f -` as the
sealed-secrets controller does, for sealctl's tests.

It records every call (arguments, then stdin) under $FAKE_STATE, answers 429 to the calls whose
numbers are listed in $FAKE_STATE/throttle, and really decrypts with the keys in $FAKE_OLD_KEYS
(PEM files, ':'-separated) and re-seals with $FAKE_NEW_CERT for /v1/rotate, using the same wire
format as the controller. A SealedSecret it cannot decrypt gets 409 (verify) or 500 (rotate).
"""
import base64, json, os, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

# The controller's Service exists (`get --raw /api/v1/namespaces/NS/services/NAME`, which sealctl
# asks before --online work), and its certificate: answered without counting or logging, so call
# numbers stay the verify and rotate requests'.
if "get" in sys.argv and "--raw" in sys.argv:
    path = sys.argv[sys.argv.index("--raw") + 1]
    parts = path.strip("/").split("/")
    if len(parts) == 6 and parts[:3] == ["api", "v1", "namespaces"] and parts[4] == "services":
        print(json.dumps({"kind": "Service", "metadata": {"namespace": parts[3], "name": parts[5]}}))
        sys.exit(0)
    if path.endswith("/proxy/v1/cert.pem"):  # the certificate it re-seals for (recorded in fetches.log)
        open(os.path.join(os.environ["FAKE_STATE"], "fetches.log"), "a").write(path + "\n")
        sys.stdout.write(open(os.environ["FAKE_NEW_CERT"]).read())
        sys.exit(0)

state = os.environ["FAKE_STATE"]
counter_path = os.path.join(state, "count")
count = int(open(counter_path).read()) + 1 if os.path.exists(counter_path) else 1
open(counter_path, "w").write(str(count))
body = sys.stdin.read()
with open(os.path.join(state, "calls.log"), "a") as log:
    log.write(json.dumps({"argv": sys.argv[1:], "stdin": body}) + "\n")

def fail(reason, message):
    sys.stderr.write(f"Error from server ({reason}): {message}\n")
    sys.exit(1)

throttle_path = os.path.join(state, "throttle")
if os.path.exists(throttle_path) and str(count) in open(throttle_path).read().split():
    fail("TooManyRequests", "the server has received too many requests and has asked us to try again later")

arguments = sys.argv[1:]
while arguments and arguments[0] in ("--context", "--kubeconfig"):
    arguments = arguments[2:]  # kubectl's global flags
if arguments[0:2] != ["create", "--raw"] or arguments[3:5] != ["-f", "-"]:
    fail("BadRequest", "unexpected call")
path = arguments[2]
obj = json.loads(body)
meta = obj["metadata"]
annotations = meta.get("annotations", {})
namespace, name = meta.get("namespace", ""), meta["name"]
if annotations.get("sealedsecrets.bitnami.com/cluster-wide") == "true":
    label = b""
elif annotations.get("sealedsecrets.bitnami.com/namespace-wide") == "true":
    label = namespace.encode()
else:
    label = f"{namespace}/{name}".encode()

oaep = lambda: padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=label or None)
keys = [serialization.load_pem_private_key(open(p, "rb").read(), None) for p in os.environ["FAKE_OLD_KEYS"].split(":")]

def open_value(value):
    data = base64.b64decode(value)
    size = int.from_bytes(data[:2], "big")
    for key in keys:
        try:
            session = key.decrypt(data[2:2 + size], oaep())
            return AESGCM(session).decrypt(b"\0" * 12, data[2 + size:], None)
        except Exception:
            continue
    raise ValueError("no key could decrypt secret")

try:
    plain = {k: open_value(v) for k, v in obj["spec"]["encryptedData"].items()}
except Exception as error:
    fail("Conflict" if path.endswith("/v1/verify") else "InternalError", "no key could decrypt secret")

if path.endswith("/v1/verify"):
    sys.exit(0)
if not path.endswith("/v1/rotate"):
    fail("NotFound", "the server could not find the requested resource")
public = x509.load_pem_x509_certificate(open(os.environ["FAKE_NEW_CERT"], "rb").read()).public_key()
def seal(plaintext):
    session = AESGCM.generate_key(bit_length=256)
    block = public.encrypt(session, oaep())
    return base64.b64encode(len(block).to_bytes(2, "big") + block + AESGCM(session).encrypt(b"\0" * 12, plaintext, None)).decode()
obj["spec"]["encryptedData"] = {k: seal(v) for k, v in plain.items()}
# The controller answers without apiVersion and kind, with server-set fields.
obj.pop("apiVersion", None); obj.pop("kind", None)
obj["metadata"]["creationTimestamp"] = "2026-01-01T00:00:00Z"
obj["metadata"]["generation"] = 3
print(json.dumps(obj))
