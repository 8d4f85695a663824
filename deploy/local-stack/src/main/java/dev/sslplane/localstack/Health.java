package dev.sslplane.localstack;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Waits until a started process serves, failing fast (with its log file) if it dies first. */
final class Health {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static void awaitTcp(ChildProcess process, String host, int port, Duration timeout) throws InterruptedException {
        awaitUntil(process, timeout, () -> {
            try (var socket = new Socket(host, port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    static void awaitHttpUp(ChildProcess process, String url, Duration timeout) throws InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
        awaitUntil(process, timeout, () -> {
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().contains("\"UP\"");
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    private interface Check {
        boolean ok() throws InterruptedException;
    }

    private static void awaitUntil(ChildProcess process, Duration timeout, Check check) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new StackException(process.name() + " stopped while starting; see " + process.logFile());
            }
            if (check.ok()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new StackException(process.name() + " was not healthy within " + timeout.toSeconds() + " s; see "
                + process.logFile());
    }

    private Health() {
    }
}
