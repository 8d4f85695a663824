package dev.sslplane.query.api;

import com.mongodb.client.model.Filters;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.security.InstanceScope;
import dev.sslplane.security.SslplanePrincipal;
import java.util.ArrayList;
import java.util.List;
import org.bson.conversions.Bson;

/**
 * A credential's instance scope applied to requests: a refusal for one instance outside it, and a MongoDB filter
 * so lists and exports only ever read instances inside it (never filtered after reading, so pages stay full and
 * cursors stay right).
 */
final class InstanceAccess {

    static void require(SslplanePrincipal caller, String instanceId) {
        if (!caller.scope().permits(instanceId)) {
            throw new ApiException(ErrorCode.INSTANCE_NOT_IN_SCOPE,
                    "Instance '" + instanceId + "' is outside this credential's instance scope");
        }
    }

    /** Null when the scope is unrestricted; otherwise exact ids as {@code $in}, globs as anchored regexes. */
    static Bson filter(InstanceScope scope, String field) {
        if (scope.isUnrestricted()) {
            return null;
        }
        List<String> exact = new ArrayList<>();
        List<Bson> any = new ArrayList<>();
        for (String pattern : scope.patterns()) {
            if (pattern.contains("*")) {
                any.add(Filters.regex(field, globToRegex(pattern)));
            } else {
                exact.add(pattern);
            }
        }
        if (!exact.isEmpty()) {
            any.add(0, Filters.in(field, exact));
        }
        return any.size() == 1 ? any.get(0) : Filters.or(any);
    }

    /**
     * {@code *} → {@code .*}, everything else literal, anchored at both ends. ASCII punctuation is escaped with a
     * backslash (literal in both PCRE and Java); {@code \z} so a trailing newline cannot satisfy the end anchor.
     */
    static String globToRegex(String glob) {
        var regex = new StringBuilder("^");
        glob.codePoints().forEach(c -> {
            if (c == '*') {
                regex.append(".*");
            } else if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                regex.append('\\').appendCodePoint(c);
            } else {
                regex.appendCodePoint(c);
            }
        });
        return regex.append("\\z").toString();
    }

    private InstanceAccess() {
    }
}
