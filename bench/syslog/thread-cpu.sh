#!/usr/bin/env bash
# thread-cpu.sh sample PID        — prints "EPOCH TID NAME CPU_TICKS" for every thread of PID once a
#                                   second until PID exits (PROFILE=1 bench/syslog/run.sh runs it)
# thread-cpu.sh report FILE [TOP] — CPU seconds per thread name between the first and the last
#                                   sample (digits in names folded to N), and the share of one core
# Reads /proc/PID/task/*/stat directly: 'top -H' shows the process total on the main thread's
# line with some procps versions, which reads as one busy thread that does not exist.
set -euo pipefail
case "${1:-}" in
  sample)
    pid=${2:?usage: thread-cpu.sh sample PID}
    while [ -d /proc/$pid ]; do
      now=$(date +%s.%N)
      for t in /proc/$pid/task/*; do
        tid=${t##*/}
        name=$(tr ' ' _ < "$t/comm" 2>/dev/null) || continue
        ticks=$(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}') || continue
        echo "$now $tid $name $ticks"
      done
      sleep 1
    done ;;
  report)
    f=${2:?usage: thread-cpu.sh report FILE [TOP]}
    awk -v top="${3:-15}" -v hz="$(getconf CLK_TCK)" '
      { if (!($2 in first)) { first[$2] = $4; t0[$2] = $1 } last[$2] = $4; name[$2] = $3
        if (start == "" || $1 < start) start = $1; if ($1 > end) end = $1 }
      END {
        for (t in last) { n = name[t]; gsub(/[0-9]+/, "N", n); cpu[n] += (last[t] - first[t]) / hz; total += (last[t] - first[t]) / hz }
        win = end - start
        printf "window %.1f s, hub CPU %.1f s = %.0f%% of one core\n", win, total, (win > 0 ? 100 * total / win : 0)
        k = 0; for (n in cpu) keys[++k] = n
        for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (cpu[keys[j]] > cpu[keys[i]]) { x = keys[i]; keys[i] = keys[j]; keys[j] = x }
        for (i = 1; i <= k && i <= top; i++) if (cpu[keys[i]] > 0)
          printf "  %6.2f s  %5.1f%% of hub CPU  %s\n", cpu[keys[i]], (total > 0 ? 100 * cpu[keys[i]] / total : 0), keys[i] }' "$f" ;;
  *) echo "usage: thread-cpu.sh sample PID | report FILE [TOP]" >&2; exit 2 ;;
esac
