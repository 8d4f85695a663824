#!/usr/bin/env bash
# What the documented TLS procedure costs on the local fleet, per engine (restarts per node, total and unreachable
# time, failed client connections through Enable, Rotate and Disable). Options as -D system properties, e.g.:
#   ./deploy/bench/procedure.sh -Dbench.engines=4.2
# (see ProcedureBenchmark's Javadoc). Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -DskipTests install
exec ./mvnw -q -B -f deploy/local-stack/pom.xml test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.sslplane.localstack.ProcedureBenchmark -Dbench.root="$PWD" "$@"
