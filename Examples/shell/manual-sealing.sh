#!/usr/bin/env bash
# Sealing by hand without a plain Secret on disk: values come from a file and an env file, or
# from kubectl's dry run piped straight in. (The seed guide's temp-secret.yaml is not needed.)
source "$(dirname "$0")/common.sh"
cd "$work"
"$sealctl" keys generate --out cluster --bits 2048 >/dev/null   # stands in for the cluster's certificate

step "from files: the Secret is built in memory"
umask 077
printf '%s' "s3cure-postgres-passw0rd" > pg-password          # in real life: a password manager's output
printf 'POSTGRES_USER=app\nPOSTGRES_DB=smartem_db\n' > settings.env
"$sealctl" seal --cert cluster/tls.crt --name smartem-secrets -n smartem-decisions-production \
    --from-file POSTGRES_PASSWORD=pg-password --from-env-file settings.env -w sealed-secret.yaml
rm pg-password
grep -E '^(kind|  name|  namespace|    POSTGRES_[A-Z]+):' sealed-secret.yaml | sed -E 's/: A[gQ][A-Za-z0-9+/=]+/: <sealed>/'

if command -v kubectl >/dev/null 2>&1; then
    step "kubectl's dry run piped straight in"
    printf '%s' "rabbit-passw0rd" | kubectl create secret generic mq --namespace=prod --from-file=RABBITMQ_PASSWORD=/dev/stdin \
        --dry-run=client -o yaml | "$sealctl" seal --cert cluster/tls.crt -o json | head -5
fi

step "the values open with the cluster's key"
"$sealctl" unseal --key cluster/tls.key -f sealed-secret.yaml | grep -c ': ' | sed 's/^/lines: /'
