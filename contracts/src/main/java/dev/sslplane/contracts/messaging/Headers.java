package dev.sslplane.contracts.messaging;

/** Kafka record header names, for correlation without parsing the value. */
public final class Headers {

    public static final String MESSAGE_TYPE = "ssl-message-type";
    public static final String SCHEMA_VERSION = "ssl-schema-version";
    public static final String COMMAND_ID = "ssl-command-id";
    public static final String OPERATION_ID = "ssl-operation-id";
    public static final String ACTOR = "ssl-actor";
    /**
     * The service that produced a record on {@code ssl.commands} (for example {@code ops-portal}). Required there:
     * the command service records the actor as {@code service:<producer>} and checks it against its allow-list.
     * Kafka ACLs (mTLS/SASL principals) decide who may write the topic at all; this header names which of the
     * permitted services wrote the record.
     */
    public static final String PRODUCER = "ssl-producer";
    /** On dead-letter records: a stable code for why the record was refused. */
    public static final String DLT_REASON_CODE = "ssl-dlt-reason-code";
    /** On dead-letter records: a human-readable reason. */
    public static final String DLT_REASON = "ssl-dlt-reason";

    private Headers() {
    }
}
