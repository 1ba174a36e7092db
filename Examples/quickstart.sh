#!/usr/bin/env bash
# The SmartEM development workflow, offline, on a temporary copy of Examples/smartem:
# builds sealctl, seals generated development credentials with the local keyring (an RSA-4096
# key pair made on first use in ~/.config/sealctl/keyring, or $SEALCTL_KEYRING), prints the
# SealedSecret it wrote, and, where kubectl is installed, checks that the overlay includes it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

if [ -n "${SEALCTL:-}" ]; then
    sealctl=$SEALCTL   # an already built sealctl (the tests use this)
else
    echo "==> building sealctl" >&2
    swift build --package-path "$root" --product sealctl >&2
    sealctl="$(swift build --package-path "$root" --show-bin-path)/sealctl"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/sealctl-quickstart.XXXXXX")
cp -R "$root/Examples/smartem" "$work/smartem"
cd "$work/smartem"

echo "==> sealctl generate development (in $work/smartem)" >&2
"$sealctl" generate development

echo
echo "==> k8s/environments/development/secrets.yaml"
cat k8s/environments/development/secrets.yaml

if command -v kubectl >/dev/null 2>&1; then
    echo
    echo "==> kubectl kustomize k8s/environments/development"
    if kubectl kustomize k8s/environments/development | grep -q '^kind: SealedSecret$'; then
        echo "the overlay includes the SealedSecret smartem-secrets; deploy it with: kubectl apply -k k8s/environments/development"
    else
        echo "error: kubectl kustomize did not render the SealedSecret" >&2
        exit 1
    fi
else
    echo "(kubectl is not installed: skipped checking the overlay with kubectl kustomize)"
fi
echo
echo "The example tree is in $work/smartem; unseal it with: $sealctl unseal -f $work/smartem/k8s/environments/development/secrets.yaml"
