package dev.sslplane.worker.node.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A failed command is named by what the host said, in a line that fits a status page. */
class HostFailuresTest {

    @Test
    void theHostsOwnWordsNameTheFailure() {
        assertThat(HostFailures.of("u@h:22", "writing", new HostShell.Result(1, "",
                "cat: write error: No space left on device\n")).getMessage())
                .isEqualTo("writing on u@h:22: disk full: cat: write error: No space left on device");
        assertThat(HostFailures.of("u@h:22", "writing", new HostShell.Result(1, "",
                "sh: 3: cannot create /etc/mongod.conf.sslplane-new: Permission denied\n")).getMessage())
                .contains(": permission denied: ");
        assertThat(HostFailures.of("u@h:22", "writing", new HostShell.Result(1, "",
                "sudo: a password is required\n")).getMessage()).contains("NOPASSWD");
        var other = HostFailures.of("u@h:22", "reading", new HostShell.Result(2, "out", ""));
        assertThat(other.getMessage()).isEqualTo("reading on u@h:22: failed (exit 2): out");
        assertThat(other.retryable()).isFalse();
    }

    @Test
    void longOutputKeepsItsEndOnOneLine() {
        String said = "x".repeat(1000) + "\nthe reason\n";
        String line = HostFailures.lastLines(said);
        assertThat(line).hasSize(403).startsWith("...").endsWith(" | the reason").doesNotContain("\n");
    }

    @Test
    void quotingSurvivesQuotesInValues() {
        assertThat(HostScripts.quote("it's")).isEqualTo("'it'\"'\"'s'");
        assertThat(HostScripts.command("echo hi", true)).isEqualTo("sudo -n sh -c 'echo hi'");
    }
}
