#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60) with libFuzzer,
# seeded from the repository's fixtures (Tests/Fixtures). Crashes are saved under Fuzz/crashes/;
# turn each into a regression test in Tests/SealKitTests/FuzzRegressionTests.swift.
set -euo pipefail
seconds=${1:-60}
cd "$(dirname "$0")"
fixtures=$(cd ../Tests/Fixtures && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p crashes

seed() {  # seed TARGET FILES...
    mkdir -p "$work/$1"
    shift_target=$1; shift
    for file in "$@"; do cp "$file" "$work/$shift_target/$(echo "$file" | tr '/' '_')"; done
}
seed FuzzManifest $(find "$fixtures/vectors/sealedsecrets" "$fixtures/smartem" -name '*.yaml' -o -name '*.json' | grep -v manifest.json)
seed FuzzSealedSecret "$fixtures"/vectors/sealedsecrets/*.yaml "$fixtures"/vectors/sealedsecrets/*.json
seed FuzzKeyFile "$fixtures"/vectors/key/* "$fixtures"/vectors/key-renewed/* "$fixtures"/vectors/keys-both.list.yaml
seed FuzzKustomization $(find "$fixtures/smartem" -name kustomization.yaml)
mkdir -p "$work/FuzzSealedValue"
python3 - "$fixtures/vectors/manifest.json" "$work/FuzzSealedValue" <<'PY'
import base64, json, sys
manifest = json.load(open(sys.argv[1]))
for index, vector in enumerate(manifest["vectors"] + manifest["negative_vectors"]):
    open(f"{sys.argv[2]}/v{index}", "wb").write(base64.b64decode(vector["ciphertext_b64"]))
PY

for target in FuzzManifest FuzzSealedSecret FuzzKeyFile FuzzKustomization FuzzSealedValue; do
    echo "==> $target ($seconds s)" >&2
    # Without AddressSanitizer: on this toolchain, combining it with the fuzzer loses the coverage
    # counters (libFuzzer then reports "corp: 1/1b" and explores nothing). Swift traps, failed
    # preconditions, timeouts and out-of-memory are still caught; `swift test --sanitize=address`
    # (Scripts/sanitize.sh) covers SealKit's unsafe pointer code.
    swift build -c debug --product "$target" --sanitize=fuzzer >&2
    binary="$(swift build -c debug --show-bin-path)/$target"
    # Swift's own backtracer would catch a trap before libFuzzer saves the input that caused it.
    SWIFT_BACKTRACE=enable=no "$binary" "$work/$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
        -artifact_prefix="crashes/$target-" -print_final_stats=1 2>&1 | grep -E "^(INFO: Loaded 1 modules|#[0-9]+.*DONE|stat::number_of_executed_units|==.*ERROR|SUMMARY)" | tail -4
done
