// Whether SSL can be enabled for an instance, by the command service's rule (EligibilityPolicy): replica sets on a
// supported engine version. The page says why instead of offering a switch the service would refuse.

/**
 * The engine versions the command service supports, when the console configuration does not name them: the
 * command service's default (sslplane.eligibility.supported-engine-versions). A refusal by the service
 * (INSTANCE_NOT_ELIGIBLE) is still shown next to the switch if an installation narrows the list.
 */
const DEFAULT_SUPPORTED_VERSIONS = ['3.4', '4.0', '4.2'];

/** The reason SSL cannot be enabled, or null when it can. */
export function eligibility(status, config) {
  if (status.topology && status.topology !== 'REPLICA_SET') {
    return `SSL can be managed only for replica sets; this instance is ${describeTopology(status.topology)}.`;
  }
  const supported = Array.isArray(config?.supportedEngineVersions) && config.supportedEngineVersions.length
    ? config.supportedEngineVersions.map(String) : DEFAULT_SUPPORTED_VERSIONS;
  if (status.engineVersion && !supported.includes(status.engineVersion)) {
    return `Engine version ${status.engineVersion} is not supported; supported versions are `
      + `${[...supported].sort().join(', ')}.`;
  }
  return null;
}

function describeTopology(topology) {
  return topology === 'SHARDED' ? 'a sharded cluster' : topology.toLowerCase().replaceAll('_', ' ');
}
