package dev.sslplane.contracts.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the {@code percona} operator finds an instance: a {@code PerconaServerMongoDB} custom resource (Percona
 * Operator for MongoDB) in a Kubernetes namespace. Credentials are never part of a registration:
 * {@code kubeconfigFile} names a file on the worker, and without one the worker uses its in-cluster service account.
 *
 * <p>The Percona operator mounts one certificate into every member (secrets {@code <name>-ssl} and
 * {@code <name>-ssl-internal}), so that certificate must be valid for every member: each node must be registered
 * with every member's host among its names ({@link NodeSpec#subjectAltNames()}), which
 * {@link #violations(List)} checks.
 *
 * @param namespace      the namespace of the custom resource and its secrets (a DNS-1123 label)
 * @param name           the {@code PerconaServerMongoDB} name (a DNS-1123 label)
 * @param replset        the replica set in {@code spec.replsets[].name} and {@code status.replsets} (default
 *                       {@value #DEFAULT_REPLSET})
 * @param kubeconfigFile absolute path, on the worker, of a kubeconfig file; absent = the in-cluster service account
 */
public record PerconaTarget(String namespace, String name, String replset, String kubeconfigFile) {

    public static final String DEFAULT_REPLSET = "rs0";

    /** A DNS-1123 label, as Kubernetes requires of namespaces and of these names. */
    static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    /** The replica set's name, default applied. */
    public String replsetName() {
        return Objects.requireNonNullElse(replset, DEFAULT_REPLSET);
    }

    /** The secret with the certificate clients see. */
    public String sslSecret() {
        return name + "-ssl";
    }

    /** The secret with the certificate members present to each other. */
    public String sslInternalSecret() {
        return name + "-ssl-internal";
    }

    /**
     * The names the one certificate of the cluster carries: those every node is registered with, in the first
     * node's order. The command service signs a node's CSR only for names registered for that node, so these are
     * the only names a certificate for every member can have.
     */
    public static List<String> sharedNames(List<NodeSpec> nodes) {
        if (nodes.isEmpty()) {
            return List.of();
        }
        var shared = new LinkedHashSet<String>(lower(nodes.get(0).subjectAltNames()));
        for (NodeSpec node : nodes) {
            shared.retainAll(lower(node.subjectAltNames()));
        }
        return List.copyOf(shared);
    }

    private static Set<String> lower(List<String> names) {
        var all = new LinkedHashSet<String>();
        names.forEach(n -> all.add(n.toLowerCase()));
        return all;
    }

    List<String> violations(List<NodeSpec> nodes) {
        var violations = new ArrayList<String>();
        String at = "operator.percona.";
        requireLabel(violations, at + "namespace", namespace, true);
        requireLabel(violations, at + "name", name, true);
        requireLabel(violations, at + "replset", replset, false);
        if (kubeconfigFile != null && (kubeconfigFile.isBlank() || !SystemdTarget.PATH.matcher(kubeconfigFile)
                .matches() || kubeconfigFile.contains("/../") || kubeconfigFile.endsWith("/.."))) {
            violations.add(at + "kubeconfigFile must be an absolute path of letters, digits and ._/+-");
        }
        List<NodeSpec> known = nodes.stream().filter(Objects::nonNull).filter(n -> n.host() != null).toList();
        if (known.size() == nodes.size() && !known.isEmpty()) {
            Set<String> shared = Set.copyOf(sharedNames(known));
            for (NodeSpec node : known) {
                if (!shared.contains(node.host().toLowerCase())) {
                    violations.add(at.substring(0, at.length() - 1) + ": the cluster has one certificate for every"
                            + " member, so every node must list host '" + node.host() + "' (of node "
                            + node.name() + ") among its names (host or altNames)");
                }
            }
        }
        return violations;
    }

    private static void requireLabel(List<String> violations, String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                violations.add(field + " is missing");
            }
        } else if (!DNS_1123_LABEL.matcher(value).matches()) {
            violations.add(field + " must be a DNS-1123 label (lower-case letters, digits and '-', at most 63)");
        }
    }
}
