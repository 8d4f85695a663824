package dev.sslplane.contracts.procedure;

/** The id of one node's step in one pass, {@code <pass>/<node>}: how checkpoints and reports name it. */
public final class StepKey {

    private StepKey() {
    }

    public static String of(int pass, String nodeName) {
        return pass + "/" + nodeName;
    }

    public static int pass(String stepKey) {
        return Integer.parseInt(stepKey.substring(0, stepKey.indexOf('/')));
    }

    public static String node(String stepKey) {
        return stepKey.substring(stepKey.indexOf('/') + 1);
    }
}
