package dev.sslplane.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.MaintenanceWindow;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.RenewalPolicy;
import dev.sslplane.contracts.event.RenewalPolicySetEvent;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import dev.sslplane.query.support.Lifecycle;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** The maintenance window and scheduled operations, fed through the projection and read back. */
class ScheduleProjectionTest extends ProjectionFixture {

    private static final MaintenanceWindow WINDOW =
            new MaintenanceWindow(DayOfWeek.SATURDAY, LocalTime.of(2, 0), Duration.ofHours(4));
    private static final Instant OPENS = Instant.parse("2026-12-05T02:00:00Z");

    @Test
    void theStatusShowsTheMaintenanceWindowAndTheAuditTrailItsSetting() {
        var life = new Lifecycle("rs-w", T0, 3).register().maintenanceWindow(WINDOW);
        project(life.events());

        assertThat(instance("rs-w").maintenanceWindow)
                .isEqualTo(new InstanceDoc.MaintenanceWindowDoc("SATURDAY", "02:00", "PT4H"));
        assertThat(audit("rs-w")).last().satisfies(a -> {
            assertThat(a.type()).isEqualTo("MaintenanceWindowSet");
            assertThat(a.summary()).contains("SATURDAY 02:00 UTC for PT4H");
        });
    }

    @Test
    void theStatusShowsTheRenewalPolicyAndTheAuditTrailEachSetting() {
        var life = new Lifecycle("rs-r", T0, 3).register().maintenanceWindow(WINDOW);
        project(life.events());
        assertThat(instance("rs-r").renewalPolicy).as("never set").isNull();

        life.emit(new RenewalPolicySetEvent("rs-r", RenewalPolicy.IN_MAINTENANCE_WINDOW), "user:alice");
        project(life.events());
        assertThat(instance("rs-r").renewalPolicy).isEqualTo("IN_MAINTENANCE_WINDOW");
        assertThat(audit("rs-r")).last().satisfies(a -> {
            assertThat(a.type()).isEqualTo("RenewalPolicySet");
            assertThat(a.summary()).contains("renewed automatically in the maintenance window");
        });

        life.emit(new RenewalPolicySetEvent("rs-r", RenewalPolicy.OFF), "user:alice");
        project(life.events());
        assertThat(instance("rs-r").renewalPolicy).isEqualTo("OFF");
        assertThat(audit("rs-r")).last().satisfies(a -> assertThat(a.summary()).contains("turned off"));
    }

    @Test
    void aScheduledOperationIsTheInstancesOperationInStateScheduledWithItsStart() {
        var life = new Lifecycle("rs-s", T0, 3).register().maintenanceWindow(WINDOW)
                .schedule("op-1", OperationKind.ENABLE, OPENS);
        project(life.events());

        InstanceDoc doc = instance("rs-s");
        assertThat(doc.sslStatus).isEqualTo("DISABLED");
        assertThat(doc.operation.operationId()).isEqualTo("op-1");
        assertThat(doc.operation.state()).isEqualTo("SCHEDULED");
        assertThat(doc.operation.scheduledFor()).isEqualTo(OPENS);
        assertThat(doc.operation.windowEndsAt()).isEqualTo(OPENS.plusSeconds(3600));
        OperationDoc op = operation("op-1");
        assertThat(op.state).isEqualTo("SCHEDULED");
        assertThat(op.kind).isEqualTo("ENABLE");
        assertThat(op.scheduledBy).isEqualTo("user:dave");
        assertThat(op.startedAt).isNull();
        assertThat(op.terminal()).isFalse();
        assertThat(audit("rs-s")).last().satisfies(a -> {
            assertThat(a.type()).isEqualTo("OperationScheduled");
            assertThat(a.actor()).isEqualTo("user:dave");
            assertThat(a.summary()).contains("ENABLE operation op-1 scheduled", OPENS.toString());
        });
    }

    @Test
    void whenItStartsItRunsUnderTheSameIdAndKeepsWhoScheduledIt() {
        var life = new Lifecycle("rs-t", T0, 3).register().maintenanceWindow(WINDOW)
                .schedule("op-1", OperationKind.ENABLE, OPENS);
        CertificateInfo ca = life.newCa();
        life.enable("op-1", ca);
        project(life.events());

        InstanceDoc doc = instance("rs-t");
        assertThat(doc.sslStatus).isEqualTo("ENABLED");
        assertThat(doc.operation.state()).isEqualTo("RUNNING");
        OperationDoc op = operation("op-1");
        assertThat(op.state).isEqualTo("RUNNING");
        assertThat(op.scheduledBy).isEqualTo("user:dave");
        assertThat(op.scheduledFor).isEqualTo(OPENS);
        assertThat(op.history).extracting(OperationDoc.HistoryEntry::type)
                .containsExactly("OperationScheduled", "SslEnabled");
    }

    @Test
    void aDeferredOperationWaitsForTheNextWindow() {
        var life = new Lifecycle("rs-d", T0, 3).register().maintenanceWindow(WINDOW)
                .schedule("op-1", OperationKind.ENABLE, OPENS).defer("op-1", OperationKind.ENABLE, OPENS);
        project(life.events());

        Instant next = OPENS.plus(Duration.ofDays(7));
        assertThat(instance("rs-d").operation.state()).isEqualTo("SCHEDULED");
        assertThat(instance("rs-d").operation.scheduledFor()).isEqualTo(next);
        OperationDoc op = operation("op-1");
        assertThat(op.scheduledFor).isEqualTo(next);
        assertThat(op.deferrals).isEqualTo(1);
        assertThat(op.history).last().satisfies(h -> assertThat(h.detail()).contains("next window " + next));
        assertThat(audit("rs-d")).last().satisfies(a -> assertThat(a.summary()).contains("deferred"));
    }

    @Test
    void aCancelledRotationEndsCancelledOffersNoBundleAndTheNextOperationTakesItsPlace() {
        var life = new Lifecycle("rs-c", T0, 3).register().maintenanceWindow(WINDOW);
        CertificateInfo ca = life.newCa();
        life.enable("op-1", ca).restartAll("op-1", 1).complete("op-1", OperationKind.ENABLE)
                .schedule("op-2", OperationKind.ROTATE, OPENS).cancelScheduled("op-2", OperationKind.ROTATE);
        project(life.events());

        InstanceDoc cancelled = instance("rs-c");
        assertThat(cancelled.operation.operationId()).isEqualTo("op-2");
        assertThat(cancelled.operation.state()).isEqualTo("CANCELLED");
        assertThat(cancelled.operation.rotating()).as("a cancelled rotation offers no CA bundle").isFalse();
        assertThat(cancelled.previousCa).isNull();
        OperationDoc op = operation("op-2");
        assertThat(op.state).isEqualTo("CANCELLED");
        assertThat(op.terminal()).isTrue();
        assertThat(op.history).last().satisfies(h -> assertThat(h.actor()).isEqualTo("user:erin"));
        assertThat(audit("rs-c")).last().satisfies(a -> {
            assertThat(a.actor()).isEqualTo("user:erin");
            assertThat(a.summary()).contains("cancelled");
        });

        life.enforce("op-3", true);
        project(life.events());
        assertThat(instance("rs-c").operation.operationId()).isEqualTo("op-3");
        assertThat(instance("rs-c").operation.state()).isEqualTo("RUNNING");
    }

    @Test
    void aScheduledOperationRefusedAtItsStartEndsCancelledWithTheRefusalInItsHistoryAndAudit() {
        var life = new Lifecycle("rs-n", T0, 3).register().maintenanceWindow(WINDOW)
                .schedule("op-1", OperationKind.ENABLE, OPENS)
                .refuseScheduled("op-1", OperationKind.ENABLE, "VALIDATION_FAILED", "caValidity must be at most P3650D");
        project(life.events());

        assertThat(instance("rs-n").operation.state()).isEqualTo("CANCELLED");
        OperationDoc op = operation("op-1");
        assertThat(op.terminal()).isTrue();
        assertThat(op.history).last().satisfies(h -> {
            assertThat(h.actor()).isEqualTo("system:scheduler");
            assertThat(h.detail()).isEqualTo("not started: VALIDATION_FAILED: caValidity must be at most P3650D");
        });
        assertThat(audit("rs-n")).last().satisfies(a -> {
            assertThat(a.actor()).isEqualTo("system:scheduler");
            assertThat(a.summary()).contains("not started", "VALIDATION_FAILED", "caValidity");
        });

        life.enable("op-2", life.newCa());
        project(life.events());
        assertThat(instance("rs-n").operation.operationId()).as("the instance is free again").isEqualTo("op-2");
    }

    @Test
    void aScheduledRotationIsNotRotatingYet() {
        var life = new Lifecycle("rs-r", T0, 3).register();
        CertificateInfo ca = life.newCa();
        life.enable("op-1", ca).restartAll("op-1", 1).complete("op-1", OperationKind.ENABLE)
                .schedule("op-2", OperationKind.ROTATE, OPENS);
        project(life.events());

        assertThat(instance("rs-r").operation.state()).isEqualTo("SCHEDULED");
        assertThat(instance("rs-r").operation.rotating()).isFalse();
    }

    @Test
    void redeliveredScheduleEventsChangeNothing() {
        var life = new Lifecycle("rs-x", T0, 3).register().maintenanceWindow(WINDOW)
                .schedule("op-1", OperationKind.DISABLE, OPENS).defer("op-1", OperationKind.DISABLE, OPENS)
                .cancelScheduled("op-1", OperationKind.DISABLE);
        var twice = new ArrayList<>(life.events());
        twice.addAll(life.events());
        project(twice);

        assertThat(operation("op-1").deferrals).isEqualTo(1);
        assertThat(operation("op-1").history).hasSize(3);
        assertThat(audit("rs-x")).hasSize(life.events().size());
    }
}
