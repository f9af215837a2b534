#!/usr/bin/env bash
# Renders docs/dashboard.png from a real scrape, without Grafana:
#   1. builds the app's test classes (offline) and their classpath;
#   2. starts Prometheus (Debian's package: on PATH, or `apt-get download`ed and unpacked into $WORK,
#      never installed as a service) with its own config and TSDB in $WORK, scraping the bot every 1 s;
#   3. runs dev.memebattle.discord.DashboardLoad: the bot with metrics.port set, the real JDA against the
#      fake Discord and the real Telegram client against the fake Bot API, LOAD_SECONDS of varying traffic;
#   4. dev.memebattle.monitoring.DashboardRenderer evaluates every panel's PromQL of
#      docs/grafana-dashboard.json through Prometheus' query_range API and draws them (Java2D);
#   5. stops Prometheus and the load (also on failure or Ctrl-C) and removes the TSDB (KEEP_TSDB=1 keeps it
#      and the time range, for `render.sh --render-only`: Prometheus on that TSDB again, only step 4).
# Run from anywhere; needs ../shared/data (template images) and models/caption-model.zip next to the repo.
#   docs/dashboard/render.sh            # ~4 minutes
#   LOAD_SECONDS=90 docs/dashboard/render.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
WORK=${DASHBOARD_WORK:-/tmp/memebattle-dashboard}
METRICS_PORT=${METRICS_PORT:-19464}
PROM_PORT=${PROM_PORT:-19090}
LOAD_SECONDS=${LOAD_SECONDS:-180}
SHARED=${MEMEBATTLE_SHARED_DATA:-../shared/data}
OUT=${OUT:-docs/dashboard.png}

mkdir -p "$WORK"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [ "${KEEP_TSDB:-0}" != 1 ]; then
        rm -rf "$WORK/tsdb" "$WORK/range"
    fi
}
trap cleanup EXIT INT TERM

for port in "$METRICS_PORT" "$PROM_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "port $port is in use: set METRICS_PORT / PROM_PORT" >&2
        exit 1
    fi
done

if command -v prometheus >/dev/null; then
    PROMETHEUS=$(command -v prometheus)
else
    PROMETHEUS=$WORK/prometheus/usr/bin/prometheus
    if [ ! -x "$PROMETHEUS" ]; then
        echo "== Debian's prometheus package, unpacked into $WORK (not installed)"
        (cd "$WORK" && rm -f prometheus_*.deb && apt-get download prometheus && dpkg-deb -x prometheus_*.deb prometheus)
    fi
fi
"$PROMETHEUS" --version 2>&1 | head -1

echo "== build (offline): app test classes and classpath"
mvn -o -q -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
CP=app/target/classes:app/target/test-classes:$(cat app/target/cp.txt)

cat > "$WORK/prometheus.yml" <<YML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 15s
scrape_configs:
  - job_name: memebattle
    metrics_path: /metrics
    static_configs:
      - targets: ['127.0.0.1:$METRICS_PORT']
YML
if [ "${1:-}" = --render-only ]; then
    [ -f "$WORK/range" ] || { echo "no kept scrape in $WORK (run with KEEP_TSDB=1 first)" >&2; exit 1; }
    KEEP_TSDB=1
    read -r START END < "$WORK/range"
else
    rm -rf "$WORK/tsdb" "$WORK/range"
fi
"$PROMETHEUS" --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
    --web.listen-address="127.0.0.1:$PROM_PORT" --storage.tsdb.retention.time=1d >"$WORK/prometheus.log" 2>&1 &
PIDS+=($!)

if [ "${1:-}" != --render-only ]; then
    echo "== load: $LOAD_SECONDS s (log: $WORK/load.log)"
    java -cp "$CP" -Dmemebattle.shared.data="$SHARED" -Djava.awt.headless=true -DMEMEBATTLE_LOG_LEVEL=WARN \
        dev.memebattle.discord.DashboardLoad "$METRICS_PORT" "$LOAD_SECONDS" >"$WORK/load.log" 2>&1 &
    LOAD=$!
    PIDS+=($LOAD)
    for _ in $(seq 1 240); do
        grep -q "s of traffic" "$WORK/load.log" && break
        kill -0 "$LOAD" 2>/dev/null || { cat "$WORK/load.log" >&2; exit 1; }
        sleep 0.5
    done
    grep -q "s of traffic" "$WORK/load.log" || { echo "the bot did not get ready in 2 minutes" >&2; exit 1; }
    START=$(date +%s)
    grep "dashboard load:" "$WORK/load.log"
    wait "$LOAD" || { tail -20 "$WORK/load.log" >&2; exit 1; }
    END=$((START + LOAD_SECONDS))
    grep "dashboard load:" "$WORK/load.log" | tail -n +2
    echo "$START $END" > "$WORK/range"
else
    for _ in $(seq 1 60); do
        curl -sf "http://127.0.0.1:$PROM_PORT/-/ready" >/dev/null && break
        sleep 0.5
    done
fi

echo "== render $OUT"
java -cp "$CP" -Djava.awt.headless=true dev.memebattle.monitoring.DashboardRenderer docs/grafana-dashboard.json \
    "http://127.0.0.1:$PROM_PORT" "$START" "$END" "$OUT" 2 15s "127.0.0.1:$METRICS_PORT"
