#!/usr/bin/env bash
# Syslog benchmark: the hub side by side with rsyslog, same loggen traffic, same run, same machine.
#
#   bench/syslog/run.sh [--anchor-only | --hub-only] [--quick]
#
# For each scenario it runs the rsyslog anchor (anchor-rsyslog.sh), then a fresh hub in a fresh
# temporary data dir, fed by the same loggen command; then it prints a summary table. See
# bench/README.md. Two hub deployments:
#   pack-tcp, pack-udp-RATE  the shipped Linux rule pack (config/rules/syslog of the repository via
#                            bench/syslog/config-pack, routes-pack): every message parsed and classified;
#                            loggen's lines match no rule, so each is counted, not alerted. The
#                            hub's count is handled messages: dropped{reason="unmatched"} + alerts.
#   tcp, udp-RATE            every message an alert (bench/syslog/config, bench/syslog/routes): each
#                            one committed to the outbox with its own condition and delivered to
#                            alerts.jsonl, the worst case of an alert storm with no two alike. The
#                            hub's count is lines in alerts.jsonl.
#
# Settings (environment):
#   ANCHOR_DIR   reference scripts (anchor-rsyslog.sh, count-until.sh); default ../shared/bench
#                relative to the repository root
#   HUB_HOME     hub distribution; default hub/target/mimamori (built by mvn -DskipTests package)
#   TCP_N        messages in the TCP scenario (1000000)
#   TCP_RATE     loggen -r for TCP; loggen crashes on 0 (division by zero), so "flat out" is a
#                rate far above what one loggen connection can send (10000000)
#   UDP_RATES    UDP rates in messages/second, one scenario each ("20000 50000 80000")
#   UDP_SECS     seconds of UDP traffic per rate (10): n = rate * UDP_SECS
#   SIZE         loggen -s message size (300)
#   SCENARIOS    which scenarios, in order (default: pack-tcp, pack-udp-RATE per UDP rate, tcp,
#                then udp-RATE per ALERT_UDP_RATES); udp5426-RATE is UDP without loggen's
#                octet-count prefix (loggen -F), hub only; any scenario may be prefixed pack-
#   ALERT_UDP_RATES  UDP rates of the every-message-an-alert scenarios ("5000 20000")
#   DRAIN_TIMEOUT  seconds from first send until counting stops (20, as in the anchor); the
#                hub also gets at least 10 s after loggen returns (a TCP sender it slowed down)
#   BENCH_PORT, BENCH_MGMT_PORT, BENCH_API_PORT  hub ports (25514, 19876, 18080)
#   JAVA_OPTS    hub JVM options (launcher default when unset)
#   HUB_SET      extra hub settings, space-separated key=value, each passed as --set key=value
#   WARMUP_SECS  0 (default): measure a cold hub, as the anchor measures a fresh rsyslog; N > 0:
#                first send N seconds of the scenario's traffic (TCP flat out, UDP at the
#                scenario's rate; not counted), then measure the warm hub
#   RAISE_RMEM   1 (default): as root, raise net.core.rmem_max to 8 MiB for the run and restore
#                it afterwards (rsyslog as root bypasses the cap with SO_RCVBUFFORCE; Java cannot)
#   OUT_DIR      where logs and the summary go (default: a new /tmp/mimamori-syslog-bench.*)
#   KEEP_DATA    1 keeps each hub data dir (alerts.jsonl is ~1.4 GB per million alerts)
#   MAX_TOTAL    seconds; scenarios that would start after this are skipped (900)
#   PROFILE      1 records, per hub scenario, a JFR file (jcmd JFR.start settings=profile),
#                per-thread CPU (thread-cpu.sh, every second) and jstat -gc into OUT_DIR; read the
#                JFR file with jfr-hot.sh
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd -P)
repo=$(cd "$here/../.." && pwd -P)
ANCHOR_DIR=${ANCHOR_DIR:-$repo/../shared/bench}
HUB_HOME=${HUB_HOME:-$repo/hub/target/mimamori}
TCP_N=${TCP_N:-1000000}
TCP_RATE=${TCP_RATE:-10000000}
UDP_RATES=${UDP_RATES:-20000 50000 80000}
ALERT_UDP_RATES=${ALERT_UDP_RATES:-5000 20000}
UDP_SECS=${UDP_SECS:-10}
SIZE=${SIZE:-300}
DRAIN_TIMEOUT=${DRAIN_TIMEOUT:-20}
PORT=${BENCH_PORT:-25514}
MGMT_PORT=${BENCH_MGMT_PORT:-19876}
API_PORT=${BENCH_API_PORT:-18080}
RAISE_RMEM=${RAISE_RMEM:-1}
KEEP_DATA=${KEEP_DATA:-0}
MAX_TOTAL=${MAX_TOTAL:-900}
PROFILE=${PROFILE:-0}
HUB_SET=${HUB_SET:-}
WARMUP_SECS=${WARMUP_SECS:-0}
START_TIMEOUT=${START_TIMEOUT:-60}
STOP_TIMEOUT=${STOP_TIMEOUT:-40}
RMEM_WANTED=8388608

do_anchor=1 do_hub=1
for arg in "$@"; do
  case "$arg" in
    --anchor-only) do_hub=0 ;;
    --hub-only) do_anchor=0 ;;
    --quick) TCP_N=${QUICK_TCP_N:-200000}; UDP_RATES=${QUICK_UDP_RATES:-50000}; ALERT_UDP_RATES=${QUICK_ALERT_UDP_RATES:-5000}
             UDP_SECS=${QUICK_UDP_SECS:-4} ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
  esac
done
if [ -z "${SCENARIOS:-}" ]; then
  SCENARIOS="pack-tcp"; for r in $UDP_RATES; do SCENARIOS="$SCENARIOS pack-udp-$r"; done
  SCENARIOS="$SCENARIOS tcp"; for r in $ALERT_UDP_RATES; do SCENARIOS="$SCENARIOS udp-$r"; done
fi

die() { echo "run.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
now_ns() { date +%s%N; }
secs_since() { echo "scale=3; ($(now_ns) - $1) / 1000000000" | bc; }

# ---- clean-up: everything started here runs in its own process group (setsid), killed by id ----
groups_to_kill=()
rmem_restore=""
cleanup() {
  local g
  for g in "${groups_to_kill[@]}"; do
    if kill -0 -- "-$g" 2>/dev/null; then
      kill -TERM -- "-$g" 2>/dev/null; sleep 1; kill -KILL -- "-$g" 2>/dev/null
    fi
  done
  [ -n "${OUT_DIR:-}" ] && rm -rf "$OUT_DIR/anchor-tmp"
  [ -n "${hub_tmp:-}" ] && [ "${KEEP_DATA:-0}" != 1 ] && rm -rf "$hub_tmp"
  if [ -n "$rmem_restore" ]; then
    sysctl -q -w net.core.rmem_max="$rmem_restore" >/dev/null 2>&1 \
      && log "restored net.core.rmem_max=$rmem_restore"
  fi
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM
forget_group() {
  local g=$1 i
  for i in "${!groups_to_kill[@]}"; do [ "${groups_to_kill[$i]}" = "$g" ] && unset 'groups_to_kill[i]'; done
}

# run_bounded SECS OUTFILE CMD...: runs CMD in its own process group; kills the group after SECS.
# Returns CMD's exit status, or 124 on timeout.
run_bounded() {
  local limit=$1 out=$2; shift 2
  setsid "$@" >"$out" 2>&1 &
  local pid=$! t0 rc
  groups_to_kill+=("$pid")
  t0=$(now_ns)
  while kill -0 "$pid" 2>/dev/null; do
    if [ $(( ($(now_ns) - t0) / 1000000000 )) -ge "$limit" ]; then
      kill -TERM -- "-$pid" 2>/dev/null; sleep 1; kill -KILL -- "-$pid" 2>/dev/null
      wait "$pid" 2>/dev/null; forget_group "$pid"; return 124
    fi
    sleep 0.1
  done
  wait "$pid"; rc=$?
  kill -KILL -- "-$pid" 2>/dev/null   # leftovers of the group (none expected)
  forget_group "$pid"
  return $rc
}

# ---- preflight --------------------------------------------------------------------------------
# one bench at a time on this machine: two would share ports and CPU and spoil each other's figures
LOCK=${BENCH_LOCK:-/tmp/mimamori-syslog-bench.lock}
if command -v flock >/dev/null; then
  exec 9>"$LOCK" && flock -n 9 || die "another bench run holds $LOCK; wait for it to finish"
fi
command -v loggen >/dev/null || die "loggen not found: run install-anchors.sh from the anchor directory (package syslog-ng-core)"
for c in bc curl setsid awk; do command -v $c >/dev/null || die "$c not found"; done
if [ $do_anchor = 1 ]; then
  [ -d "$ANCHOR_DIR" ] || die "anchor directory $ANCHOR_DIR not found: set ANCHOR_DIR to the directory holding anchor-rsyslog.sh (or run with --hub-only)"
  [ -x "$ANCHOR_DIR/anchor-rsyslog.sh" ] || die "$ANCHOR_DIR/anchor-rsyslog.sh missing or not executable"
  RSYS=${RSYS:-/opt/anchors/rsyslog}
  "$RSYS/usr/sbin/rsyslogd" -v >/dev/null 2>&1 || die "$RSYS/usr/sbin/rsyslogd does not run: run $ANCHOR_DIR/install-anchors.sh as root; if it reports a missing libestr.so.0 or libfastjson.so.4, apt-get install libestr0 libfastjson4 liblognorm5"
fi
if [ -x "$ANCHOR_DIR/count-until.sh" ]; then
  count_until="$ANCHOR_DIR/count-until.sh"
else
  count_until=""   # same logic inlined below when the anchor directory is absent (--hub-only)
fi
if [ $do_hub = 1 ]; then
  [ -x "$HUB_HOME/bin/mimamori" ] || die "hub not built: $HUB_HOME/bin/mimamori missing; run: cd $repo && mvn -B -q -DskipTests package"
  if ! JAVA_OPTS="-Xmx64m" "$HUB_HOME/bin/mimamori" connectors 2>/dev/null | grep -q "syslog-source"; then
    die "this hub build has no syslog-source connector (bin/mimamori connectors does not list it); rebuild, or run with --anchor-only"
  fi
  for p in $PORT $MGMT_PORT $API_PORT; do
    if (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then
      die "port $p on 127.0.0.1 is already in use (another hub?); set BENCH_PORT / BENCH_MGMT_PORT / BENCH_API_PORT"
    fi
  done
fi

OUT_DIR=${OUT_DIR:-$(mktemp -d /tmp/mimamori-syslog-bench.XXXXXX)}
mkdir -p "$OUT_DIR" || die "cannot create $OUT_DIR"
results="$OUT_DIR/results.tsv"
: > "$results"

rmem=$(sysctl -n net.core.rmem_max 2>/dev/null || echo "?")
log "net.core.rmem_max=$rmem (caps the hub's UDP SO_RCVBUF; rsyslog as root uses SO_RCVBUFFORCE)"
if [ $do_hub = 1 ] && [ "$RAISE_RMEM" = 1 ] && [ "$(id -u)" = 0 ] && [ "$rmem" != "?" ] && [ "$rmem" -lt $RMEM_WANTED ]; then
  if sysctl -q -w net.core.rmem_max=$RMEM_WANTED >/dev/null 2>&1; then
    rmem_restore=$rmem; log "raised net.core.rmem_max to $RMEM_WANTED for this run"
  else
    log "could not raise net.core.rmem_max (read-only /proc/sys?); the hub's UDP buffer stays at $rmem bytes"
  fi
fi
log "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
log "output: $OUT_DIR"

# ---- helpers ----------------------------------------------------------------------------------
count_lines() {   # FILE N TIMEOUT START_NS -> "lines=.. secs=.."
  if [ -n "$count_until" ]; then "$count_until" "$@"; return; fi
  local f=$1 n=$2 to=$3 start=$4 c now
  while :; do
    c=$(cat "$f" 2>/dev/null | wc -l); now=$(now_ns)
    if [ "$c" -ge "$n" ] || [ $(( (now-start)/1000000000 )) -ge "$to" ]; then
      echo "lines=$c secs=$(echo "scale=3; ($now-$start)/1000000000" | bc)"; return 0
    fi
    sleep 0.05
  done
}
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -1; }
handled_now() {   # messages the hub's syslog source has finished with: unmatched + alerts
  curl -s -m 2 "http://127.0.0.1:$MGMT_PORT/observe/metrics" 2>/dev/null | awk '
    $1 ~ /^mimamori_dropped_total\{/ && $1 ~ /reason="unmatched"/ { s += $NF }
    $1 ~ /^mimamori_alerts_emitted_total\{/ && $1 ~ /connector="syslog-source"/ { s += $NF }
    END { printf "%d", s }'
}
count_handled() {   # N TIMEOUT START_NS -> "lines=.. secs=..": like count_lines, from the metrics
  local n=$1 to=$2 start=$3 c now
  while :; do
    c=$(handled_now); now=$(now_ns)
    if [ "${c:-0}" -ge "$n" ] || [ $(( (now-start)/1000000000 )) -ge "$to" ]; then
      echo "lines=${c:-0} secs=$(echo "scale=3; ($now-$start)/1000000000" | bc)"; return 0
    fi
    sleep 0.05
  done
}
metric_sum() {    # METRICS_FILE NAME [LABEL_FILTER]: sum over all series of NAME
  awk -v n="$1" -v f="${3:-}" '
    $1 !~ /^#/ { split($1, a, "{"); if (a[1] == n && (f == "" || index($1, f) > 0)) s += $NF }
    END { printf "%d", s }' "$2"
}
metric_reasons() {  # METRICS_FILE NAME: "reason=value,..." for non-zero series
  awk -v n="$1" '
    $1 !~ /^#/ { split($1, a, "{"); if (a[1] == n && $NF + 0 > 0) {
      r = $1; sub(/.*reason="/, "", r); sub(/".*/, "", r); out = out (out ? "," : "") r "=" int($NF) } }
    END { print (out ? out : "-") }' "$2"
}
# system-wide count of UDP datagrams the kernel dropped because a socket buffer was full
udp_rcvbuf_errors() { awk '/^Udp:/ { if (!h) { for (i = 1; i <= NF; i++) c[$i] = i; h = 1 } else print $c["RcvbufErrors"] }' /proc/net/snmp 2>/dev/null; }
cpu_secs_of() { awk -v t="$(getconf CLK_TCK)" '{sub(/.*\) /, ""); printf "%.2f", ($12 + $13) / t}' /proc/$1/stat 2>/dev/null; }
scrape() { curl -s -m 5 "http://127.0.0.1:$MGMT_PORT/observe/metrics" > "$1" 2>/dev/null; }

# scenario_params SCEN -> sets proto n rate nofr anchor pack
scenario_params() {
  local s=$1; pack=0
  case "$s" in pack-*) pack=1; s=${s#pack-} ;; esac
  case "$s" in
    tcp) proto=tcp n=$TCP_N rate=$TCP_RATE nofr="" anchor=1 ;;
    udp-*) proto=udp rate=${s#udp-} nofr="" anchor=1; n=$(( rate * UDP_SECS )) ;;
    udp5426-*) proto=udp rate=${s#udp5426-} nofr="-F" anchor=0; n=$(( rate * UDP_SECS )) ;;
    *) die "unknown scenario '$1' (use tcp, udp-RATE or udp5426-RATE, each optionally prefixed pack-)" ;;
  esac
}

run_anchor() {  # SCEN
  local scen=$1 out rc res
  scenario_params "$scen"
  if [ $anchor = 0 ]; then log "$scen: no rsyslog anchor for this scenario (the anchor always sends with framing)"; return; fi
  out="$OUT_DIR/$scen.rsyslog.out"
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  log "$scen: rsyslog anchor: anchor-rsyslog.sh $proto $n $rate $SIZE (load $load)"
  mkdir -p "$OUT_DIR/anchor-tmp"   # the anchor's mktemp dir lands here, so an interrupted run leaves nothing behind
  # rsyslog's CPU time, read from the side every 0.2 s (the anchor does not report it): its
  # command line names its config file under anchor-tmp, which identifies it
  local cpuf="$OUT_DIR/$scen.rsyslog.cpu"
  setsid bash -c 'while :; do p=$(pgrep -f "rsyslogd -n -f $1/" | head -1)
      [ -n "$p" ] && awk -v t=$(getconf CLK_TCK) "{sub(/.*\\) /, \"\"); printf \"%.2f\\n\", (\$12 + \$13) / t}" /proc/$p/stat > "$2.tmp" 2>/dev/null && mv "$2.tmp" "$2"
      sleep 0.2; done' _ "$OUT_DIR/anchor-tmp" "$cpuf" &
  local sampler=$!; groups_to_kill+=("$sampler")
  local kd0; kd0=$(udp_rcvbuf_errors)
  run_bounded $(( DRAIN_TIMEOUT + 60 )) "$out" env TMPDIR="$OUT_DIR/anchor-tmp" \
    "$ANCHOR_DIR/anchor-rsyslog.sh" $proto $n $rate $SIZE; rc=$?
  kill -- "-$sampler" 2>/dev/null; wait $sampler 2>/dev/null; forget_group $sampler
  local rcpu; rcpu=$(cat "$cpuf" 2>/dev/null); [ -z "$rcpu" ] && rcpu="-"
  local kd="-"; [ -n "$kd0" ] && kd=$(( $(udp_rcvbuf_errors) - kd0 ))
  rm -rf "$OUT_DIR/anchor-tmp"
  res=$(grep '^rsyslog ' "$out" | tail -1)
  if [ $rc -ne 0 ] || [ -z "$res" ]; then
    log "$scen: rsyslog anchor failed (exit $rc): $(tail -3 "$out" | tr '\n' ' ')"
    printf 'rsyslog\t%s\t%s\t-\t-\t-\t-\t%s\t-\t-\n' "$scen" "$n" "$load" >> "$results"; return
  fi
  log "$scen: $res"
  printf 'rsyslog\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scen" "$n" "$(field "$res" lines)" "$(field "$res" secs)" \
    "$(field "$res" sender_secs)" "$(echo "$res" | sed -n 's/.*rss_kb= *\([0-9]*\).*/\1/p')" "$load" "$rcpu" "$kd" >> "$results"
}

run_hub() {  # SCEN
  local scen=$1 d data hublog t0 pid up=0 startup lrc start sent_ns res lines secs sender_secs
  local count_to hwm cpu exit_code stop_secs clean m0 m1 recv emit drop mal distinct errs
  scenario_params "$scen"
  d=$(mktemp -d /tmp/mimamori-bench-hub.XXXXXX); data="$d/data"; hub_tmp=$d; hublog="$OUT_DIR/$scen.hub.log"
  mkdir -p "$data"
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  log "$scen: hub: starting (data dir $data, load $load)"
  local extra=() kv
  for kv in $HUB_SET; do extra+=(--set "$kv"); done
  t0=$(now_ns)
  local conf="$here/config" routes="$here/routes"
  [ $pack = 1 ] && conf="$here/config-pack" routes="$here/routes-pack"
  setsid "$HUB_HOME/bin/mimamori" run --config "$conf" --routes "$routes" --data-dir "$data" \
    --set mimamori.syslog.port=$PORT --set camel.management.port=$MGMT_PORT --set camel.server.port=$API_PORT \
    "${extra[@]}" > "$hublog" 2>&1 &
  pid=$!; groups_to_kill+=("$pid")
  while kill -0 $pid 2>/dev/null; do
    if curl -s -m 1 "http://127.0.0.1:$MGMT_PORT/observe/health" 2>/dev/null | grep -q '"UP"'; then up=1; break; fi
    [ $(( ($(now_ns) - t0) / 1000000000 )) -ge $START_TIMEOUT ] && break
    sleep 0.05
  done
  startup=$(secs_since $t0)
  if [ $up != 1 ]; then
    log "$scen: hub did not report UP within ${START_TIMEOUT}s (alive: $(kill -0 $pid 2>/dev/null && echo yes || echo no)); last log lines:"
    tail -15 "$hublog" >&2
    kill -KILL -- "-$pid" 2>/dev/null; wait $pid 2>/dev/null; forget_group $pid; rm -rf "$d"; hub_tmp=""
    printf 'hub\t%s\t%s\t-\t-\t-\t-\t%s\t-\t-\t-\t-\t-\t-\t-\tno-start\t-\t%s\n' "$scen" "$n" "$startup" "$load" >> "$results"; return
  fi
  log "$scen: hub UP after ${startup}s (pid $pid)"
  local base=0
  if [ "$WARMUP_SECS" -gt 0 ]; then
    # the scenario's own protocol: TCP flat out, UDP at the scenario's rate
    local wflag=-S wrate=$TCP_RATE wn=100000000
    [ $proto = udp ] && wflag=-D wrate=$rate wn=$(( rate * WARMUP_SECS ))
    log "$scen: hub: warm-up, loggen -i $wflag -P -I $WARMUP_SECS -n $wn -r $wrate (not counted)"
    run_bounded $(( WARMUP_SECS + 30 )) "$OUT_DIR/$scen.hub.warmup.out" \
      loggen -i $wflag -P -I $WARMUP_SECS -n $wn -r $wrate -s $SIZE -Q 127.0.0.1 $PORT
    local wsent; wsent=$(sed -n 's/.*average rate = .*count=\([0-9]*\),.*/\1/p' "$OUT_DIR/$scen.hub.warmup.out" | tail -1)
    # UDP warm-up traffic may be lost: then the count stops short, so wait less for it
    local wwait=30; [ $proto = udp ] && wwait=5
    if [ $pack = 1 ]; then
      base=$(count_handled ${wsent:-0} $wwait $(now_ns) | sed -n 's/^lines=\([0-9]*\).*/\1/p')
    else
      base=$(count_lines "$data/alerts.jsonl" ${wsent:-0} $wwait $(now_ns) | sed -n 's/^lines=\([0-9]*\).*/\1/p')
    fi
    log "$scen: hub: warm-up sent ${wsent:-?}, written $base"
  fi
  scrape "$OUT_DIR/$scen.metrics.before"
  local cpu0; cpu0=$(cpu_secs_of $pid)
  local kd0; kd0=$(udp_rcvbuf_errors)
  local topg=""
  if [ "$PROFILE" = 1 ]; then
    jcmd $pid JFR.start name=bench settings=profile filename="$OUT_DIR/$scen.jfr" > "$OUT_DIR/$scen.jfr.log" 2>&1 \
      || log "$scen: JFR.start failed: $(tail -1 "$OUT_DIR/$scen.jfr.log")"
    setsid "$here/thread-cpu.sh" sample $pid > "$OUT_DIR/$scen.threads.txt" 2>/dev/null &
    topg=$!; groups_to_kill+=("$topg")
  fi

  local flag=-S; [ $proto = udp ] && flag=-D
  log "$scen: hub: loggen -i $flag -P $nofr -n $n -r $rate -s $SIZE -Q 127.0.0.1 $PORT"
  local loggen_limit=120; [ $proto = udp ] && loggen_limit=$(( UDP_SECS * 3 + 20 ))
  start=$(now_ns)
  run_bounded $loggen_limit "$OUT_DIR/$scen.hub.loggen.out" \
    loggen -i $flag -P $nofr -n $n -r $rate -s $SIZE -Q 127.0.0.1 $PORT; lrc=$?
  sent_ns=$(now_ns)
  sender_secs=$(echo "scale=3; ($sent_ns-$start)/1000000000" | bc)
  [ $lrc -ne 0 ] && log "$scen: loggen exited $lrc: $(tail -2 "$OUT_DIR/$scen.hub.loggen.out" | tr '\n' ' ')"
  # loggen stops after its -I interval (default 10 s) even when -n is not reached, e.g. when a TCP
  # receiver slows it down: what it really sent is the count in its final line.
  local sent; sent=$(sed -n 's/.*average rate = .*count=\([0-9]*\),.*/\1/p' "$OUT_DIR/$scen.hub.loggen.out" | tail -1)
  [ -z "$sent" ] && sent=$n
  [ "$sent" -lt "$n" ] && log "$scen: loggen sent only $sent of $n messages (its 10 s limit)"
  count_to=$(( (sent_ns - start) / 1000000000 + 10 )); [ $count_to -lt $DRAIN_TIMEOUT ] && count_to=$DRAIN_TIMEOUT
  if [ $pack = 1 ]; then
    res=$(count_handled $(( base + sent )) $count_to $start)
  else
    res=$(count_lines "$data/alerts.jsonl" $(( base + sent )) $count_to $start)
  fi
  lines=$(( $(field "$res" lines) - base )); secs=$(field "$res" secs)
  scrape "$OUT_DIR/$scen.metrics.after"
  hwm=$(awk '/^VmHWM/ {print $2}' /proc/$pid/status 2>/dev/null)
  cpu=$(cpu_secs_of $pid); local mcpu; mcpu=$(echo "$cpu - $cpu0" | bc)
  local kd="-"; [ -n "$kd0" ] && kd=$(( $(udp_rcvbuf_errors) - kd0 ))
  # garbage collections since start: young count/secs, full count/secs
  local gc="-"
  command -v jstat >/dev/null && gc=$(jstat -gc $pid 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
    NR == 2 { printf "%d/%.1fs %d/%.1fs", $c["YGC"], $c["YGCT"], $c["FGC"], $c["FGCT"] }')
  [ -z "$gc" ] && gc="-"
  log "$scen: hub $proto n=$n lines=$lines secs=$secs sender_secs=$sender_secs rss_hwm_kb=$hwm cpu_secs=$cpu"
  if [ -n "$topg" ]; then
    kill -TERM -- "-$topg" 2>/dev/null; wait $topg 2>/dev/null; forget_group $topg
    jcmd $pid JFR.stop name=bench >> "$OUT_DIR/$scen.jfr.log" 2>&1 && log "$scen: profile in $OUT_DIR/$scen.jfr and $scen.threads.txt"
    "$here/thread-cpu.sh" report "$OUT_DIR/$scen.threads.txt" 8 > "$OUT_DIR/$scen.threads.report" 2>&1 && sed 's/^/    /' "$OUT_DIR/$scen.threads.report" >&2
    jstat -gc $pid > "$OUT_DIR/$scen.jstat-gc.txt" 2>&1
  fi

  # stop with SIGTERM and check that it exits by itself
  local ts=$(now_ns); kill -TERM $pid
  while kill -0 $pid 2>/dev/null && [ $(( ($(now_ns) - ts) / 1000000000 )) -lt $STOP_TIMEOUT ]; do sleep 0.1; done
  if kill -0 $pid 2>/dev/null; then
    exit_code=timeout; kill -KILL -- "-$pid" 2>/dev/null; wait $pid 2>/dev/null
  else
    wait $pid; exit_code=$?
  fi
  stop_secs=$(secs_since $ts); forget_group $pid
  case $exit_code in 0|143) clean=clean ;; *) clean="unclean($exit_code)" ;; esac
  log "$scen: hub stopped by SIGTERM in ${stop_secs}s, exit code $exit_code"

  recv=$(( $(metric_sum mimamori_received_total "$OUT_DIR/$scen.metrics.after") - $(metric_sum mimamori_received_total "$OUT_DIR/$scen.metrics.before") ))
  emit=$(( $(metric_sum mimamori_alerts_emitted_total "$OUT_DIR/$scen.metrics.after") - $(metric_sum mimamori_alerts_emitted_total "$OUT_DIR/$scen.metrics.before") ))
  drop=$(metric_reasons mimamori_dropped_total "$OUT_DIR/$scen.metrics.after")
  mal=$(metric_reasons mimamori_malformed_total "$OUT_DIR/$scen.metrics.after")
  # distinct messages among the alert lines (duplicates would inflate "lines"): loggen numbers
  # messages per socket and run id, and may open a new UDP socket mid-run, so count the triple
  distinct=-
  [ $pack = 0 ] && distinct=$(tail -n +$(( base + 1 )) "$data/alerts.jsonl" 2>/dev/null \
    | grep -o 'seq: [0-9]*, thread: [0-9]*, runid: [0-9]*' | sort -u | wc -l)
  errs=$(grep -c -E ' ERROR |Exception' "$hublog")
  [ -s "$data/alerts.jsonl" ] && tail -n +$(( base + 1 )) "$data/alerts.jsonl" | head -1 > "$OUT_DIR/$scen.hub.first-alert.json"
  printf 'hub\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scen" "$n" "$lines" "$secs" \
    "$sender_secs" "$hwm" "$startup" "$recv" "$emit" "$drop" "$mal" "$distinct" "$cpu" "$stop_secs" "$clean" "$errs" "$load" "$sent" "$gc" "$mcpu" "$kd" >> "$results"
  if [ "$KEEP_DATA" = 1 ]; then log "$scen: kept $d"; else rm -rf "$d"; fi
  hub_tmp=""
}

# ---- run ----------------------------------------------------------------------------------------
bench_start=$(now_ns)
for scen in $SCENARIOS; do
  if [ $(( ($(now_ns) - bench_start) / 1000000000 )) -ge $MAX_TOTAL ]; then
    log "skipping $scen: over MAX_TOTAL=${MAX_TOTAL}s"; continue
  fi
  [ $do_anchor = 1 ] && run_anchor "$scen"
  [ $do_hub = 1 ] && run_hub "$scen"
done
total=$(secs_since $bench_start)

# ---- summary -----------------------------------------------------------------------------------
summary="$OUT_DIR/summary.md"
awk -F'\t' -v size="$SIZE" -v total="$total" '
  function num(x) { return x ~ /^[0-9]+$/ }
  function rate(l, s) { return (num(l) && s + 0 > 0) ? sprintf("%d", l / s) : "-" }
  function us(cpu, l) { return (cpu ~ /^[0-9.]+$/ && num(l) && l > 0) ? sprintf("%.1f", cpu * 1000000 / l) : "-" }
  function mb(kb) { return num(kb) ? sprintf("%.0f", kb / 1024) : "-" }
  function v(arr, s) { return (s in arr && arr[s] != "") ? arr[s] : "-" }
  function add(s) { if (!(s in seen)) { seen[s] = 1; order[++k] = s } }
  $1 == "rsyslog" { add($2); hasr[$2] = 1; n[$2] = $3; rl[$2] = $4; rs[$2] = $5; rsend[$2] = $6; rrss[$2] = $7; rload[$2] = $8; rcpu[$2] = $9; rkd[$2] = $10 }
  $1 == "hub"     { add($2); hash[$2] = 1; n[$2] = $3; hl[$2] = $4; hs[$2] = $5; hsend[$2] = $6; hm[$2] = $7; hup[$2] = $8
                    hrecv[$2] = $9; hemit[$2] = $10; hdrop[$2] = $11; hmal[$2] = $12; hdist[$2] = $13
                    hcpu[$2] = $14; hstop[$2] = $15; hclean[$2] = $16; herr[$2] = $17; hload[$2] = $18; hsent[$2] = $19; hgc[$2] = $20; hmcpu[$2] = $21; hkd[$2] = $22 }
  END {
    print "| scenario | n | rsyslog lines | rsyslog secs | rsyslog msg/s | rsyslog loss | rsyslog CPU µs/msg | hub sent | hub lines | hub secs | hub msg/s | hub/rsyslog | hub loss | hub CPU µs/msg | hub peak RSS MB | hub start-up s |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= k; i++) { s = order[i]
      r1 = "-"; rloss = "-"; r2 = "-"; hloss = "-"; ratio = "-"
      if (s in hasr && num(rl[s])) {
        r1 = rate(rl[s], rs[s]); rloss = n[s] - rl[s]
        # the anchor hides loggen output: a sender that ran into loggen -I 10 sent fewer than n
        if (rloss > 0 && rsend[s] + 0 >= 10) { rloss = "<=" rloss " (sender stopped at 10 s)"; r1 = r1 "*" }
        else if (rloss > 0) r1 = r1 "*"
      }
      if (s in hash && num(hl[s])) {
        r2 = rate(hl[s], hs[s]); hloss = hsent[s] - hl[s]; if (hloss > 0) r2 = r2 "*"
      }
      if (r1 != "-" && r2 != "-" && r1 + 0 > 0) ratio = sprintf("%.2f", (r2 + 0) / (r1 + 0))
      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", s, n[s],
        v(rl, s), v(rs, s), r1, rloss, us(rcpu[s], rl[s]), v(hsent, s), v(hl, s), v(hs, s), r2, ratio, hloss,
        us(hmcpu[s], hl[s]), mb(hm[s]), v(hup, s) }
    print ""
    print "| scenario | loggen secs (rsyslog / hub) | rsyslog RSS MB | hub received_total | hub alerts_emitted_total | hub dropped | hub malformed | hub distinct messages | hub CPU s | hub GC young / full (count/s) | hub stop s | hub exit | hub log errors | kernel UDP drops (rsyslog / hub) | load 1m (rsyslog / hub) |"
    print "|---|---:|---:|---:|---:|---|---|---:|---:|---|---:|---|---:|---|---|"
    for (i = 1; i <= k; i++) { s = order[i]
      printf "| %s | %s / %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s / %s |\n", s,
        v(rsend, s), v(hsend, s), mb(rrss[s]), v(hrecv, s), v(hemit, s), v(hdrop, s), v(hmal, s), v(hdist, s),
        v(hcpu, s), v(hgc, s), v(hstop, s), v(hclean, s), v(herr, s), v(rkd, s), v(hkd, s), v(rload, s), v(hload, s) }
    print ""
    printf "pack-* = the shipped rule pack (hub lines = messages parsed, classified and counted); others = every message an alert (hub lines = lines in alerts.jsonl); "
    printf "n = loggen -n; hub sent = what loggen reports it sent (it stops after 10 s); secs = first send to last line counted; "
    printf "msg/s = lines / secs; * = not all arrived, so secs is the counting timeout and msg/s understates; "
    printf "kernel UDP drops = RcvbufErrors of /proc/net/snmp (whole machine) during the scenario; "
    printf "CPU µs/msg = CPU seconds of the receiver process while the scenario ran (hub: from the first send, JIT and GC included; rsyslog: whole life) / lines; "
    printf "message size %s; bench time %ss\n", size, total
  }' "$results" > "$summary"
printf '\nsettings: TCP_N=%s TCP_RATE=%s UDP_SECS=%s SIZE=%s WARMUP_SECS=%s JAVA_OPTS=%s HUB_SET=%s rmem_max=%s\n' \
  "$TCP_N" "$TCP_RATE" "$UDP_SECS" "$SIZE" "$WARMUP_SECS" "${JAVA_OPTS:-(launcher default)}" "${HUB_SET:-(none)}" \
  "$(sysctl -n net.core.rmem_max 2>/dev/null)" >> "$summary"
echo
echo "## syslog bench $(date -u +%Y-%m-%dT%H:%MZ) on $(hostname), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
cat "$summary"
echo
echo "raw results and logs: $OUT_DIR"
