#!/usr/bin/env bash
# Single-node Ceph cluster with the RADOS Gateway on 127.0.0.1, for tests that need an S3 store which
# enforces Object Lock itself. One mon, one memstore OSD, optionally a mgr, one radosgw; no auth inside
# the cluster (it listens on loopback only), S3 SigV4 auth at the gateway.
#
#   scripts/ceph-s3.sh up     start (installs the Debian packages if missing), print endpoint and keys
#   scripts/ceph-s3.sh env    print TONGBAN_S3_ENDPOINT=… TONGBAN_S3_ACCESS_KEY=… TONGBAN_S3_SECRET_KEY=…
#                             (export them and the application archives on this Ceph)
#   scripts/ceph-s3.sh test-env   the same as TONGBAN_TEST_CEPH_*=…, for the Object Lock tests (.ci/run)
#   scripts/ceph-s3.sh down   stop the daemons it started (by PID) and remove the state directory
#
# Environment: CEPH_S3_DIR (state, default /tmp/tongban-ceph; scripts/test.sh gives each run its own),
# CEPH_S3_PORT (gateway) and CEPH_S3_MON_PORT (monitor): by default free ports picked at 'up' and kept in the
# state directory, so two clusters in two directories run side by side. CEPH_S3_MGR=1 to also run a mgr (not
# needed by the gateway; costs memory), CEPH_S3_TIMEOUT (seconds per daemon, default 60). Must run as root (it
# installs packages and the daemons run as root).
set -euo pipefail

DIR=${CEPH_S3_DIR:-/tmp/tongban-ceph}
PORT=${CEPH_S3_PORT:-}
MON_PORT=${CEPH_S3_MON_PORT:-}
TIMEOUT=${CEPH_S3_TIMEOUT:-60}
WITH_MGR=${CEPH_S3_MGR:-0}
CONF=$DIR/ceph.conf
MARKER=$DIR/.tongban-ceph-s3
PACKAGES=(ceph-mon ceph-mgr ceph-osd radosgw ceph-common curl iproute2) # curl and ss: readiness and port checks
DAEMONS=(client.rgw mgr.x osd.0 mon.a) # stop order: clients before the mon they talk to

die() { echo "ceph-s3: $*" >&2; exit 1; }
say() { echo "ceph-s3: $*" >&2; }

ceph_cli() { timeout 30 ceph -c "$CONF" --connect-timeout 10 "$@"; }
# radosgw-admin is a RADOS client like the gateway: same name, so it reads the same [client.rgw] section.
rgw_admin() { timeout 60 radosgw-admin -c "$CONF" -n client.rgw --admin-socket= "$@"; }

alive() { # alive NAME: the daemon recorded in NAME's pid file is running
  local pid
  [[ -f $DIR/run/$1.pid ]] || return 1
  pid=$(<"$DIR/run/$1.pid")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null
}

wait_for() { # wait_for WHAT DAEMON LOG COMMAND...: poll COMMAND until it succeeds or TIMEOUT passes
  local what=$1 daemon=$2 log=$3 deadline=$((SECONDS + TIMEOUT))
  shift 3
  until "$@" >/dev/null 2>&1; do
    if ! alive "$daemon"; then
      fail "$what: $daemon exited" "$log"
    fi
    if ((SECONDS >= deadline)); then
      fail "$what: not ready after ${TIMEOUT}s" "$log"
    fi
    sleep 0.2
  done
}

fail() { # fail MESSAGE LOG: stop what was started, show the log's tail, keep the directory for inspection
  local f
  for f in "$2" "${2%.log}.out"; do
    [[ -s $f ]] || continue
    say "$1; last lines of $f:"
    tail -n 30 "$f" >&2
  done
  [[ -s $2 || -s ${2%.log}.out ]] || say "$1 (nothing logged)"
  stop_daemons
  die "startup failed; logs are in $DIR/log (run '$0 down' to remove $DIR)"
}

start() { # start NAME LOG COMMAND...: run a daemon in the foreground mode, detached, and record its PID
  local name=$1 log=$2
  shift 2
  setsid "$@" -f </dev/null >>"$log" 2>&1 &
  echo $! >"$DIR/run/$name.pid"
}

stop_daemons() {
  local name pid pids=() i
  for name in "${DAEMONS[@]}"; do
    if alive "$name"; then
      pid=$(<"$DIR/run/$name.pid")
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
    rm -f "$DIR/run/$name.pid"
  done
  # Up to 3 s for a clean exit, then KILL: the state is thrown away, and each daemon lingers ~2 s on TERM.
  for ((i = 0; i < 30; i++)); do
    local left=()
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && left+=("$pid"); done
    ((${#left[@]} == 0)) && return 0
    sleep 0.1
  done
  for pid in "${left[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
}

install_packages() {
  local missing=0 cmd
  for cmd in ceph-mon ceph-mgr ceph-osd radosgw ceph radosgw-admin monmaptool curl ss; do
    command -v "$cmd" >/dev/null || missing=1
  done
  ((missing)) || return 0
  say "installing ${PACKAGES[*]}"
  local t0=$SECONDS
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null || die "apt-get update failed"
  apt-get install -y -q --no-install-recommends "${PACKAGES[@]}" >"${TMPDIR:-/tmp}/ceph-s3-apt.log" 2>&1 ||
    die "apt-get install failed; see ${TMPDIR:-/tmp}/ceph-s3-apt.log"
  say "installed in $((SECONDS - t0)) s"
}

port_free() { ! ss -ltnH "sport = :$1" | grep -q .; }

free_port() { # free_port [TAKEN]: a port nobody listens on, below the ephemeral range (outgoing connections)
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 12000))
    [[ $p != "${1:-}" ]] && port_free "$p" && { echo "$p"; return 0; }
  done
  die "no free port found between 20000 and 32000"
}

write_conf() {
  local fsid
  fsid=$(</proc/sys/kernel/random/uuid)
  cat >"$CONF" <<EOF
[global]
fsid = $fsid
# msgr2 only, loopback only: the mon on $MON_PORT, the OSD on the first four free ports from 6800.
mon host = v2:127.0.0.1:$MON_PORT
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind msgr1 = false
auth cluster required = none
auth service required = none
auth client required = none
run dir = $DIR/run
admin socket = $DIR/run/\$name.asok
log file = $DIR/log/\$name.log
keyring = $DIR/keyring
# One OSD: pools of size 1, placement across OSDs (not hosts), few PGs so the gateway's pools fit.
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon warn on pool no redundancy = false
mon warn on insecure global id reclaim allowed = false
mon data avail warn = 10
mon max pg per osd = 1000

[mon]
mon data = $DIR/mon/\$name
# Commit map changes at once instead of batching them for a second: pool creation and OSD boot wait on it.
paxos propose interval = 0.01
paxos min wait = 0.01

[osd]
osd data = $DIR/osd/\$name
osd objectstore = memstore
memstore device bytes = 4294967296

[mgr]
mgr data = $DIR/mgr/\$name

[client.rgw]
# Without this, with auth none, the gateway's mon session never completes: it waits 300 s and exits.
ms mon client mode = crc
rgw frontends = beast endpoint=127.0.0.1:$PORT tcp_nodelay=1
rgw data = $DIR/rgw
rgw thread pool size = 64
rgw enable usage log = false
EOF
}

create_cluster() {
  mkdir -p "$DIR"/{run,log,mon/mon.a,osd/osd.0,mgr/mgr.x,rgw}
  touch "$MARKER"
  write_conf
  ceph-authtool --create-keyring "$DIR/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  monmaptool --create --fsid "$(awk '$1 == "fsid" {print $3}' "$CONF")" \
    --addv a "[v2:127.0.0.1:$MON_PORT]" "$DIR/monmap" >/dev/null
  ceph-mon -c "$CONF" --mkfs -i a --monmap "$DIR/monmap" --keyring "$DIR/keyring" >>"$DIR/log/mkfs.log" 2>&1 ||
    fail "ceph-mon --mkfs failed" "$DIR/log/mkfs.log"

  start mon.a "$DIR/log/mon.a.out" ceph-mon -c "$CONF" -i a
  wait_for "mon" mon.a "$DIR/log/mon.a.log" ceph_cli mon stat

  if ((WITH_MGR)); then
    start mgr.x "$DIR/log/mgr.x.out" ceph-mgr -c "$CONF" -i x
  fi

  local uuid id
  uuid=$(</proc/sys/kernel/random/uuid)
  id=$(ceph_cli osd new "$uuid") || fail "ceph osd new failed" "$DIR/log/mon.a.log"
  [[ $id == 0 ]] || fail "expected osd id 0, got '$id'" "$DIR/log/mon.a.log"
  ceph-osd -c "$CONF" -i 0 --mkfs --osd-uuid "$uuid" >>"$DIR/log/mkfs.log" 2>&1 ||
    fail "ceph-osd --mkfs failed" "$DIR/log/mkfs.log"
  start osd.0 "$DIR/log/osd.0.out" ceph-osd -c "$CONF" -i 0
  wait_for "osd" osd.0 "$DIR/log/osd.0.log" osd_up

  # The first full radosgw-admin command also creates the default realm-less zonegroup and zone.
  local user access secret
  user=$(rgw_admin user create --uid=tongban --display-name=Tongban 2>>"$DIR/log/rgw-admin.log") ||
    fail "radosgw-admin user create failed" "$DIR/log/rgw-admin.log"
  access=$(sed -n 's/.*"access_key": "\([^"]*\)".*/\1/p' <<<"$user" | head -n 1)
  secret=$(sed -n 's/.*"secret_key": "\([^"]*\)".*/\1/p' <<<"$user" | head -n 1)
  [[ -n $access && -n $secret ]] || fail "radosgw-admin user create printed no keys" "$DIR/log/rgw-admin.log"
  # The MinIO client sends LocationConstraint us-east-1 on MakeBucket; RGW refuses a constraint that
  # is not its zonegroup's api-name, so the default zonegroup must carry that name before the gateway starts.
  rgw_admin zonegroup get --rgw-zonegroup=default >"$DIR/zonegroup.json" 2>>"$DIR/log/rgw-admin.log" ||
    fail "radosgw-admin zonegroup get failed" "$DIR/log/rgw-admin.log"
  sed -i 's/"api_name": "[^"]*"/"api_name": "us-east-1"/' "$DIR/zonegroup.json"
  rgw_admin zonegroup set --rgw-zonegroup=default --infile "$DIR/zonegroup.json" >/dev/null 2>>"$DIR/log/rgw-admin.log" ||
    fail "radosgw-admin zonegroup set failed" "$DIR/log/rgw-admin.log"

  start client.rgw "$DIR/log/client.rgw.out" radosgw -c "$CONF" -n client.rgw
  wait_for "radosgw" client.rgw "$DIR/log/client.rgw.log" curl -fsS -o /dev/null "http://127.0.0.1:$PORT/"

  umask 077
  printf 'TONGBAN_S3_ENDPOINT=http://127.0.0.1:%s\nTONGBAN_S3_ACCESS_KEY=%s\nTONGBAN_S3_SECRET_KEY=%s\n' \
    "$PORT" "$access" "$secret" >"$DIR/s3.env"
}

osd_up() { ceph_cli osd stat -f json | grep -q '"num_up_osds":1'; }

running() { # every daemon this cluster needs is alive and the gateway answers
  [[ -f $MARKER && -f $DIR/s3.env ]] || return 1
  local name
  for name in mon.a osd.0 client.rgw; do alive "$name" || return 1; done
  ((!WITH_MGR)) || alive mgr.x || return 1
  curl -fsS -o /dev/null "http://127.0.0.1:$(sed -n 's/^TONGBAN_S3_ENDPOINT=.*:\([0-9]*\)$/\1/p' "$DIR/s3.env")/"
}

remove_state() {
  [[ -e $DIR ]] || return 0
  [[ -f $MARKER ]] || die "$DIR exists but was not made by this script; not removing it"
  stop_daemons
  rm -rf "$DIR"
}

up() {
  ((EUID == 0)) || die "must run as root"
  if running; then
    say "already running"
  else
    install_packages
    if [[ -e $DIR ]]; then
      say "stale state in $DIR (daemons not all running): recreating"
      remove_state
    fi
    [[ -n $MON_PORT ]] || MON_PORT=$(free_port)
    [[ -n $PORT ]] || PORT=$(free_port "$MON_PORT")
    local p
    for p in "$MON_PORT" "$PORT"; do port_free "$p" || die "port $p on this machine is already in use"; done
    say "state in $DIR, monitor on port $MON_PORT, gateway on port $PORT"
    local t0=$EPOCHREALTIME
    create_cluster
    say "up in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}') s"
  fi
  local endpoint access secret
  endpoint=$(sed -n 's/^TONGBAN_S3_ENDPOINT=//p' "$DIR/s3.env")
  access=$(sed -n 's/^TONGBAN_S3_ACCESS_KEY=//p' "$DIR/s3.env")
  secret=$(sed -n 's/^TONGBAN_S3_SECRET_KEY=//p' "$DIR/s3.env")
  echo "endpoint:   $endpoint"
  echo "access key: $access"
  echo "secret key: $secret"
}

case ${1:-} in
  up) up ;;
  env)
    running || die "not running; run '$0 up' first"
    cat "$DIR/s3.env"
    ;;
  test-env)
    running || die "not running; run '$0 up' first"
    sed 's/^TONGBAN_S3_/TONGBAN_TEST_CEPH_/' "$DIR/s3.env"
    ;;
  down) remove_state ;;
  *) die "usage: $0 up|down|env|test-env" ;;
esac
