# Shared by the examples: finds sealctl (SEALCTL, PATH, or a fresh build) and makes a private
# temporary work folder with its own local keyring, removed on exit.
set -euo pipefail
if [ -n "${SEALCTL:-}" ]; then
    sealctl=$SEALCTL
elif command -v sealctl >/dev/null 2>&1; then
    sealctl=$(command -v sealctl)
else
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    swift build --package-path "$root" --product sealctl >&2
    sealctl="$(swift build --package-path "$root" --show-bin-path)/sealctl"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/sealctl-example.XXXXXX")
trap 'rm -rf "$work"' EXIT
export SEALCTL_KEYRING="$work/keyring"   # keep the examples away from your own keyring
step() { printf '\n==> %s\n' "$*"; }
