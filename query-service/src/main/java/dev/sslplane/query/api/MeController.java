package dev.sslplane.query.api;

import dev.sslplane.security.Role;
import dev.sslplane.security.SslplaneAuthentication;
import dev.sslplane.security.SslplanePrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is to this service: lets the web console offer only the actions the credential allows. */
@RestController
@Tag(name = "me", description = "The authenticated caller")
public class MeController {

    /**
     * @param name      the actor name recorded for this credential ({@code token:<name>} or {@code jwt:<sub>})
     * @param roles     effective roles after the hierarchy, lower-case, strongest first
     * @param instances instance ids or glob patterns it may see ({@code *}: all)
     */
    public record Me(String name, List<String> roles, List<String> instances) {
    }

    private static final RoleHierarchy HIERARCHY = Role.hierarchy();
    private static final List<Role> ORDER = List.of(Role.ADMIN, Role.OPERATOR, Role.VIEWER, Role.AUDITOR,
            Role.WORKER, Role.METRICS);

    @Operation(summary = "The caller's name, effective roles and instance scope")
    @GetMapping("/api/v1/me")
    public Me me(@Parameter(hidden = true) SslplaneAuthentication auth) {
        SslplanePrincipal caller = auth.getPrincipal();
        var granted = caller.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
        List<String> roles = HIERARCHY.getReachableGrantedAuthorities(granted).stream()
                .map(a -> a.getAuthority().substring("ROLE_".length()))
                .map(Role::valueOf)
                .distinct()
                .sorted(Comparator.comparingInt(ORDER::indexOf))
                .map(r -> r.name().toLowerCase(Locale.ROOT))
                .toList();
        return new Me(caller.name(), roles, caller.scope().patterns());
    }
}
