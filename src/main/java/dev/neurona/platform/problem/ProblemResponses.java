package dev.neurona.platform.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem+json written by servlet filters, which answer before Spring MVC (and so {@link ProblemHandler}) sees the
 * request; same shape and type URIs as the handler's.
 */
public final class ProblemResponses {

    private ProblemResponses() {}

    public static void write(
            HttpServletResponse response, JsonMapper json, int status, String kind, String title, String detail)
            throws IOException {
        write(response, json, status, kind, title, detail, null);
    }

    /** With {@code field}: the problem also has {@code errors: [{field, message: detail}]}, as the handler's have. */
    public static void write(
            HttpServletResponse response,
            JsonMapper json,
            int status,
            String kind,
            String title,
            String detail,
            String field)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ProblemHandler.TYPE_BASE + kind);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (field != null) {
            body.put("errors", java.util.List.of(new FieldProblem(field, detail)));
        }
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.getWriter().write(json.writeValueAsString(body));
    }
}
