#!/usr/bin/env bash
# Hot methods of a JFR recording: how often each method was the top frame of an execution sample,
# then how often each of our own methods was anywhere on the sampled stack (inclusive).
set -euo pipefail
f=$1
echo "-- top frames (self time)"
jfr print --events jdk.ExecutionSample "$f" \
  | awk '/stackTrace = \[/{getline; sub(/^[ \t]+/,""); sub(/[ \t]+line:.*/,""); print}' \
  | sort | uniq -c | sort -rn | head -25
echo "-- our methods anywhere on the stack (inclusive)"
jfr print --events jdk.ExecutionSample "$f" \
  | awk '/stackTrace = \[/{delete seen; n++} /dev\.geminilive\.mock\./{l=$0; sub(/^[ \t]+/,"",l); sub(/[ \t]+line:.*/,"",l); if(!(l in seen)){seen[l]=1; print l}} END{}' \
  | sort | uniq -c | sort -rn | head -25
echo "-- samples: $(jfr print --events jdk.ExecutionSample "$f" | grep -c 'jdk.ExecutionSample')"
