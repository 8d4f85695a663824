package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.event.NodeTlsStatesObservedEvent;
import dev.sslplane.contracts.event.OperationAbortedEvent;
import dev.sslplane.contracts.model.NodeTlsState;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The operation aborted last, as long as no other operation started since: the worker's read-back of its nodes
 * ({@code RecordNodeStatesObserved}) replaces the states the abort computed. Mutated only by the aggregate's
 * event-sourcing handlers.
 */
final class LastAbort {

    final String operationId;
    /** Each node as recorded: computed by the abort, then as read back. */
    private final Map<String, NodeTlsState> nodes = new LinkedHashMap<>();
    /** Nodes read back at least once: a later read that fails does not undo what was seen. */
    private final Set<String> observed = new HashSet<>();
    private Map<String, String> unread = Map.of();

    LastAbort(OperationAbortedEvent event) {
        this.operationId = event.operationId();
        event.nodes().forEach(state -> nodes.put(state.node(), state));
    }

    /** The nodes after a read-back: each node read gets its observed state (settled), the others keep theirs. */
    List<NodeTlsState> merge(List<NodeTlsState> read) {
        var merged = new LinkedHashMap<>(nodes);
        for (NodeTlsState state : read) {
            if (merged.containsKey(state.node())) {
                merged.put(state.node(), new NodeTlsState(state.node(), state.mode(), state.trustedCaSerials(),
                        state.certificateCaSerial(), true));
            }
        }
        return List.copyOf(merged.values());
    }

    /**
     * The nodes of the operation that stay unread after a read-back, with the reason reported: every node neither
     * read now nor read before (so every node is either observed or named here).
     */
    Map<String, String> unread(Map<String, String> reported, List<NodeTlsState> read) {
        Set<String> readNow = new HashSet<>();
        read.forEach(state -> readNow.add(state.node()));
        var left = new TreeMap<String, String>();
        for (String node : nodes.keySet()) {
            if (!observed.contains(node) && !readNow.contains(node)) {
                left.put(node, reported.getOrDefault(node, "not in the read-back"));
            }
        }
        return left;
    }

    /**
     * Whether a read-back says nothing new: no node read for the first time (a first read that confirms the computed
     * state is still recorded: it is then observed, not computed), the same states (a CA file is a set) and the same
     * nodes unread.
     */
    boolean unchangedBy(List<NodeTlsState> read, List<NodeTlsState> merged, Map<String, String> unreadNow) {
        boolean firstRead = read.stream()
                .anyMatch(state -> nodes.containsKey(state.node()) && !observed.contains(state.node()));
        if (firstRead || !unreadNow.keySet().equals(unread.keySet())) {
            return false;
        }
        return merged.stream().allMatch(state -> NodeStates.same(state, nodes.get(state.node()))
                && state.settled() == nodes.get(state.node()).settled());
    }

    void recorded(NodeTlsStatesObservedEvent event) {
        event.nodes().forEach(state -> nodes.put(state.node(), state));
        event.nodes().stream().map(NodeTlsState::node).filter(node -> !event.unreadNodes().containsKey(node))
                .forEach(observed::add);
        unread = event.unreadNodes();
    }
}
