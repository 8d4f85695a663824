package dev.sslplane.worker.node.systemd;

import dev.sslplane.worker.node.NodeOperatorException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Opens SSH sessions to hosts with Apache MINA SSHD: public-key login only, and the host's key must be in the
 * login's known-hosts file. An unknown or changed host key is refused, never learned. One client per known-hosts
 * file, so that each file's verifier reloads it when it changes.
 */
public final class SshConnector implements AutoCloseable {

    /**
     * Where the verifier tells why it refused the host's key. It lives in the connection's context, not the session:
     * the key exchange may fail before the connect future hands out the session, and then only this holder knows.
     */
    private static final AttributeKey<AtomicReference<String>> REFUSED_HOST_KEY = new AttributeKey<>();

    private final Duration connectTimeout;
    private final Map<Path, SshClient> clients = new ConcurrentHashMap<>();

    public SshConnector(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /**
     * A logged-in shell on the host; the caller closes it.
     *
     * @throws NodeOperatorException retryable when the host cannot be reached (it may be rebooting); final for a
     *                               refused host key, a refused login or an unreadable key file
     */
    public HostShell open(SshLogin login) {
        Iterable<KeyPair> identity = identity(login.privateKeyFile());
        ClientSession session = null;
        var refusedHostKey = new AtomicReference<String>();
        try {
            session = client(login.knownHostsFile()).connect(login.user(), login.host(), login.port(),
                    AttributeRepository.ofKeyValuePair(REFUSED_HOST_KEY, refusedHostKey))
                    .verify(connectTimeout).getSession();
            identity.forEach(session::addPublicKeyIdentity);
            session.auth().verify(connectTimeout);
            return new HostShell(session, login.toString());
        } catch (IOException | RuntimeException e) {
            NodeOperatorException failure = failure(login, session, refusedHostKey.get(), e);
            closeQuietly(session);
            throw failure;
        }
    }

    private NodeOperatorException failure(SshLogin login, ClientSession session, String refused, Exception e) {
        if (refused != null) {
            return new NodeOperatorException("host key of " + login.host() + ":" + login.port() + " refused: "
                    + refused + " (known hosts: " + login.knownHostsFile() + ")", false);
        }
        if (session != null && session.isOpen() && !session.isAuthenticated()) {
            return new NodeOperatorException("SSH login as " + login.user() + " on " + login.host() + ":"
                    + login.port() + " refused with the key in " + login.privateKeyFile() + ": " + reason(e), false);
        }
        if (unreachable(e)) {
            return new NodeOperatorException("cannot reach " + login.host() + ":" + login.port() + " over SSH: "
                    + reason(e), true);
        }
        return new NodeOperatorException("SSH to " + login + " failed: " + reason(e), false);
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        // MINA reports a connect that did not finish in time as a plain SshException
        return String.valueOf(e.getMessage()).contains("Failed to get operation result within specified timeout");
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    private static Iterable<KeyPair> identity(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()),
                    in, null);
            if (keys == null || !keys.iterator().hasNext()) {
                throw new NodeOperatorException("SSH private key file " + file + " holds no key", false);
            }
            return keys;
        } catch (IOException | GeneralSecurityException e) {
            // the message names the file and the problem, never the file's content
            throw new NodeOperatorException("cannot read SSH private key file " + file + ": "
                    + e.getClass().getSimpleName(), false);
        }
    }

    private SshClient client(Path knownHosts) {
        return clients.computeIfAbsent(knownHosts, file -> {
            if (!Files.isReadable(file)) {
                throw new NodeOperatorException("known-hosts file " + file + " is not readable: without it no host"
                        + " key can be verified", false);
            }
            var verifier = new KnownHostsServerKeyVerifier((session, remote, key) -> {
                refuse(session, "no entry for this host (an unknown host key is never accepted: add it to the"
                        + " known-hosts file); it offered " + fingerprint(key));
                return false;
            }, file);
            verifier.setModifiedServerKeyAcceptor((session, remote, entry, expected, actual) -> {
                refuse(session, "it CHANGED: expected " + fingerprint(expected) + ", got " + fingerprint(actual)
                        + " (a reinstalled host, or someone in between)");
                return false;
            });
            SshClient client = SshClient.setUpDefaultClient();
            client.setServerKeyVerifier(verifier);
            client.addSessionListener(new SessionListener() {
                @Override
                public void sessionCreated(Session session) {
                    if (session instanceof ClientSession clientSession) {
                        preferKnownHostKeyTypes(clientSession, file);
                    }
                }
            });
            client.start();
            return client;
        });
    }

    /**
     * Asks the host for a key of a type the known-hosts file holds for it, as OpenSSH does: a host with several
     * keys would otherwise show the one the client prefers, and a file listing only another type would make it
     * look changed.
     */
    private static void preferKnownHostKeyTypes(ClientSession session, Path knownHosts) {
        if (!(session.getConnectAddress() instanceof InetSocketAddress address)) {
            return;
        }
        Set<String> known;
        try {
            known = KnownHostEntry.readKnownHostEntries(knownHosts).stream()
                    .filter(entry -> entry.getKeyEntry() != null
                            && entry.isHostMatch(address.getHostString(), address.getPort()))
                    .map(entry -> KeyUtils.getCanonicalKeyType(entry.getKeyEntry().getKeyType()))
                    .collect(Collectors.toSet());
        } catch (IOException | RuntimeException e) {
            return; // the verifier reports an unreadable file
        }
        if (!known.isEmpty()) {
            var ordered = new ArrayList<>(session.getSignatureFactories());
            ordered.sort(Comparator.comparing((NamedFactory<Signature> factory) ->
                    !known.contains(KeyUtils.getCanonicalKeyType(factory.getName()))));
            session.setSignatureFactories(ordered);
        }
    }

    private static void refuse(ClientSession session, String why) {
        AttributeRepository context = session.getConnectionContext();
        AtomicReference<String> holder = context == null ? null : context.getAttribute(REFUSED_HOST_KEY);
        if (holder != null) {
            holder.set(why);
        }
    }

    private static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }

    private static void closeQuietly(ClientSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (IOException ignored) {
                // the session failed already; its error is the one reported
            }
        }
    }

    @Override
    public void close() {
        clients.values().forEach(SshClient::stop);
        clients.clear();
    }
}
