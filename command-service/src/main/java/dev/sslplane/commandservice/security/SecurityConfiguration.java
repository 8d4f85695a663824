package dev.sslplane.commandservice.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.commandservice.api.Problems;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.security.ApiTokens;
import dev.sslplane.security.BearerAuthentication;
import dev.sslplane.security.Role;
import dev.sslplane.security.SslplaneSecurityProperties;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Who may call what. Stateless bearer authentication (static {@code sslp_} tokens or JWTs, see
 * {@link BearerAuthentication}); CSRF is off because no cookie or session ever authenticates a request.
 *
 * <ul>
 *   <li>commands (register, enable, rotate, disable, TLS enforcement, retry, finish rotation): {@code operator}
 *       (admin includes it);</li>
 *   <li>CSR signing: {@code worker} only, so a worker credential cannot issue commands and an operator cannot
 *       sign;</li>
 *   <li>{@code /api/v1/admin/**}: {@code admin};</li>
 *   <li>actuator metrics and prometheus: {@code metrics} (admin includes it);</li>
 *   <li>health and info: public; the API docs public only with {@code sslplane.security.public-api-docs};</li>
 *   <li>any other POST: denied (deny by default for changes);</li>
 *   <li>everything else: any authenticated caller.</li>
 * </ul>
 * Refusals are problem documents: 401 {@code UNAUTHENTICATED} with {@code WWW-Authenticate: Bearer}, 403
 * {@code FORBIDDEN}, 429 {@code RATE_LIMITED} (see {@link RateLimitFilter}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties({SslplaneSecurityProperties.class, RateLimitProperties.class})
class SecurityConfiguration {

    @Bean
    ApiTokens apiTokens(SslplaneSecurityProperties properties) {
        return properties.apiTokens(); // fails the start when no credential source is configured
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return Role.hierarchy();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, SslplaneSecurityProperties properties, ApiTokens tokens,
                                    RateLimitProperties rateLimits, ObjectMapper objectMapper) throws Exception {
        AuthenticationManager bearer = BearerAuthentication.servlet(tokens, properties.servletJwtDecoder(),
                properties.jwtClaims());
        AuthenticationEntryPoint unauthenticated = unauthenticated(objectMapper);
        AccessDeniedHandler forbidden = (request, response, denied) -> Problems.write(response, objectMapper,
                Problems.of(ErrorCode.FORBIDDEN, "this credential's roles do not allow "
                        + request.getMethod() + " on this route"));
        http
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(cors -> cors.configurationSource(request -> properties.corsConfiguration()))
                .oauth2ResourceServer(oauth -> oauth
                        .authenticationManagerResolver(request -> bearer)
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .authorizeHttpRequests(auth -> {
                    auth.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    auth.requestMatchers(CommandRoutes.PUBLIC_ACTUATOR).permitAll();
                    auth.requestMatchers(CommandRoutes.METRICS_ACTUATOR).hasRole(Role.METRICS.name());
                    if (properties.publicApiDocs()) {
                        auth.requestMatchers(CommandRoutes.API_DOCS).permitAll();
                    }
                    auth.requestMatchers(CommandRoutes.CSR_SIGNING).hasRole(Role.WORKER.name());
                    auth.requestMatchers(CommandRoutes.COMMANDS).hasRole(Role.OPERATOR.name());
                    auth.requestMatchers(CommandRoutes.ADMIN).hasRole(Role.ADMIN.name());
                    auth.requestMatchers(CommandRoutes.OTHER_POST).denyAll();
                    auth.anyRequest().authenticated();
                });
        if (rateLimits.enabled()) {
            http.addFilterAfter(new RateLimitFilter(rateLimits, objectMapper), AuthorizationFilter.class);
        }
        return http.build();
    }

    /** Requests the firewall refuses (e.g. {@code ..}, {@code ;} or encoded separators in the path). */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper objectMapper) {
        return (request, response, rejected) -> Problems.write(response, objectMapper,
                Problems.of(ErrorCode.MALFORMED_REQUEST,
                        "the request URL or headers are malformed"));
    }

    /** 401 with {@code WWW-Authenticate: Bearer ...} (set by Spring's bearer entry point) and a problem body. */
    private static AuthenticationEntryPoint unauthenticated(ObjectMapper objectMapper) {
        var bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, e) -> {
            bearer.commence(request, response, e);
            Problems.write(response, objectMapper, Problems.of(ErrorCode.UNAUTHENTICATED,
                    "a valid bearer token is required (Authorization: Bearer <token>)"));
        };
    }
}
