package dev.sslplane.worker.job;

/** The job was claimed by another worker (our lease expired or the job was re-armed): stop touching it. */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(String operationId) {
        super("lease on job " + operationId + " was lost");
    }
}
