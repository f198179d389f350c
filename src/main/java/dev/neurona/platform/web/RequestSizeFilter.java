package dev.neurona.platform.web;

import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds request bodies that are not dataset uploads: prediction requests (/api/v1 and /v2 infer) by
 * {@code neurona.prediction.max-request-size}, every other non-multipart body (specs, keys) by
 * {@code neurona.max-json-size}. Runs before authentication so a huge body costs nothing; a declared length over the
 * limit is refused before reading, a chunked body once it passes the limit (the JSON reader then fails with
 * {@link BodyTooLarge}, which {@link ProblemHandler} turns into the same 413). Multipart dataset uploads are bounded
 * by the multipart settings and per kind.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestSizeFilter extends OncePerRequestFilter {

    private static final Pattern PREDICTIONS = Pattern.compile(
            "/api/v1/models/[^/]+(/versions/[^/]+)?/predictions/?|/v2/models/[^/]+(/versions/[^/]+)?/infer/?");

    private final long maxPrediction;
    private final long maxJson;
    private final JsonMapper json;

    RequestSizeFilter(NeuronaProperties properties, JsonMapper json) {
        this.maxPrediction = properties.prediction().maxRequestSize().toBytes();
        this.maxJson = properties.maxJsonSize().toBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        boolean multipart = contentType != null
                && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
        boolean prediction = PREDICTIONS.matcher(request.getRequestURI()).matches();
        if (multipart && !prediction) {
            chain.doFilter(request, response);
            return;
        }
        long limit = prediction ? maxPrediction : maxJson;
        String setting = prediction ? "neurona.prediction.max-request-size" : "neurona.max-json-size";
        long declared = request.getContentLengthLong();
        if (declared > limit && request.getRequestURI().startsWith("/v2/")) {
            // the Open Inference Protocol's error body
            response.setStatus(413);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter()
                    .write(json.writeValueAsString(java.util.Map.of("error", message(declared, limit, setting))));
            return;
        }
        if (declared > limit) {
            ProblemResponses.write(
                    response, json, 413, "payload-too-large", "Payload too large", message(declared, limit, setting));
            return;
        }
        // multipart parts are read by the container, not through this stream; the controller checks their sizes
        chain.doFilter(declared < 0 && !multipart ? new Bounded(request, limit, setting) : request, response);
    }

    static String message(long bytes, long limit, String setting) {
        return "The request body is " + (bytes < 0 ? "more than " + limit : bytes) + " bytes; at most " + limit
                + " are accepted here (" + setting + ").";
    }

    /** Thrown by a chunked body's stream once it passes its limit. */
    public static final class BodyTooLarge extends IOException {

        BodyTooLarge(long limit, String setting) {
            super(message(-1, limit, setting));
        }
    }

    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;
        private final String setting;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit, String setting) {
            super(request);
            this.limit = limit;
            this.setting = setting;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit, setting);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private final String setting;
        private long read;

        Counting(ServletInputStream in, long limit, String setting) {
            this.in = in;
            this.limit = limit;
            this.setting = setting;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit, setting);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
