#!/usr/bin/env bash
# Key rotation, the controller's way: a new key seals, old keys still unseal; then re-seal the
# repository for the new key, offline and on all cores.
source "$(dirname "$0")/common.sh"
cd "$work"
mkdir k8s
for app in api worker; do
    printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: %s, namespace: prod}\nstringData: {password: p-%s}\n' "$app" "$app" \
        | "$sealctl" seal --keyring "$SEALCTL_KEYRING" -w "k8s/$app.yaml" 2>/dev/null
done

step "rotate: a new pair joins the keyring and seals from now on"
"$sealctl" keys rotate --bits 2048

step "re-seal everything for the newest key"
"$sealctl" reseal --in-place k8s/

step "the newest key seals, every key unseals"
"$sealctl" keys info | grep -E 'seals:|key fingerprint'
"$sealctl" unseal -f k8s/api.yaml | grep password
