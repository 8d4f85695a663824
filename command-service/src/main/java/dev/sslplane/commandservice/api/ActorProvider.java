package dev.sslplane.commandservice.api;

import org.springframework.stereotype.Component;

/**
 * Who is calling the REST API. The one place authentication plugs in: today every caller is
 * {@value #ANONYMOUS}; the actor travels as Axon metadata onto every event the call causes.
 */
@Component
public class ActorProvider {

    public static final String ANONYMOUS = "anonymous";

    public String currentActor() {
        return ANONYMOUS;
    }
}
