#!/usr/bin/env bash
# A key pair made outside the cluster, handed to the controller (its bring-your-own-certificate
# flow), so that every environment can be sealed before the cluster even exists.
source "$(dirname "$0")/common.sh"
cd "$work"

step "generate: tls.key (0600), tls.crt, and the controller's key Secret (0600)"
"$sealctl" keys generate --out prod-key --cn prod-cluster --bits 2048
ls -l prod-key | awk 'NR > 1 {print $1, $NF}'

step "what the controller will be given"
grep -E '^(kind|type|  namespace|    sealedsecrets)' prod-key/sealed-secrets-key.yaml
echo "deploy: kubectl apply -f prod-key/sealed-secrets-key.yaml && kubectl -n kube-system rollout restart deployment sealed-secrets-controller"
echo "then keep prod-key/ in a vault, never in git"

step "describe it"
"$sealctl" keys info prod-key/tls.crt | grep -E 'key:|seals:'
