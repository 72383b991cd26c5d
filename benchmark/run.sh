#!/usr/bin/env bash
# Reproduces docs/benchmarks.md. Not part of `mvn verify`.
#
#   benchmark/run.sh compare   # ours, floor and aimock side by side, A B C A B C (default)
#   benchmark/run.sh capacity  # largest number of real-time audio sessions ours keeps up with
#   benchmark/run.sh coldstart # java -jar to listening, 10 starts
#   benchmark/run.sh soak      # 1,000 audio sessions for 9.5 minutes (SOAK_SECONDS; inside the 2.5 connection lifetime): RSS slope, lost journal entries
#   benchmark/run.sh profile   # ours under the turns and audio workloads with a JFR recording
#   benchmark/run.sh timing    # the persona's first-audio and chunk-cadence distributions in
#                              # realistic timing, per family, next to the profile's figures
#   benchmark/run.sh overload  # ours at --max-sessions C streaming audio while C more try to join
#   benchmark/run.sh jmh       # JMH microbenchmarks of the codec and audio paths (JMH_ARGS)
#
# Servers run on CPU $SERVER_CPU and the generator on CPU $GEN_CPU (taskset), one server at a time.
# Knobs (environment): ROUNDS, COMPARE_WORKLOADS, SETUP_SECONDS, TURN_SESSIONS, TURNS, AUDIO_SESSIONS, AUDIO_SECONDS,
# CAPACITY_SESSIONS, TARGETS, CAPACITY_TARGETS, SOAK_SESSIONS, SOAK_SECONDS, OVERLOAD_CAPACITY,
# OVERLOAD_AFTER, SETUP_WARMUP, TURN_WARMUP, STREAM_WARMUP, JMH_ARGS, PERSONA_ARGS (extra `serve`
# options for ours), PORT/PORT_MAX,
# TIMING_TURNS, TIMING_CONCURRENCY, TIMING_SEED. Ours runs with --timing fast in every mode but
# timing (the load modes measure the server, not the service's latency) unless PERSONA_ARGS says
# otherwise. Results: benchmark/results/<time>-<mode>.jsonl, summarised as Markdown next to it.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=${1:-compare}
SERVER_CPU=${SERVER_CPU:-0}
GEN_CPU=${GEN_CPU:-1}
ROUNDS=${ROUNDS:-3}
SETUP_SECONDS=${SETUP_SECONDS:-10}
TURN_SESSIONS=${TURN_SESSIONS:-50}
TURNS=${TURNS:-600}
AUDIO_SESSIONS=${AUDIO_SESSIONS:-1000}
AUDIO_SECONDS=${AUDIO_SECONDS:-30}
# Unmeasured warm-up of each workload, so that the figures are the servers' steady state, not the
# JIT compiling their code in the first seconds (0 / 3 / the generator's default 50 turns measure cold).
SETUP_WARMUP=${SETUP_WARMUP:-15}
TURN_WARMUP=${TURN_WARMUP:-400}
STREAM_WARMUP=${STREAM_WARMUP:-15}
CAPACITY_SESSIONS=${CAPACITY_SESSIONS:-"250 500 1000 1500 2000"}
SOAK_SESSIONS=${SOAK_SESSIONS:-1000}
SOAK_SECONDS=${SOAK_SECONDS:-570}
TIMING_TURNS=${TIMING_TURNS:-30}
TIMING_CONCURRENCY=${TIMING_CONCURRENCY:-6}
TIMING_SEED=${TIMING_SEED:-17}
OURS_TIMING=fast
OVERLOAD_CAPACITY=${OVERLOAD_CAPACITY:-1000}
OVERLOAD_AFTER=${OVERLOAD_AFTER:-12}
PERSONA_ARGS=${PERSONA_ARGS:-}
OURS_ARGS=""
# Servers listen on PORT+1, PORT+2, ... up to PORT_MAX, then start again at PORT+1 (one server
# runs at a time), so a run stays inside a port range given to it.
PORT=${PORT:-19300}
PORT_FIRST=$PORT
PORT_MAX=${PORT_MAX:-$((PORT + 49))}
# The JVM options bin/gemini-live-mock uses; the floor gets the same. JAVA_OPTS_SERVER="" measures
# plain `java -jar` defaults instead.
JAVA_OPTS_SERVER=${JAVA_OPTS_SERVER--XX:+UseSerialGC -Xms64m -XX:NewSize=24m -XX:MaxNewSize=24m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -Dio.netty.leakDetection.level=disabled -XX:+IgnoreUnrecognizedVMOptions -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000}
# Which servers compare and capacity run (aimock has no real-time input: it adds nothing to audio).
TARGETS=${TARGETS:-ours floor aimock}
# Which workloads compare runs, in this order within a round (e.g. "turns" alone for more rounds of it).
COMPARE_WORKLOADS=${COMPARE_WORKLOADS:-setup turns audio}
CAPACITY_TARGETS=${CAPACITY_TARGETS:-ours floor}
PATH_Q="/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key=bench"

MOCK_JAR=mock-server/target/gemini-live-mock.jar
BENCH_JAR=benchmark/target/gemini-live-benchmark.jar
AIMOCK=benchmark/aimock/node_modules/@copilotkit/aimock/dist/cli.js
mkdir -p benchmark/results
OUT=benchmark/results/$(date -u +%Y%m%dT%H%M%SZ)-$MODE.jsonl
FIXTURE=benchmark/results/aimock-fixture.json

if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -q -Pbenchmark -DskipTests package -pl benchmark -am
  (cd benchmark/aimock && npm ci --no-audit --no-fund --loglevel=error)
fi
java -cp "$BENCH_JAR" dev.geminilive.bench.AimockFixture > "$FIXTURE"

SERVER_PID=
stop_server() {
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}
trap stop_server EXIT

# start_server TARGET [TIME_SCALE] [extra JVM options...]
start_server() {
  local target=$1 scale=${2:-0}
  shift 2 || true
  PORT=$((PORT + 1))
  if (( PORT > PORT_MAX )); then PORT=$((PORT_FIRST + 1)); fi
  case $target in
    ours)   local timing_args=(--timing "$OURS_TIMING" --timing-seed "$TIMING_SEED")
            if [[ " $PERSONA_ARGS " == *" --timing"* ]]; then timing_args=(); fi
            taskset -c "$SERVER_CPU" java $JAVA_OPTS_SERVER "$@" -jar "$MOCK_JAR" serve --port "$PORT" --time-scale "$scale" \
              "${timing_args[@]}" $PERSONA_ARGS $OURS_ARGS >/dev/null 2>&1 & ;;
    floor)  taskset -c "$SERVER_CPU" java $JAVA_OPTS_SERVER "$@" -cp "$BENCH_JAR" dev.geminilive.bench.FloorServer "$PORT" >/dev/null 2>&1 & ;;
    aimock) taskset -c "$SERVER_CPU" node "$AIMOCK" -p "$PORT" -f "$FIXTURE" --log-level silent >/dev/null 2>&1 & ;;
  esac
  SERVER_PID=$!
  for _ in $(seq 1 200); do
    if (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "$target did not start" >&2
  return 1
}

# gen TARGET WORKLOAD [generator options...]: one JSON line appended to $OUT
gen() {
  local target=$1 workload=$2
  shift 2
  taskset -c "$GEN_CPU" java -jar "$BENCH_JAR" --target "$target" --workload "$workload" \
    --server-pid "$SERVER_PID" --url "ws://127.0.0.1:$PORT$PATH_Q" "$@" | tee -a "$OUT"
}

case $MODE in
  compare)
    for round in $(seq 1 "$ROUNDS"); do
      if [[ " $COMPARE_WORKLOADS " == *" setup "* || " $COMPARE_WORKLOADS " == *" turns "* ]]; then
        for target in $TARGETS; do
          start_server "$target" 0
          if [[ " $COMPARE_WORKLOADS " == *" setup "* ]]; then
            gen "$target" setup --seconds "$SETUP_SECONDS" --workers 8 --warmup-seconds "$SETUP_WARMUP"
          fi
          if [[ " $COMPARE_WORKLOADS " == *" turns "* ]]; then
            gen "$target" turns --sessions "$TURN_SESSIONS" --turns "$TURNS" --warmup-turns "$TURN_WARMUP"
          fi
          stop_server
        done
      fi
      if [[ " $COMPARE_WORKLOADS " == *" audio "* ]]; then
        for target in $TARGETS; do
          start_server "$target" 1   # real-time pacing for the audio workload
          gen "$target" audio --sessions "$AUDIO_SESSIONS" --seconds "$AUDIO_SECONDS" --stream-warmup-seconds "$STREAM_WARMUP"
          stop_server
        done
      fi
    done
    ;;
  capacity)
    for c in $CAPACITY_SESSIONS; do
      for target in $CAPACITY_TARGETS; do
        start_server "$target" 1
        gen "$target" audio --sessions "$c" --seconds "$AUDIO_SECONDS" --stream-warmup-seconds "$STREAM_WARMUP"
        stop_server
      done
    done
    ;;
  coldstart)
    java -cp "$BENCH_JAR" dev.geminilive.bench.ColdStart "$MOCK_JAR" 10 | tee -a "$OUT"
    java -cp "$BENCH_JAR" dev.geminilive.bench.ColdStart "$MOCK_JAR" 10 "$SERVER_CPU" | tee -a "$OUT"
    ;;
  soak)
    start_server ours 1
    gen ours audio --sessions "$SOAK_SESSIONS" --seconds "$SOAK_SECONDS" --tag g --admin yes
    stop_server
    ;;
  overload)
    # Ours at its session limit, streaming audio in real time; OVERLOAD_AFTER seconds later as many
    # sessions again try to join. Expected: every newcomer refused with 1013 and a reason, and the
    # audio line's pacing like a plain audio run at the same C.
    OURS_ARGS="--max-sessions $OVERLOAD_CAPACITY"
    start_server ours 1
    gen ours audio --sessions "$OVERLOAD_CAPACITY" --seconds "$AUDIO_SECONDS" --stream-warmup-seconds "$STREAM_WARMUP" &
    AUDIO_GEN=$!
    sleep "$((OVERLOAD_AFTER + STREAM_WARMUP))"
    gen ours overflow --sessions "$OVERLOAD_CAPACITY"
    wait "$AUDIO_GEN"
    stop_server
    OURS_ARGS=""
    ;;
  jmh)
    java -cp "$BENCH_JAR" org.openjdk.jmh.Main ${JMH_ARGS:--f 1 -wi 3 -w 1s -i 5 -r 1s} -rf json -rff "${OUT%.jsonl}-jmh.json" | tee "${OUT%.jsonl}-jmh.txt"
    ;;
  profile)
    JFR=benchmark/results/$(date -u +%Y%m%dT%H%M%SZ)
    start_server ours 0 "-XX:StartFlightRecording=filename=$JFR-turns.jfr,settings=profile"
    gen ours setup --seconds "$SETUP_SECONDS" --workers 8
    gen ours turns --sessions "$TURN_SESSIONS" --turns "$TURNS"
    stop_server
    start_server ours 1 "-XX:StartFlightRecording=filename=$JFR-audio.jfr,settings=profile"
    gen ours audio --sessions "$AUDIO_SESSIONS" --seconds "$AUDIO_SECONDS"
    stop_server
    for f in "$JFR-turns.jfr" "$JFR-audio.jfr"; do
      echo "== hot methods (top frames of execution samples) in $f"
      benchmark/hot-methods.sh "$f" | head -60 || true
    done
    ;;
  timing)
    OURS_TIMING=realistic
    start_server ours 1
    MD=${OUT%.jsonl}.md
    {
      echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) CPUs: serve --timing realistic --timing-seed $TIMING_SEED,"
      echo "$TIMING_TURNS turns per row, $TIMING_CONCURRENCY sessions at once, loopback, one text turn or one"
      echo "empty clientContent per session (benchmark/run.sh timing)."
      echo
      taskset -c "$GEN_CPU" java -cp "$BENCH_JAR" dev.geminilive.bench.TimingProbe "ws://127.0.0.1:$PORT" \
        "$TIMING_TURNS" "$TIMING_CONCURRENCY"
    } | tee "$MD"
    stop_server
    echo "summary: $MD"
    exit 0
    ;;
  *) echo "unknown mode $MODE" >&2; exit 2 ;;
esac

if [[ -s "$OUT" && $MODE != coldstart && $MODE != jmh ]]; then
  java -cp "$BENCH_JAR" dev.geminilive.bench.Report "$OUT" > "${OUT%.jsonl}.md"
  echo "results: $OUT, summary: ${OUT%.jsonl}.md"
fi
