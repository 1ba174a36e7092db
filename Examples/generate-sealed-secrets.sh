#!/usr/bin/env bash
# A drop-in for SmartEM's tools/generate-sealed-secrets.sh that calls sealctl.
#
#   ./generate-sealed-secrets.sh development|staging|production|all
#
# Exit codes: 0 on success, 1 on usage errors or when sealing fails. Unlike the old script it
# never writes plain values to disk, never puts them on a command line, writes atomically, uses
# each environment's own certificate (see sealctl.yaml) and adds secrets.yaml to the overlay.
set -euo pipefail

usage() {
    echo "usage: $(basename "$0") development|staging|production|all" >&2
    exit 1
}

[ $# -eq 1 ] || usage
case "$1" in
    development|staging|production|all) ;;
    -h|--help) echo "usage: $(basename "$0") development|staging|production|all"; exit 0 ;;
    *) usage ;;
esac

if ! command -v sealctl >/dev/null 2>&1; then
    echo "error: sealctl is not on PATH (install it with: Scripts/install.sh --prefix ~/.local)" >&2
    exit 1
fi

sealctl generate "$1" || exit 1
