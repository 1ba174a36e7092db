#!/usr/bin/env bash
# The check a CI job or a pre-commit hook runs: no key, no cluster.
source "$(dirname "$0")/common.sh"
cd "$work"
mkdir -p k8s/base k8s/prod
printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: leaked}\nstringData: {password: oops}\n' > k8s/leaked.yaml
printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: base}\nstringData: {password: p}\n' \
    | "$sealctl" seal --keyring "$SEALCTL_KEYRING" -w k8s/base/db.yaml 2>/dev/null
printf 'resources: [db.yaml]\n' > k8s/base/kustomization.yaml
printf 'resources: [../base]\nnamespace: prod\n' > k8s/prod/kustomization.yaml

step "sealctl check finds the leaked Secret and the seal kustomize breaks"
"$sealctl" check k8s && exit 1 || echo "(exit status $?: the pipeline fails, as it should)"

step "as SARIF, for code scanning"
"$sealctl" check k8s --format sarif | grep -c '"ruleId"' | sed 's/^/findings in SARIF: /' || true
