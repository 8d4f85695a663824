package dev.sslplane.contracts.messaging;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Read-your-writes between the command and the query service. An accepted command answers the <em>position</em> of
 * its write: the aggregate sequence number of the instance's last event once the command was decided (the event
 * that registered the instance, or started or resumed the operation). The query service's per-instance reads take
 * it as the query parameter {@value #PARAMETER} and answer only once the instance's read model has reached it
 * (within a bounded wait), so a client never reads a state older than its own write. The command service puts it
 * into every {@code Location} it answers and into the answer's body; clients pass it on as it is.
 *
 * <p>It is a plain decimal, not an opaque token: the projections already order each instance's events by this
 * number ({@code EventEnvelope.sequence}), so it needs no translation on either side.
 */
public final class ReadPosition {

    /** The query parameter that carries a position. */
    public static final String PARAMETER = "position";
    /**
     * The largest position a request may name, 2<sup>53</sup> − 1: the largest integer a JSON parser in a browser
     * reads exactly (the console reads positions too), and far more events than one instance will ever have.
     */
    public static final long MAX = (1L << 53) - 1;

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,16}");

    private ReadPosition() {
    }

    /**
     * The position a request named, or empty when it named none.
     *
     * @throws IllegalArgumentException when it is not a decimal from 0 to {@link #MAX} (the message says so)
     */
    public static OptionalLong parse(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        if (!DECIMAL.matcher(text).matches() || Long.parseLong(text) > MAX) {
            throw new IllegalArgumentException(PARAMETER + " must be a decimal from 0 to " + MAX);
        }
        return OptionalLong.of(Long.parseLong(text));
    }

    /** {@code url} with the position as its query parameter ({@code url} has no query of its own). */
    public static String appendTo(String url, long position) {
        if (position < 0 || position > MAX) {
            throw new IllegalArgumentException("not a position: " + position);
        }
        return url + "?" + PARAMETER + "=" + position;
    }
}
