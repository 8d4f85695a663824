package dev.sslplane.nodeclient;

/** The node answered the command with {@code ok: 0}; {@code code} and {@code codeName} are MongoDB's. */
public class NodeCommandException extends NodeClientException {

    private final int code;
    private final String codeName;
    private final String errmsg;

    public NodeCommandException(String command, int code, String codeName, String errmsg) {
        super(Kind.COMMAND, command + " failed: " + errmsg + " (code " + code
                + (codeName == null ? "" : " " + codeName) + ")", null);
        this.code = code;
        this.codeName = codeName;
        this.errmsg = errmsg;
    }

    public int code() {
        return code;
    }

    public String codeName() {
        return codeName;
    }

    public String errmsg() {
        return errmsg;
    }
}
