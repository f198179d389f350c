package dev.neurona.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * Assertions on RFC 9457 answers: the status, the problem+json content type, a {@code type} under
 * https://neurona.dev/problems/, a title and, for bad input, the {@code errors} that name the fields.
 */
public final class Problems {

    private Problems() {}

    /** A MockMvc answer in the shape these assertions read, so slices check problems as end-to-end tests do. */
    public static Http.Response answer(MvcTestResult result) {
        MockHttpServletResponse response = result.getResponse();
        try {
            return new Http.Response(
                    response.getStatus(),
                    response.getContentType() == null ? "" : response.getContentType(),
                    response.getHeader("Location"),
                    response.getContentAsString(StandardCharsets.UTF_8));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts an RFC 9457 problem with this status and returns it. */
    public static JsonNode problem(Http.Response r, int status) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.contentType()).as("content type of %s", r).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("status").asInt()).as("problem status in %s", r).isEqualTo(status);
        assertThat(p.get("type").asString()).as("problem type in %s", r).startsWith("https://neurona.dev/problems/");
        assertThat(p.hasNonNull("title")).as("title in %s", r).isTrue();
        return p;
    }

    /** Asserts a 400 problem whose errors include {@code field}; returns that error's message. */
    public static String fieldProblem(Http.Response r, String field) {
        return fieldProblem(r, 400, field);
    }

    /** Asserts a problem with this status whose errors include {@code field}; returns that error's message. */
    public static String fieldProblem(Http.Response r, int status, String field) {
        JsonNode p = problem(r, status);
        assertThat(p.hasNonNull("detail")).as("detail in %s", r).isTrue();
        List<String> fields = new ArrayList<>();
        for (JsonNode e : p.path("errors")) {
            fields.add(e.get("field").asString());
            if (field.equals(e.get("field").asString())) {
                assertThat(e.get("message").asString()).isNotBlank();
                return e.get("message").asString();
            }
        }
        return fail("expected an error on field %s, got fields %s in %s", field, fields, r);
    }

    /** Asserts a 400 problem and returns the fields its errors name. */
    public static List<String> fields(Http.Response r) {
        return Http.strings(problem(r, 400).path("errors"), "field");
    }

    /** Asserts a 409 problem whose detail mentions {@code text}. */
    public static void conflict(Http.Response r, String text) {
        assertThat(problem(r, 409).get("detail").asString())
                .as("detail of %s", r)
                .contains(text);
    }

    /** Asserts a 400 problem with an error on {@code prefix} or below it whose message mentions {@code text}. */
    public static void fieldProblemUnder(Http.Response r, String prefix, String text) {
        JsonNode p = problem(r, 400);
        for (JsonNode e : p.path("errors")) {
            if (e.get("field").asString().startsWith(prefix)
                    && e.get("message").asString().contains(text)) {
                return;
            }
        }
        fail("expected an error under %s mentioning %s in %s", prefix, text, r);
    }
}
