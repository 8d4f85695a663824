package dev.sslplane.security;

import java.util.stream.Collectors;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated request: the {@link SslplanePrincipal} and one authority per role. */
public final class SslplaneAuthentication extends AbstractAuthenticationToken {

    private final SslplanePrincipal principal;

    public SslplaneAuthentication(SslplanePrincipal principal) {
        super(principal.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority()))
                .collect(Collectors.toUnmodifiableSet()));
        this.principal = principal;
        setAuthenticated(true);
    }

    /** Never the token: nothing secret is kept once authenticated. */
    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public SslplanePrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.name();
    }
}
