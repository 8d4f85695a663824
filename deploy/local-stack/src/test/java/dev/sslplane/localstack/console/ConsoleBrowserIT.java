package dev.sslplane.localstack.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The web console in a real (headless) Chromium against the real local stack: sign in with the stack's tokens, the
 * instance list, the whole SSL procedure through the page (switch, dialog, live progress, download, update,
 * renewal policy, schedule and cancel, abort and rollback, a disable that fails mid-roll and its Retry), refusals
 * shown next to their action, history and audit, the viewer's read-only page. Screenshots of each state go to
 * {@code target/console-screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final String DEMO = RunningStack.DEMO_ID;
    private static final String LEGACY = "rs-legacy";
    private static final String SHARDED = "sh-orders";
    private static final Duration OPERATION = Duration.ofMinutes(3);
    private static final Duration SHORT = Duration.ofSeconds(20);

    private RunningStack stack;
    private Browser browser;

    @BeforeAll
    void startStackAndBrowser() throws Exception {
        stack = RunningStack.start();
        stack.registerBareInstance(LEGACY, "3.6", "REPLICA_SET");
        stack.registerBareInstance(SHARDED, "4.2", "SHARDED");
        browser = new Browser(Path.of("target", "console-screenshots"));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aWrongTokenIsRefusedAndTheAdminSeesTheInstanceListWithSearchAndPages() {
        browser.driver.get(stack.consoleUrl());
        signIn("sslp_this-token-does-not-exist");
        WebElement refusal = browser.visible(By.cssSelector("#sign-in-feedback .problem"));
        assertThat(refusal.getAttribute("data-code")).isEqualTo("UNAUTHENTICATED");
        assertThat(refusal.getText()).contains("not accepted");
        browser.screenshot("sign-in-refused");

        signIn(stack.token("admin"));
        browser.until(SHORT, "the instance list", d -> rowIds().size() == 3);
        assertThat(rowIds()).containsExactly(DEMO, LEGACY, SHARDED);
        assertThat(cell(DEMO, 2).getText()).isEqualTo("Disabled");
        assertThat(browser.driver.findElement(By.id("identity")).getText()).contains("admin");
        browser.screenshot("instances");

        WebElement search = browser.driver.findElement(By.id("instance-search"));
        search.sendKeys(LEGACY, Keys.ENTER);
        browser.until(SHORT, "the search result", d -> rowIds().equals(List.of(LEGACY)));
        search = browser.driver.findElement(By.id("instance-search"));
        search.clear();
        search.sendKeys("rs-nowhere", Keys.ENTER);
        browser.until(SHORT, "no match", d -> d.findElement(By.id("instance-results")).getText()
                .contains("No instance has the id"));

        browser.driver.get(stack.consoleUrl() + "#/instances?limit=2");
        browser.until(SHORT, "page 1 of 2", d -> rowIds().equals(List.of(DEMO, LEGACY)));
        browser.driver.findElement(By.id("page-next")).click();
        browser.until(SHORT, "page 2 of 2", d -> rowIds().equals(List.of(SHARDED)));
        assertThat(browser.driver.findElement(By.id("page-next")).isEnabled()).isFalse();
        browser.screenshot("instances-page-2");
        browser.driver.findElement(By.id("page-previous")).click();
        browser.until(SHORT, "back on page 1", d -> rowIds().equals(List.of(DEMO, LEGACY)));
    }

    @Test
    @Order(2)
    void theEventStreamReaderParsesChunksAndResumesWithLastEventIdAfterADrop() {
        // the page's own modules in this browser; fetch is replaced only inside this script, to cut the stream
        Object result = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all([import(new URL('js/sse.js', document.baseURI).href),
                             import(new URL('js/api.js', document.baseURI).href)])
                  .then(([{ EventStreamParser, followStream }, { Api }]) => {
                    const parsed = [];
                    const parser = new EventStreamParser(e => parsed.push(e));
                    ['id: 7\\r', '\\nevent: operation\\ndata: {"a":', '1}\\n: keep-alive\\ndata: x\\n\\n',
                     'data: second\\r\\n\\r\\n'].forEach(chunk => parser.push(chunk));
                    const calls = [];
                    const realFetch = window.fetch;
                    const stream = text => new Response(new ReadableStream({ start(c) {
                      c.enqueue(new TextEncoder().encode(text)); c.close(); } }),
                      { headers: { 'Content-Type': 'text/event-stream' } });
                    window.fetch = async (url, init) => {
                      calls.push({ auth: init.headers.Authorization ?? null,
                                   lastEventId: init.headers['Last-Event-ID'] ?? null });
                      return calls.length === 1
                        ? stream('id: 3\\nevent: operation\\ndata: {"state":"RUNNING"}\\n\\n')
                        : stream('id: 4\\nevent: operation\\ndata: {"state":"COMPLETED"}\\n\\n');
                    };
                    const seen = [];
                    followStream(new Api(() => 'sslp_test', () => {}), 'http://localhost:1/stream', {
                      onEvent: (type, data) => {
                        seen.push(type + ':' + data.state);
                        if (data.state === 'COMPLETED') {
                          window.fetch = realFetch;
                          done(JSON.stringify({ parsed, calls, seen }));
                        }
                      },
                      isFinal: (type, data) => data.state === 'COMPLETED',
                      onError: e => { window.fetch = realFetch; done('error ' + e.message); },
                    });
                  }).catch(e => done('error ' + e));
                """);
        assertThat(String.valueOf(result)).isEqualTo("{\"parsed\":["
                + "{\"event\":\"operation\",\"data\":\"{\\\"a\\\":1}\\nx\",\"id\":\"7\"},"
                + "{\"event\":\"message\",\"data\":\"second\",\"id\":\"7\"}],"
                + "\"calls\":[{\"auth\":\"Bearer sslp_test\",\"lastEventId\":null},"
                + "{\"auth\":\"Bearer sslp_test\",\"lastEventId\":\"3\"}],"
                + "\"seen\":[\"operation:RUNNING\",\"operation:COMPLETED\"]}");
    }

    @Test
    @Order(3)
    void ineligibleInstancesSayWhyInsteadOfOfferingTheSwitch() {
        openSslPage(SHARDED);
        WebElement reason = browser.visible(By.id("not-eligible"));
        assertThat(reason.getText()).contains("cannot be enabled").contains("only for replica sets")
                .contains("sharded");
        assertThat(browser.all(By.id("ssl-switch"))).isEmpty();
        browser.screenshot("not-eligible-sharded");

        openSslPage(LEGACY);
        assertThat(browser.visibleText(By.id("not-eligible")))
                .contains("Engine version 3.6 is not supported");
        assertThat(browser.all(By.id("ssl-switch"))).isEmpty();
    }

    @Test
    @Order(4)
    void theDialogWarnsAboutTheRestartAndCancelOrEscapeSendNothing() {
        openSslPage(DEMO);
        awaitSslStatus("Disabled");
        for (String button : List.of("rotate-certificate", "download-certificate")) {
            WebElement element = browser.driver.findElement(By.id(button));
            assertThat(element.getAttribute("aria-disabled")).as(button).isEqualTo("true");
            assertThat(element.getAttribute("title")).as(button).isEqualTo("Available only while SSL is Enabled.");
        }
        browser.script("performance.clearResourceTimings()");

        // keyboard: focus the switch, Enter opens the dialog with focus on Cancel, Escape closes it
        WebElement sslSwitch = browser.driver.findElement(By.id("ssl-switch"));
        browser.script("arguments[0].focus()", sslSwitch);
        sslSwitch.sendKeys(Keys.ENTER);
        WebElement dialog = awaitDialogOpen();
        assertThat(dialog.getText()).contains("restart node by node").contains("briefly unreachable")
                .contains("reconnect automatically");
        assertThat(browser.script("return document.activeElement.id")).isEqualTo("confirm-cancel");
        browser.screenshot("enable-dialog");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        awaitDialogClosed();
        assertThat(browser.script("return document.activeElement.id")).as("focus back on the switch")
                .isEqualTo("ssl-switch");

        browser.driver.findElement(By.id("ssl-switch")).click();
        awaitDialogOpen();
        browser.driver.findElement(By.id("confirm-cancel")).click();
        awaitDialogClosed();

        assertThat(requestsToTheCommandService()).as("nothing sent to the command service").isEmpty();
        assertThat(browser.driver.findElement(By.id("operation")).isDisplayed()).isFalse();
        assertThat(sslStatusText()).isEqualTo("Disabled");
    }

    @Test
    @Order(5)
    void enablingThroughTheSwitchShowsEveryNodeRestartLive() {
        confirm(By.id("ssl-switch"));
        List<String> progressSeen = watchOperationToTheEnd(null, "enable-progress");
        assertThat(requestsToTheCommandService()).as("OK sent the command (and the Cancel check would see one)")
                .anyMatch(url -> url.endsWith("/api/v1/instances/" + DEMO + "/ssl:enable"));

        assertThat(progressSeen).as("progress values seen live").contains("3").anyMatch(v -> v.equals("1")
                || v.equals("2"));
        List<WebElement> rows = browser.all(By.cssSelector("#operation-nodes tbody tr"));
        assertThat(rows).hasSize(3);
        for (WebElement row : rows) {
            assertThat(row.getAttribute("data-state")).isEqualTo("RESTARTED");
            assertThat(row.findElement(By.cssSelector(".unreachable")).getText()).matches("[0-9.]+ (ms|s)");
        }
        assertThat(rows.get(2).getText()).as("the primary restarts last").contains("Primary");
        assertThat(browser.visibleText(By.cssSelector("#operation .operation-meta")))
                .as("the step timeout the worker applied, from the collection count").containsPattern(
                        "step timeout \\d+ min \\d\\d s");
        List<WebElement> passes = browser.all(By.cssSelector("#operation-passes section.pass"));
        assertThat(passes).as("a restart into allowTLS, then preferTLS at run time").hasSize(2)
                .allSatisfy(pass -> assertThat(pass.getAttribute("data-state")).isEqualTo("DONE"));
        String last = rows.get(2).getAttribute("data-node");
        assertThat(passes.get(0).findElement(By.cssSelector(".pass-steps tr[data-node='" + last + "'] .step-role"))
                .getText()).as("the role %s had when its step began", last).isEqualTo("Primary");
        awaitSslStatus("Enabled");
        assertThat(browser.driver.findElement(By.id("ssl-switch")).getAttribute("aria-checked")).isEqualTo("true");
        assertThat(browser.driver.findElement(By.id("rotate-certificate")).getAttribute("aria-disabled")).isNull();
        assertThat(browser.visible(By.id("ca-expiry")).getAttribute("data-expiry")).isEqualTo("OK");
        assertThat(browser.visibleText(By.id("ca-expiry"))).matches("valid · \\d+ days left");
        By nodeBadges = By.cssSelector("#node-status .node-certificate .badge");
        browser.until(SHORT, "a certificate on every node", d -> browser.all(nodeBadges).size() == 3);
        assertThat(browser.all(nodeBadges)).allSatisfy(badge -> {
            assertThat(badge.getAttribute("data-expiry")).isEqualTo("OK");
            assertThat(badge.getText()).matches("valid · \\d+ days left");
        });
        browser.screenshot("enabled", By.id("operation"));
    }

    @Test
    @Order(6)
    void theDownloadedCertificateIsTheCaWhoseFingerprintThePageShows() throws Exception {
        String shown = browser.visibleText(By.id("current-fingerprint"));
        browser.driver.findElement(By.id("download-certificate")).click();
        Path file = browser.downloads.resolve(DEMO + "-ca.pem");
        browser.until(SHORT, "the downloaded " + file, d -> Files.exists(file) && !Files.exists(
                browser.downloads.resolve(DEMO + "-ca.pem.crdownload")));
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
        assertThat(ca.getBasicConstraints()).as("a CA certificate").isGreaterThanOrEqualTo(0);
        assertThat(fingerprint(ca)).isEqualTo(shown);
        assertThat(Files.readString(file)).doesNotContain("PRIVATE KEY");
        assertThat(browser.visibleText(By.id("download-done"))).contains(DEMO + "-ca.pem");
        browser.screenshot("downloaded", By.id("certificate-actions"));
    }

    @Test
    @Order(7)
    void updatingTheCertificateWithTheOldCaHeldOffersTheBundleAndFinishesOnRequest() throws Exception {
        String before = browser.driver.findElement(By.id("current-fingerprint")).getText();
        String previous = shownOperation();
        // a lifetime outside the deployment's bounds is refused next to the button, and nothing starts
        browser.visible(By.id("rotate-certificate")).click();
        awaitDialogOpen();
        browser.driver.findElement(By.id("ca-validity-option")).sendKeys("1");
        browser.driver.findElement(By.id("confirm-ok")).click();
        awaitDialogClosed();
        WebElement refused = browser.visible(By.cssSelector("#rotate-error .problem"));
        assertThat(refused.getAttribute("data-code")).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.getText()).contains("Updating the certificate failed").contains("caValidity");
        assertThat(shownOperation()).isEqualTo(previous);

        browser.visible(By.id("rotate-certificate")).click();
        awaitDialogOpen();
        browser.driver.findElement(By.id("hold-old-ca-option")).click();
        new Select(browser.driver.findElement(By.id("ca-key-option"))).selectByValue("EC-P384");
        browser.driver.findElement(By.id("ca-validity-option")).sendKeys("400");
        browser.driver.findElement(By.id("node-validity-option")).sendKeys("90");
        browser.screenshot("rotate-dialog-options", By.id("confirm-dialog"));
        browser.driver.findElement(By.id("confirm-ok")).click();
        awaitDialogClosed();

        browser.until(OPERATION, "the update waiting for clients", d -> !d.findElements(By.id("finish-rotation"))
                .isEmpty());
        assertThat(browser.visibleText(By.id("operation-waiting"))).contains("Waiting for clients after pass 2");
        assertThat(browser.visible(By.id("rotation-advice")).getAttribute("data-state"))
                .isEqualTo("WAITING_FOR_CLIENTS");
        browser.visible(By.id("download-bundle")).click();
        Path bundle = browser.downloads.resolve(DEMO + "-ca-bundle.pem");
        browser.until(SHORT, "the downloaded " + bundle, d -> Files.exists(bundle) && !Files.exists(
                browser.downloads.resolve(DEMO + "-ca-bundle.pem.crdownload")));
        List<String> inBundle = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(bundle))).stream()
                .map(c -> fingerprintOf((X509Certificate) c)).toList();
        assertThat(inBundle).as("the new CA, then the one it replaces").hasSize(2).element(1).isEqualTo(before);
        browser.screenshot("rotation-waiting", By.id("certificate-actions"));

        confirm(By.id("finish-rotation"));
        watchOperationToTheEnd(previous, "rotate-progress");
        browser.until(SHORT, "a new CA on the page", d -> d.findElement(By.id("current-fingerprint")).getText()
                .equals(inBundle.get(0)));
        browser.until(SHORT, "two certificates in the history", d -> historyRows().size() == 2);
        WebElement retired = historyRows().get(1);
        assertThat(retired.getAttribute("data-current")).isEqualTo("false");
        assertThat(retired.getText()).contains(before).contains("by op-");
        browser.screenshot("rotated", By.id("history"));

        // the choices made in the dialog are the new CA's and its node certificates'
        JsonNode status = status();
        assertThat(status.at("/currentCa/keyAlgorithm").asText()).isEqualTo("EC-P384");
        assertThat(lifetime(status.get("currentCa"))).isBetween(Duration.ofDays(400),
                Duration.ofDays(400).plus(BACKDATED));
        assertThat(status.get("nodes")).hasSize(3).allSatisfy(node -> {
            assertThat(node.at("/certificate/issuerSerial").asText()).isEqualTo(status.at("/currentCa/serial").asText());
            assertThat(lifetime(node.get("certificate"))).isBetween(Duration.ofDays(90),
                    Duration.ofDays(90).plus(BACKDATED));
        });
    }

    @Test
    @Order(8)
    void renewingTheNodeCertificatesKeepsTheCaAndGivesEveryNodeANewCertificate() throws Exception {
        JsonNode before = status();
        String previous = shownOperation();
        assertThat(browser.visible(By.id("renew-node-certificates")).getAttribute("aria-disabled")).isNull();
        browser.visible(By.id("renew-node-certificates")).click();
        WebElement dialog = awaitDialogOpen();
        assertThat(dialog.getText()).contains("Renew the node certificates of " + DEMO)
                .contains("clients already trust").contains("reconnect automatically");
        browser.driver.findElement(By.id("confirm-ok")).click();
        awaitDialogClosed();
        watchOperationToTheEnd(previous, "renew-progress");
        assertThat(requestsToTheCommandService())
                .anyMatch(url -> url.endsWith("/api/v1/instances/" + DEMO + "/ssl:renew-node-certificates"));
        assertThat(browser.visibleText(By.id("operation-title"))).contains("Renew node certificates");

        JsonNode after = status();
        assertThat(after.at("/currentCa/sha256Fingerprint")).isEqualTo(before.at("/currentCa/sha256Fingerprint"));
        for (int i = 0; i < 3; i++) {
            JsonNode node = after.get("nodes").get(i);
            assertThat(node.at("/certificate/serial").asText()).as(node.get("name").asText())
                    .isNotEqualTo(before.get("nodes").get(i).at("/certificate/serial").asText());
            assertThat(node.at("/certificate/issuerSerial").asText()).isEqualTo(after.at("/currentCa/serial").asText());
        }
        assertThat(browser.visibleText(By.id("current-fingerprint")))
                .isEqualTo(before.at("/currentCa/sha256Fingerprint").asText());
        assertThat(historyRows()).as("the CA history is unchanged").hasSize(2);
    }

    @Test
    @Order(9)
    void theRenewalPolicyIsShownAndAnOperationScheduledForTheWindowHoldsTheInstanceUntilCancelled()
            throws Exception {
        // a weekly window that is not open now: three days ahead, so nothing starts while the test looks
        DayOfWeek day = LocalDate.now(ZoneOffset.UTC).plusDays(3).getDayOfWeek();
        var set = stack.admin("POST", stack.commandApi("/instances/" + DEMO + "/maintenance-window"),
                Map.of("dayOfWeek", day.name(), "start", "03:00", "duration", "PT2H"));
        assertThat(set.status()).as(set.raw()).isBetween(200, 204);
        browser.until(SHORT, "the window on the page", d -> {
            d.findElement(By.id("refresh")).click();
            return d.findElement(By.id("maintenance-window")).getText().contains("03:00 UTC, 2 h");
        });
        // automatic renewal needs the window; the certificates are far from due, so it schedules nothing here
        assertThat(browser.visibleText(By.id("renewal-policy")))
                .isEqualTo("Automatic renewal of node certificates: off");
        var policy = stack.admin("POST", stack.commandApi("/instances/" + DEMO + "/renewal-policy"),
                Map.of("policy", "IN_MAINTENANCE_WINDOW"));
        assertThat(policy.status()).as(policy.raw()).isEqualTo(200);
        browser.until(SHORT, "the renewal policy on the page", d -> {
            d.findElement(By.id("refresh")).click();
            return d.findElement(By.id("renewal-policy")).getText()
                    .equals("Automatic renewal of node certificates: in the maintenance window");
        });
        assertThat(status().get("renewalPolicy").asText()).isEqualTo("IN_MAINTENANCE_WINDOW");
        JsonNode before = status();
        String previous = shownOperation();

        browser.visible(By.id("renew-node-certificates")).click();
        awaitDialogOpen();
        new Select(browser.driver.findElement(By.id("schedule-option"))).selectByValue("MAINTENANCE_WINDOW");
        browser.driver.findElement(By.id("confirm-ok")).click();
        awaitDialogClosed();

        WebElement scheduled = browser.until(SHORT, "the scheduled operation", d -> {
            var block = d.findElements(By.id("operation-scheduled"));
            return !block.isEmpty() && "SCHEDULED".equals(block.get(0).getAttribute("data-state"))
                    ? block.get(0) : null;
        });
        assertThat(shownOperation()).isNotEqualTo(previous);
        assertThat(browser.visibleText(By.id("operation-title"))).isEqualTo("Renew node certificates scheduled");
        assertThat(scheduled.getText()).contains("Waits for the maintenance window").contains("Scheduled by");
        assertThat(browser.visibleText(By.id("lock-reason"))).contains("waits for the maintenance window");
        assertThat(browser.driver.findElement(By.id("rotate-certificate")).getAttribute("aria-disabled"))
                .isEqualTo("true");
        assertThat(status().at("/operation/state").asText()).isEqualTo("SCHEDULED");
        browser.screenshot("scheduled", By.id("operation"));

        confirm(By.id("cancel-operation"));
        browser.until(SHORT, "the cancelled operation", d -> {
            var block = d.findElements(By.id("operation-scheduled"));
            return !block.isEmpty() && "CANCELLED".equals(block.get(0).getAttribute("data-state"));
        });
        assertThat(browser.visibleText(By.id("operation-title"))).contains("(cancelled)");
        browser.until(SHORT, "the instance free again", d -> d.findElement(By.id("rotate-certificate"))
                .getAttribute("aria-disabled") == null);
        JsonNode after = status();
        assertThat(after.at("/operation/state").asText()).isEqualTo("CANCELLED");
        for (int i = 0; i < 3; i++) {
            assertThat(after.get("nodes").get(i).at("/certificate/serial"))
                    .as("no node was touched").isEqualTo(before.get("nodes").get(i).at("/certificate/serial"));
        }
        browser.screenshot("scheduled-cancelled", By.id("operation"));
    }

    @Test
    @Order(10)
    void anUpdateWaitingForClientsIsAbortedThenRolledBackToThePreviousCa() throws Exception {
        JsonNode before = status();
        String previousCa = before.at("/currentCa/serial").asText();
        browser.visible(By.id("rotate-certificate")).click();
        awaitDialogOpen();
        browser.driver.findElement(By.id("hold-old-ca-option")).click();
        browser.driver.findElement(By.id("confirm-ok")).click();
        awaitDialogClosed();
        browser.until(OPERATION, "the update waiting for clients", d -> !d.findElements(By.id("finish-rotation"))
                .isEmpty());
        String rotation = shownOperation();
        assertThat(browser.visible(By.id("abort-operation")).getText()).isEqualTo("Abort");

        browser.visible(By.id("abort-operation")).click();
        WebElement dialog = awaitDialogOpen();
        assertThat(dialog.getText()).contains("Abort the update certificate of " + DEMO).contains("rollback");
        browser.driver.findElement(By.id("confirm-ok")).click();
        awaitDialogClosed();
        WebElement aborted = browser.until(OPERATION, "the aborted update with its rollback required", d -> {
            var block = d.findElements(By.id("operation-abort"));
            return !block.isEmpty() && "ABORTED".equals(block.get(0).getAttribute("data-state"))
                    && "true".equals(block.get(0).getAttribute("data-rollback-required"))
                    && !d.findElements(By.id("roll-back-operation")).isEmpty() ? block.get(0) : null;
        });
        assertThat(shownOperation()).isEqualTo(rotation);
        assertThat(browser.visibleText(By.id("operation-title"))).contains("(aborted)");
        assertThat(aborted.getText()).contains("Aborted while waiting for clients by").contains("admin")
                .contains("only a rollback can run next");
        assertThat(requestsToTheCommandService()).as("before the page is loaded again, which forgets them")
                .anyMatch(url -> url.endsWith("/operations/" + rotation + ":abort"));
        // the worker reads the nodes back after the abort; the page shows it once loaded again
        await("the nodes read back").atMost(OPERATION).pollInterval(Duration.ofMillis(200))
                .until(() -> operation(rotation).at("/abort/nodesObservedAt").isTextual());
        browser.driver.navigate().refresh();
        WebElement table = browser.until(OPERATION, "the table of the nodes as read back", d -> {
            var found = d.findElements(By.id("abort-nodes"));
            return !found.isEmpty() && "true".equals(found.get(0).getAttribute("data-observed")) ? found.get(0)
                    : null;
        });
        assertThat(table.findElement(By.tagName("caption")).getText()).contains("read back from it at");
        List<WebElement> nodes = browser.all(By.cssSelector("#abort-nodes tbody tr"));
        assertThat(nodes).hasSize(3).allSatisfy(row -> {
            assertThat(row.getAttribute("data-mode")).isEqualTo("PREFER");
            assertThat(row.findElement(By.cssSelector(".certificate-ca")).getText()).isNotBlank();
            assertThat(row.getText()).doesNotContain("not read back");
        });
        assertThat(browser.visibleText(By.id("rollback-required"))).contains("Rollback required")
                .contains(rotation);
        assertThat(browser.visibleText(By.id("lock-reason"))).contains("roll it back");
        assertThat(browser.driver.findElement(By.id("rotate-certificate")).getAttribute("aria-disabled"))
                .isEqualTo("true");
        assertThat(status().at("/rollbackRequired/operationId").asText()).isEqualTo(rotation);
        browser.screenshot("aborted", By.id("operation"));

        browser.visible(By.id("roll-back-operation")).click();
        dialog = awaitDialogOpen();
        assertThat(dialog.getText()).contains("Roll back the update certificate of " + DEMO)
                .contains("CA " + previousCa).contains("restart node by node");
        browser.driver.findElement(By.id("confirm-ok")).click();
        awaitDialogClosed();
        watchOperationToTheEnd(rotation, "rollback-progress");
        assertThat(browser.visibleText(By.id("operation-title"))).contains("Rollback");
        assertThat(browser.visibleText(By.cssSelector("#operation .operation-meta"))).contains("rolls back")
                .contains(rotation);
        assertThat(browser.all(By.cssSelector("#operation-passes .pass-what"))).last().extracting(WebElement::getText)
                .asString().contains("nodes trust the previous CA alone again");
        browser.until(SHORT, "the previous CA on the page", d -> d.findElement(By.id("current-serial")).getText()
                .equals(previousCa));
        assertThat(browser.all(By.id("rollback-required"))).isEmpty();
        assertThat(requestsToTheCommandService())
                .anyMatch(url -> url.endsWith("/operations/" + rotation + ":rollback"));

        JsonNode after = status();
        assertThat(after.get("rollbackRequired").isNull()).isTrue();
        assertThat(after.get("sslStatus").asText()).isEqualTo("ENABLED");
        assertThat(after.get("tlsMode").asText()).isEqualTo(before.get("tlsMode").asText());
        assertThat(after.at("/currentCa/serial").asText()).isEqualTo(previousCa);
        assertThat(after.get("nodes")).hasSize(3).allSatisfy(node -> {
            assertThat(node.get("trustedCas")).extracting(ca -> ca.get("serial").asText())
                    .as(node.get("name").asText()).containsExactly(previousCa);
            assertThat(node.at("/certificate/issuerSerial").asText()).isEqualTo(previousCa);
        });
        browser.screenshot("rolled-back", By.id("operation"));
    }

    @Test
    @Order(11)
    void aCommandRefusedBecauseAnOperationRunsIsShownNextToTheSwitch() throws Exception {
        var started = stack.admin("POST", stack.commandApi("/instances/" + DEMO + "/ssl:rotate"), null);
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String runningOperation = started.body().get("operationId").asText();

        confirm(By.id("ssl-switch"));
        WebElement problem = browser.visible(By.cssSelector("#switch-error .problem"));
        assertThat(problem.getAttribute("data-code")).isEqualTo("OPERATION_IN_PROGRESS");
        assertThat(problem.getText()).contains("Turning SSL off failed").contains("Nothing was started")
                .contains(runningOperation);
        browser.screenshot("operation-in-progress-error", By.id("ssl-settings"));

        // the page now follows the operation that was running
        browser.until(OPERATION, "the page following " + runningOperation,
                d -> runningOperation.equals(shownOperation()));
        watchOperationToTheEnd(null, null);
        assertThat(shownOperation()).isEqualTo(runningOperation);
        awaitSslStatus("Enabled");
    }

    /**
     * A disable that fails mid-roll, then a Retry: the later secondary's mongod.conf carries an administrator's typo,
     * an unknown TLS option. mongod refuses to start with it, and the worker keeps it as it keeps every option it does
     * not manage, so the node's restart fails at once (NODE_START_FAILED, no step timeout to wait for). Secondaries
     * restart first, by name: the first is done when the typo stops the second, and the primary has not begun. Once
     * the file is repaired, Retry resumes at the failed node and the disable finishes on every node.
     */
    @Test
    @Order(12)
    void aDisableThatFailsMidRollShowsTheNodeAndMongodsReasonAndARetryFinishesItOnceTheFileIsRepaired()
            throws Exception {
        Map<String, List<String>> roles = await().atMost(SHORT).pollInterval(Duration.ofMillis(200))
                .until(this::replicaSetRoles, r -> r.getOrDefault("PRIMARY", List.of()).size() == 1
                        && r.getOrDefault("SECONDARY", List.of()).size() == 2);
        String primary = roles.get("PRIMARY").get(0);
        String first = roles.get("SECONDARY").get(0);
        String victim = roles.get("SECONDARY").get(1);
        stack.writeFleetConfig(victim, withTlsOption(stack.fleetConfig(victim), TYPO, true));
        browser.script("performance.clearResourceTimings()");

        String previous = shownOperation();
        confirm(By.id("ssl-switch"));
        String disable = browser.until(OPERATION, "the disable failed at " + victim, d -> {
            var label = d.findElements(By.id("operation-progress-label"));
            String shown = label.isEmpty() ? null : label.get(0).getAttribute("data-operation-id");
            return shown != null && !shown.equals(previous) && "FAILED".equals(label.get(0).getAttribute("data-state"))
                    && !d.findElements(By.id("retry-operation")).isEmpty() ? shown : null;
        });
        assertThat(browser.visibleText(By.id("operation-title"))).isEqualTo("Disable SSL failed");
        assertThat(browser.visibleText(By.id("operation-failure"))).contains("stopped in pass 1 at node " + victim)
                .contains("mongod did not start").contains("Unrecognized option: net.tls." + TYPO)
                .contains("(NODE_START_FAILED)").contains("a retry resumes at the failed step");
        assertThat(stepStates(1)).isEqualTo(Map.of(first, "DONE", victim, "FAILED", primary, "PENDING"));
        assertThat(nodeStates()).isEqualTo(Map.of(first, "PENDING", victim, "FAILED", primary, "PENDING"));
        assertThat(browser.visible(By.id("retry-operation")).getText()).isEqualTo("Retry");
        assertThat(browser.visible(By.id("abort-operation")).getText()).isEqualTo("Abort");
        assertThat(browser.visibleText(By.id("lock-reason"))).contains(disable)
                .contains("failed and waits for a retry");
        assertThat(browser.driver.findElement(By.id("ssl-switch")).getAttribute("aria-disabled")).isEqualTo("true");
        assertThat(status().at("/operation/state").asText()).isEqualTo("FAILED");
        assertThat(fleetNode(victim).get("state").asText()).as("the node mongod refused stays down")
                .isEqualTo("FAILED");
        browser.screenshot("disable-failed", By.id("operation"));

        // the administrator removes the typo; mongod reads the file when the retry starts it
        stack.writeFleetConfig(victim, withoutTlsOption(stack.fleetConfig(victim), TYPO));
        browser.visible(By.id("retry-operation")).click();
        WebElement dialog = awaitDialogOpen();
        assertThat(dialog.getText()).contains("Retry disable SSL on " + DEMO).contains("resumes at node " + victim);
        browser.driver.findElement(By.id("confirm-ok")).click();
        awaitDialogClosed();
        browser.until(OPERATION, "the disable running again", d -> !"FAILED".equals(d.findElement(
                By.id("operation-progress-label")).getAttribute("data-state")));
        watchOperationToTheEnd(null, "retry-progress");
        assertThat(shownOperation()).isEqualTo(disable);
        assertThat(browser.visibleText(By.cssSelector("#operation .operation-meta"))).contains("attempt 2");
        assertThat(browser.all(By.id("operation-failure"))).isEmpty();
        assertThat(stepStates(1)).isEqualTo(Map.of(first, "DONE", victim, "DONE", primary, "DONE"));
        assertThat(stepStates(2)).isEqualTo(Map.of(first, "DONE", victim, "DONE", primary, "DONE"));
        assertThat(nodeStates()).isEqualTo(Map.of(first, "RESTARTED", victim, "RESTARTED", primary, "RESTARTED"));
        assertThat(requestsToTheCommandService())
                .anyMatch(url -> url.endsWith("/api/v1/instances/" + DEMO + "/ssl:disable"))
                .anyMatch(url -> url.endsWith("/operations/" + disable + ":retry"));
        assertThat(stack.fleetNodes()).hasSize(3).allSatisfy(node -> {
            assertThat(node.get("state").asText()).as(node.get("name").asText()).isEqualTo("RUNNING");
            assertThat(node.get("tlsMode").asText()).as(node.get("name").asText()).isEqualTo("disabled");
        });

        awaitSslStatus("Disabled");
        assertThat(browser.driver.findElement(By.id("ssl-switch")).getAttribute("aria-checked")).isEqualTo("false");
        assertThat(browser.driver.findElement(By.id("download-certificate")).getAttribute("aria-disabled"))
                .isEqualTo("true");
        browser.screenshot("disabled-after-retry", By.id("operation"));
    }

    @Test
    @Order(13)
    void historyAndAuditTimelineTellTheWholeStoryAndThePageFitsANarrowWindow() {
        // enable, the held update, the aborted update (rolled back), the update while the switch was refused
        browser.until(SHORT, "four certificates", d -> historyRows().size() == 4);
        assertThat(historyRows()).allSatisfy(row -> assertThat(row.getText()).contains("op-"));
        browser.until(SHORT, "the audit timeline", d -> auditTypes().contains("SslDisabled"));
        assertThat(auditTypes()).as("the newest page").hasSize(20).doesNotContain("InstanceRegistered");
        browser.screenshot("history-and-audit", By.id("history"));
        while (!browser.all(By.id("audit-older")).isEmpty()) {
            int shown = auditTypes().size();
            browser.driver.findElement(By.id("audit-older")).click();
            browser.until(SHORT, "older audit entries", d -> auditTypes().size() > shown);
        }
        List<String> types = auditTypes();
        assertThat(types.get(types.size() - 1)).as("the oldest entry").isEqualTo("InstanceRegistered");
        assertThat(types).contains("SslEnabled", "CertificateRotated", "NodeCertificatesRenewing", "SslDisabled",
                "NodeRestarted", "OperationAborted", "OperationRollingBack", "RestartFailed", "RestartRetried",
                "RenewalPolicySet");
        assertThat(browser.all(By.cssSelector("#audit-timeline .audit-actor")))
                .anySatisfy(actor -> assertThat(actor.getText()).contains("admin"));

        browser.resize(400, 800);
        browser.until(SHORT, "the narrow window", d -> ((Number) browser.script("return window.innerWidth"))
                .intValue() <= 420);
        assertThat(widerThanTheWindow()).as("elements wider than the window (tables scroll in their own box)")
                .isEmpty();
        browser.script("window.scrollTo(0, 0)");
        browser.screenshot("narrow-window");
        browser.resize(1280, 800);
    }

    @Test
    @Order(14)
    void aViewerIsNotOfferedAnyActionAndSigningOutForgetsTheToken() {
        browser.driver.findElement(By.id("sign-out")).click();
        browser.visible(By.id("token"));
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);

        signIn(stack.token("viewer"));
        browser.visible(By.id("identity"));
        openSslPage(DEMO);
        awaitSslStatus("Disabled");
        assertThat(browser.visibleText(By.id("read-only"))).contains("viewer").contains("not");
        assertThat(browser.all(By.id("ssl-switch"))).isEmpty();
        assertThat(browser.all(By.id("rotate-certificate"))).isEmpty();
        assertThat(browser.visibleText(By.id("audit-unavailable"))).contains("not available to your role");
        browser.until(SHORT, "the history", d -> historyRows().size() == 4);
        browser.screenshot("viewer");

        assertThat(browser.scriptErrors()).as("script errors in the browser console").isEmpty();
    }

    // ---- helpers ----

    private void signIn(String token) {
        WebElement input = browser.visible(By.id("token"));
        input.clear();
        input.sendKeys(token);
        browser.driver.findElement(By.id("sign-in")).click();
    }

    private void openSslPage(String instanceId) {
        browser.driver.get(stack.consoleUrl() + "#/instances/" + instanceId + "/ssl");
        browser.until(SHORT, "the SSL page of " + instanceId, d -> d.findElement(By.id("instance-id")).getText()
                .equals(instanceId) && !d.findElements(By.id("ssl-status-value")).isEmpty());
    }

    /** Clicks a control and OK in the confirmation dialog. */
    private void confirm(By control) {
        browser.visible(control).click();
        awaitDialogOpen();
        browser.driver.findElement(By.id("confirm-ok")).click();
        awaitDialogClosed();
    }

    private WebElement awaitDialogOpen() {
        return browser.until(SHORT, "the dialog", d -> {
            WebElement dialog = d.findElement(By.id("confirm-dialog"));
            return dialog.getAttribute("open") != null ? dialog : null;
        });
    }

    private void awaitDialogClosed() {
        browser.until(SHORT, "the dialog closed", d -> d.findElement(By.id("confirm-dialog"))
                .getAttribute("open") == null);
    }

    /**
     * Waits for an operation other than {@code previousOperation} to complete on the page, recording every progress value seen on the way, with
     * a screenshot (when named) the first time the page shows it running, a node done, the controls locked.
     */
    private List<String> watchOperationToTheEnd(String previousOperation, String screenshot) {
        List<String> seen = new ArrayList<>();
        boolean[] shot = {screenshot == null};
        browser.until(OPERATION, "the operation after " + previousOperation + " to complete", d -> {
            var label = d.findElements(By.id("operation-progress-label"));
            if (label.isEmpty() || String.valueOf(previousOperation).equals(label.get(0)
                    .getAttribute("data-operation-id"))) {
                return false;
            }
            String state = label.get(0).getAttribute("data-state");
            String value = d.findElement(By.id("operation-progress")).getAttribute("value");
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(value)) {
                seen.add(value);
            }
            if (!shot[0] && (state.equals("RUNNING") || state.equals("RETRIED")) && !value.equals("0")
                    && d.findElement(By.id("lock-reason")).isDisplayed()) {
                shot[0] = true;
                browser.screenshot(screenshot);
            }
            assertThat(state).as("operation state").isNotEqualTo("FAILED");
            return state.equals("COMPLETED") && !d.findElement(By.id("lock-reason")).isDisplayed();
        });
        return seen;
    }

    /** An option mongod does not know (allowInvalidHostnames misspelt): it refuses to start with it. */
    private static final String TYPO = "allowInvalidHostname";

    /** Node → state of the steps of pass {@code pass} on the operation card. */
    private Map<String, String> stepStates(int pass) {
        Map<String, String> states = new TreeMap<>();
        browser.all(By.cssSelector("#operation-passes section.pass[data-pass='" + pass + "'] .pass-steps tbody tr"))
                .forEach(row -> states.put(row.getAttribute("data-node"), row.getAttribute("data-state")));
        return states;
    }

    /** Node → overall state (over every pass) in the card's node table. */
    private Map<String, String> nodeStates() {
        Map<String, String> states = new TreeMap<>();
        browser.all(By.cssSelector("#operation-nodes tbody tr"))
                .forEach(row -> states.put(row.getAttribute("data-node"), row.getAttribute("data-state")));
        return states;
    }

    /** replState → the names of the nodes in it, sorted, as the hosts report them. */
    private Map<String, List<String>> replicaSetRoles() throws Exception {
        Map<String, List<String>> roles = new TreeMap<>();
        for (JsonNode node : stack.fleetNodes()) {
            roles.computeIfAbsent(node.get("replState").asText(), r -> new ArrayList<>())
                    .add(node.get("name").asText());
        }
        roles.values().forEach(Collections::sort);
        return roles;
    }

    private JsonNode fleetNode(String name) throws Exception {
        for (JsonNode node : stack.fleetNodes()) {
            if (node.get("name").asText().equals(name)) {
                return node;
            }
        }
        throw new AssertionError("no fleet node " + name);
    }

    private static String withTlsOption(String config, String option, Object value) {
        Map<String, Object> root = new Yaml().load(config);
        tlsSection(root).put(option, value);
        return blockYaml().dump(root);
    }

    private static String withoutTlsOption(String config, String option) {
        Map<String, Object> root = new Yaml().load(config);
        assertThat(tlsSection(root).remove(option)).as("%s in the file the worker wrote", option).isNotNull();
        return blockYaml().dump(root);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tlsSection(Map<String, Object> root) {
        var net = (Map<String, Object>) root.get("net");
        assertThat(net).as("net in %s", root).isNotNull();
        var tls = (Map<String, Object>) net.get("tls");
        assertThat(tls).as("net.tls in %s", root).isNotNull();
        return tls;
    }

    private static Yaml blockYaml() {
        var options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options);
    }

    /** The instance's SSL status, as the query API answers it. */
    private JsonNode operation(String operationId) throws Exception {
        var answer = stack.admin("GET", stack.queryApi("/instances/" + DEMO + "/operations/" + operationId), null);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }

    private JsonNode status() throws Exception {
        var answer = stack.admin("GET", stack.queryApi("/instances/" + DEMO + "/ssl"), null);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }

    /** At most how far a certificate's notBefore lies back (a few minutes, for clock skew). */
    private static final Duration BACKDATED = Duration.ofHours(1);

    private static Duration lifetime(JsonNode certificate) {
        return Duration.between(Instant.parse(certificate.get("notBefore").asText()),
                Instant.parse(certificate.get("notAfter").asText()));
    }

    /** The id of the operation the page shows, or null. */
    private String shownOperation() {
        var label = browser.all(By.id("operation-progress-label"));
        return label.isEmpty() ? null : label.get(0).getAttribute("data-operation-id");
    }

    private void awaitSslStatus(String expected) {
        browser.until(OPERATION, "SSL status " + expected, d -> expected.equals(sslStatusText()));
    }

    private String sslStatusText() {
        var status = browser.all(By.id("ssl-status-value"));
        return status.isEmpty() ? "" : status.get(0).getText();
    }

    private List<String> rowIds() {
        return browser.all(By.cssSelector("#instance-results tbody tr")).stream()
                .map(row -> row.getAttribute("data-instance-id")).toList();
    }

    private WebElement cell(String instanceId, int column) {
        return browser.driver.findElement(By.cssSelector(
                "#instance-results tr[data-instance-id='" + instanceId + "'] > :nth-child(" + column + ")"));
    }

    private List<WebElement> historyRows() {
        return browser.all(By.cssSelector("#certificates tbody tr"));
    }

    private List<String> auditTypes() {
        return browser.all(By.cssSelector("#audit-timeline .audit-entry")).stream()
                .map(entry -> entry.getAttribute("data-type")).toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> widerThanTheWindow() {
        return (List<String>) browser.script("""
                const width = document.documentElement.clientWidth;
                return [...document.querySelectorAll('body *')]
                    .filter(e => !e.closest('.table-scroll, .visually-hidden, dialog, .skip-link'))
                    .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > width + 1)
                    .slice(0, 8)
                    .map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className} right=${Math.round(
                        e.getBoundingClientRect().right)} width=${width}`);
                """);
    }

    @SuppressWarnings("unchecked")
    private Set<String> requestsToTheCommandService() {
        List<String> names = (List<String>) browser.script(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        Set<String> toCommands = new TreeSet<>();
        for (String name : names) {
            if (name.contains(":" + stack.commandPort + "/")) {
                toCommands.add(name);
            }
        }
        return toCommands;
    }

    private static String fingerprintOf(X509Certificate certificate) {
        try {
            return fingerprint(certificate);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fingerprint(X509Certificate certificate) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }
}
