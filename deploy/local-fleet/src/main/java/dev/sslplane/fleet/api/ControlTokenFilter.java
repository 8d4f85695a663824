package dev.sslplane.fleet.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.fleet.config.FleetProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires {@code Authorization: Bearer <token>} on the control API. The token comes from configuration, or
 * is created once in {@code <dataDir>/control-token} (owner-only) for clients on the same machine to read.
 */
@Component
public class ControlTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ControlTokenFilter.class);

    private final byte[] expected;
    private final ObjectMapper mapper;

    public ControlTokenFilter(FleetProperties properties, ObjectMapper mapper) throws IOException {
        this.mapper = mapper;
        String token = properties.token();
        if (token == null || token.isBlank()) {
            token = tokenFile(properties.dataDir().resolve("control-token"));
        }
        this.expected = token.trim().getBytes(StandardCharsets.UTF_8);
    }

    private static String tokenFile(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        Files.createDirectories(file.getParent());
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        Path tmp = Files.createTempFile(file.getParent(), "control-token", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX: rely on the data directory's permissions
        }
        Files.writeString(tmp, token);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        log.info("control token created in {}", file);
        return token;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        byte[] given = header != null && header.startsWith("Bearer ")
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(expected, given)) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            mapper.writeValue(response.getOutputStream(), ProblemHandler.problem(HttpStatus.UNAUTHORIZED,
                    "UNAUTHORIZED", "a valid control token is required"));
            return;
        }
        chain.doFilter(request, response);
    }
}
