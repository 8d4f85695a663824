#!/usr/bin/env bash
# Starts the whole system on this machine (no installed servers needed), or runs the demo against it.
#   ./deploy/run-local.sh          build if needed, then start Kafka, MongoDB, the fleet and the three services, and
#                                  keep them running: a child that exits is restarted (back-off 1 s, 2 s, 4 s… 30 s);
#                                  five failures of one child within a minute stop the whole stack with exit code 1
#   ./deploy/run-local.sh status   (in a second terminal) each child's state, pid, uptime, restarts and log file;
#                                  exit code 0 if the stack runs, 1 if its launcher is gone, 3 if never started here
#   ./deploy/run-local.sh demo     (in a second terminal) walk through enable → download CA → TLS → rotate → disable
#   ./deploy/run-local.sh tokens [dir]   one API token per role in dir (default <data dir>/secrets), e.g. for compose
# Settings (environment): SSLPLANE_DATA_DIR (default ./data/local-stack), SSLPLANE_*_PORT, SSLPLANE_SKIP_BUILD=true,
# SSLPLANE_COMMAND_REPLICAS and SSLPLANE_WORKER_REPLICAS (default 1; replica i on the base port + 10 × (i − 1)).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [ "${1:-start}" = "start" ] && [ "${SSLPLANE_SKIP_BUILD:-false}" != "true" ]; then
  echo "Building (./mvnw -q -B -DskipTests install; the first build downloads dependencies, allow a few minutes)…"
  ./mvnw -q -B -DskipTests install
fi
if [ ! -f deploy/local-stack/target/classpath.txt ]; then
  echo "The project is not built yet. Run: ./mvnw -DskipTests install" >&2
  exit 1
fi
cp="deploy/local-stack/target/classes:$(cat deploy/local-stack/target/classpath.txt)"
export SSLPLANE_ROOT="$root"
exec java -Xmx256m -cp "$cp" dev.sslplane.localstack.LocalStack "$@"
