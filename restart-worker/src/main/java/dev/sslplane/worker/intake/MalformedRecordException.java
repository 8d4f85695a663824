package dev.sslplane.worker.intake;

/** A record on ssl.events this worker cannot act on; it goes to the dead-letter topic with the reason. */
public class MalformedRecordException extends RuntimeException {

    public MalformedRecordException(String reason) {
        super(reason);
    }
}
