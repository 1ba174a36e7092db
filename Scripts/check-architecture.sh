#!/usr/bin/env bash
# The layer rules a later change could break without anyone noticing, checked on every CI run
# (.ci/run). Each rule prints what breaks it; the script exits 1 if any rule is broken.
#
#   0. The layer map: each library target depends on exactly the targets the map gives it
#      (Package.swift), all below it, so that the compiler refuses a call upward; and it imports
#      no layer it does not declare. Docs/architecture.md draws the map.
#   1. SealKit is the product: it never writes to the terminal (operations return notices;
#      the hidden prompt of SealKitSupport/Support/SecretPrompt.swift aside), and no message in it names
#      a sealctl command (the git configuration GitIntegration writes, which must, aside).
#   2. sealctl is thin: at most 1,200 lines, importing SealKit and ArgumentParser only (never a
#      layer below SealKit, never the C modules), and ErrorText words remedies, never matches a
#      message's text.
#   3. One parser reads argv: no second option table, no type-name matching of errors.
#   4. One platform layer: only SealKitSupport's Support/ folder imports the C library (Glibc, Musl, Darwin); the
#      C modules are imported `internal`, and only by the targets that wrap them (COpenSSL by
#      SealKitCrypto, CYAML by SealKitSerialization); no source file grows past 400 lines.
#   5. Start-up: every command names itself (argument-parser's default name is computed by
#      reflection, which scans every protocol-conformance record in the binary).
#
# Every rule prints the file and line that breaks it.
#
# Usage: Scripts/check-architecture.sh
set -uo pipefail
cd "$(dirname "$0")/.."
broken=0
fail() { echo "architecture: $1" >&2; broken=1; }
library='Sources/SealKit*'

# 0. The map, bottom up: target and the targets it depends on.
expected='SealKitSupport:
SealKitCrypto:COpenSSL SealKitSupport
SealKitSerialization:CYAML SealKitSupport
SealKitModel:SealKitSupport SealKitCrypto SealKitSerialization
SealKitFiles:SealKitSupport SealKitSerialization SealKitModel
SealKitCluster:SealKitSupport SealKitCrypto SealKitSerialization SealKitModel
SealKitSealing:SealKitSupport SealKitCrypto SealKitSerialization SealKitModel SealKitFiles SealKitCluster
SealKit:SealKitSupport SealKitCrypto SealKitSerialization SealKitModel SealKitFiles SealKitCluster SealKitSealing'
declared=$(grep -nE '^\s*\.target\(name: "SealKit' Package.swift | sed -E 's/^([0-9]+):.*name: "([A-Za-z]+)"(, dependencies: \[([^]]*)\])?.*/\1:\2:\4/' | tr -d '" ' | tr ',' ' ')
while IFS=: read -r line target dependencies; do
    want=$(printf '%s\n' "$expected" | awk -F: -v t="$target" '$1 == t {print $2}')
    if ! printf '%s\n' "$expected" | grep -q "^$target:"; then
        fail "Package.swift:$line: target $target is not on the layer map (add it to Docs/architecture.md and this script)"
    elif [ "$dependencies" != "$want" ]; then
        fail "Package.swift:$line: $target depends on [$dependencies], the map says [$want]"
    fi
done <<< "$declared"
# A target imports only the layers it declares (SwiftPM would let it import any transitive one,
# and the map would stop saying what depends on what).
while IFS=: read -r target dependencies; do
    undeclared=$(grep -rnE '^\s*(internal |public |package |@_exported )?import SealKit[A-Za-z]*\s*$' "Sources/$target" --include='*.swift' \
        | awk -v deps=" $dependencies " '{module=$NF; if (index(deps, " " module " ") == 0) print}' || true)
    [ -z "$undeclared" ] || fail "$target imports a layer it does not declare in Package.swift (declare it, if the map allows):"$'\n'"$undeclared"
done <<< "$expected"
[ "$(printf '%s\n' "$declared" | grep -c .)" = "$(printf '%s\n' "$expected" | grep -c .)" ] || fail "Package.swift declares $(printf '%s\n' "$declared" | grep -c .) library targets, the map has $(printf '%s\n' "$expected" | grep -c .)"

writes=$(grep -rnE '\bprint\(|FileHandle\.standard(Error|Output)|\bfputs\(' $library --include='*.swift' | grep -v '^[^:]*:[0-9]*:\s*///' | grep -v '^Sources/SealKitSupport/Support/SecretPrompt.swift:' || true)
[ -z "$writes" ] || fail "SealKit writes to the terminal (return a Notice instead):"$'\n'"$writes"

names=$(grep -rnE '"[^"]*\bsealctl (seal|unseal|reseal|validate|cert|set|unset|edit|diff|keys|generate|rotate|check|git|doctor|status)\b' $library --include='*.swift' \
    | grep -v '^[^:]*:[0-9]*:\s*//' | grep -v '^Sources/SealKit/Git/GitIntegration.swift:' || true)
[ -z "$names" ] || fail "a SealKit message names a sealctl command (carry a Remedy; ErrorText words it):"$'\n'"$names"

ceiling=1200
lines=$(find Sources/sealctl -name '*.swift' -print0 | xargs -0 cat | wc -l)
[ "$lines" -le "$ceiling" ] || fail "Sources/sealctl has $lines lines (at most $ceiling): move the behaviour into a SealKit operation"

imports=$(grep -rnE '^\s*(@_implementationOnly |internal |public |@_exported )?import\s+(COpenSSL|CYAML|SealKit[A-Z][A-Za-z]*)\b' Sources/sealctl || true)
[ -z "$imports" ] || fail "sealctl imports a C module or a layer below SealKit (import SealKit):"$'\n'"$imports"

wrapped=$(grep -rnE '^\s*(@_implementationOnly |internal |public |package |@_exported )?import\s+(COpenSSL|CYAML)\b' $library --include='*.swift' \
    | grep -vE '^Sources/SealKitCrypto/[^:]+:[0-9]+:internal import COpenSSL$' | grep -vE '^Sources/SealKitSerialization/[^:]+:[0-9]+:internal import CYAML$' || true)
[ -z "$wrapped" ] || fail "a C module imported other than 'internal' by the target that wraps it (COpenSSL: SealKitCrypto, CYAML: SealKitSerialization):"$'\n'"$wrapped"

matching=$(grep -nE 'hasPrefix|hasSuffix|\.contains\(|\.description|message' Sources/sealctl/Support/ErrorText.swift | grep -vE '^[0-9]+:\s*///|remedy\.description|notice\.message|return "' || true)
[ -z "$matching" ] || fail "ErrorText reads message text (switch on the error's remedy):"$'\n'"$matching"

second=$(grep -rnE 'QuickCommandLine|String\(reflecting|directlyParsed|CommandLine\.arguments\.(filter|first\(where)' Sources Tests || true)
[ -z "$second" ] || fail "a second reading of argv, or errors matched by type name:"$'\n'"$second"

unnamed=$(grep -rnE 'CommandConfiguration\(' -A1 Sources/sealctl | awk '/CommandConfiguration\(/ {at=$0; named=($0 ~ /commandName:/); next} at != "" {if (!named && $0 !~ /commandName:/) print at; at=""}' || true)
[ -z "$unnamed" ] || fail "a command without an explicit commandName (the default costs a reflection scan at every start):"$'\n'"$unnamed"

platform=$(grep -rnE '^\s*(internal |public |package |@_exported )?import (Glibc|Musl|Darwin)\b' Sources --include='*.swift' | grep -v '^Sources/SealKitSupport/Support/' || true)
[ -z "$platform" ] || fail "the C library imported outside Sources/SealKitSupport/Support (add a POSIX helper there):"$'\n'"$platform"

long=$(find Sources -name '*.swift' -print0 | xargs -0 wc -l | awk '$2 != "total" && $1 > 400 {print $2 " (" $1 " lines)"}')
[ -z "$long" ] || fail "source files over 400 lines (split them where the type splits):"$'\n'"$long"

[ $broken = 0 ] && echo "architecture: every rule holds (sealctl: $lines lines)"
exit $broken
