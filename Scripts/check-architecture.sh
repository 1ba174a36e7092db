#!/usr/bin/env bash
# The layer rules a later change could break without anyone noticing, checked on every CI run
# (.ci/run). Each rule prints what breaks it; the script exits 1 if any rule is broken.
#
#   1. SealKit is the product: it never writes to the terminal (operations return notices;
#      the hidden prompt of Support/SecretPrompt.swift aside), and no message in it names a
#      sealctl command (the git configuration GitIntegration writes, which must, aside).
#   2. sealctl is thin: at most 1,200 lines, importing SealKit and ArgumentParser only (never
#      the C modules), and ErrorText words remedies, never matches a message's text.
#   3. One parser reads argv: no second option table, no type-name matching of errors.
#   4. One platform layer: only SealKit's Support/ imports the C library (Glibc, Musl, Darwin),
#      and no source file grows past 400 lines.
#   5. Start-up: every command names itself (argument-parser's default name is computed by
#      reflection, which scans every protocol-conformance record in the binary).
#
# Usage: Scripts/check-architecture.sh
set -uo pipefail
cd "$(dirname "$0")/.."
broken=0
fail() { echo "architecture: $1" >&2; broken=1; }

writes=$(grep -rnE '\bprint\(|FileHandle\.standard(Error|Output)|\bfputs\(' Sources/SealKit --include='*.swift' | grep -v '^[^:]*:[0-9]*:\s*///' | grep -v 'Support/SecretPrompt.swift' || true)
[ -z "$writes" ] || fail "SealKit writes to the terminal (return a Notice instead):"$'\n'"$writes"

names=$(grep -rnE '"[^"]*\bsealctl (seal|unseal|reseal|validate|cert|set|unset|edit|diff|keys|generate|rotate|check|git|doctor|status)\b' Sources/SealKit --include='*.swift' \
    | grep -v '^[^:]*:[0-9]*:\s*//' | grep -v 'Git/GitIntegration.swift' || true)
[ -z "$names" ] || fail "a SealKit message names a sealctl command (carry a Remedy; ErrorText words it):"$'\n'"$names"

ceiling=1200
lines=$(find Sources/sealctl -name '*.swift' -print0 | xargs -0 cat | wc -l)
[ "$lines" -le "$ceiling" ] || fail "Sources/sealctl has $lines lines (at most $ceiling): move the behaviour into a SealKit operation"

imports=$(grep -rnE '^\s*(@_implementationOnly |internal |public )?import\s+(COpenSSL|CYAML)' Sources/sealctl || true)
[ -z "$imports" ] || fail "sealctl imports a C module (call SealKit):"$'\n'"$imports"

matching=$(grep -nE 'hasPrefix|hasSuffix|\.contains\(|\.description|message' Sources/sealctl/Support/ErrorText.swift | grep -vE '^[0-9]+:\s*///|remedy\.description|notice\.message|return "' || true)
[ -z "$matching" ] || fail "ErrorText reads message text (switch on the error's remedy):"$'\n'"$matching"

second=$(grep -rnE 'QuickCommandLine|String\(reflecting|directlyParsed|CommandLine\.arguments\.(filter|first\(where)' Sources Tests || true)
[ -z "$second" ] || fail "a second reading of argv, or errors matched by type name:"$'\n'"$second"

configurations=$(grep -rc 'CommandConfiguration(' Sources/sealctl | awk -F: '{s+=$2} END {print s}')
named=$(grep -rE 'CommandConfiguration\(' -A1 Sources/sealctl | grep -c 'commandName:')
[ "$configurations" = "$named" ] || fail "$((configurations - named)) command(s) without an explicit commandName (the default costs a reflection scan at every start)"

platform=$(grep -rlE '^\s*import (Glibc|Musl|Darwin)\b' Sources --include='*.swift' | grep -v '^Sources/SealKit/Support/' || true)
[ -z "$platform" ] || fail "the C library imported outside Sources/SealKit/Support (add a POSIX helper there):"$'\n'"$platform"

long=$(find Sources -name '*.swift' -print0 | xargs -0 wc -l | awk '$2 != "total" && $1 > 400 {print $2 " (" $1 " lines)"}')
[ -z "$long" ] || fail "source files over 400 lines (split them where the type splits):"$'\n'"$long"

[ $broken = 0 ] && echo "architecture: every rule holds (sealctl: $lines lines)"
exit $broken
