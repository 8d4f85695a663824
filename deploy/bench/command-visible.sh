#!/usr/bin/env bash
# Command -> visible: from sending a command to seeing its operation in the query service's status, at 20 commands/s
# over 200 instances, with Kafka, the MongoDB-wire server and the three services each in a process of its own.
# Options as -D system properties, e.g.:
#   ./deploy/bench/command-visible.sh -Dbench.seconds=300 -Dbench.queryEnv=SSLPLANE_QUERY_MAX_POLL_RECORDS=100
# (see CommandVisibleStackBenchmark's Javadoc for all of them). SSLPLANE_SKIP_BUILD=true runs the last build.
# Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${SSLPLANE_SKIP_BUILD:-false}" != "true" ]; then
  # the reactor, not install: the services' jars and this module's test classes, resolved from this tree
  ./mvnw -q -B -DskipTests package -pl deploy/local-stack -am
fi
cp="deploy/local-stack/target/test-classes:deploy/local-stack/target/classes:$(cat deploy/local-stack/target/classpath.txt)"
exec java -Xmx512m -Dbench.root="$PWD" "$@" -cp "$cp" dev.sslplane.localstack.CommandVisibleStackBenchmark
