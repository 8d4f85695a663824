package dev.sslplane.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

class SecuritySupportTest {

    @Test
    void instanceScopeMatchesIdsAndGlobs() {
        var scope = new InstanceScope(List.of("rs-prod-*", "rs-demo"));
        assertThat(scope.permits("rs-prod-7")).isTrue();
        assertThat(scope.permits("rs-demo")).isTrue();
        assertThat(scope.permits("rs-demo-2")).isFalse();
        assertThat(scope.permits("rs-test-1")).isFalse();
        assertThat(scope.permits(null)).isFalse();
        assertThat(new InstanceScope(List.of("a.b")).permits("aXb")).as("dots are literal").isFalse();
        assertThat(new InstanceScope(List.of()).permits("anything")).isTrue();
        assertThat(InstanceScope.ALL.isUnrestricted()).isTrue();
    }

    @Test
    void staticTokensAreFoundByTheirHashOnly() {
        var token = "sslp_secret-value";
        var tokens = new ApiTokens(List.of(new ApiToken("ops", ApiTokens.sha256Hex(token), Set.of(Role.OPERATOR),
                List.of("rs-*"))));

        assertThat(tokens.find(token)).get().extracting(ApiToken::name).isEqualTo("ops");
        assertThat(tokens.find("sslp_other")).isEmpty();
        assertThat(tokens.find("")).isEmpty();
        assertThat(tokens.find("x".repeat(10_000))).isEmpty();
        assertThat(tokens.find(token).orElseThrow().toString()).doesNotContain(token);
    }

    @Test
    void misconfiguredTokensAreRefused() {
        assertThatThrownBy(() -> new ApiToken("x", "not-a-hash", Set.of(Role.VIEWER), List.of()))
                .hasMessageContaining("sha256");
        assertThatThrownBy(() -> new ApiToken("x", ApiTokens.sha256Hex("t"), Set.of(), List.of()))
                .hasMessageContaining("no roles");
        String hash = ApiTokens.sha256Hex("same");
        assertThatThrownBy(() -> new ApiTokens(List.of(new ApiToken("a", hash, Set.of(Role.VIEWER), null),
                new ApiToken("b", hash, Set.of(Role.VIEWER), null)))).hasMessageContaining("same hash");
    }

    @Test
    void servletManagerAuthenticatesStaticTokensAndJwts() {
        var token = "sslp_abc";
        var tokens = new ApiTokens(List.of(new ApiToken("ops", ApiTokens.sha256Hex(token), Set.of(Role.OPERATOR),
                List.of())));
        var manager = BearerAuthentication.servlet(tokens, jwt -> {
            if (!jwt.equals("h.p.s")) {
                throw new BadJwtException("bad signature");
            }
            return Jwt.withTokenValue(jwt).header("alg", "RS256").subject("alice")
                    .claim("roles", List.of("viewer", "auditor", "someone-elses-role"))
                    .claim("instances", "rs-1 rs-2").issuedAt(Instant.now()).build();
        }, JwtClaims.DEFAULT);

        Authentication byToken = manager.authenticate(new BearerTokenAuthenticationToken(token));
        assertThat(byToken.getName()).isEqualTo("token:ops");
        assertThat(byToken.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_OPERATOR");
        assertThat(byToken.getCredentials()).isEqualTo("");

        Authentication byJwt = manager.authenticate(new BearerTokenAuthenticationToken("h.p.s"));
        var principal = (SslplanePrincipal) byJwt.getPrincipal();
        assertThat(principal.name()).isEqualTo("jwt:alice");
        assertThat(principal.roles()).containsExactlyInAnyOrder(Role.VIEWER, Role.AUDITOR);
        assertThat(principal.scope().permits("rs-2")).isTrue();
        assertThat(principal.scope().permits("rs-3")).isFalse();

        assertThatThrownBy(() -> manager.authenticate(new BearerTokenAuthenticationToken("x.y.z")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> manager.authenticate(new BearerTokenAuthenticationToken("sslp_nope")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void withoutAJwtIssuerJwtsAreRefused() {
        var manager = BearerAuthentication.servlet(new ApiTokens(List.of()), null, JwtClaims.DEFAULT);
        assertThatThrownBy(() -> manager.authenticate(new BearerTokenAuthenticationToken("h.p.s")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void reactiveManagerAuthenticatesStaticTokens() {
        var token = "sslp_abc";
        var tokens = new ApiTokens(List.of(new ApiToken("v", ApiTokens.sha256Hex(token), Set.of(Role.VIEWER),
                List.of())));
        var manager = BearerAuthentication.reactive(tokens, null, JwtClaims.DEFAULT);

        assertThat(manager.authenticate(new BearerTokenAuthenticationToken(token)).block().getName())
                .isEqualTo("token:v");
        assertThatThrownBy(() -> manager.authenticate(new BearerTokenAuthenticationToken("sslp_no")).block())
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void roleHierarchyGivesAdminEverythingButWorker() {
        var reachable = Role.hierarchy().getReachableGrantedAuthorities(
                List.of(new SimpleGrantedAuthority(Role.ADMIN.authority())));
        assertThat(reachable).extracting(Object::toString)
                .contains("ROLE_ADMIN", "ROLE_OPERATOR", "ROLE_VIEWER", "ROLE_AUDITOR", "ROLE_METRICS")
                .doesNotContain("ROLE_WORKER");
    }

    @Test
    void localTokensAreMadeOnceAndServicesGetOnlyHashes(@TempDir Path dir) throws Exception {
        Map<String, String> first = LocalTokens.ensure(dir);
        Map<String, String> again = LocalTokens.ensure(dir);

        assertThat(first).containsOnlyKeys("operator", "viewer", "auditor", "worker", "metrics", "admin")
                .isEqualTo(again);
        String hashed = Files.readString(dir.resolve(LocalTokens.HASHED_FILE));
        first.values().forEach(token -> assertThat(hashed).doesNotContain(token));
        ApiTokens tokens = ApiTokens.load(List.of(), dir.resolve(LocalTokens.HASHED_FILE));
        assertThat(tokens.find(first.get("worker")).orElseThrow().roles()).containsExactly(Role.WORKER);
    }

    @Test
    void localTokensMadeBeforeARoleExistedGetATokenForItAndKeepTheirOthers(@TempDir Path dir) throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<String, String> first = LocalTokens.ensure(dir);
        // the files as a stack made them before the metrics role existed
        Map<String, String> older = new java.util.LinkedHashMap<>(first);
        older.remove("metrics");
        Files.write(dir.resolve(LocalTokens.PLAIN_FILE), mapper.writeValueAsBytes(older));
        List<ApiToken> olderHashed = java.util.Arrays.stream(mapper.readValue(
                        dir.resolve(LocalTokens.HASHED_FILE).toFile(), ApiToken[].class))
                .filter(token -> !token.roles().contains(Role.METRICS)).toList();
        Files.write(dir.resolve(LocalTokens.HASHED_FILE), mapper.writeValueAsBytes(olderHashed));

        Map<String, String> upgraded = LocalTokens.ensure(dir);

        assertThat(upgraded).containsAllEntriesOf(older).containsKey("metrics");
        assertThat(upgraded.get("metrics")).isNotEqualTo(first.get("metrics"));
        ApiTokens tokens = ApiTokens.load(List.of(), dir.resolve(LocalTokens.HASHED_FILE));
        assertThat(tokens.find(upgraded.get("metrics")).orElseThrow().roles()).containsExactly(Role.METRICS);
        assertThat(tokens.find(upgraded.get("admin")).orElseThrow().roles()).containsExactly(Role.ADMIN);
        assertThat(LocalTokens.ensure(dir)).isEqualTo(upgraded);
    }
}
