package dev.sslplane.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.security.InstanceScope;
import dev.sslplane.security.Role;
import dev.sslplane.security.SslplanePrincipal;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bson.BsonDocument;
import org.bson.codecs.configuration.CodecRegistries;
import org.junit.jupiter.api.Test;

/** The MongoDB form of an instance scope selects exactly the ids the scope permits. */
class InstanceAccessTest {

    @Provide
    Arbitrary<String> globs() {
        Arbitrary<String> literal = Arbitraries.strings().withChars("ab.-_:*?+()[]^$|\\{}").ofMaxLength(6);
        return literal.list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("*", parts));
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().withChars("ab.-_:*?+()[]^$|\\{}\n").ofMaxLength(12);
    }

    @Property(tries = 2000)
    void theRegexOfAGlobMatchesWhatTheScopePermits(@ForAll("globs") String glob, @ForAll("ids") String id) {
        Assume.that(!glob.equals("*")); // the unrestricted scope is no filter at all
        boolean regex = Pattern.compile(InstanceAccess.globToRegex(glob)).matcher(id).find();
        assertThat(regex).as("glob %s, id %s", glob, id).isEqualTo(new InstanceScope(List.of(glob)).permits(id));
    }

    @Property(tries = 300)
    void aGlobMatchesIdsBuiltFromIt(@ForAll("globs") String glob, @ForAll("ids") String filler) {
        String id = glob.replace("*", filler.replace("\n", ""));
        assertThat(Pattern.compile(InstanceAccess.globToRegex(glob)).matcher(id).find()).isTrue();
    }

    @Test
    void exactIdsBecomeAnInAndGlobsAnchoredRegexes() {
        assertThat(InstanceAccess.filter(InstanceScope.ALL, "_id")).isNull();
        assertThat(InstanceAccess.filter(new InstanceScope(List.of()), "_id")).isNull();
        String filter = json(InstanceAccess.filter(new InstanceScope(List.of("rs-1", "rs.2", "prod-*")), "_id"));
        assertThat(filter).contains("\"$in\": [\"rs-1\", \"rs.2\"]").contains("^prod\\\\-.*\\\\z");
        assertThat(json(InstanceAccess.filter(new InstanceScope(List.of("rs-1")), "instanceId")))
                .isEqualTo("{\"instanceId\": {\"$in\": [\"rs-1\"]}}");
    }

    @Test
    void anInstanceOutsideTheScopeIsRefusedWithItsCode() {
        var caller = new SslplanePrincipal("token:t", Set.of(Role.VIEWER), new InstanceScope(List.of("rs-*")));
        InstanceAccess.require(caller, "rs-1");
        assertThatThrownBy(() -> InstanceAccess.require(caller, "prod-1"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INSTANCE_NOT_IN_SCOPE);
                    assertThat(e.status().value()).isEqualTo(403);
                });
    }

    private static String json(org.bson.conversions.Bson filter) {
        return filter.toBsonDocument(BsonDocument.class, CodecRegistries.fromRegistries(
                com.mongodb.MongoClientSettings.getDefaultCodecRegistry())).toJson();
    }
}
