package dev.sslplane.localstack.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy that can stall: while stalled it forwards nothing in either direction but keeps every
 * connection open, as a network pause does (no reset, just silence), and new connections wait too.
 */
public final class StallingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean stalled;

    /** Listens on {@code port} (loopback) and forwards to {@code targetPort}. */
    public StallingProxy(int port, int targetPort) throws IOException {
        this.server = new ServerSocket();
        this.server.setReuseAddress(true);
        this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.targetPort = targetPort;
        daemon("proxy-accept-" + port, this::accept);
    }

    void stall() {
        synchronized (gate) {
            stalled = true;
        }
    }

    void resume() {
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    private void passGate() throws InterruptedException {
        synchronized (gate) {
            while (stalled) {
                gate.wait();
            }
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client = null;
            try {
                client = server.accept();
                passGate();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                Socket accepted = client;
                daemon("proxy-up", () -> pump(accepted, upstream));
                daemon("proxy-down", () -> pump(upstream, accepted));
            } catch (IOException | InterruptedException e) {
                if (client != null) {
                    closeQuietly(client); // MongoDB is down: refuse, as the direct connection would be
                }
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                passGate();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side closed: close both, as the real connection would end
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable task) {
        var thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        resume();
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        sockets.forEach(StallingProxy::closeQuietly);
    }
}
