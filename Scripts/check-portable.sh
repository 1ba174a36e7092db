#!/usr/bin/env bash
# Proves that the installed sealctl runs on a machine without Swift or libyaml: installs it with
# Scripts/install.sh into a temporary prefix, makes a minimal Debian root with debootstrap
# (minbase plus libssl3: no Swift, no libyaml), and inside it with chroot generates a key pair,
# seals a Secret and unseals it back to the same value.
#
# Usage: Scripts/check-portable.sh [--binary PATH] [--root DIR]
#   --binary PATH  check this sealctl instead of building and installing one
#   --root DIR     use (or make, when missing) the Debian root in DIR instead of a temporary one
#
# Exit 0 when every check holds, 1 when one fails, 0 with a "skip:" line when this machine cannot
# run the check (not root, no chroot, debootstrap missing and not installable, no mirror).
set -euo pipefail
cd "$(dirname "$0")/.."

binary="" root=""
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary=$2; shift 2 ;;
        --root) root=$2; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

skip() { echo "skip: $*"; exit 0; }
fail() { echo "FAIL: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || skip "chroot and debootstrap need root"
command -v chroot >/dev/null 2>&1 || skip "no chroot on this machine"
if ! command -v debootstrap >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
        echo "installing: debootstrap"
        { apt-get install -y -qq debootstrap || { apt-get update -qq && apt-get install -y -qq debootstrap; }; } >/dev/null 2>&1 \
            || skip "debootstrap is not installed and apt-get could not install it"
    fi
    command -v debootstrap >/dev/null 2>&1 || skip "debootstrap is not installed"
fi

work=$(mktemp -d)
mounted=""
cleanup() {
    [ -n "$mounted" ] && umount "$mounted" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

if [ -z "$binary" ]; then
    Scripts/install.sh --prefix "$work/prefix" > "$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "Scripts/install.sh failed"; }
    binary="$work/prefix/bin/sealctl"
fi
[ -x "$binary" ] || fail "$binary is not an executable"

echo "== dynamic dependencies of $binary"
ldd "$binary" | tee "$work/ldd.txt"
unexpected=$(awk '{print $1}' "$work/ldd.txt" | grep -Ev '^(linux-vdso\.so\.1|/lib64/ld-linux-x86-64\.so\.2|/lib/ld-linux-aarch64\.so\.1|libc\.so\.6|libm\.so\.6|libstdc\+\+\.so\.6|libgcc_s\.so\.1|libcrypto\.so\.3|libssl\.so\.3)$' || true)
[ -z "$unexpected" ] || fail "unexpected shared libraries: $unexpected"

if [ -z "$root" ]; then root="$work/root"; fi
if [ ! -x "$root/bin/sh" ]; then
    echo "== debootstrap --variant=minbase --include=libssl3 bookworm $root"
    debootstrap --variant=minbase --include=libssl3 bookworm "$root" http://deb.debian.org/debian > "$work/debootstrap.log" 2>&1 \
        || { tail -5 "$work/debootstrap.log" >&2; skip "debootstrap could not make a Debian root (no mirror reachable?)"; }
fi
if ls "$root"/usr/lib/*/libyaml* "$root"/usr/lib/libyaml* >/dev/null 2>&1 || [ -e "$root/usr/bin/swift" ]; then
    fail "the Debian root holds libyaml or Swift, so it proves nothing"
fi
install -m 0755 "$binary" "$root/usr/local/bin/sealctl"

echo "== without /proc, sealctl refuses instead of printing its help"
set +e
chroot "$root" /usr/local/bin/sealctl --version > "$work/noproc.out" 2> "$work/noproc.err"
status=$?
set -e
cat "$work/noproc.err"
[ "$status" -ne 0 ] || fail "sealctl --version without /proc exited 0"

mount -t proc proc "$root/proc" || skip "cannot mount /proc in the Debian root"
mounted="$root/proc"

echo "== inside the root: version, key pair, seal, unseal"
canary="portable-canary-$RANDOM$RANDOM"
chroot "$root" /usr/local/bin/sealctl --version
chroot "$root" /bin/sh -ec "
    rm -rf /tmp/portable && mkdir -p /tmp/portable && cd /tmp/portable
    sealctl keys generate --out keys >/dev/null
    printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: prod}\nstringData: {password: %s}\n' '$canary' > secret.yaml
    sealctl seal --cert keys/tls.crt -f secret.yaml > sealed.yaml
    sealctl unseal --key keys/tls.key -f sealed.yaml > unsealed.yaml
" || fail "the round trip failed inside the root"
grep -q "$canary" "$root/tmp/portable/sealed.yaml" && fail "the sealed file holds the plain value"
expected=$(printf '%s' "$canary" | base64)
grep -q "password: $expected" "$root/tmp/portable/unsealed.yaml" || fail "unsealing did not return the sealed value"
rm -rf "$root/tmp/portable"
echo "ok: sealctl sealed and unsealed a value in a Debian root with no Swift and no libyaml"
