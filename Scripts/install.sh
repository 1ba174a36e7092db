#!/usr/bin/env bash
# Builds the portable sealctl and installs it with its shell completions and man page.
# Run Scripts/install.sh --help for the details.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: Scripts/install.sh [--prefix DIR] [--uninstall]

Builds sealctl in release mode as a binary that runs on machines without Swift, and installs:

  PREFIX/bin/sealctl
  PREFIX/share/bash-completion/completions/sealctl
  PREFIX/share/zsh/site-functions/_sealctl
  PREFIX/share/fish/vendor_completions.d/sealctl.fish
  PREFIX/share/man/man1/sealctl.1

The Swift runtime, FoundationEssentials, libyaml and (where libstdc++.a is installed) libstdc++
are linked into the binary; libcrypto and libssl stay shared libraries, so that the
distribution's OpenSSL security updates reach sealctl without a rebuild.

Options:
  --prefix DIR   install under DIR (default: /usr/local)
  --uninstall    remove exactly the files an earlier install under the same prefix wrote
                 (listed in PREFIX/share/sealctl/install-manifest)
  -h, --help     show this help

Needs: Swift 6 (swift on PATH, or /opt/swift/usr/bin), pkg-config, and the Debian/Ubuntu
packages libssl-dev and libyaml-dev. Running it again replaces the installed files.
EOF
}

prefix=/usr/local
uninstall=false
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { echo "error: --prefix needs a folder" >&2; exit 2; }; prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        --uninstall) uninstall=true; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
[ -n "$prefix" ] || { echo "error: --prefix is empty" >&2; exit 2; }
case "$prefix" in /*) ;; *) prefix="$(pwd)/$prefix" ;; esac

manifest="$prefix/share/sealctl/install-manifest"
files=(
    bin/sealctl
    share/bash-completion/completions/sealctl
    share/zsh/site-functions/_sealctl
    share/fish/vendor_completions.d/sealctl.fish
    share/man/man1/sealctl.1
)

if $uninstall; then
    [ -f "$manifest" ] || { echo "error: nothing to uninstall: $manifest does not exist" >&2; exit 1; }
    while IFS= read -r relative; do
        [ -n "$relative" ] || continue
        if [ -e "$prefix/$relative" ] || [ -L "$prefix/$relative" ]; then
            rm -f "$prefix/$relative" && echo "removed $prefix/$relative"
        fi
    done < "$manifest"
    rm -f "$manifest" && echo "removed $manifest"
    rmdir "$prefix/share/sealctl" 2>/dev/null || true
    exit 0
fi

cd "$(dirname "$0")/.."
root=$(pwd)

# What the build needs, each named by the package that provides it.
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi
missing=()
command -v swift >/dev/null 2>&1 || { echo "error: Swift 6 is not installed (no swift on PATH); get it from https://www.swift.org/install/" >&2; exit 1; }
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if command -v pkg-config >/dev/null 2>&1; then
    pkg-config --exists openssl || missing+=(libssl-dev)
    pkg-config --exists yaml-0.1 || missing+=(libyaml-dev)
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "error: missing build dependencies; install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
yaml_archive="$(pkg-config --variable=libdir yaml-0.1)/libyaml.a"
[ -f "$yaml_archive" ] || { echo "error: $yaml_archive is missing; it ships in libyaml-dev: sudo apt-get install libyaml-dev" >&2; exit 1; }

# Static archives are linked by a folder of them that comes first on the linker's search path:
# GNU ld resolves every -lNAME against the -L folders in order, so -lyaml (and -lstdc++) find the
# .a here before the shared library elsewhere. A private yaml-0.1.pc puts the folder first.
scratch="$root/.build-install"
static="$scratch/static-libs"
mkdir -p "$static/pkgconfig"
ln -sf "$yaml_archive" "$static/libyaml.a"
stdcxx=$(${CXX:-g++} -print-file-name=libstdc++.a 2>/dev/null || true)
if [ -n "$stdcxx" ] && [ -f "$stdcxx" ]; then
    ln -sf "$stdcxx" "$static/libstdc++.a"
else
    rm -f "$static/libstdc++.a"
    echo "note: libstdc++.a not found (it ships with g++); sealctl will load libstdc++.so.6 at start-up" >&2
fi
cat > "$static/pkgconfig/yaml-0.1.pc" <<EOF
Name: LibYAML
Description: libyaml, linked statically into sealctl
Version: $(pkg-config --modversion yaml-0.1)
Libs: -L$static -lyaml
Cflags: $(pkg-config --cflags yaml-0.1)
EOF

echo "building sealctl (release, static Swift runtime) in $scratch ..." >&2
# Force a new link: the linker's inputs above are not part of SwiftPM's change tracking.
rm -f "$scratch/release/sealctl"
PKG_CONFIG_PATH="$static/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}" \
    swift build -c release --product sealctl --scratch-path "$scratch" --static-swift-stdlib --disable-local-rpath \
    2>&1 | grep -v "the use of \`mktemp' is dangerous" >&2 || true
binary="$scratch/release/sealctl"
[ -x "$binary" ] || { echo "error: the build failed; run: swift build -c release --product sealctl" >&2; exit 1; }
"$binary" --version >/dev/null || { echo "error: the built binary does not run" >&2; exit 1; }

# Stage everything, then move each file into place: an interrupted install leaves whole files.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp "$binary" "$stage/sealctl"
if command -v strip >/dev/null 2>&1; then strip "$stage/sealctl"; fi
"$binary" --generate-completion-script bash > "$stage/sealctl.bash"
"$binary" --generate-completion-script zsh > "$stage/_sealctl"
"$binary" --generate-completion-script fish > "$stage/sealctl.fish"
cp "$root/Docs/man/sealctl.1" "$stage/sealctl.1"

place() {  # place STAGED RELATIVE MODE
    local target="$prefix/$2"
    mkdir -p "$(dirname "$target")"
    install -m "$3" "$1" "$target.install-tmp"
    mv -f "$target.install-tmp" "$target"
    echo "installed $target"
}
place "$stage/sealctl" bin/sealctl 0755
place "$stage/sealctl.bash" share/bash-completion/completions/sealctl 0644
place "$stage/_sealctl" share/zsh/site-functions/_sealctl 0644
place "$stage/sealctl.fish" share/fish/vendor_completions.d/sealctl.fish 0644
place "$stage/sealctl.1" share/man/man1/sealctl.1 0644
mkdir -p "$(dirname "$manifest")"
printf '%s\n' "${files[@]}" > "$manifest"
echo "installed $manifest (what --uninstall removes)"
echo "sealctl $("$prefix/bin/sealctl" --version) is installed; it needs libssl3 (libcrypto.so.3, libssl.so.3) at run time"
