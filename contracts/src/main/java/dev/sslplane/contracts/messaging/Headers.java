package dev.sslplane.contracts.messaging;

/** Kafka record header names, for correlation without parsing the value. */
public final class Headers {

    public static final String MESSAGE_TYPE = "ssl-message-type";
    public static final String SCHEMA_VERSION = "ssl-schema-version";
    public static final String COMMAND_ID = "ssl-command-id";
    public static final String OPERATION_ID = "ssl-operation-id";
    public static final String ACTOR = "ssl-actor";
    /** On dead-letter records: a stable code for why the record was refused. */
    public static final String DLT_REASON_CODE = "ssl-dlt-reason-code";
    /** On dead-letter records: a human-readable reason. */
    public static final String DLT_REASON = "ssl-dlt-reason";

    private Headers() {
    }
}
