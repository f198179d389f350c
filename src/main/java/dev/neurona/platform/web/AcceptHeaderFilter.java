package dev.neurona.platform.web;

import dev.neurona.platform.problem.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses an Accept header Spring cannot parse ({@code Accept: ;;;}) with a 406 problem+json that names it. Spring
 * itself would answer such a request 406 too, but with an empty body, and would drop the body of every other error
 * of the request (a 400 without its problem): it writes a body only in a type the client accepts, and it cannot tell
 * which. Refusing up front gives one clear answer instead.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class AcceptHeaderFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    AcceptHeaderFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> values = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        String reason = values.isEmpty() ? null : unparseable(values);
        if (reason != null) {
            ProblemResponses.write(
                    response,
                    json,
                    406,
                    "not-acceptable",
                    "Not acceptable",
                    "The Accept header cannot be parsed (" + reason + "); send a media type such as "
                            + "application/json, or no Accept header.",
                    HttpHeaders.ACCEPT);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Why Spring's content negotiation would fail on these values, or null when it would not. */
    static String unparseable(List<String> values) {
        try {
            // the same steps as Spring's HeaderContentNegotiationStrategy, whose failures become the empty 406
            List<MediaType> types = new ArrayList<>(MediaType.parseMediaTypes(values));
            MimeTypeUtils.sortBySpecificity(types);
            return null;
        } catch (InvalidMediaTypeException | InvalidMimeTypeException e) {
            String message = String.valueOf(e.getMessage());
            return message.length() > 200 ? message.substring(0, 200) + "…" : message;
        }
    }
}
