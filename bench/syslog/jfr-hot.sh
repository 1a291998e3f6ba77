#!/usr/bin/env bash
# jfr-hot.sh FILE.jfr [TOP] — where a recording's CPU samples are (JDK 17 has no 'jfr view').
# Prints, from jdk.ExecutionSample (threads running Java code):
#   samples per thread; hottest methods by self samples (top frame); hottest methods by
#   inclusive samples (anywhere on the stack, once per sample);
# and from jdk.NativeMethodSample (threads inside native code: socket reads, fsync, epoll):
#   samples per thread and top native frame.
# Record with: PROFILE=1 bench/syslog/run.sh  (or jcmd PID JFR.start settings=profile ...)
set -euo pipefail
f=${1:?usage: jfr-hot.sh FILE.jfr [TOP]}
top=${2:-25}
command -v jfr >/dev/null || { echo "jfr-hot.sh: the JDK's jfr tool is not on PATH" >&2; exit 1; }

summarise() {  # EVENT
  jfr print --stack-depth 64 --events "$1" "$f" | awk -v top="$top" -v ev="$1" '
    function flush() {
      if (!insample) return
      n++; th[thread]++
      if (first != "") self[first]++
      for (m in seen) incl[m]++
      delete seen; first = ""; insample = 0
    }
    function report(title, arr, limit,   k, i, j, t, keys, cnt) {
      printf "\n%s\n", title
      cnt = 0; for (k in arr) keys[++cnt] = k
      for (i = 1; i <= cnt; i++) for (j = i + 1; j <= cnt; j++)
        if (arr[keys[j]] > arr[keys[i]]) { t = keys[i]; keys[i] = keys[j]; keys[j] = t }
      for (i = 1; i <= cnt && i <= limit; i++) printf "  %6d  %5.1f%%  %s\n", arr[keys[i]], 100 * arr[keys[i]] / n, keys[i]
    }
    /^jdk\./ { flush(); insample = 1; instack = 0; next }
    /sampledThread = / { t = $0; sub(/.*sampledThread = "/, "", t); sub(/" \(.*/, "", t); sub(/".*/, "", t)
                         gsub(/[0-9]+/, "N", t); thread = t; next }
    /stackTrace = \[/ { instack = 1; next }
    instack && /^[ \t]*\]/ { instack = 0; next }
    instack { m = $0; sub(/^[ \t]+/, "", m); sub(/ line: [0-9]+.*/, "", m); sub(/\(.*/, "", m)
              if (m == "...") next
              if (first == "") first = m
              seen[m] = 1 }
    END { flush()
      printf "== %s: %d samples\n", ev, n
      if (n == 0) exit
      report("threads (digits folded to N):", th, 20)
      report("self (top frame):", self, top)
      report("inclusive (on the stack):", incl, top) }'
}
summarise jdk.ExecutionSample
echo
summarise jdk.NativeMethodSample
