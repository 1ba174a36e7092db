"""The same work in Python, for compare.sh: hybrid seal/open with `cryptography` (RSA-OAEP-SHA256
+ AES-256-GCM, the controller's wire format) and YAML parse/emit with PyYAML's libyaml-backed
CSafeLoader/CSafeDumper. Prints `name value unit` lines."""
import os, statistics, sys, time
import yaml
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

stream_path, vectors = sys.argv[1], sys.argv[2]
key = serialization.load_pem_private_key(open(os.path.join(vectors, "key/tls.key"), "rb").read(), None)
public = x509.load_pem_x509_certificate(open(os.path.join(vectors, "key/tls.crt"), "rb").read()).public_key()
label = b"bench/bench"
oaep = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=label)

def seal(plaintext):
    session = AESGCM.generate_key(bit_length=256)
    block = public.encrypt(session, oaep)
    return len(block).to_bytes(2, "big") + block + AESGCM(session).encrypt(b"\0" * 12, plaintext, None)

def open_(data):
    size = int.from_bytes(data[:2], "big")
    return AESGCM(key.decrypt(data[2:2 + size], oaep)).decrypt(b"\0" * 12, data[2 + size:], None)

def median(runs, body):
    times = []
    for _ in range(runs):
        start = time.perf_counter(); body(); times.append(time.perf_counter() - start)
    return statistics.median(times)

value = b"a" * 32
sealed = seal(value)
print(f"py_seal_per_value {median(500, lambda: seal(value)) * 1e6:.3f} us")
print(f"py_open_per_value {median(60, lambda: open_(sealed)) * 1e6:.3f} us")
text = open(stream_path, "rb").read()
documents = list(yaml.load_all(text, Loader=yaml.CSafeLoader))
print(f"py_yaml_parse_10mb {median(3, lambda: list(yaml.load_all(text, Loader=yaml.CSafeLoader))) * 1e3:.3f} ms")
print(f"py_yaml_emit_10mb {median(3, lambda: yaml.dump_all(documents, Dumper=yaml.CSafeDumper)) * 1e3:.3f} ms")
