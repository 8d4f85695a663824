package dev.sslplane.commandservice.intake.kafka;

/**
 * A record that can never be handled as it is (unparseable, invalid, unknown command type). It is not retried:
 * the error handler sends it to the topic's dead-letter topic with {@link #reasonCode()} and the message in headers.
 */
public class RejectedRecordException extends RuntimeException {

    private final String reasonCode;

    public RejectedRecordException(String reasonCode, String reason) {
        super(reason);
        this.reasonCode = reasonCode;
    }

    public String reasonCode() {
        return reasonCode;
    }

    /** Stable reason codes on dead-letter records. */
    public static final String MALFORMED_RECORD = "MALFORMED_RECORD";
    public static final String UNKNOWN_COMMAND_TYPE = "UNKNOWN_COMMAND_TYPE";
    public static final String UNEXPECTED_MESSAGE_TYPE = "UNEXPECTED_MESSAGE_TYPE";
    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    public static final String INSTANCE_NOT_FOUND = "INSTANCE_NOT_FOUND";
    /** A command without the {@code ssl-producer} header (or with a malformed one). */
    public static final String PRODUCER_MISSING = "PRODUCER_MISSING";
    /** A command from a producer not in {@code sslplane.kafka.allowed-producers}. */
    public static final String PRODUCER_NOT_ALLOWED = "PRODUCER_NOT_ALLOWED";
    /** Handling failed for another reason (for example MongoDB down) after every retry. */
    public static final String PROCESSING_FAILED = "PROCESSING_FAILED";
}
