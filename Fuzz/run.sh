#!/usr/bin/env bash
# Runs the fuzz targets with libFuzzer for SECONDS each (default 60), starting from the corpus
# committed in Fuzz/corpus/<target>/ and saving what they learn back into it, minimised with
# libFuzzer's -merge=1. A target without a corpus yet is seeded from the repository's fixtures
# (Tests/Fixtures). Crashes are saved under Fuzz/crashes/: turn each into a regression test in
# Tests/SealKitTests/FuzzRegressionTests.swift.
#
# Usage: Fuzz/run.sh [--check] [SECONDS] [TARGET ...]   (all targets when none is named)
#        Fuzz/run.sh --reproduce TARGET FILE           (runs one input, as a crash is reproduced)
# Prints, per target: executions, coverage (libFuzzer's cov: and ft:) and corpus size, as
# Fuzz/README.md records them. Exits 1 when any target crashed, after printing the input in
# base64 and the command that reproduces it.
#
# --check (what .ci/run uses): fuzz from a copy of the committed corpus and leave it as it is, so
# that a CI run never rewrites the repository.
set -euo pipefail
if [ "${1:-}" = "--reproduce" ]; then
    [ $# -eq 3 ] && [ -f "$3" ] || { echo "usage: Fuzz/run.sh --reproduce TARGET FILE (an existing file)" >&2; exit 2; }
    input=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
    cd "$(dirname "$0")"
    swift build -c debug --product "$2" --sanitize=fuzzer >&2
    SWIFT_BACKTRACE=enable=no "$(swift build -c debug --show-bin-path)/$2" -runs=1 "$input"
    exit $?
fi
cd "$(dirname "$0")"
check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
seconds=${1:-60}
shift || true
fuzz=$(pwd)
fixtures=$(cd ../Tests/Fixtures && pwd)
all=(FuzzManifest FuzzSealedSecret FuzzKeyFile FuzzKustomization FuzzSealedValue FuzzProjectConfig FuzzEnvFile FuzzValidator FuzzSourceMap FuzzSealedSecretFile)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p crashes corpus

copy_seeds() {  # copy_seeds DIR FILES...
    local directory=$1; shift
    mkdir -p "$directory"
    for file in "$@"; do [ -f "$file" ] && cp "$file" "$directory/seed-$(echo "${file#"$fixtures"/}" | tr '/' '_')"; done
}

seed() {  # seed TARGET DIR: the fixtures that exercise TARGET
    case "$1" in
        FuzzManifest|FuzzValidator|FuzzSourceMap)
            copy_seeds "$2" $(find "$fixtures/vectors/sealedsecrets" "$fixtures/smartem" "$fixtures/crd" -name '*.yaml' -o -name '*.json') ;;
        FuzzSealedSecret|FuzzSealedSecretFile)
            copy_seeds "$2" "$fixtures"/vectors/sealedsecrets/*.yaml "$fixtures"/vectors/sealedsecrets/*.json ;;
        FuzzKeyFile)
            copy_seeds "$2" "$fixtures"/vectors/key/* "$fixtures"/vectors/key-renewed/* "$fixtures"/vectors/keys-both.list.yaml ;;
        FuzzKustomization)
            copy_seeds "$2" $(find "$fixtures/smartem" ../Examples/smartem -name kustomization.yaml) ;;
        FuzzProjectConfig)
            copy_seeds "$2" ../Examples/smartem/sealctl.yaml ;;
        FuzzEnvFile)
            mkdir -p "$2"
            printf 'POSTGRES_USER=smartem\n# a comment\n\nPOSTGRES_PASSWORD=s3cr=t\r\nEMPTY=\n' > "$2/seed-basic.env"
            printf '  KEY=value with spaces\nexport=x\n.dot_key=1\n' > "$2/seed-edges.env" ;;
        FuzzSealedValue)
            mkdir -p "$2"
            python3 - "$fixtures/vectors/manifest.json" "$2" <<'PY'
import base64, json, sys
manifest = json.load(open(sys.argv[1]))
for index, vector in enumerate(manifest["vectors"] + manifest["negative_vectors"]):
    open(f"{sys.argv[2]}/seed-v{index}", "wb").write(base64.b64decode(vector["ciphertext_b64"]))
PY
            ;;
    esac
}

echo "building the fuzz targets (debug, -sanitize=fuzzer) ..." >&2
for target in "${targets[@]}"; do
    swift build -c debug --product "$target" --sanitize=fuzzer >&2
done
bin="$(swift build -c debug --show-bin-path)"

failed=0
printf '%-18s %12s %8s %8s %8s %10s\n' target executions cov ft files bytes
for target in "${targets[@]}"; do
    corpus="$fuzz/corpus/$target"
    if [ ! -d "$corpus" ] || [ -z "$(ls -A "$corpus" 2>/dev/null)" ]; then seed "$target" "$corpus"; fi
    if [ $check -eq 1 ]; then
        mkdir -p "$work/$target.corpus"
        cp -R "$corpus/." "$work/$target.corpus/"
        corpus="$work/$target.corpus"
    fi
    # Without AddressSanitizer: on this toolchain, combining it with the fuzzer loses the coverage
    # counters. Swift traps, failed preconditions, timeouts and out-of-memory are still caught;
    # Scripts/sanitize.sh runs the tests under AddressSanitizer for SealKit's pointer code.
    # Swift's own backtracer would catch a trap before libFuzzer saves the input that caused it.
    set +e
    SWIFT_BACKTRACE=enable=no "$bin/$target" "$corpus" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
        -artifact_prefix="$fuzz/crashes/$target-" -print_final_stats=1 > "$work/$target.log" 2>&1
    status=$?
    set -e
    if [ $status -ne 0 ]; then
        failed=1
        echo "$target: crashed (exit $status); input saved under Fuzz/crashes/:" >&2
        grep -E "==[0-9]+==|Fatal error|SUMMARY|Test unit written" "$work/$target.log" | head -8 >&2
        artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$work/$target.log" | tail -1)
        if [ -n "$artifact" ] && [ -f "$artifact" ]; then
            echo "the input, in base64:" >&2
            base64 -w0 "$artifact" >&2; echo >&2
            echo "reproduce: echo '$(base64 -w0 "$artifact")' | base64 -d > crash.bin && Fuzz/run.sh --reproduce $target crash.bin" >&2
        fi
    fi
    # Minimise: keep only inputs that add coverage, so the committed corpus stays small.
    if [ $check -eq 0 ]; then
        mkdir -p "$work/$target.min"
        SWIFT_BACKTRACE=enable=no "$bin/$target" -merge=1 -max_len=65536 -timeout=10 "$work/$target.min" "$corpus" > "$work/$target.merge.log" 2>&1 || true
        if [ -n "$(ls -A "$work/$target.min")" ]; then rm -rf "$corpus"; mv "$work/$target.min" "$corpus"; fi
    fi
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log" | tail -1)
    coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$work/$target.log" | tail -1)
    printf '%-18s %12s %8s %8s %8s %10s\n' "$target" "${executions:-?}" "$(echo "$coverage" | awk '{print $2}')" "$(echo "$coverage" | awk '{print $4}')" \
        "$(ls "$corpus" | wc -l)" "$(du -sb "$corpus" | cut -f1)"
done
exit $failed
