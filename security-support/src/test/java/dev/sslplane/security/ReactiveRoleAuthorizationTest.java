package dev.sslplane.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

class ReactiveRoleAuthorizationTest {

    @Test
    void countsTheRolesThatIncludeTheRequiredOne() {
        var viewer = ReactiveRoleAuthorization.atLeast(Role.VIEWER);
        var worker = ReactiveRoleAuthorization.atLeast(Role.WORKER);
        var admin = ReactiveRoleAuthorization.atLeast(Role.ADMIN);

        assertThat(granted(viewer, Role.VIEWER)).isTrue();
        assertThat(granted(viewer, Role.OPERATOR)).isTrue();
        assertThat(granted(viewer, Role.ADMIN)).isTrue();
        assertThat(granted(viewer, Role.AUDITOR)).isFalse();
        assertThat(granted(viewer, Role.WORKER)).isFalse();
        assertThat(granted(worker, Role.ADMIN)).as("worker stands alone").isFalse();
        assertThat(granted(worker, Role.WORKER)).isTrue();
        assertThat(granted(admin, Role.OPERATOR)).isFalse();
    }

    @Test
    void theMetricsRoleReadsMetricsOnlyAndAdminIncludesIt() {
        var metrics = ReactiveRoleAuthorization.atLeast(Role.METRICS);
        assertThat(granted(metrics, Role.METRICS)).isTrue();
        assertThat(granted(metrics, Role.ADMIN)).isTrue();
        for (Role other : List.of(Role.OPERATOR, Role.VIEWER, Role.AUDITOR, Role.WORKER)) {
            assertThat(granted(metrics, other)).as(other.name()).isFalse();
        }
        for (Role required : List.of(Role.OPERATOR, Role.VIEWER, Role.AUDITOR, Role.WORKER, Role.ADMIN)) {
            assertThat(granted(ReactiveRoleAuthorization.atLeast(required), Role.METRICS)).as(required.name())
                    .isFalse();
        }
    }

    @Test
    void refusesAnonymousAndUnauthenticatedCallers() {
        var viewer = ReactiveRoleAuthorization.atLeast(Role.VIEWER);
        var unauthenticated = new TestingAuthenticationToken("x", "", Role.ADMIN.authority());
        unauthenticated.setAuthenticated(false);

        assertThat(viewer.check(Mono.empty(), null).block().isGranted()).isFalse();
        assertThat(viewer.check(Mono.just(unauthenticated), null).block().isGranted()).isFalse();
    }

    private static boolean granted(ReactiveRoleAuthorization authorization, Role held) {
        Authentication caller = new SslplaneAuthentication(
                new SslplanePrincipal("token:t", Set.of(held), InstanceScope.ALL));
        return authorization.check(Mono.just(caller), null).block().isGranted();
    }
}
