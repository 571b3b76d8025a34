#!/usr/bin/env bash
# Build every Go tool the testbed needs from the Go module proxy, pinned, into a cache
# outside the repository, and print the directory to put first on PATH.
#
# Usage: scripts/toolchain.sh
#   NVCF_ALLOWLIST_CACHE    cache root (default: ~/.cache/nvcf-allowlist)
#   NVCF_ALLOWLIST_VERBOSE  set to also report tools that are already there
#
# A tool already on PATH at the pinned version is linked as is, so a machine with a
# normal install builds nothing. Each build lands in tools/<name>-<version>/ and is
# skipped when present, so a warm run takes seconds.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$HERE/versions.env"

CACHE="${NVCF_ALLOWLIST_CACHE:-$HOME/.cache/nvcf-allowlist}"
TOOLS="$CACHE/tools"
SRC="$CACHE/src"
BIN="$CACHE/bin"
mkdir -p "$TOOLS" "$SRC" "$BIN"

# Reproducible, offline-friendly Go settings: no workspace, no toolchain download, no cgo.
export GOWORK=off GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0

log() { printf '[toolchain] %s\n' "$*" >&2; }

# Download a module and print its read-only folder in the module cache.
module_dir() {
  local module=$1 version=$2 dir
  dir=$(go mod download -json "$module@$version" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  if [[ -z $dir ]]; then
    log "the Go module proxy did not serve $module@$version"
    go mod download -json "$module@$version" >&2 || true
    return 1
  fi
  echo "$dir"
}

# Copy a module from the module cache into a writable directory.
module_copy() {
  local module=$1 version=$2 dest=$3 dir
  dir=$(module_dir "$module" "$version")
  rm -rf "$dest"
  cp -r "$dir" "$dest"
  chmod -R u+w "$dest"
}

# Link NAME into BIN from PATH when `NAME ARGS...` prints WANT, else return 1.
use_installed() {
  local name=$1 want=$2; shift 2
  local found
  found=$(command -v "$name" 2>/dev/null || true)
  [[ -n $found && $found != "$BIN/$name" ]] || return 1
  # grep without -q reads all input, so the tool never dies of SIGPIPE under pipefail.
  if "$found" "$@" 2>/dev/null | grep -F "$want" >/dev/null; then
    ln -sf "$found" "$BIN/$name"
    [[ -n ${NVCF_ALLOWLIST_VERBOSE:-} ]] && log "$name: using $found (reports $want)"
    return 0
  fi
  return 1
}

link() {  # link the built files of one tool directory into BIN
  local dir=$1; shift
  for f in "$@"; do ln -sf "$dir/$f" "$BIN/$f"; done
}

# Run a build step with its timing, unless its output directory is already complete.
step() {
  local name=$1 dir=$2; shift 2
  if [[ -f $dir/.done ]]; then
    [[ -n ${NVCF_ALLOWLIST_VERBOSE:-} ]] && log "$name: cached in $dir"
    return 0
  fi
  command -v go >/dev/null || { log "building $name needs go (Go 1.26 or newer)"; exit 1; }
  log "$name: building into $dir (first run only; this can take many minutes)"
  local start=$SECONDS
  rm -rf "$dir"
  mkdir -p "$dir"
  "$@"
  touch "$dir/.done"
  # The writable source copies are only needed while building.
  rm -rf "${SRC:?}"/*
  log "$name: built in $((SECONDS - start))s"
}

build_pulumi() {
  local dir=$1 src="$SRC/pulumi-pkg-$PULUMI_VERSION"
  module_copy github.com/pulumi/pulumi/pkg/v3 "v$PULUMI_VERSION" "$src"
  # The CLI's go.mod points sdk/v3 at ../sdk, which is outside the module zip.
  (cd "$src" &&
    go mod edit -dropreplace=github.com/pulumi/pulumi/sdk/v3 \
      -require="github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION" &&
    go build -trimpath -o "$dir/pulumi" \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" \
      ./cmd/pulumi)
}

build_language_python() {
  local dir=$1 v=$PULUMI_LANGUAGE_PYTHON_VERSION
  local src="$SRC/pulumi-sdk-$v"
  module_copy github.com/pulumi/pulumi/sdk/v3 "v$v" "$src"
  (cd "$src" &&
    go build -trimpath -o "$dir/pulumi-language-python" \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$v" \
      ./python/cmd/pulumi-language-python)
  # The host runs this script, which must sit beside it. It drives the `pulumi` package
  # installed in the project's virtualenv, so it comes from that SDK release, not the
  # host's: its arguments are a superset of the ones the older host passes.
  local exec_src="$SRC/pulumi-sdk-$PULUMI_PYTHON_SDK_VERSION"
  module_copy github.com/pulumi/pulumi/sdk/v3 "v$PULUMI_PYTHON_SDK_VERSION" "$exec_src"
  cp "$exec_src/python/cmd/pulumi-language-python-exec" "$dir/"
  chmod +x "$dir/pulumi-language-python-exec"
}

build_kubernetes_provider() {
  local dir=$1 src="$SRC/pulumi-kubernetes-$PULUMI_KUBERNETES_VERSION"
  module_copy github.com/pulumi/pulumi-kubernetes/provider/v4 "$PULUMI_KUBERNETES_PSEUDO" "$src"
  (cd "$src" &&
    go mod edit -dropreplace=github.com/pulumi/pulumi-kubernetes/sdk/v4 \
      -require="github.com/pulumi/pulumi-kubernetes/sdk/v4@v$PULUMI_KUBERNETES_VERSION" &&
    cd cmd/pulumi-resource-kubernetes &&
    VERSION=$PULUMI_KUBERNETES_VERSION go run ./generate.go &&
    go build -trimpath -o "$dir/pulumi-resource-kubernetes" \
      -ldflags "-s -w -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$PULUMI_KUBERNETES_VERSION" \
      .)
}

build_kubernetes() {
  local dir=$1 src="$SRC/kubernetes-$KUBERNETES_VERSION"
  module_copy k8s.io/kubernetes "v$KUBERNETES_VERSION" "$src"
  local edits=() staging
  # Every ./staging/src/k8s.io/X replace becomes the published k8s.io/X module.
  for staging in $(sed -n 's#^\t\(k8s.io/[^ ]*\) => ./staging/src/.*#\1#p' "$src/go.mod"); do
    edits+=("-replace=$staging=$staging@v$KUBERNETES_STAGING_VERSION")
  done
  local major=${KUBERNETES_VERSION%%.*} minor
  minor=${KUBERNETES_VERSION#*.}; minor=${minor%%.*}
  local flags="-s -w" key val pkg
  for kv in "gitVersion=v$KUBERNETES_VERSION" "gitMajor=$major" "gitMinor=$minor" \
    "gitTreeState=clean" "buildDate=1970-01-01T00:00:00Z"; do
    key=${kv%%=*} val=${kv#*=}
    for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
      flags+=" -X $pkg.$key=$val"
    done
  done
  (cd "$src" && go mod edit "${edits[@]}" &&
    go build -trimpath -o "$dir/" -ldflags "$flags" \
      ./cmd/kube-apiserver ./cmd/kube-controller-manager ./cmd/kube-scheduler ./cmd/kubectl)
}

build_etcd() {
  local dir=$1 src="$SRC/etcd-$ETCD_VERSION"
  # The server module's own replaces point at sibling folders; as a dependency of a
  # wrapper module they are ignored and the tagged siblings are used instead.
  rm -rf "$src" && mkdir -p "$src"
  (cd "$src" && go mod init nvcf-allowlist.local/etcd >/dev/null 2>&1 &&
    go mod edit -require="go.etcd.io/etcd/server/v3@v$ETCD_VERSION" &&
    go build -trimpath -o "$dir/etcd" -ldflags "-s -w" go.etcd.io/etcd/server/v3)
}

build_gobin() {  # modules without replaces install directly
  local dir=$1 pkg=$2
  GOBIN="$dir" go install -trimpath -ldflags "-s -w" "$pkg"
}

copy_kwok_stages() {
  local dir=$1 src
  # kwok refuses to start without stages; the ones that make nodes Ready and pods
  # Ready (and let deletions finish) ship inside its module. They are needed even
  # when kwok itself is already installed.
  src=$(module_dir sigs.k8s.io/kwok "v$KWOK_VERSION")
  mkdir -p "$dir"
  local stage="$src/kustomize/stage"
  cp "$stage/node/fast/node-initialize.yaml" \
    "$stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml" \
    "$stage/pod/fast/pod-ready.yaml" "$stage/pod/fast/pod-complete.yaml" \
    "$stage/pod/fast/pod-delete.yaml" "$dir/"
  chmod -R u+w "$dir"
}

main() {
  local t

  # A normal Pulumi install ships its own language hosts. For the one built here, the
  # Python host is placed beside the CLI binary, where Pulumi looks for bundled
  # plugins first (and does not warn, as it does for one found on PATH).
  use_installed pulumi "v$PULUMI_VERSION" version || {
    t="$TOOLS/pulumi-$PULUMI_VERSION"
    step pulumi "$t" build_pulumi "$t"
    link "$t" pulumi
    local host="$TOOLS/pulumi-language-python-$PULUMI_LANGUAGE_PYTHON_VERSION"
    step pulumi-language-python "$host" build_language_python "$host"
    ln -sf "$host/pulumi-language-python" "$t/pulumi-language-python"
  }
  # The provider is not linked onto PATH: scripts/setup.sh installs it into the Pulumi
  # plugin cache, where Pulumi checks that its version matches the SDK's.
  t="$TOOLS/pulumi-resource-kubernetes-$PULUMI_KUBERNETES_VERSION"
  step pulumi-resource-kubernetes "$t" build_kubernetes_provider "$t"

  use_installed kube-apiserver "v$KUBERNETES_VERSION" --version || {
    t="$TOOLS/kubernetes-$KUBERNETES_VERSION"
    step kubernetes "$t" build_kubernetes "$t"
    link "$t" kube-apiserver kube-controller-manager kube-scheduler kubectl
  }
  use_installed etcd "$ETCD_VERSION" --version || {
    t="$TOOLS/etcd-$ETCD_VERSION"
    step etcd "$t" build_etcd "$t"
    link "$t" etcd
  }
  use_installed kwok "v$KWOK_VERSION" --version || {
    t="$TOOLS/kwok-$KWOK_VERSION"
    step kwok "$t" build_gobin "$t" "sigs.k8s.io/kwok/cmd/kwok@v$KWOK_VERSION"
    link "$t" kwok
  }
  t="$TOOLS/kwok-stages-$KWOK_VERSION"
  step kwok-stages "$t" copy_kwok_stages "$t"
  use_installed helm "v$HELM_VERSION" version || {
    t="$TOOLS/helm-$HELM_VERSION"
    step helm "$t" build_gobin "$t" "helm.sh/helm/v3/cmd/helm@v$HELM_VERSION"
    link "$t" helm
  }
  [[ -n ${NVCF_ALLOWLIST_VERBOSE:-} ]] && log "all tools ready in $BIN"
  echo "$BIN"
}

main "$@"
