#!/usr/bin/env bash
# Delivery benchmark: syslog in at a fixed rate, every message an alert (bench/syslog rules),
# committed to the outbox and delivered by the webhook sink to a local HTTP receiver
# (bench/delivery/Receiver.java). Reports alerts/s, loss, and receipt-to-2xx latency p50/p90/p99.
#
#   bench/delivery/run.sh            RATES="1000 2000" SECS=30 CONCURRENCY=4
#
# FSYNC=false runs the hub with mimamori.outbox.fsync=false (commits survive a hub crash, not a
# power loss), to separate the disk's fsync time from the hub's own. Before the runs, FsyncProbe
# measures this disk's fsync latency in the same directory the hub writes to. PROFILE=1 records
# the measured part of each rate with JFR into OUT_DIR/delivery-RATE.jfr (read it with
# bench/syslog/jfr-hot.sh) and the hub's CPU per thread into OUT_DIR/threads-RATE.report.
#
# Needs loggen (syslog-ng-core) and a built hub (mvn -B -q -DskipTests package).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
repo=$(cd "$here/../.." && pwd -P)
HUB_HOME=${HUB_HOME:-$repo/hub/target/mimamori}
RATES=${RATES:-1000 2000}
SECS=${SECS:-10}
CONCURRENCY=${CONCURRENCY:-4}
BATCH=${BATCH:-1}
FSYNC=${FSYNC:-true}
WARMUP_SECS=${WARMUP_SECS:-10}
PROFILE=${PROFILE:-0}
PORT=${BENCH_PORT:-25515}
RPORT=${RECEIVER_PORT:-28080}
OUT_DIR=${OUT_DIR:-$(mktemp -d /tmp/mimamori-delivery-bench.XXXX)}; mkdir -p "$OUT_DIR"
command -v loggen >/dev/null || { echo "loggen not found (apt-get install syslog-ng-core)"; exit 1; }
[ -x "$HUB_HOME/bin/mimamori" ] || { echo "hub not built: mvn -B -q -DskipTests package"; exit 1; }

rpid=
trap '[ -n "$rpid" ] && kill $rpid 2>/dev/null' EXIT

echo "concurrency=$CONCURRENCY batchSize=$BATCH warm-up=${WARMUP_SECS}s outbox fsync=$FSYNC"
java "$here/FsyncProbe.java" /tmp 500
echo "| rate/s | sent | committed | delivered (distinct) | duplicates | requests | p50 ms | p90 ms | p99 ms | max ms | hub CPU s | CPU µs/alert |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for rate in $RATES; do
  data=$(mktemp -d /tmp/mimamori-delivery-data.XXXX)
  routes=$(mktemp -d /tmp/mimamori-delivery-routes.XXXX)
  cp "$repo/bench/syslog/routes/syslog.yaml" "$routes/"
  cat > "$routes/deliver-webhook.yaml" <<YAML
- route:
    id: deliver-webhook
    from:
      uri: mimamori-outbox:bench-webhook
      parameters:
        concurrency: $CONCURRENCY
        batchSize: $BATCH
      steps:
        - to:
            uri: kamelet:webhook-sink
            parameters:
              url: "http://127.0.0.1:$RPORT/alerts"
YAML
  java "$here/Receiver.java" $RPORT > "$OUT_DIR/receiver-$rate.log" 2>&1 &
  rpid=$!
  for i in $(seq 50); do curl -sf "http://127.0.0.1:$RPORT/stats" >/dev/null && break; sleep 0.2; done
  setsid "$HUB_HOME/bin/mimamori" run --config "$repo/bench/syslog/config" --routes "$routes" --data-dir "$data" \
    --set mimamori.syslog.port=$PORT --set camel.server.port=18081 --set camel.management.port=19877 \
    --set mimamori.outbox.fsync=$FSYNC \
    > "$OUT_DIR/hub-$rate.log" 2>&1 &
  hpid=$!
  for i in $(seq 120); do curl -sf http://127.0.0.1:19877/observe/health 2>/dev/null | grep -q UP && break; sleep 0.5; done
  jpid=$(pgrep -P $hpid java || echo $hpid)
  if [ "$WARMUP_SECS" -gt 0 ]; then
    w=$((rate * WARMUP_SECS))
    loggen -i -S -P -r $rate -n $w -s 300 -Q 127.0.0.1 $PORT > "$OUT_DIR/warmup-$rate.log" 2>&1
    for i in $(seq 120); do
      d=$(curl -sf "http://127.0.0.1:$RPORT/stats" | sed -n 's/.* distinct=\([0-9]*\).*/\1/p')
      [ "${d:-0}" -ge $w ] && break; sleep 0.5
    done
    curl -sf "http://127.0.0.1:$RPORT/reset" > /dev/null
  fi
  emitted0=$(curl -sf http://127.0.0.1:19877/observe/metrics | awk '/^mimamori_alerts_emitted_total/ {s+=$2} END {printf "%d", s}')
  cpu0=$(awk '{print $14+$15}' /proc/$jpid/stat)
  n=$((rate * SECS))
  tpid=
  if [ "$PROFILE" = 1 ]; then
    jcmd $jpid JFR.start name=bench settings=profile filename="$OUT_DIR/delivery-$rate.jfr" > "$OUT_DIR/jfr-$rate.log" 2>&1
    "$repo/bench/syslog/thread-cpu.sh" sample $jpid > "$OUT_DIR/threads-$rate.txt" 2>/dev/null &
    tpid=$!
  fi
  loggen -i -S -P -I $(( SECS + 5 )) -r $rate -n $n -s 300 -Q 127.0.0.1 $PORT > "$OUT_DIR/loggen-$rate.log" 2>&1
  for i in $(seq 60); do
    d=$(curl -sf "http://127.0.0.1:$RPORT/stats" | sed -n 's/.* distinct=\([0-9]*\).*/\1/p')
    [ "${d:-0}" -ge $n ] && break; sleep 0.5
  done
  cpu1=$(awk '{print $14+$15}' /proc/$jpid/stat)
  if [ "$PROFILE" = 1 ]; then
    jcmd $jpid JFR.stop name=bench >> "$OUT_DIR/jfr-$rate.log" 2>&1
    kill $tpid 2>/dev/null; wait $tpid 2>/dev/null
    "$repo/bench/syslog/thread-cpu.sh" report "$OUT_DIR/threads-$rate.txt" 12 > "$OUT_DIR/threads-$rate.report" 2>&1
  fi
  tck=$(getconf CLK_TCK)
  stats=$(curl -sf "http://127.0.0.1:$RPORT/stats")
  committed=$(( $(curl -sf http://127.0.0.1:19877/observe/metrics | awk '/^mimamori_alerts_emitted_total/ {s+=$2} END {printf "%d", s}') - emitted0 ))
  posts=$(echo "$stats" | sed -n 's/.*posts=\([0-9]*\).*/\1/p'); alerts=$(echo "$stats" | sed -n 's/.* alerts=\([0-9]*\).*/\1/p')
  distinct=$(echo "$stats" | sed -n 's/.* distinct=\([0-9]*\).*/\1/p')
  p50=$(echo "$stats" | sed -n 's/.*p50_ms=\([0-9]*\).*/\1/p'); p90=$(echo "$stats" | sed -n 's/.*p90_ms=\([0-9]*\).*/\1/p')
  p99=$(echo "$stats" | sed -n 's/.*p99_ms=\([0-9]*\).*/\1/p'); max=$(echo "$stats" | sed -n 's/.*max_ms=\([0-9]*\).*/\1/p')
  cpus=$(echo "scale=1; ($cpu1-$cpu0)/$tck" | bc)
  per=$(echo "scale=0; ($cpu1-$cpu0)*1000000/$tck/${distinct:-1}" | bc)
  echo "| $rate | $n | $committed | $distinct | $((alerts - distinct)) | $posts | $p50 | $p90 | $p99 | $max | $cpus | $per |"
  kill $hpid 2>/dev/null; wait $hpid 2>/dev/null
  kill $rpid 2>/dev/null; wait $rpid 2>/dev/null; rpid=
  rm -rf "$data" "$routes"
done
