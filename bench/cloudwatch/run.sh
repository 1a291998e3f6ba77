#!/usr/bin/env bash
# CloudWatch SQS benchmark: alarms per second from an SQS queue to the outbox.
#
#   bench/cloudwatch/run.sh [N]
#
# Starts ElasticMQ (an SQS-compatible server) on loopback in its own JVM (SqsLoad.java), fills a
# queue with N alarm notifications (SNS envelopes, N distinct alarms in ALARM, default 20000),
# then starts a fresh hub on the bench deployment (bench/cloudwatch/config, bench/cloudwatch/routes)
# in a new temporary data dir and counts the lines of alerts.jsonl: every line is an alert that was
# committed to the outbox (fsync on) before its message was deleted, and then delivered by the file
# sink. Rate = alerts written after the hub reported UP / seconds from UP to the N-th line.
#
# Settings (environment):
#   HUB_HOME     hub distribution; default hub/target/mimamori (mvn -DskipTests package)
#   CONSUMERS    concurrentConsumers of the source (2)
#   SQS_PORT, BENCH_MGMT_PORT, BENCH_API_PORT   ports (19324, 19877, 18081)
#   TIMEOUT      seconds to wait for the N-th line (300)
#   MVN_ARGS     extra arguments for the mvn call that prints the test class path (e.g. -DbuildDir=...)
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd -P)
repo=$(cd "$here/../.." && pwd -P)
N=${1:-20000}
HUB_HOME=${HUB_HOME:-$repo/hub/target/mimamori}
CONSUMERS=${CONSUMERS:-2}
SQS_PORT=${SQS_PORT:-19324}
MGMT_PORT=${BENCH_MGMT_PORT:-19877}
API_PORT=${BENCH_API_PORT:-18081}
TIMEOUT=${TIMEOUT:-300}
MVN_ARGS=${MVN_ARGS:-}

die() { echo "run.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
now_ns() { date +%s%N; }

[ -x "$HUB_HOME/bin/mimamori" ] || die "hub not built: $HUB_HOME/bin/mimamori missing; run: cd $repo && mvn -B -q -DskipTests package"
JAVA_OPTS="-Xmx64m" "$HUB_HOME/bin/mimamori" connectors 2>/dev/null | grep -q "cloudwatch-sqs-source" \
  || die "this hub build has no cloudwatch-sqs-source connector; rebuild it"
for c in curl setsid bc; do command -v $c >/dev/null || die "$c not found"; done
for p in $SQS_PORT $MGMT_PORT $API_PORT; do
  if (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then die "port $p on 127.0.0.1 is in use; set SQS_PORT / BENCH_MGMT_PORT / BENCH_API_PORT"; fi
done

work=$(mktemp -d /tmp/mimamori-cloudwatch-bench.XXXXXX)
groups=()
cleanup() {
  local g i
  for (( i=${#groups[@]}-1; i>=0; i-- )); do kill -TERM -- "-${groups[$i]}" 2>/dev/null; sleep 1; done
  for g in "${groups[@]}"; do kill -KILL -- "-$g" 2>/dev/null; done
  rm -rf "$work/data"
  log "logs: $work"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

log "class path of ElasticMQ and the AWS SDK (mvn -o dependency:build-classpath)"
(cd "$repo" && mvn -B -q -o $MVN_ARGS -pl connectors/cloudwatch dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >"$work/mvn.log" 2>&1) \
  || die "cannot build the class path: $(tail -5 "$work/mvn.log")"

log "ElasticMQ on 127.0.0.1:$SQS_PORT, queueing $N alarms"
setsid java -Xmx512m -cp "$(cat "$work/cp.txt")" "$here/SqsLoad.java" $SQS_PORT bench-alarms $N > "$work/sqs.log" 2>&1 &
groups+=($!)
t0=$(now_ns)
until grep -q '^queued' "$work/sqs.log"; do
  kill -0 "${groups[0]}" 2>/dev/null || die "SqsLoad exited: $(tail -5 "$work/sqs.log")"
  [ $(( ($(now_ns) - t0) / 1000000000 )) -ge 300 ] && die "queueing took over 300 s"
  sleep 0.2
done
log "$(grep '^queued' "$work/sqs.log")"

mkdir -p "$work/data"
log "hub: starting ($CONSUMERS consumer(s), data dir $work/data)"
AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench setsid "$HUB_HOME/bin/mimamori" run \
  --config "$here/config" --routes "$here/routes" --data-dir "$work/data" \
  --set mimamori.cloudwatch.endpoint=http://127.0.0.1:$SQS_PORT --set mimamori.cloudwatch.queue=bench-alarms \
  --set mimamori.cloudwatch.consumers=$CONSUMERS \
  --set camel.management.port=$MGMT_PORT --set camel.server.port=$API_PORT > "$work/hub.log" 2>&1 &
hub=$!; groups+=($hub)
t0=$(now_ns)
until curl -s -m 1 "http://127.0.0.1:$MGMT_PORT/observe/health" 2>/dev/null | grep -q '"UP"'; do
  kill -0 $hub 2>/dev/null || die "hub exited: $(tail -15 "$work/hub.log")"
  [ $(( ($(now_ns) - t0) / 1000000000 )) -ge 60 ] && die "hub not UP within 60 s: $(tail -15 "$work/hub.log")"
  sleep 0.05
done
start=$(now_ns)
at_up=$(cat "$work/data/alerts.jsonl" 2>/dev/null | wc -l)
log "hub UP after $(echo "scale=2; ($start - $t0) / 1000000000" | bc) s ($at_up alerts already written); counting lines of alerts.jsonl"
lines=0
while :; do
  lines=$(cat "$work/data/alerts.jsonl" 2>/dev/null | wc -l)
  [ "$lines" -ge "$N" ] && break
  [ $(( ($(now_ns) - start) / 1000000000 )) -ge "$TIMEOUT" ] && break
  sleep 0.05
done
secs=$(echo "scale=3; ($(now_ns) - $start) / 1000000000" | bc)
metrics=$(curl -s -m 5 "http://127.0.0.1:$MGMT_PORT/observe/metrics")
recv=$(echo "$metrics" | awk '$1 ~ /^mimamori_received_total\{/ && /cloudwatch/ { s += $NF } END { printf "%d", s }')
cpu=$(awk -v t="$(getconf CLK_TCK)" '{sub(/.*\) /, ""); printf "%.2f", ($12 + $13) / t}' /proc/$hub/stat 2>/dev/null)
distinct=$(grep -o '"dedupKey":"[^"]*"' "$work/data/alerts.jsonl" | sort -u | wc -l)
rate=$(echo "scale=0; ($lines - $at_up) / $secs" | bc)
echo
echo "## cloudwatch-sqs bench $(date -u +%Y-%m-%dT%H:%MZ) on $(hostname), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| alarms queued | consumers | lines in alerts.jsonl | written before UP | distinct dedup keys | secs (UP to last line) | alarms/s | received_total | hub CPU s |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
echo "| $N | $CONSUMERS | $lines | $at_up | $distinct | $secs | $rate | $recv | $cpu |"
[ "$lines" -lt "$N" ] && { log "only $lines of $N alerts within ${TIMEOUT}s; hub log: $work/hub.log"; exit 1; }
exit 0
