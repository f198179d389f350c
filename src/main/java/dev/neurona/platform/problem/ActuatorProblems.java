package dev.neurona.platform.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Actuator answers an unknown health component or metric ({@code /actuator/metrics/no.such.metric}) with a bare
 * 404 and no body; this gives such answers the problem+json body every other error has. Answers with a body (a
 * health check that is DOWN, say) pass untouched.
 */
@Component
class ActuatorProblems extends OncePerRequestFilter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BodyWatch watched = new BodyWatch(response);
        chain.doFilter(request, watched);
        int status = response.getStatus();
        if (status >= 400 && !watched.bodyStarted && !response.isCommitted()) {
            HttpStatus known = HttpStatus.resolve(status);
            String title = known == null ? "Error " + status : known.getReasonPhrase();
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", ProblemHandler.TYPE_BASE + ProblemHandler.kind(status));
            problem.put("title", title);
            problem.put("status", status);
            problem.put(
                    "detail",
                    status == 404
                            ? "Nothing at " + request.getRequestURI()
                                    + (request.getQueryString() == null ? "" : " for " + request.getQueryString())
                            : title);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("utf-8");
            response.getWriter().write(JSON.writeValueAsString(problem));
        }
    }

    /** Notes whether anyone asked for the body's stream or writer, i.e. meant to write a body. */
    private static final class BodyWatch extends HttpServletResponseWrapper {

        private boolean bodyStarted;

        BodyWatch(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            bodyStarted = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            bodyStarted = true;
            return super.getWriter();
        }
    }
}
