package dev.sslplane.fleet.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.fleet.config.FleetProperties;
import dev.sslplane.fleet.mongod.StartFailure;
import dev.sslplane.fleet.replset.ReplicaSet;
import dev.sslplane.fleet.replset.ReplicaSets;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Every node of every instance, each on exactly the port it was created with. Lifecycle operations on one
 * node are serialised on that node. At start-up every node that was not stopped through the API starts
 * again from its own files, so a fleet restart looks like a host reboot.
 */
@Service
public class Fleet {

    private static final Logger log = LoggerFactory.getLogger(Fleet.class);

    private final FleetProperties properties;
    private final ObjectMapper mapper;
    private final ReplicaSets replicaSets;
    private final Map<String, FleetNode> nodes = new ConcurrentHashMap<>();
    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup(4);

    public Fleet(FleetProperties properties, ObjectMapper mapper, ReplicaSets replicaSets) {
        this.properties = properties;
        this.mapper = mapper;
        this.replicaSets = replicaSets;
        loadFromDisk();
    }

    private void loadFromDisk() {
        for (Path dir : NodeFiles.existing(properties.dataDir())) {
            var files = new NodeFiles(dir, mapper);
            NodeSettings settings = files.readSettings();
            FleetNode node = register(files, settings);
            if (!settings.stopped()) {
                synchronized (node) {
                    tryStart(node);
                }
            }
        }
    }

    private FleetNode register(NodeFiles files, NodeSettings settings) {
        ReplicaSet set = replicaSets.of(settings.instanceId(), settings.replicaSet());
        set.addMember(settings.name(), settings.hostPort(), settings.hidden(), "PRIMARY".equals(settings.initialRole()));
        var node = new FleetNode(files, set, settings);
        nodes.put(key(settings.instanceId(), settings.name()), node);
        return node;
    }

    /** Creates the node with a plain mongod.conf and starts it; an existing node is only started if stopped. */
    public synchronized NodeStatus ensure(NodeSettings requested) {
        FleetNode existing = nodes.get(key(requested.instanceId(), requested.name()));
        if (existing != null) {
            synchronized (existing) {
                if (existing.state() == NodeState.STOPPED) {
                    start(requested.instanceId(), requested.name());
                }
                return existing.status();
            }
        }
        boolean taken = nodes.values().stream().anyMatch(n -> n.settings().port() == requested.port());
        if (taken || !portFree(requested.port())) {
            throw new FleetException(HttpStatus.CONFLICT, "PORT_IN_USE",
                    "port " + requested.port() + " is already in use; the fleet never moves a node to another port");
        }
        var files = new NodeFiles(NodeFiles.dirOf(properties.dataDir(), requested.instanceId(), requested.name()),
                mapper);
        files.writeSettings(requested);
        files.writeInitialConfig(requested);
        FleetNode node = register(files, requested);
        synchronized (node) {
            startOrRefuse(node);
            log.info("node {}/{} created on port {} (engine {})", requested.instanceId(), requested.name(),
                    requested.port(), requested.engineVersion());
            return node.status();
        }
    }

    public List<NodeStatus> list(String instanceId) {
        var result = new ArrayList<NodeStatus>();
        nodes.values().stream().filter(n -> n.settings().instanceId().equals(instanceId))
                .forEach(n -> result.add(n.status()));
        result.sort(Comparator.comparing(NodeStatus::name));
        return result;
    }

    public NodeStatus status(String instanceId, String name) {
        return node(instanceId, name).status();
    }

    /** Stops, waits the restart downtime and starts from the files again, as {@code systemctl restart mongod}. */
    public NodeStatus restart(String instanceId, String name) {
        FleetNode node = node(instanceId, name);
        synchronized (node) {
            node.stop();
            node.countRestart(); // once down: a status read while it still ran shows the count of that run
            sleep(properties.restartDowntime().toMillis());
            node.update(node.settings().withStopped(false));
            startOrRefuse(node);
            log.info("node {}/{} restarted (tls mode {})", instanceId, name, node.status().tlsMode());
            return node.status();
        }
    }

    public NodeStatus stop(String instanceId, String name) {
        FleetNode node = node(instanceId, name);
        synchronized (node) {
            node.stop();
            node.markStopped();
            node.update(node.settings().withStopped(true));
            log.info("node {}/{} stopped", instanceId, name);
            return node.status();
        }
    }

    public NodeStatus start(String instanceId, String name) {
        FleetNode node = node(instanceId, name);
        synchronized (node) {
            if (node.state() != NodeState.RUNNING) {
                node.update(node.settings().withStopped(false));
                startOrRefuse(node);
                log.info("node {}/{} started", instanceId, name);
            }
            return node.status();
        }
    }

    /**
     * Stops the node, removes it from its replica set ({@code replSetReconfig} without it) and deletes its files:
     * what a DBA does with a dead member before a replacement joins.
     */
    public synchronized NodeStatus remove(String instanceId, String name) {
        FleetNode node = node(instanceId, name);
        synchronized (node) {
            node.stop();
            node.markStopped();
            nodes.remove(key(instanceId, name));
            replicaSets.of(instanceId, node.settings().replicaSet()).removeMember(name);
            node.files().delete();
            log.info("node {}/{} removed from its replica set and deleted", instanceId, name);
            return node.status();
        }
    }

    public Path writeConfig(String instanceId, String name, String text) {
        FleetNode node = node(instanceId, name);
        synchronized (node) {
            return node.files().writeConfig(text);
        }
    }

    public String readConfig(String instanceId, String name) {
        return node(instanceId, name).files().config().orElse("");
    }

    /** Running nodes, for heartbeats. */
    List<FleetNode> nodes() {
        return List.copyOf(nodes.values());
    }

    FleetNode node(String instanceId, String name) {
        FleetNode node = nodes.get(key(instanceId, name));
        if (node == null) {
            throw new FleetException(HttpStatus.NOT_FOUND, "NODE_NOT_FOUND",
                    "no node " + name + " in instance " + instanceId);
        }
        return node;
    }

    private void startOrRefuse(FleetNode node) {
        if (!tryStart(node)) {
            throw new FleetException(HttpStatus.UNPROCESSABLE_ENTITY, "NODE_START_FAILED", node.status().failureReason());
        }
    }

    private boolean tryStart(FleetNode node) {
        try {
            node.start(boss, workers, properties.nodeBindAddress());
            return true;
        } catch (StartFailure e) {
            log.warn("node {}/{} failed to start: {}", node.settings().instanceId(), node.settings().name(),
                    e.getMessage());
            return false;
        }
    }

    private boolean portFree(int port) {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(properties.nodeBindAddress()), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String key(String instanceId, String name) {
        return instanceId + "/" + name;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void shutdown() {
        nodes.values().forEach(n -> {
            synchronized (n) {
                n.halt();
            }
        });
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
