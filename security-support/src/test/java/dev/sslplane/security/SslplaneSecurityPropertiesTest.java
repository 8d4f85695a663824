package dev.sslplane.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SslplaneSecurityPropertiesTest {

    @Test
    void refusesToRunWithoutAnyCredentialSource() {
        var properties = new SslplaneSecurityProperties(null, null, null, null, false);

        assertThatThrownBy(properties::apiTokens).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SSLPLANE_SECURITY_TOKENS_FILE");
    }

    @Test
    void readsInlineAndFileTokens(@TempDir Path dir) throws Exception {
        var plain = LocalTokens.ensure(dir);
        var inline = new ApiToken("ci", ApiTokens.sha256Hex("sslp_inline"), Set.of(Role.VIEWER), List.of("a-*"));
        var properties = new SslplaneSecurityProperties(List.of(inline), dir.resolve(LocalTokens.HASHED_FILE),
                null, null, false);

        ApiTokens tokens = properties.apiTokens();

        assertThat(tokens.find("sslp_inline")).map(ApiToken::name).contains("ci");
        assertThat(tokens.find(plain.get("worker"))).map(ApiToken::roles).contains(Set.of(Role.WORKER));
        assertThat(properties.servletJwtDecoder()).isNull();
        assertThat(properties.corsConfiguration()).isNull();
    }

    @Test
    void corsAllowsOnlyExactOrigins() {
        assertThatThrownBy(() -> new SslplaneSecurityProperties.Cors(List.of("https://*.example.com")))
                .isInstanceOf(IllegalArgumentException.class);

        var properties = new SslplaneSecurityProperties(null, null, null,
                new SslplaneSecurityProperties.Cors(List.of(" http://localhost:8082 ")), false);

        assertThat(properties.corsConfiguration().getAllowedOrigins()).containsExactly("http://localhost:8082");
        assertThat(properties.corsConfiguration().checkOrigin("http://evil.example")).isNull();
    }
}
