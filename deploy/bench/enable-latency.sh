#!/usr/bin/env bash
# Enable latency against the deployed shape: command-service jar, Kafka and the MongoDB-wire server each in a JVM
# of its own, the client outside. Options as -D system properties, e.g.:
#   ./deploy/bench/enable-latency.sh -Dbench.algorithms=RSA_2048 -Dbench.requests=300
# (see EnableLatencyStackBenchmark's Javadoc for all of them). Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -DskipTests install
exec ./mvnw -q -B -f deploy/local-stack/pom.xml test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.sslplane.localstack.EnableLatencyStackBenchmark "$@"
