#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60) with libFuzzer and AddressSanitizer,
# seeded from ../shared/vectors and ../shared/smartem. Crashes are saved under Fuzz/crashes/;
# turn each into a regression test in Tests/SealKitTests/FuzzRegressionTests.swift.
set -euo pipefail
seconds=${1:-60}
cd "$(dirname "$0")"
shared=${SEALKIT_SHARED:-$(cd ../.. && pwd)/shared}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p crashes

seed() {  # seed TARGET FILES...
    mkdir -p "$work/$1"
    shift_target=$1; shift
    for file in "$@"; do cp "$file" "$work/$shift_target/$(echo "$file" | tr '/' '_')"; done
}
seed FuzzManifest $(find "$shared/vectors/sealedsecrets" "$shared/smartem" -name '*.yaml' -o -name '*.json' | grep -v manifest.json)
seed FuzzSealedSecret "$shared"/vectors/sealedsecrets/*.yaml "$shared"/vectors/sealedsecrets/*.json
seed FuzzKeyFile "$shared"/vectors/key/* "$shared"/vectors/key-old/* "$shared"/vectors/keys-both.list.yaml
seed FuzzKustomization $(find "$shared/smartem" -name kustomization.yaml)
mkdir -p "$work/FuzzSealedValue"
python3 - "$shared/vectors/manifest.json" "$work/FuzzSealedValue" <<'PY'
import base64, json, sys
manifest = json.load(open(sys.argv[1]))
for index, vector in enumerate(manifest["vectors"] + manifest["negative_vectors"]):
    open(f"{sys.argv[2]}/v{index}", "wb").write(base64.b64decode(vector["ciphertext_b64"]))
PY

for target in FuzzManifest FuzzSealedSecret FuzzKeyFile FuzzKustomization FuzzSealedValue; do
    echo "==> $target ($seconds s)" >&2
    swift build -c debug --product "$target" --sanitize=fuzzer --sanitize=address -Xswiftc -use-ld=lld >&2
    binary="$(swift build -c debug --show-bin-path --sanitize=fuzzer --sanitize=address -Xswiftc -use-ld=lld)/$target"
    ASAN_OPTIONS=detect_leaks=0 "$binary" "$work/$target" -max_total_time="$seconds" -max_len=65536 \
        -artifact_prefix="crashes/$target-" -print_final_stats=1 2>&1 | grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss|==.*ERROR|.*cov:)" | tail -4
done
