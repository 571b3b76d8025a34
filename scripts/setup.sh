#!/usr/bin/env bash
# Prepare everything the program and its tests need on a fresh machine, idempotently:
# the virtualenv with the pinned Python packages, the Go tools (scripts/toolchain.sh),
# and the Kubernetes provider plugin in an isolated Pulumi home.
#
# Usage: source <(scripts/setup.sh)   prints the exports for the current shell
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
# shellcheck source=versions.env
source "$HERE/versions.env"
CACHE="${NVCF_ALLOWLIST_CACHE:-$HOME/.cache/nvcf-allowlist}"
log() { printf '[setup] %s\n' "$*" >&2; }

# The virtualenv, reinstalled only when pyproject.toml changes.
VENV="$ROOT/.venv"
STAMP="$VENV/.pyproject-$(sha256sum "$ROOT/pyproject.toml" | cut -c1-16)"
if [[ ! -f $STAMP ]]; then
  log "installing Python packages into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -e "$ROOT[dev]" >&2
  touch "$STAMP"
fi

BIN=$("$HERE/toolchain.sh")

# An isolated Pulumi home: plugins come only from our builds, never from a download.
export PULUMI_HOME="$CACHE/pulumi-home"
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
PROVIDER="$CACHE/tools/pulumi-resource-kubernetes-$PULUMI_KUBERNETES_VERSION"
if [[ ! -x $PULUMI_HOME/plugins/resource-kubernetes-v$PULUMI_KUBERNETES_VERSION/pulumi-resource-kubernetes ]]; then
  log "installing the kubernetes provider plugin v$PULUMI_KUBERNETES_VERSION"
  "$BIN/pulumi" plugin install resource kubernetes "$PULUMI_KUBERNETES_VERSION" \
    --file "$PROVIDER/pulumi-resource-kubernetes" >&2
fi

# The Python language host built here predates the Pulumi.yaml `virtualenv` option
# being passed over RPC, so the virtualenv must be active: its python comes first.
cat <<ENV
export PATH="$VENV/bin:$BIN:\$PATH"
export VIRTUAL_ENV="$VENV"
export PULUMI_HOME="$PULUMI_HOME"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
ENV
