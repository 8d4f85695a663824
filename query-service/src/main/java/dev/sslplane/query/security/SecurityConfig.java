package dev.sslplane.query.security;

import dev.sslplane.query.api.ProblemDocuments;
import dev.sslplane.query.config.ConsoleProperties;
import dev.sslplane.security.ApiTokens;
import dev.sslplane.security.BearerAuthentication;
import dev.sslplane.security.ReactiveRoleAuthorization;
import dev.sslplane.security.Role;
import dev.sslplane.security.SslplaneSecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Mono;

/**
 * Who may read what: stateless bearer authentication (static API tokens or JWT, see security-support), roles per
 * route family with the shared role hierarchy, problem documents for 401/403. Instance scopes are enforced by
 * the controllers and queries ({@code InstanceAccess}), since they depend on the instance asked for.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SslplaneSecurityProperties.class)
public class SecurityConfig {

    /** A bound on remembered static tokens; only accepted (configured) tokens are ever remembered. */
    private static final int MAX_CACHED_TOKENS = 1024;

    /** Fails the start when no credential source is configured. */
    @Bean
    ApiTokens apiTokens(SslplaneSecurityProperties properties) {
        return properties.apiTokens();
    }

    @Bean
    ReactiveAuthenticationManager bearerAuthenticationManager(ApiTokens tokens,
                                                              SslplaneSecurityProperties properties) {
        return new StaticTokenCache(
                BearerAuthentication.reactive(tokens, properties.reactiveJwtDecoder(), properties.jwtClaims()),
                MAX_CACHED_TOKENS);
    }

    /**
     * No observations of the security filter chain, authentications and authorizations: they wrap every filter of
     * every request (a quarter of the security CPU under load) and duplicate {@code http.server.requests}, which
     * still times each request by status and outcome.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's firewall refusals as problem documents instead of an empty 400. */
    @Bean
    ServerExchangeRejectedHandler problemExchangeRejectedHandler(ProblemDocuments problems) {
        return new ProblemResponses(problems).rejected();
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http,
                                                  ReactiveAuthenticationManager bearerAuthenticationManager,
                                                  SslplaneSecurityProperties properties,
                                                  ConsoleProperties console, ProblemDocuments documents) {
        var problems = new ProblemResponses(documents);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .cors(cors -> cors.configurationSource(corsSource(properties)))
                .headers(headers -> headers.writer(new ConsoleHeaders(console)))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems.unauthenticated())
                        .accessDeniedHandler(problems.forbidden()))
                .oauth2ResourceServer(bearer -> bearer
                        .authenticationManagerResolver(exchange -> Mono.just(bearerAuthenticationManager))
                        .authenticationEntryPoint(problems.unauthenticated())
                        .accessDeniedHandler(problems.forbidden()))
                .authorizeExchange(routes -> {
                    // matched in order, one reactive matcher after the other: the hot read routes first (no other
                    // rule's paths overlap them, so the order changes no decision)
                    routes.pathMatchers(HttpMethod.GET, "/api/v1/instances", "/api/v1/instances/**")
                            .access(ReactiveRoleAuthorization.atLeast(Role.VIEWER));
                    routes.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll();
                    routes.pathMatchers("/actuator/metrics", "/actuator/metrics/**", "/actuator/prometheus")
                            .access(ReactiveRoleAuthorization.atLeast(Role.METRICS));
                    routes.pathMatchers(HttpMethod.GET, "/", "/console", "/console/**", "/api/v1/console/config")
                            .permitAll();
                    if (properties.publicApiDocs()) {
                        routes.pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**", "/webjars/**").permitAll();
                    }
                    routes.pathMatchers("/api/v1/audit", "/api/v1/audit/**")
                            .access(ReactiveRoleAuthorization.atLeast(Role.AUDITOR));
                    routes.pathMatchers("/api/v1/admin", "/api/v1/admin/**")
                            .access(ReactiveRoleAuthorization.atLeast(Role.ADMIN));
                    routes.pathMatchers(HttpMethod.GET, "/api/v1/me").authenticated();
                    routes.anyExchange().authenticated();
                })
                .build();
    }

    /** The configured origins; with none, every cross-origin request is refused (an empty configuration). */
    private static UrlBasedCorsConfigurationSource corsSource(SslplaneSecurityProperties properties) {
        CorsConfiguration configured = properties.corsConfiguration();
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configured == null ? new CorsConfiguration() : configured);
        return source;
    }
}
