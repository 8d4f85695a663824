package dev.sslplane.commandservice.api;

import dev.sslplane.security.SslplanePrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is calling the REST API: the authenticated principal ({@code token:<name>} or {@code jwt:<subject>}), never
 * a value the client typed. The actor travels as Axon metadata onto every event the call causes.
 */
@Component
public class ActorProvider {

    public String currentActor() {
        return currentPrincipal().name();
    }

    /** The caller of the current request; every route that executes something requires one. */
    public SslplanePrincipal currentPrincipal() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SslplanePrincipal principal) {
            return principal;
        }
        // The security filter chain lets no unauthenticated request reach a command: this is a wiring error.
        throw new IllegalStateException("no authenticated principal for this request");
    }

    /**
     * Refuses with {@code INSTANCE_NOT_IN_SCOPE} when the caller's credential is limited to other instances.
     * Called before anything is executed or remembered for the request.
     */
    public void requireInScope(String instanceId) {
        SslplanePrincipal principal = currentPrincipal();
        if (!principal.scope().permits(instanceId)) {
            throw new InstanceNotInScopeException(instanceId);
        }
    }

    /** The credential may not act on this instance. */
    public static final class InstanceNotInScopeException extends RuntimeException {

        InstanceNotInScopeException(String instanceId) {
            super("this credential may not act on instance " + instanceId);
        }
    }
}
