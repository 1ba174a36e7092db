#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer and/or ThreadSanitizer, each in a build folder
# of its own so the normal build is untouched.
#   Scripts/sanitize.sh [address|thread|all]      (default: all)
# Foundation's Process and XCTest leak by design, so leak detection is off.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-all}
if [ "$mode" = address ] || [ "$mode" = all ]; then
    echo "==> swift test --sanitize=address" >&2
    ASAN_OPTIONS=detect_leaks=0 swift test --sanitize=address -Xswiftc -use-ld=lld --scratch-path .build-asan
fi
if [ "$mode" = thread ] || [ "$mode" = all ]; then
    echo "==> swift test --sanitize=thread" >&2
    TSAN_OPTIONS=halt_on_error=1 swift test --sanitize=thread --scratch-path .build-tsan
fi
