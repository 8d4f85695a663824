package dev.sslplane.worker.security;

import dev.sslplane.security.BearerAuthentication;
import dev.sslplane.security.ReactiveRoleAuthorization;
import dev.sslplane.security.Role;
import dev.sslplane.security.SslplaneSecurityProperties;
import org.springframework.boot.actuate.autoconfigure.security.reactive.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.actuate.metrics.MetricsEndpoint;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Who may call the worker, by the rules every sslplane service follows: health and info are public, a job's
 * status needs VIEWER, metrics need METRICS (admin includes it), the other endpoints ADMIN, everything else is refused. Bearer tokens are static API tokens
 * (hashed, from {@code sslplane.security.tokens[-file]}) or JWTs; the worker refuses to start without either.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SslplaneSecurityProperties.class)
public class WorkerSecurityConfig {

    @Bean
    SecurityWebFilterChain workerSecurity(ServerHttpSecurity http, SslplaneSecurityProperties properties) {
        var authentication = BearerAuthentication.reactive(properties.apiTokens(), properties.reactiveJwtDecoder(),
                properties.jwtClaims());
        var problems = new SecurityProblems();
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                // no browser calls the worker: no cross-origin request is allowed
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .matchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                        .matchers(EndpointRequest.to(MetricsEndpoint.class, PrometheusScrapeEndpoint.class))
                                .access(ReactiveRoleAuthorization.atLeast(Role.METRICS))
                        .matchers(EndpointRequest.toAnyEndpoint()).access(ReactiveRoleAuthorization.atLeast(Role.ADMIN))
                        // unexposed endpoints (env, configprops) answer 404 to admins, 401/403 to others
                        .pathMatchers("/actuator/**").access(ReactiveRoleAuthorization.atLeast(Role.ADMIN))
                        .pathMatchers(HttpMethod.GET, "/api/v1/jobs/*").access(ReactiveRoleAuthorization.atLeast(Role.VIEWER))
                        .anyExchange().denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(exchange -> reactor.core.publisher.Mono.just(authentication))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }
}
