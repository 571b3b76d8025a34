#!/usr/bin/env bash
# Start, check and stop a local Kubernetes control plane on loopback for nvcf-allowlist:
# etcd, kube-apiserver, kube-controller-manager, kube-scheduler and KWOK with one fake
# node, so Deployments really roll and their pods become Ready (no containers run).
#
# Usage: scripts/testbed.sh start|status|stop|env|apiserver-stop|apiserver-start [DIR]
#   DIR  state folder: data, logs, pids, certs and DIR/kubeconfig (default: .testbed)
# The tools come from scripts/toolchain.sh, which `start` runs first.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
COMMAND=${1:-status}
DIR=$(mkdir -p "${2:-$ROOT/.testbed}" && cd "${2:-$ROOT/.testbed}" && pwd)
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)
# shellcheck source=versions.env
source "$HERE/versions.env"
# KWOK's stage files, which scripts/toolchain.sh places in the cache.
STAGES="${NVCF_ALLOWLIST_CACHE:-$HOME/.cache/nvcf-allowlist}/tools/kwok-stages-$KWOK_VERSION"
NODE=kwok-node-0

log() { printf '[testbed] %s\n' "$*" >&2; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# True when the pid in DIR/pids/NAME is alive and still runs NAME for this DIR: pids
# get reused, and every component's command line names its state folder.
running() {
  local name=$1 pid cmdline
  pid=$(cat "$DIR/pids/$name" 2>/dev/null) || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"$name"* && $cmdline == *"$DIR/"* ]]
}

launch() {
  local name=$1; shift
  # Keep the command line, so `apiserver-start` can bring the same server back.
  printf '%q ' "$@" >"$DIR/pids/$name.cmd"
  "$@" >>"$DIR/logs/$name.log" 2>&1 &
  echo $! >"$DIR/pids/$name"
}

stop_one() {
  local name=$1 pid
  if running "$name"; then
    pid=$(cat "$DIR/pids/$name")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do running "$name" || break; sleep 0.1; done
    if running "$name"; then kill -9 "$pid" 2>/dev/null || true; fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$DIR/pids/$name"
}

# Stop and restart only the API server, keeping etcd's data: the cluster becomes
# unreachable, then comes back as it was (for the unreachable-cluster scenario).
apiserver_stop() { stop_one kube-apiserver; }
apiserver_start() {
  local cmd
  cmd=$(cat "$DIR/pids/kube-apiserver.cmd")
  local bin
  bin=$("$HERE/toolchain.sh")
  export PATH="$bin:$PATH"
  eval "launch kube-apiserver $cmd"
  wait_for 90 kube-apiserver kubectl_ get --raw /readyz
}

kubectl_() { kubectl --kubeconfig "$DIR/kubeconfig" "$@"; }

wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2; shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS > deadline)); then
      log "gave up after ${limit}s waiting for $what; logs are in $DIR/logs"
      return 1
    fi
    sleep 0.5
  done
}

make_certs() {
  local c=$DIR/certs
  mkdir -p "$c"
  openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=testbed-ca \
    -keyout "$c/ca.key" -out "$c/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj /CN=kube-apiserver \
    -keyout "$c/apiserver.key" -out "$c/apiserver.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\n' \
    >"$c/san.ext"
  openssl x509 -req -in "$c/apiserver.csr" -CA "$c/ca.crt" -CAkey "$c/ca.key" \
    -CAcreateserial -days 365 -extfile "$c/san.ext" -out "$c/apiserver.crt" 2>/dev/null
  openssl genrsa -out "$c/sa.key" 2048 2>/dev/null
  openssl rsa -in "$c/sa.key" -pubout -out "$c/sa.pub" 2>/dev/null
  # One static token for a system:masters user: the testbed's only credential.
  TOKEN=$(openssl rand -hex 16)
  echo "$TOKEN,testbed-admin,testbed-admin,system:masters" >"$c/tokens.csv"
}

write_kubeconfig() {
  local port=$1
  cat >"$DIR/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: testbed
  cluster:
    server: https://127.0.0.1:$port
    certificate-authority: $DIR/certs/ca.crt
users:
- name: testbed-admin
  user:
    token: $TOKEN
contexts:
- name: testbed
  context: {cluster: testbed, user: testbed-admin}
current-context: testbed
EOF
  chmod 600 "$DIR/kubeconfig"
}

fake_node() {
  kubectl_ apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Node
metadata:
  name: $NODE
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    kubernetes.io/hostname: $NODE
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    type: kwok
status:
  allocatable: {cpu: "32", memory: 256Gi, pods: "110"}
  capacity: {cpu: "32", memory: 256Gi, pods: "110"}
EOF
}

start() {
  if status >/dev/null 2>&1; then
    log "already running; kubeconfig: $DIR/kubeconfig"
    return 0
  fi
  stop >/dev/null 2>&1 || true
  local bin
  bin=$("$HERE/toolchain.sh")
  export PATH="$bin:$PATH"


  rm -rf "$DIR/etcd" "$DIR/logs" "$DIR/pids" "$DIR/certs"
  mkdir -p "$DIR/logs" "$DIR/pids"
  make_certs
  local etcd_port peer_port api_port
  etcd_port=$(free_port) peer_port=$(free_port) api_port=$(free_port)
  write_kubeconfig "$api_port"
  local start_time=$SECONDS

  log "etcd on 127.0.0.1:$etcd_port"
  launch etcd etcd --name testbed --data-dir "$DIR/etcd" --unsafe-no-fsync \
    --listen-client-urls "http://127.0.0.1:$etcd_port" \
    --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "testbed=http://127.0.0.1:$peer_port"
  wait_for 30 etcd curl -sf "http://127.0.0.1:$etcd_port/health"

  log "kube-apiserver on https://127.0.0.1:$api_port"
  local c=$DIR/certs
  launch kube-apiserver kube-apiserver \
    --etcd-servers "http://127.0.0.1:$etcd_port" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
    --tls-cert-file "$c/apiserver.crt" --tls-private-key-file "$c/apiserver.key" \
    --client-ca-file "$c/ca.crt" --token-auth-file "$c/tokens.csv" \
    --authorization-mode RBAC \
    --service-account-key-file "$c/sa.pub" \
    --service-account-signing-key-file "$c/sa.key" \
    --service-account-issuer https://kubernetes.default.svc \
    --service-cluster-ip-range 10.96.0.0/16 \
    --enable-priority-and-fairness=false --profiling=false
  wait_for 90 kube-apiserver kubectl_ get --raw /readyz

  log "kube-controller-manager, kube-scheduler, kwok"
  launch kube-controller-manager kube-controller-manager \
    --kubeconfig "$DIR/kubeconfig" --leader-elect=false --secure-port=0 \
    --service-account-private-key-file "$c/sa.key" --root-ca-file "$c/ca.crt" \
    --use-service-account-credentials=false --profiling=false
  launch kube-scheduler kube-scheduler \
    --kubeconfig "$DIR/kubeconfig" --leader-elect=false --secure-port=0 \
    --profiling=false
  # kwok renews each node's lease as a kubelet would (--node-lease-duration-seconds);
  # without it the node goes NotReady every ~50s and its pods are marked not Ready.
  local configs=()
  for stage in "$STAGES"/*.yaml; do configs+=(--config "$stage"); done
  launch kwok kwok --kubeconfig "$DIR/kubeconfig" "${configs[@]}" \
    --manage-all-nodes=false \
    --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
    --node-lease-duration-seconds 40 \
    --server-address "127.0.0.1:$(free_port)"

  fake_node
  wait_for 60 "node $NODE to be Ready" \
    kubectl_ wait --for=condition=Ready "node/$NODE" --timeout=1s
  wait_for 60 "the default service account" kubectl_ get serviceaccount default
  log "ready in $((SECONDS - start_time))s; kubeconfig: $DIR/kubeconfig"
}

status() {
  local down=0 name
  for name in "${COMPONENTS[@]}"; do
    if running "$name"; then
      echo "$name: running (pid $(cat "$DIR/pids/$name"))"
    else
      echo "$name: stopped"; down=1
    fi
  done
  ((down == 0)) && kubectl_ get --raw /readyz >/dev/null 2>&1
}

stop() {
  local name pid i
  # Reverse order: node agents first, etcd last, so nothing logs a lost backend.
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
    stop_one "${COMPONENTS[i]}"
  done
  # Leftovers of a crashed run whose pid files are gone: every component's command
  # line names this state folder, which identifies them exactly.
  local stray proc
  for proc in /proc/[0-9]*; do
    stray=$(tr '\0' ' ' <"$proc/cmdline" 2>/dev/null) || continue
    [[ $stray == *" $DIR/"* ]] || continue
    for name in "${COMPONENTS[@]}"; do
      if [[ $stray == "$name "* || $stray == */"$name "* ]]; then
        kill -9 "${proc#/proc/}" 2>/dev/null && log "stopped leftover $name (${proc#/proc/})"
      fi
    done
  done
}

case $COMMAND in
  start) start ;;
  status) status ;;
  stop) stop ;;
  apiserver-stop) apiserver_stop ;;
  apiserver-start) apiserver_start ;;
  env) printf 'export KUBECONFIG=%q PATH=%q:"$PATH"\n' "$DIR/kubeconfig" \
    "$("$HERE/toolchain.sh")" ;;
  *) log "unknown command $COMMAND; use start, status, stop or env"; exit 2 ;;
esac
