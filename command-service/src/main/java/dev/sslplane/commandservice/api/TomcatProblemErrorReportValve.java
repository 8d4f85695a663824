package dev.sslplane.commandservice.api;

import dev.sslplane.contracts.error.ErrorCode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat answers some requests itself, before Spring sees them (e.g. {@code %2F} or {@code %00} in the path, an
 * unparseable request line): its default error page is HTML. This valve makes those answers RFC 7807 problem
 * documents with a stable code, like every other answer of the service.
 */
public class TomcatProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String code;
        String title;
        String detail;
        if (status >= 500) {
            code = ErrorCode.INTERNAL_ERROR.name();
            title = "Internal Server Error";
            detail = "the server could not process the request";
        } else if (status == 401) {
            code = ErrorCode.UNAUTHENTICATED.name();
            title = "Unauthorized";
            detail = "a valid bearer token is required";
            response.setHeader("WWW-Authenticate", "Bearer");
        } else if (status == 403) {
            code = ErrorCode.FORBIDDEN.name();
            title = "Forbidden";
            detail = "the credential does not allow this request";
        } else {
            code = ErrorCode.MALFORMED_REQUEST.name();
            title = "Bad Request";
            detail = "the request line, URL or headers are malformed (e.g. an encoded '/' or NUL in the path)";
        }
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // The client is gone or the response is already committed: nothing more to say.
        }
    }
}
