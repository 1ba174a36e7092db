#!/usr/bin/env bash
# Cross-cluster migration: the source cluster's key backup opens the values, the target
# cluster's certificate seals them again. No plain Secret is written anywhere.
source "$(dirname "$0")/common.sh"
cd "$work"
"$sealctl" keys generate --out old-cluster --bits 2048 >/dev/null   # kubectl get secret -n kube-system -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml
"$sealctl" keys generate --out new-cluster --bits 2048 >/dev/null   # sealctl cert --fetch --context new -w new.crt
mkdir k8s
printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: prod}\nstringData: {password: migrate-me}\n' \
    | "$sealctl" seal --cert old-cluster/tls.crt -w k8s/db.yaml

step "re-seal for the new cluster"
"$sealctl" reseal --key old-cluster/sealed-secrets-key.yaml --cert new-cluster/tls.crt --in-place k8s/

step "the new cluster's key opens it; the old one no longer does"
"$sealctl" unseal --key new-cluster/tls.key -f k8s/db.yaml | grep password
if "$sealctl" unseal --key old-cluster/tls.key -f k8s/db.yaml >/dev/null 2>&1; then exit 1; else echo "old key: refused, as it should be"; fi
