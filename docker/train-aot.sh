#!/bin/sh
# Trains the JDK 25 AOT cache (JEP 483/514/515) of the packaged service: one start with -XX:AOTCacheOutput, requests
# along the common paths, then a clean stop, at which the JVM writes the cache (classes loaded and linked, method
# profiles). A later start with -XX:AOTCache uses it; a cache that does not match the JDK build, the class path or the
# jars is ignored with a warning, and the service starts as without it.
#
# Runs without Docker (docker/Dockerfile.jvm-aot runs it in its training stage):
#   mvn -B -q package -DskipTests
#   JAVA=/path/to/jdk-25/bin/java DB_URL=jdbc:postgresql://127.0.0.1:5432/xborder sh docker/train-aot.sh
#   /path/to/jdk-25/bin/java -XX:AOTCache=target/quarkus-app/app.aot -jar target/quarkus-app/quarkus-run.jar
#
# Arguments: [APP_DIR (default target/quarkus-app)] [CACHE (default APP_DIR/app.aot)]
# Environment: JAVA (java of a JDK 25 or newer; default java), DB_URL, DB_USER, DB_PASSWORD (a PostgreSQL server the
# service may migrate; required), JAVA_OPTS (JVM options: give the runtime the same), PORT (default 18080),
# XBORDER_API_KEY (a key for the authenticated requests; without it the training start's own bootstrap key is used
# when XBORDER_BOOTSTRAP_ADMIN_KEY is set, else only the open endpoints are called).
# The application's jars must not change after training: rebuild, retrain.
set -eu

APP_DIR=${1:-target/quarkus-app}
CACHE=${2:-$APP_DIR/app.aot}
JAVA=${JAVA:-java}
PORT=${PORT:-18080}
JAVA_OPTS=${JAVA_OPTS:-}
KEY=${XBORDER_API_KEY:-${XBORDER_BOOTSTRAP_ADMIN_KEY:-}}
BASE="http://127.0.0.1:$PORT"

die() { echo "train-aot: $*" >&2; exit 1; }
[ -f "$APP_DIR/quarkus-run.jar" ] || die "no $APP_DIR/quarkus-run.jar: build it first (mvn -B -q package -DskipTests)"
[ -n "${DB_URL:-}" ] || die "set DB_URL to a PostgreSQL server the service may migrate"
"$JAVA" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput ' \
  || die "$JAVA has no -XX:AOTCacheOutput: a JDK 25 or newer is needed (set JAVA)"
command -v curl >/dev/null || die "curl is needed"

rm -f "$CACHE"
LOG=${TMPDIR:-/tmp}/xborder-train-aot.$$.log
echo "train-aot: starting $APP_DIR/quarkus-run.jar on $("$JAVA" -version 2>&1 | head -1) (log: $LOG)"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 XBORDER_DEMO=false \
  "$JAVA" $JAVA_OPTS -XX:AOTCacheOutput="$CACHE" -jar "$APP_DIR/quarkus-run.jar" >"$LOG" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true' INT TERM

i=0
until curl -fs -o /dev/null "$BASE/q/health/ready"; do
  kill -0 "$PID" 2>/dev/null || { tail -20 "$LOG" >&2; die "the service exited"; }
  i=$((i + 1)); [ "$i" -lt 3000 ] || { kill "$PID"; die "not ready after 300 s"; }
  sleep 0.1
done
echo "train-aot: ready; walking the common paths"

call() { curl -fsS -o /dev/null "$@" || echo "train-aot: $* failed (training goes on)" >&2; }
# the open endpoints, several times each so that their methods get profiles
for _ in 1 2 3 4 5; do
  call "$BASE/q/health/ready"
  call "$BASE/q/health/live"
  call "$BASE/q/openapi"
  call "$BASE/q/metrics"
  call "$BASE/"
done
if [ -n "$KEY" ]; then
  for _ in 1 2 3 4 5; do
    call -H "X-API-Key: $KEY" "$BASE/api/v1/taxonomy"
    call -H "X-API-Key: $KEY" "$BASE/api/v1/findings?size=20"
    call -H "X-API-Key: $KEY" "$BASE/api/v1/findings?jurisdiction=CN&size=20"
    call -H "X-API-Key: $KEY" "$BASE/api/v1/documents?size=20"
    call -H "X-API-Key: $KEY" -H 'Content-Type: application/json' "$BASE/api/v1/classify" \
      -d '{"text": "Personal information collected in China shall be stored within the territory. Transfers abroad require a security assessment.", "language": "en"}'
    call -H "X-API-Key: $KEY" -H 'Content-Type: application/json' "$BASE/api/v1/classify?explain=true" \
      -d '{"text": "关键信息基础设施的运营者在境内运营中收集和产生的个人信息和重要数据应当在境内存储。", "jurisdiction": "CN"}'
  done
else
  echo "train-aot: no XBORDER_API_KEY: only the open endpoints were called" >&2
fi

echo "train-aot: stopping; the JVM writes the cache"
kill -TERM "$PID"
wait "$PID" || true
[ -s "$CACHE" ] || { tail -20 "$LOG" >&2; die "no cache written to $CACHE"; }
echo "train-aot: $CACHE ($(du -h "$CACHE" | cut -f1)); start with: $JAVA $JAVA_OPTS -XX:AOTCache=$CACHE -jar $APP_DIR/quarkus-run.jar"
rm -f "$LOG"
