#!/usr/bin/env bash
# Start-up of the installed sealctl against OpenSSL's own command-line tool, both as whole
# processes, run in turn (A B A B ...) so that a drifting machine affects both alike:
#   sealctl --version                  vs  openssl version
#   sealctl seal --cert C -f small     vs  openssl pkeyutl -encrypt -certin (OAEP, SHA-256)
# Prints the medians and the median of the pairwise ratios. With --profile, also the
# instruction counts of both (valgrind's callgrind: repeatable, unlike wall time) and where
# sealctl's go.
#
# Usage: Benchmarks/startup.sh [--binary PATH] [--runs N] [--profile]
#   --binary PATH  time this sealctl (default: build and install one with Scripts/install.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
binary="" runs=200 profile=false
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --profile) profile=true; shift ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
if [ -z "$binary" ]; then
    Scripts/install.sh --prefix "$work/prefix" >&2
    binary="$work/prefix/bin/sealctl"
fi
certificate="$root/Tests/Fixtures/vectors/key/tls.crt"
printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\nstringData: {k: v}\n' > "$work/secret.yaml"
printf 'v' > "$work/value"

python3 - "$runs" "$binary" "$certificate" "$work" <<'PY'
import statistics, subprocess, sys, time
runs, sealctl, certificate, work = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
pairs = [
    ("--version", [sealctl, "--version"], ["openssl", "version"], 1.5),
    ("small seal", [sealctl, "seal", "--cert", certificate, "-f", f"{work}/secret.yaml"],
     ["openssl", "pkeyutl", "-encrypt", "-certin", "-inkey", certificate, "-in", f"{work}/value",
      "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256"], 1.5),
]
def once(command):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start
print(f"{'whole process':14s} {'sealctl ms':>11s} {'openssl ms':>11s} {'ratio':>7s}  target")
for name, a, b, target in pairs:
    for _ in range(5): once(a); once(b)  # warm the page cache
    ta, tb, ratios = [], [], []
    for _ in range(runs):
        x, y = once(a), once(b)
        ta.append(x); tb.append(y); ratios.append(x / y)
    ratio = statistics.median(ratios)
    print(f"{name:14s} {statistics.median(ta)*1e3:11.2f} {statistics.median(tb)*1e3:11.2f} {ratio:7.2f}  ≤ {target} {'ok' if ratio <= target else 'MISSED'}")
PY

if $profile; then
    command -v valgrind >/dev/null 2>&1 || { echo "note: valgrind is not installed; no profile" >&2; exit 0; }
    echo
    echo "instructions (callgrind), --version:"
    # The unstripped build keeps the symbol names the profile needs.
    profiled="$binary"; [ -x "$root/.build-install/release/sealctl" ] && profiled="$root/.build-install/release/sealctl"
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.sealctl" "$profiled" --version 2>&1 >/dev/null | sed -n 's/.*Collected : */  sealctl: /p'
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.openssl" openssl version 2>&1 >/dev/null | sed -n 's/.*Collected : */  openssl: /p'
    echo "sealctl's largest inclusive costs:"
    callgrind_annotate --inclusive=yes "$work/cg.sealctl" 2>/dev/null | sed -n '/file:function/,$p' | sed -n '3,40p' \
        | grep -E "dl_relocate_object|_dl_start|swift_conformsToProtocol|parseAsRoot|Tree.*root|swift_once|OPENSSL_init|main\.swift" | head -10 | cut -c1-150
fi
