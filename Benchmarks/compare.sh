#!/usr/bin/env bash
# Sets SealKit's figures against OpenSSL's own RSA-4096 speed (the physical limit: one public-key
# operation per sealed value, one private-key operation per opened value) and against Python
# (cryptography; PyYAML with libyaml) in one run on this machine, and prints each as a ratio.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd .. && pwd)
vectors="$root/Tests/Fixtures/vectors"

swift build -c release --product sealkit-compare >&2
swift build -c release --package-path "$root" --product sealctl >&2
bin="$(swift build -c release --show-bin-path)/sealkit-compare"
sealctl="$(swift build -c release --package-path "$root" --show-bin-path)/sealctl"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

"$bin" write-stream "$work/stream.yaml"
echo "== SealKit" >&2
"$bin" measure "$work/stream.yaml" | tee "$work/figures.txt"
"$bin" parse-memory "$work/stream.yaml" | tee -a "$work/figures.txt"
echo "== openssl speed -seconds 3 rsa4096" >&2
openssl speed -seconds 3 rsa4096 2>/dev/null | awk '/^rsa 4096 bits/ {printf "openssl_sign %.3f us\nopenssl_verify %.3f us\n", $4*1e6, $5*1e6}' | tee -a "$work/figures.txt"
echo "== Python" >&2
python3 python_baseline.py "$work/stream.yaml" "$vectors" | tee -a "$work/figures.txt"
echo "== libyaml's own event loop over the stream (the limit for a libyaml-based parser)" >&2
cc -O2 libyaml_events.c -lyaml -o "$work/libyaml_events"
"$work/libyaml_events" "$work/stream.yaml" | tee -a "$work/figures.txt"
# The same as pairs, one parse each in turn (A B A B …): the median of the pairs' ratios holds when
# the machine's speed drifts between the two measurements above.
python3 - "$bin" "$work/libyaml_events" "$work/stream.yaml" <<'PY' | tee -a "$work/figures.txt"
import statistics, subprocess, sys
sealkit, events, stream = sys.argv[1:4]
def timed(command, name):
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return next(float(line.split()[1]) for line in output.splitlines() if line.startswith(name))
ratios = [timed([sealkit, "parse-once", stream], "yaml_parse_once") / timed([events, stream, "1"], "libyaml_events_10mb") for _ in range(11)]
print(f"yaml_parse_vs_libyaml_events {statistics.median(ratios):.3f} x")
PY
echo "== bulk re-seal, one core and all cores in turn" >&2
"$bin" reseal-paired - | tee -a "$work/figures.txt"

echo "== whole processes, with the binary Scripts/install.sh installs" >&2
"$root/Scripts/install.sh" --prefix "$work/prefix" >&2
installed="$work/prefix/bin/sealctl"
# The yardstick for N values: N sequential OpenSSL RSA-4096 OAEP operations, as a whole process.
cc -O2 rsa_ops.c -lcrypto -o "$work/rsa_ops"
python3 - "$installed" "$vectors" "$work" <<'PY' | tee -a "$work/figures.txt"
import statistics, subprocess, sys, time
sealctl, vectors, work = sys.argv[1:4]
rsa_ops = f"{work}/rsa_ops"
certificate, key = f"{vectors}/key/tls.crt", f"{vectors}/key/tls.key"
with open(f"{work}/small.yaml", "w") as f: f.write("apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\nstringData: {k: v}\n")
with open(f"{work}/value", "w") as f: f.write("v")
with open(f"{work}/values.env", "w") as f: f.writelines(f"KEY_{i:04d}=value-{i}-{'x' * 24}\n" for i in range(2000))
def once(command, output=subprocess.DEVNULL):
    start = time.perf_counter()
    subprocess.run(command, stdout=output, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start
small = [sealctl, "seal", "--cert", certificate, "-f", f"{work}/small.yaml"]
pkeyutl = ["openssl", "pkeyutl", "-encrypt", "-certin", "-inkey", certificate, "-in", f"{work}/value",
           "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256"]
for _ in range(5): once(small); once(pkeyutl)
ratios, a, b = [], [], []
for _ in range(100):
    x, y = once(small), once(pkeyutl)
    a.append(x); b.append(y); ratios.append(x / y)
print(f"small_seal_process {statistics.median(a) * 1e3:.3f} ms")
print(f"pkeyutl_process {statistics.median(b) * 1e3:.3f} ms")
print(f"small_seal_vs_pkeyutl {statistics.median(ratios):.3f} x")
big = [sealctl, "seal", "--cert", certificate, "--name", "big", "-n", "n", "--from-env-file", f"{work}/values.env"]
with open(f"{work}/big.sealed.yaml", "w") as output: subprocess.run(big, stdout=output, check=True)
def paired(name, a, b, runs):
    ratios, times = [], []
    for _ in range(runs):
        x, y = once(a), once(b)
        times.append(x); ratios.append(x / y)
    print(f"{name}_process {statistics.median(times) * 1e3:.3f} ms")
    print(f"{name}_vs_openssl {statistics.median(ratios):.3f} x")
paired("seal_2000", big, [rsa_ops, "public", certificate, "2000"], 31)
paired("unseal_2000", [sealctl, "unseal", "--key", key, "-f", f"{work}/big.sealed.yaml"], [rsa_ops, "private", key, "2000"], 3)
PY

echo "== growth: 1,000 / 5,000 / 20,000 keys, 1,000 / 10,000 files, 1,000 / 4,000 documents" >&2
"$bin" emit-keys - | tee -a "$work/figures.txt"
python3 scaling.py "$installed" "$vectors/key/tls.crt" 3 | tee -a "$work/scaling.txt"

echo "== sealctl seal, whole process, 50 runs" >&2
printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\nstringData: {k: v}\n' > "$work/secret.yaml"
python3 - "$sealctl" "$vectors/key/tls.crt" "$work/secret.yaml" <<'PY' | tee -a "$work/figures.txt"
import statistics, subprocess, sys, time
times = []
for _ in range(50):
    start = time.perf_counter()
    subprocess.run([sys.argv[1], "seal", "--cert", sys.argv[2], "-f", sys.argv[3]], stdout=subprocess.DEVNULL, check=True)
    times.append(time.perf_counter() - start)
print(f"sealctl_seal_process {statistics.median(times) * 1e3:.3f} ms")
PY

python3 - "$work/figures.txt" <<'PY'
import sys
figures = {line.split()[0]: float(line.split()[1]) for line in open(sys.argv[1]) if len(line.split()) >= 2}
def ratio(name, a, b, target, better="lower"):
    value = figures[a] / figures[b]
    ok = value <= target if better == "lower" else value >= target
    print(f"{name:55s} {value:7.2f}  (target {'≤' if better == 'lower' else '≥'} {target})  {'ok' if ok else 'MISSED'}")
print()
print("ratio" + " " * 51 + "value")
ratio("seal per value / OpenSSL RSA-4096 public-key op", "seal_per_value", "openssl_verify", 1.3)
ratio("open per value / OpenSSL RSA-4096 private-key op", "open_per_value", "openssl_sign", 1.1)
ratio("open, 10-key keyring with fingerprint / private-key op", "open_10_keys_with_fingerprint", "openssl_sign", 1.1)
def reference(name, a, b):
    print(f"{name:55s} {figures[a] / figures[b]:7.2f}  (reference: Python's wheel bundles OpenSSL 4.0 with AVX-512 IFMA RSA)")
reference("seal per value / Python cryptography", "seal_per_value", "py_seal_per_value")
reference("open per value / Python cryptography", "open_per_value", "py_open_per_value")
ratio("YAML parse / PyYAML CSafeLoader", "yaml_parse_10mb", "py_yaml_parse_10mb", 1.0)
ratio("YAML emit / PyYAML CSafeDumper", "yaml_emit_10mb", "py_yaml_emit_10mb", 1.0)
print(f"{'YAML parse / libyaml event loop (no nodes; paired)':55s} {figures['yaml_parse_vs_libyaml_events']:7.2f}  (target ≤ 2.0)  {'ok' if figures['yaml_parse_vs_libyaml_events'] <= 2.0 else 'MISSED'}")
print(f"{'small seal process / openssl pkeyutl process (paired)':55s} {figures['small_seal_vs_pkeyutl']:7.2f}  (target ≤ 1.5)  {'ok' if figures['small_seal_vs_pkeyutl'] <= 1.5 else 'MISSED'}")
for name, label, target in [("seal_2000", "seal 2,000 values / 2,000 public-key ops (processes, paired)", 0.75),
                            ("unseal_2000", "unseal 2,000 values / 2,000 private-key ops (processes, paired)", 0.6)]:
    value = figures[f"{name}_vs_openssl"]
    print(f"{label:55s} {value:7.2f}  (target ≤ {target})  {'ok' if value <= target else 'MISSED'}")
print(f"{'bulk re-seal speed-up on ' + str(int(figures['cores'])) + ' cores (paired)':55s} {figures['reseal_speedup']:7.2f}  (target ≥ 1.8)  {'ok' if figures['reseal_speedup'] >= 1.8 else 'MISSED'}")
print(f"{'sealctl seal, whole process, median (ms)':55s} {figures['sealctl_seal_process']:7.2f}  (target ≤ 30)  {'ok' if figures['sealctl_seal_process'] <= 30 else 'MISSED'}")
growth = figures['yaml_parse_rss_growth'] / figures['stream_size']
print(f"{'memory growth parsing the stream / its size':55s} {growth:7.2f}  (target ≤ 5)  {'ok' if growth <= 5 else 'MISSED'}")
print(f"{'process peak parsing the stream / its size':55s} {figures['yaml_parse_peak_rss'] / figures['stream_size']:7.2f}  (runtime included; reference)")
print(f"{'check, ms per 1,000 files':55s} {figures['check_per_1000_files']:7.2f}  (target well under 1,000)")
PY
