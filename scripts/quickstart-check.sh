#!/usr/bin/env bash
# Runs the README's quick start verbatim, as a new user would, and checks that `navarch cleanup` leaves nothing:
#   1. the first ```sh block of "## Quick start" (./dev up) with a temporary HOME and NAVARCH_DATA_DIR, until it
#      prints its ready line;
#   2. the second block (the kubectl lines) against it;
#   3. SIGINT, the stop message, then `build/navarch cleanup` and a check that no container, shim, pod network
#      namespace, veth or bridge of that cluster is left.
# As root it runs inside a network namespace of its own (the node's bridge, veths and sysctls stay off the host);
# without root, pods run on the node's network in user namespaces, as the README says.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

fail() { echo "quickstart-check: FAIL: $*" >&2; exit 1; }

# The ```sh blocks of the Quick start section, NUL-separated.
blocks() {
  awk '/^## Quick start/{on=1; next} /^## /{on=0} on && /^```sh/{inb=1; next} on && inb && /^```/{inb=0; printf "%c", 0; next} on && inb {print}' README.md
}
mapfile -d '' block < <(blocks)
((${#block[@]} >= 2)) || fail "README's Quick start has fewer than two sh blocks"
up_block=${block[0]}
kubectl_block=${block[1]}

work=$(mktemp -d /tmp/navarch-quickstart.XXXXXX)
export HOME=$work/home NAVARCH_DATA_DIR=$work/home/.navarch
mkdir -p "$HOME"
enter=()
netns=""
if [ "$(id -u)" = 0 ] && ip netns list >/dev/null 2>&1; then
  netns=navarch-quickstart-$$
  ip netns add "$netns"
  enter=(nsenter "--net=/run/netns/$netns" --)
  "${enter[@]}" ip link set lo up
fi

up_pid=""
finish() {
  local code=$?
  if [ -n "$up_pid" ] && kill -0 "$up_pid" 2>/dev/null; then kill -KILL "$up_pid" 2>/dev/null || true; fi
  pkill -KILL -f "navarch up --data-dir $NAVARCH_DATA_DIR" 2>/dev/null || true
  "${enter[@]}" "$repo/build/navarch" cleanup --data-dir "$NAVARCH_DATA_DIR" >/dev/null 2>&1 || true
  [ -n "$netns" ] && ip netns del "$netns" 2>/dev/null
  rm -rf "$work"
  if ((code)); then echo "quickstart-check: output of ./dev up:" >&2; cat "$work.up.log" >&2 2>/dev/null || true; fi
  rm -f "$work.up.log"
  exit $code
}
trap finish EXIT

echo "quickstart-check: running the quick start's first block: $up_block"
"${enter[@]}" bash -c "$up_block" >"$work.up.log" 2>&1 &
up_pid=$!
for _ in $(seq 1 600); do
  grep -q "ready" "$work.up.log" 2>/dev/null && break
  kill -0 "$up_pid" 2>/dev/null || fail "./dev up exited before it was ready"
  sleep 1
done
grep -q "ready" "$work.up.log" || fail "./dev up printed no ready line within 600 s"
navarch_pid=$(pgrep -f "navarch up --data-dir $NAVARCH_DATA_DIR" | head -1)
[ -n "$navarch_pid" ] || fail "no navarch up process for $NAVARCH_DATA_DIR"

echo "quickstart-check: running the quick start's kubectl lines"
"${enter[@]}" bash -euo pipefail -c "$kubectl_block" || fail "the README's kubectl lines failed"

uids=$("${enter[@]}" kubectl --kubeconfig "$NAVARCH_DATA_DIR/kubeconfig" get pods -A -o jsonpath='{.items[*].metadata.uid}')
[ -n "$uids" ] || fail "the quick start made no pods"

echo "quickstart-check: stopping navarch up (SIGINT)"
kill -INT "$navarch_pid"
for _ in $(seq 1 60); do kill -0 "$navarch_pid" 2>/dev/null || break; sleep 0.5; done
kill -0 "$navarch_pid" 2>/dev/null && fail "navarch up did not stop within 30 s of SIGINT"
wait "$up_pid" || fail "./dev up exited with an error"
up_pid=""
grep -q "containers keep running" "$work.up.log" || fail "navarch up did not say that containers keep running"
grep -q "navarch cleanup --data-dir" "$work.up.log" || fail "navarch up did not say how to remove the containers"

echo "quickstart-check: navarch cleanup"
"${enter[@]}" "$repo/build/navarch" cleanup --data-dir "$NAVARCH_DATA_DIR" || fail "navarch cleanup failed"
left=$(find "$NAVARCH_DATA_DIR/containers" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
((left == 0)) || fail "$left container state directories left"
pgrep -f "navarch-shim .*$NAVARCH_DATA_DIR" >/dev/null && fail "navarch-shim processes left"
for uid in $uids; do
  [ -e "/run/netns/navarch-$uid" ] && fail "pod network namespace navarch-$uid left"
done
if [ -n "$netns" ]; then
  links=$("${enter[@]}" ip -o link show)
  grep -q "navarch0" <<<"$links" && fail "bridge navarch0 left: $links"
  grep -q "veth" <<<"$links" && fail "veths left: $links"
fi
echo "quickstart-check: the quick start works and cleanup left nothing"
