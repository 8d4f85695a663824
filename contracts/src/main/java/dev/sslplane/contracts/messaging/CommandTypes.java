package dev.sslplane.contracts.messaging;

import java.util.Set;

/** Type names of commands accepted on {@code ssl.commands}. */
public final class CommandTypes {

    public static final String REGISTER_INSTANCE = "RegisterInstance";
    public static final String ENABLE_SSL = "EnableSsl";
    public static final String ROTATE_CERTIFICATE = "RotateCertificate";
    public static final String DISABLE_SSL = "DisableSsl";
    public static final String RETRY_RESTART = "RetryRestart";
    public static final String FINISH_ROTATION = "FinishRotation";
    public static final String SET_TLS_ENFORCEMENT = "SetTlsEnforcement";
    public static final String RENEW_NODE_CERTIFICATES = "RenewNodeCertificates";
    // maintenance windows and scheduled operations
    public static final String SET_MAINTENANCE_WINDOW = "SetMaintenanceWindow";
    public static final String CANCEL_SCHEDULED_OPERATION = "CancelScheduledOperation";

    public static final Set<String> ALL = Set.of(REGISTER_INSTANCE, ENABLE_SSL, ROTATE_CERTIFICATE, DISABLE_SSL,
            RETRY_RESTART, FINISH_ROTATION, SET_TLS_ENFORCEMENT, RENEW_NODE_CERTIFICATES,
            SET_MAINTENANCE_WINDOW, CANCEL_SCHEDULED_OPERATION);

    private CommandTypes() {
    }
}
