#!/usr/bin/env bash
# Lifecycle benchmarks.
#   tenant lookup: lookups/s through TenantDirectory (500 tenants, 10,000 IPv4/IPv6 prefixes)
#   against a linear scan over the same prefixes, and the directory's retained heap;
#   dedup: occurrences/s through the outbox commit with the lifecycle, new conditions vs repeats
#   over 1,000,000 active fingerprints, heap and RSS (DedupBench.java).
#
#   bench/lifecycle/run.sh [TENANTS PREFIXES ROUNDS]      defaults: 500 10000 5
#   BENCH=dedup bench/lifecycle/run.sh [FINGERPRINTS FSYNC]   defaults: 1000000 true
#
# Compiles mimamori-core into core/target-bench (offline, nothing installed) and runs
# TenantLookupBench.java as a single-file program. JOL (org.openjdk.jol:jol-core:0.17) is added
# when the local Maven repository (M2_REPO, default ~/.m2/repository) has it, for a second
# heap figure. JAVA_OPTS are passed to java (default: -Xms1g -Xmx1g, so heap growth does not
# disturb the timing).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
repo=$(cd "$here/../.." && pwd -P)
build=target-bench
work=$(mktemp -d /tmp/mimamori-tenant-bench.XXXX)
trap 'rm -rf "$work"' EXIT

cd "$repo"
if ! nice -n 10 mvn -B -q -o -DbuildDir=$build -pl core compile dependency:build-classpath \
     -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=runtime > "$work/mvn.log" 2>&1; then
  cat "$work/mvn.log"
  exit 1
fi
cp="$repo/core/$build/classes:$(cat "$work/cp.txt")"
jol=${M2_REPO:-$HOME/.m2/repository}/org/openjdk/jol/jol-core/0.17/jol-core-0.17.jar
if [ -f "$jol" ]; then
  cp="$cp:$jol"
else
  echo "(jol-core 0.17 not in the local Maven repository: heap from MemoryMXBean only)"
fi
if [ "${BENCH:-tenants}" = dedup ]; then
  # a heap like the hub's own (bin/mimamori runs with 128 MiB): the condition cache must fit it
  exec nice -n 10 java ${JAVA_OPTS:--Xmx256m} -cp "$cp" "$here/DedupBench.java" "$@"
fi
# On JDK 17 JOL may attach its agent to this JVM to read field offsets; allow it.
nice -n 10 java ${JAVA_OPTS:--Xms1g -Xmx1g} -Djdk.attach.allowAttachSelf=true -Djol.magicFieldOffset=true \
  -cp "$cp" "$here/TenantLookupBench.java" "$@"
