#!/usr/bin/env bash
# One raw value, sealed for a scope, for hand-editing a SealedSecret or a Helm values file.
source "$(dirname "$0")/common.sh"
cd "$work"
"$sealctl" keys generate --out cluster --bits 2048 >/dev/null

step "strict: bound to the name and namespace"
printf '%s' "t0ken-value" | "$sealctl" seal --raw --cert cluster/tls.crt --name api -n prod > token.strict
echo "$(head -c 24 token.strict)... ($(wc -c < token.strict) base64 characters, no newline)"

step "cluster-wide: opens in any namespace under any name"
printf '%s' "shared-value" | "$sealctl" seal --raw --cert cluster/tls.crt --scope cluster-wide > token.cluster
echo "$(head -c 24 token.cluster)..."
