package dev.neurona.platform.web;

import dev.neurona.platform.problem.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a query parameter whose name or value holds a control character ({@code %00}, a line break, …), naming the
 * parameter. Further in, {@code String.trim()} (a category list, a display name) and number parsing silently drop
 * such characters at the ends, so {@code limit=5%00} or {@code categories=cat%00} would be taken as something the
 * client did not write. A tab is allowed: it is a CSV separator.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 6)
public class QueryControlFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    QueryControlFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        String bad = query == null ? null : offending(query);
        if (bad != null) {
            ProblemResponses.write(
                    response,
                    json,
                    400,
                    "validation",
                    "Invalid request",
                    bad + ": a query parameter may not contain control characters (such as %00 or a line break)",
                    bad);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The name of the first parameter with a control character in its name or value, or null. */
    static String offending(String query) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name == null || value == null) {
                // a malformed escape: Tomcat's own parser decides what that is
                continue;
            }
            if (hasControl(name) || hasControl(value)) {
                String printable = name.codePoints()
                        .map(c -> hasControl(Character.toString(c)) ? '?' : c)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        .toString();
                return printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
            }
        }
        return null;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(c -> c != '\t' && Character.isISOControl(c));
    }
}
