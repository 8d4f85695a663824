package dev.sslplane.fleet.replset;

/** mongod's refusal of a step-down, with its error code and name. */
public class StepDownRefused extends RuntimeException {

    private final int code;
    private final String codeName;

    public StepDownRefused(int code, String codeName, String message) {
        super(message);
        this.code = code;
        this.codeName = codeName;
    }

    public int code() {
        return code;
    }

    public String codeName() {
        return codeName;
    }
}
