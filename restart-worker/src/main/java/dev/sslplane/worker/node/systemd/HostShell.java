package dev.sslplane.worker.node.systemd;

import dev.sslplane.worker.node.NodeOperatorException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/** A logged-in SSH session to one host: runs commands one at a time, each in its own exec channel. */
public final class HostShell implements AutoCloseable {

    /**
     * What a command left behind.
     *
     * @param exitStatus {@code null} when the host sent none (the command was killed)
     */
    public record Result(Integer exitStatus, String stdout, String stderr) {

        public boolean succeeded() {
            return exitStatus != null && exitStatus == 0;
        }
    }

    private final ClientSession session;
    private final String host;

    HostShell(ClientSession session, String host) {
        this.session = session;
        this.host = host;
    }

    public String host() {
        return host;
    }

    /**
     * Runs {@code command} with {@code stdin} as its input (closed at its end).
     *
     * @throws NodeOperatorException final, when the command does not finish within {@code timeout} (it is then
     *                               closed on the host), or when the session broke down (retryable)
     */
    public Result run(String command, String stdin, Duration timeout) {
        try (ChannelExec channel = session.createExecChannel(command)) {
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            channel.setIn(new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)));
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(timeout);
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            if (!events.contains(ClientChannelEvent.CLOSED)) {
                throw new CommandTimeoutException(host, timeout);
            }
            return new Result(channel.getExitStatus(), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new NodeOperatorException("SSH session to " + host + " broke down: " + e.getMessage(), true);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (IOException ignored) {
            // closing a session that failed: nothing left to report
        }
    }

    /** A command that did not finish in time: final, and says so, so that the operator can roll back. */
    public static final class CommandTimeoutException extends NodeOperatorException {

        CommandTimeoutException(String host, Duration timeout) {
            super("command timed out after " + timeout.toSeconds() + " s on " + host, false);
        }
    }
}
