#!/usr/bin/env bash
# The main job on the built-in local default: set everything up, start the local
# testbed, and `pulumi up` the dev stack with the real CLI; or stop it all again.
#
# Usage: scripts/dev.sh up     set up, start the testbed, pulumi up, show the result
#        scripts/dev.sh down   stop the testbed and forget its Pulumi state
#        scripts/dev.sh env    print exports to run pulumi/kubectl/helm by hand
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
STATE="$ROOT/.testbed"
NAMESPACE=nvcf
log() { printf '[dev] %s\n' "$*" >&2; }

exports() {
  "$HERE/setup.sh" || exit 1
  echo "export KUBECONFIG=\"$STATE/kubeconfig\""
  # The dev backend's passphrase is empty (see Pulumi.dev.yaml); only this shell gets it.
  echo "export PULUMI_CONFIG_PASSPHRASE=\"\""
  # A local file backend: the dev stack's state lives beside the testbed it describes.
  echo "export PULUMI_BACKEND_URL=\"file://$STATE/pulumi-state\""
}

up() {
  local out
  out=$(exports)
  eval "$out"
  "$HERE/testbed.sh" start "$STATE"
  mkdir -p "$STATE/pulumi-state"
  cd "$ROOT"
  pulumi stack select dev --create --non-interactive >/dev/null
  pulumi up --stack dev --yes --non-interactive

  log "registry env in the live ConfigMap nvcf-api-env:"
  kubectl get configmap nvcf-api-env -n "$NAMESPACE" -o json |
    python3 -c 'import json,sys; d=json.load(sys.stdin)["data"]; [print(f"  {k}={v}") for k,v in sorted(d.items()) if k.startswith("NVCF_REGISTRIES_")]'
  log "rollout annotation on the Deployment's pod template:"
  kubectl get deployment nvcf-api -n "$NAMESPACE" \
    -o jsonpath='{.spec.template.metadata.annotations}{"\n"}'
  log "rollout:"
  kubectl rollout status deployment/nvcf-api -n "$NAMESPACE" --timeout=120s
  log "stack outputs:"
  pulumi stack output --stack dev
  log "to run pulumi, kubectl or helm yourself: eval \"\$(scripts/dev.sh env)\""
}

down() {
  "$HERE/testbed.sh" stop "$STATE"
  # The cluster's data goes with it, so the stack's state would describe nothing.
  rm -rf "$STATE"
  log "stopped; run scripts/dev.sh up to start again"
}

case ${1:-up} in
  up) up ;;
  down) down ;;
  env) exports ;;
  *) log "unknown command $1; use up, down or env"; exit 2 ;;
esac
