package dev.sslplane.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The loopback ports the stack is about to listen on, checked before anything starts: a port in use, or one given
 * to two parts, is reported with the variable that moves it, instead of a child failing later with a bind error in
 * its log.
 */
final class Ports {

    /** A port, what listens on it, and the variable that moves it. */
    record Use(int port, String what, String variable) {
    }

    static List<Use> of(StackSettings s) {
        List<Use> uses = new ArrayList<>();
        uses.add(new Use(s.kafkaPort(), "Kafka", "SSLPLANE_KAFKA_PORT"));
        uses.add(new Use(s.kafkaControllerPort(), "Kafka controller", "SSLPLANE_KAFKA_CONTROLLER_PORT"));
        uses.add(new Use(s.mongoPort(), "MongoDB", "SSLPLANE_MONGO_PORT"));
        uses.add(new Use(s.fleetPort(), "local fleet", "SSLPLANE_FLEET_PORT"));
        addReplicas(uses, "command-service", s.commandPort(), s.commandReplicas(), "SSLPLANE_COMMAND_PORT");
        uses.add(new Use(s.queryPort(), "query-service", "SSLPLANE_QUERY_PORT"));
        addReplicas(uses, "restart-worker", s.workerPort(), s.workerReplicas(), "SSLPLANE_WORKER_PORT");
        return uses;
    }

    /** Fails with a {@link StackException} naming the variable to change if a port is taken or given twice. */
    static void checkFree(StackSettings settings) {
        List<Use> uses = of(settings);
        Map<Integer, Use> seen = new HashMap<>();
        for (Use use : uses) {
            Use other = seen.putIfAbsent(use.port(), use);
            if (other != null) {
                throw new StackException("port " + use.port() + " is meant for both " + other.what() + " ("
                        + other.variable() + ") and " + use.what() + " (" + use.variable() + "). Move one of them.");
            }
        }
        for (Use use : uses) {
            try (var socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", use.port()));
            } catch (IOException e) {
                throw new StackException("port " + use.port() + " (" + use.what() + ") is already in use."
                        + " Stop what uses it, or choose another port with " + use.variable() + ".");
            }
        }
    }

    private static void addReplicas(List<Use> uses, String name, int base, int replicas, String variable) {
        uses.add(new Use(base, name, variable));
        for (int i = 2; i <= replicas; i++) {
            // the first replica's variable moves them all
            uses.add(new Use(StackSettings.replicaPort(base, i), name + "-" + i, variable));
        }
    }

    private Ports() {
    }
}
