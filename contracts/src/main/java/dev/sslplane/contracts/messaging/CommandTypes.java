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
    // abort and rollback
    public static final String ABORT_OPERATION = "AbortOperation";
    public static final String ROLL_BACK_OPERATION = "RollBackOperation";

    // ---- instance changes (issue 19 section 5)
    public static final String ADD_MEMBER = "AddMember";
    public static final String REMOVE_MEMBER = "RemoveMember";
    public static final String REPLACE_MEMBER = "ReplaceMember";
    public static final String UPDATE_COLLECTION_COUNT = "UpdateCollectionCount";
    public static final String UPDATE_ENGINE_VERSION = "UpdateEngineVersion";

    // ---- automatic renewal (issue 19 section 2)
    public static final String SET_RENEWAL_POLICY = "SetRenewalPolicy";

    public static final Set<String> ALL = Set.of(REGISTER_INSTANCE, ENABLE_SSL, ROTATE_CERTIFICATE, DISABLE_SSL,
            RETRY_RESTART, FINISH_ROTATION, SET_TLS_ENFORCEMENT, RENEW_NODE_CERTIFICATES,
            SET_MAINTENANCE_WINDOW, CANCEL_SCHEDULED_OPERATION, ABORT_OPERATION, ROLL_BACK_OPERATION,
            ADD_MEMBER, REMOVE_MEMBER, REPLACE_MEMBER, UPDATE_COLLECTION_COUNT, UPDATE_ENGINE_VERSION,
            SET_RENEWAL_POLICY);

    private CommandTypes() {
    }
}
