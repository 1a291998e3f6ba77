#!/usr/bin/env bash
# SNMP trap benchmark: the hub side by side with net-snmp's snmptrapd, same TrapBlast traffic, same
# run, same machine. For each side and protocol it climbs a ladder of rates (RATES, each for SECS
# seconds) until traps are lost; the highest rate without loss is the zero-loss rate, and it then
# sends at twice that rate to show the loss there. See bench/README.md.
#
#   bench/snmp/run.sh [--anchor-only | --hub-only]
#
# Sides and protocols:
#   snmptrapd v2c   anchor-snmptrapd.sh COUNT RATE (snmptrapd logging to a file; TrapBlast)
#   hub v2c         TrapBlast against the hub on the bench deployment (bench/snmp/config, routes)
#   hub v3          TrapBlastV3 (this directory): the same traps, SNMPv3 authPriv SHA-256/AES-128
# A trap counts as received by the hub when its alert is committed (fsync on): notified
# (mimamori_alerts_emitted_total) or recorded as a repeat of its condition
# (mimamori_alerts_suppressed_total; with the bench definitions every trap is its own condition,
# so all are notified; with the shipped ones TrapBlast's linkDowns are repeats of one), by
# snmptrapd when its line is in the log file.
#
# Settings (environment):
#   ANCHOR_DIR  reference scripts (anchor-snmptrapd.sh, TrapBlast.java); default ../shared/bench
#   HUB_HOME    hub distribution; default hub/target/mimamori
#   RATES       the ladder, traps/second ("1000 2000 4000 8000 16000 32000")
#   SECS        seconds of traffic per step (5): COUNT = RATE * SECS
#   PROTOCOLS   hub protocols to measure ("v2c v3")
#   SNMPJ       the SNMP4J jar (default: 3.9.6 from the local Maven repository)
#   OUT_DIR     where logs and the summary go (default: a new /tmp/mimamori-snmp-bench.*)
#   JAVA_OPTS   hub JVM options (the launcher's default when unset)
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd -P)
repo=$(cd "$here/../.." && pwd -P)
ANCHOR_DIR=${ANCHOR_DIR:-$repo/../shared/bench}
HUB_HOME=${HUB_HOME:-$repo/hub/target/mimamori}
RATES=${RATES:-1000 2000 4000 8000 16000 32000}
SECS=${SECS:-5}
PROTOCOLS=${PROTOCOLS:-v2c v3}
SNMPJ=${SNMPJ:-$HOME/.m2/repository/org/snmp4j/snmp4j/3.9.6/snmp4j-3.9.6.jar}
PORT=21162
MGMT_PORT=19877
API_PORT=18081
V3_USER=bench V3_AUTH=bench-auth-2025 V3_PRIV=bench-priv-2025

do_anchor=1 do_hub=1
for arg in "$@"; do
  case "$arg" in
    --anchor-only) do_hub=0 ;;
    --hub-only) do_anchor=0 ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

die() { echo "run.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
now_ns() { date +%s%N; }

groups_to_kill=()
cleanup() {
  local g
  for g in "${groups_to_kill[@]}"; do
    kill -0 -- "-$g" 2>/dev/null && { kill -TERM -- "-$g" 2>/dev/null; sleep 1; kill -KILL -- "-$g" 2>/dev/null; }
  done
  [ -n "${hub_tmp:-}" ] && rm -rf "$hub_tmp"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# ---- preflight ------------------------------------------------------------------------------------
LOCK=${BENCH_LOCK:-/tmp/mimamori-snmp-bench.lock}
if command -v flock >/dev/null; then
  exec 9>"$LOCK" && flock -n 9 || die "another bench run holds $LOCK; wait for it to finish"
fi
for c in java javac curl setsid awk bc; do command -v $c >/dev/null || die "$c not found"; done
[ -f "$SNMPJ" ] || die "SNMP4J jar $SNMPJ not found: build the repository once (mvn -DskipTests install) or set SNMPJ"
[ -f "$ANCHOR_DIR/TrapBlast.java" ] || die "$ANCHOR_DIR/TrapBlast.java not found: set ANCHOR_DIR"
if [ $do_anchor = 1 ]; then
  [ -x "$ANCHOR_DIR/anchor-snmptrapd.sh" ] || die "$ANCHOR_DIR/anchor-snmptrapd.sh missing or not executable"
  command -v snmptrapd >/dev/null || die "snmptrapd not found: run $ANCHOR_DIR/install-anchors.sh (package snmptrapd)"
fi
if [ $do_hub = 1 ]; then
  [ -x "$HUB_HOME/bin/mimamori" ] || die "hub not built: $HUB_HOME/bin/mimamori missing; run: mvn -B -q -DskipTests package"
  JAVA_OPTS="-Xmx64m" "$HUB_HOME/bin/mimamori" connectors 2>/dev/null | grep -q snmp-trap-source \
    || die "this hub build has no snmp-trap-source connector; rebuild, or run with --anchor-only"
  for p in $MGMT_PORT $API_PORT; do
    (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null && die "port $p on 127.0.0.1 is in use (another hub?)"
  done
fi

OUT_DIR=${OUT_DIR:-$(mktemp -d /tmp/mimamori-snmp-bench.XXXXXX)}
mkdir -p "$OUT_DIR/classes" || die "cannot create $OUT_DIR"
javac -nowarn -cp "$SNMPJ" -d "$OUT_DIR/classes" "$ANCHOR_DIR/TrapBlast.java" "$here/TrapBlastV3.java" \
  || die "cannot compile the senders"
results="$OUT_DIR/results.tsv"; : > "$results"
log "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
log "net.core.rmem_max=$(sysctl -n net.core.rmem_max 2>/dev/null || echo ?); output: $OUT_DIR"

udp_rcvbuf_errors() { awk '/^Udp:/ { if (!h) { for (i = 1; i <= NF; i++) c[$i] = i; h = 1 } else print $c["RcvbufErrors"] }' /proc/net/snmp 2>/dev/null; }
committed() {  # traps whose alert the hub committed, notified or recorded as a repeat
  echo $(( $(metric mimamori_alerts_emitted_total 'route="snmp-bench"') + $(metric mimamori_alerts_suppressed_total 'route="snmp-bench"') ))
}

metric() {  # NAME [LABEL_FILTER]: sum over the hub's series of NAME
  curl -s -m 5 "http://127.0.0.1:$MGMT_PORT/observe/metrics" | awk -v n="$1" -v f="${2:-}" '
    $1 !~ /^#/ { split($1, a, "{"); if (a[1] == n && (f == "" || index($1, f) > 0)) s += $NF } END { printf "%d", s }'
}

# ---- one step: SIDE PROTO RATE -> appends "side proto rate sent received loss kernel_drops load" --------
anchor_step() {
  local rate=$1 n=$(( $1 * SECS )) out res rcv kd0 kd load
  load=$(cut -d' ' -f1 /proc/loadavg); kd0=$(udp_rcvbuf_errors)
  out=$(TB="$OUT_DIR/classes" SNMPJ="$SNMPJ" timeout $(( SECS * 4 + 60 )) "$ANCHOR_DIR/anchor-snmptrapd.sh" $n $rate 2>&1)
  echo "$out" >> "$OUT_DIR/anchor.out"
  res=$(echo "$out" | grep '^snmptrapd ' | tail -1)
  rcv=$(echo "$res" | sed -n 's/.*received=\([0-9]*\).*/\1/p'); [ -z "$rcv" ] && rcv=0
  kd=$(( $(udp_rcvbuf_errors) - kd0 ))
  log "snmptrapd v2c $rate/s: $res"
  printf 'snmptrapd\tv2c\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rate" "$n" "$rcv" $(( n - rcv )) "$kd" "$load" >> "$results"
  echo $(( n - rcv ))
}

hub_pid=""
hub_start() {
  local d; d=$(mktemp -d /tmp/mimamori-snmp-bench-hub.XXXXXX); hub_tmp=$d
  SNMP_TRAP_COMMUNITIES=public SNMP_TRAP_USERS="$V3_USER:SHA-256:$V3_AUTH:AES:$V3_PRIV" \
    setsid "$HUB_HOME/bin/mimamori" run --config "$here/config" --routes "$here/routes" --data-dir "$d/data" \
    > "$OUT_DIR/hub.log" 2>&1 &
  hub_pid=$!; groups_to_kill+=("$hub_pid")
  local t0; t0=$(now_ns)
  until curl -s -m 2 "http://127.0.0.1:$MGMT_PORT/observe/health" | grep -q '"UP"'; do
    kill -0 $hub_pid 2>/dev/null || die "hub exited during start-up: $(tail -5 "$OUT_DIR/hub.log")"
    [ $(( ($(now_ns) - t0) / 1000000000 )) -ge 90 ] && die "hub not UP within 90 s"
    sleep 0.5
  done
  log "hub up in $(echo "scale=1; ($(now_ns) - $t0) / 1000000000" | bc) s (pid $hub_pid); warming up with 2 s of v2c at 2000/s"
  java -cp "$SNMPJ:$OUT_DIR/classes" TrapBlast 127.0.0.1 $PORT 4000 2000 >/dev/null 2>&1
  sleep 3
}

hub_step() {  # PROTO RATE
  local proto=$1 rate=$2 n=$(( $2 * SECS )) before after last stable=0 kd0 kd load t0 dropped malformed
  load=$(cut -d' ' -f1 /proc/loadavg); kd0=$(udp_rcvbuf_errors)
  before=$(committed)
  dropped=$(metric mimamori_dropped_total 'route="snmp-bench"'); malformed=$(metric mimamori_malformed_total 'route="snmp-bench"')
  if [ "$proto" = v3 ]; then
    java -cp "$SNMPJ:$OUT_DIR/classes" TrapBlastV3 127.0.0.1 $PORT $n $rate $V3_USER $V3_AUTH $V3_PRIV >> "$OUT_DIR/sender.out" 2>&1
  else
    java -cp "$SNMPJ:$OUT_DIR/classes" TrapBlast 127.0.0.1 $PORT $n $rate >> "$OUT_DIR/sender.out" 2>&1
  fi
  # wait until every trap is committed, or the count stops moving for 3 s (30 s at most)
  t0=$(now_ns); last=-1
  while :; do
    after=$(committed)
    [ $(( after - before )) -ge $n ] && break
    if [ "$after" = "$last" ]; then stable=$(( stable + 1 )); else stable=0; fi
    [ $stable -ge 6 ] && break
    [ $(( ($(now_ns) - t0) / 1000000000 )) -ge 30 ] && break
    last=$after; sleep 0.5
  done
  local rcv=$(( after - before )); kd=$(( $(udp_rcvbuf_errors) - kd0 ))
  dropped=$(( $(metric mimamori_dropped_total 'route="snmp-bench"') - dropped ))
  malformed=$(( $(metric mimamori_malformed_total 'route="snmp-bench"') - malformed ))
  log "hub $proto $rate/s: sent=$n committed=$rcv lost=$(( n - rcv )) (hub dropped $dropped, malformed $malformed, kernel $kd) $(tail -1 "$OUT_DIR/sender.out")"
  printf 'hub\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$proto" "$rate" "$n" "$rcv" $(( n - rcv )) "$kd" "$load" >> "$results"
  echo $(( n - rcv ))
}

# ladder FN ARGS...: climbs RATES until a loss; then twice the best rate
ladder() {
  local best=0 lost r tried=""
  for r in $RATES; do
    lost=$("$@" $r); tried="$tried $r"
    if [ "$lost" -eq 0 ]; then best=$r; else break; fi
  done
  if [ $best -gt 0 ] && ! echo " $tried " | grep -q " $(( best * 2 )) "; then
    "$@" $(( best * 2 )) >/dev/null
  fi
}

bench_start=$(now_ns)
[ $do_anchor = 1 ] && ladder anchor_step
if [ $do_hub = 1 ]; then
  hub_start
  for proto in $PROTOCOLS; do ladder hub_step $proto; done
  hwm=$(awk '/^VmHWM/ {print $2}' /proc/$hub_pid/status 2>/dev/null)
  kill -TERM $hub_pid; wait $hub_pid 2>/dev/null
  log "hub stopped; peak RSS $(( ${hwm:-0} / 1024 )) MB"
fi
total=$(echo "scale=0; ($(now_ns) - $bench_start) / 1000000000" | bc)

# ---- summary ---------------------------------------------------------------------------------------
summary="$OUT_DIR/summary.md"
awk -F'\t' -v secs="$SECS" -v total="$total" -v rss="${hwm:-}" '
  { key = $1 " " $2; rate = $3 + 0; rows[++n] = $0
    if (rate > top[key]) top[key] = rate
    if ($6 == 0 && rate > best[key]) best[key] = rate
    if (!(key in seen)) { seen[key] = 1; order[++k] = key } }
  END {
    print "| receiver | protocol | highest rate without loss (traps/s) | loss at 2x that rate |"
    print "|---|---|---:|---|"
    for (i = 1; i <= k; i++) { key = order[i]; b = best[key] + 0; at2 = "not measured"
      for (j = 1; j <= n; j++) { split(rows[j], f, "\t"); if (f[1] " " f[2] == key && f[3] + 0 == 2 * b && b > 0)
        at2 = sprintf("%d of %d lost (%.1f %%) at %d/s", f[6], f[4], 100 * f[6] / f[4], f[3]) }
      if (b > 0 && b == top[key]) at2 = "no loss at any rate tried: raise RATES"
      split(key, kk, " "); printf "| %s | %s | %s | %s |\n", kk[1], kk[2], (b > 0 ? b : "none of the ladder"), at2 }
    print ""
    print "| receiver | protocol | rate /s | sent | received | lost | kernel UDP drops | load 1m |"
    print "|---|---|---:|---:|---:|---:|---:|---:|"
    for (j = 1; j <= n; j++) { split(rows[j], f, "\t"); printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8] }
    print ""
    printf "Each step: %s s of traffic. Total bench time %s s.%s\n", secs, total, (rss != "" ? " Hub peak RSS " int(rss / 1024) " MB." : "")
  }' "$results" > "$summary"
echo
cat "$summary"
echo
echo "settings: RATES=\"$RATES\" SECS=$SECS PROTOCOLS=\"$PROTOCOLS\" rmem_max=$(sysctl -n net.core.rmem_max 2>/dev/null) JAVA_OPTS=${JAVA_OPTS:-default}; raw values in $results"
