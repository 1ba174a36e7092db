#!/usr/bin/env bash
# Adding, replacing and removing one key without touching the others' ciphertext.
source "$(dirname "$0")/common.sh"
cd "$work"
"$sealctl" keys generate --out cluster --bits 2048 >/dev/null
printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: prod}\nstringData: {user: app, password: first}\n' \
    | "$sealctl" seal --cert cluster/tls.crt -w db.yaml
cp db.yaml before.yaml

step "--merge-into adds keys from another Secret"
printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: ignored}\nstringData: {api-key: k3y}\n' \
    | "$sealctl" seal --cert cluster/tls.crt --merge-into db.yaml

step "set replaces one value, read from stdin (or asked for without echo on a terminal)"
printf '%s' "second" | "$sealctl" set --cert cluster/tls.crt db.yaml password

step "unset removes one key"
"$sealctl" unset db.yaml api-key

step "diff names what changed, never the values"
"$sealctl" diff --key cluster/tls.key before.yaml db.yaml || true
step "git diff would show one changed line: user's ciphertext is byte-identical"
{ diff before.yaml db.yaml || true; } | grep -c '^[<>]' | sed 's/^/changed lines (old and new password): /'
