package dev.sslplane.commandservice.scheduling;

/** A scheduled operation whose window has opened, as the due list holds it. */
record DueOperation(String instanceId, String operationId) {
}
