package dev.neurona.security;

import static dev.neurona.support.Problems.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.platform.problem.NotFoundException;
import dev.neurona.support.ControllerTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/keys} over the wire: admin only, secrets shown once, refusals as problem+json. */
@ControllerTest(ApiKeyController.class)
class ApiKeyControllerTest {

    static final UUID ID = UUID.fromString("7b0c3c52-8d55-4a53-9a43-5d1f0b8e2a11");
    static final Instant CREATED = Instant.parse("2026-11-23T10:00:00Z");

    @Autowired
    MockMvcTester mvc;

    /** Replaces the slice's key store, so the answers of create, list and revoke are this test's. */
    @MockitoBean
    ApiKeyService keys;

    @BeforeEach
    void callers() {
        SliceSecurity.knowOneKeyPerRole(keys);
    }

    @Test
    void aNewKeyIsCreatedWithItsLocationAndItsSecretShownOnce() {
        when(keys.create(new NewApiKey("ci pipeline", "trainer", null)))
                .thenReturn(new ApiKey(
                        ID, "ci pipeline", Role.TRAINER, "nrn_0a1b", CREATED, null, null, "nrn_0a1b2c3d4e5f"));

        assertThat(mvc.post()
                        .uri("/api/v1/keys")
                        .header("X-API-Key", SliceSecurity.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"ci pipeline\", \"role\": \"trainer\"}"))
                .hasStatus(201)
                .hasHeader("Location", "/api/v1/keys/" + ID)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .bodyJson()
                .isLenientlyEqualTo(
                        """
                        {"id": "%s", "name": "ci pipeline", "role": "trainer", "prefix": "nrn_0a1b",
                         "createdAt": "2026-11-23T10:00:00Z", "key": "nrn_0a1b2c3d4e5f"}"""
                                .formatted(ID));
    }

    @Test
    void listedKeysCarryNoSecret() {
        Instant revoked = Instant.parse("2026-11-24T08:30:00Z");
        when(keys.list())
                .thenReturn(List.of(
                        new ApiKey(ID, "ci pipeline", Role.TRAINER, "nrn_0a1b", CREATED, null, null, null),
                        new ApiKey(
                                UUID.randomUUID(), "old", Role.PREDICTOR, "nrn_9f8e", CREATED, null, revoked, null)));

        Http.Response listed = answer(mvc.get()
                .uri("/api/v1/keys")
                .header("X-API-Key", SliceSecurity.ADMIN)
                .exchange());

        assertThat(listed.expect(200).contentType()).startsWith("application/json");
        JsonNode body = listed.json();
        assertThat(Http.strings(body, "name")).containsExactly("ci pipeline", "old");
        assertThat(Http.strings(body, "role")).containsExactly("trainer", "predictor");
        assertThat(body.get(1).get("revokedAt").asString()).isEqualTo("2026-11-24T08:30:00Z");
        for (JsonNode key : body) {
            assertThat(key.has("key")).as("secret in %s", key).isFalse();
            assertThat(key.has("revokedAt")).isEqualTo(key != body.get(0));
        }
    }

    @Test
    void revokingAnswers204AndAnUnknownKeyIsA404Problem() {
        assertThat(mvc.delete().uri("/api/v1/keys/" + ID).header("X-API-Key", SliceSecurity.ADMIN))
                .hasStatus(204)
                .body()
                .isEmpty();
        verify(keys).revoke(ID);

        UUID unknown = UUID.randomUUID();
        doThrow(new NotFoundException("API key", unknown)).when(keys).revoke(unknown);
        JsonNode problem = Problems.problem(
                answer(mvc.delete()
                        .uri("/api/v1/keys/" + unknown)
                        .header("X-API-Key", SliceSecurity.ADMIN)
                        .exchange()),
                404);
        assertThat(problem.get("type").asString()).isEqualTo("https://neurona.dev/problems/not-found");
        assertThat(problem.get("detail").asString()).contains(unknown.toString());
    }

    @Test
    void whatTheKeyStoreRefusesIsA400NamingTheField() {
        when(keys.create(any()))
                .thenThrow(new InvalidInputException("role", "must be admin, trainer or predictor, was 'owner'"));

        String message = Problems.fieldProblem(
                answer(mvc.post()
                        .uri("/api/v1/keys")
                        .header("X-API-Key", SliceSecurity.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"x\", \"role\": \"owner\"}")
                        .exchange()),
                "role");
        assertThat(message).contains("'owner'");
    }

    @Test
    void anIdThatIsNoUuidAndABodyThatIsNoJsonAre400Problems() {
        assertThat(Problems.fieldProblem(
                        answer(mvc.delete()
                                .uri("/api/v1/keys/not-a-uuid")
                                .header("X-API-Key", SliceSecurity.ADMIN)
                                .exchange()),
                        "id"))
                .contains("not-a-uuid");
        Problems.problem(
                answer(mvc.post()
                        .uri("/api/v1/keys")
                        .header("X-API-Key", SliceSecurity.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": ")
                        .exchange()),
                400);
        verify(keys, never()).revoke(any());
        verify(keys, never()).create(any());
    }

    @Test
    void withoutAKnownKeyTheAnswerIs401AndTheStoreIsNotAsked() {
        JsonNode none = Problems.problem(answer(mvc.get().uri("/api/v1/keys").exchange()), 401);
        assertThat(none.get("type").asString()).isEqualTo("https://neurona.dev/problems/unauthorized");
        assertThat(none.get("detail").asString()).contains("X-API-Key");

        JsonNode unknown = Problems.problem(
                answer(mvc.get()
                        .uri("/api/v1/keys")
                        .header("X-API-Key", "nrn_nobody")
                        .exchange()),
                401);
        assertThat(unknown.get("detail").asString()).contains("unknown, revoked or expired");
        verify(keys, never()).list();
    }

    @Test
    void onlyAnAdminManagesKeysAndABearerTokenCountsAsAKey() {
        for (String key : List.of(SliceSecurity.TRAINER, SliceSecurity.PREDICTOR)) {
            JsonNode forbidden = Problems.problem(
                    answer(mvc.get()
                            .uri("/api/v1/keys")
                            .header("X-API-Key", key)
                            .exchange()),
                    403);
            assertThat(forbidden.get("type").asString()).isEqualTo("https://neurona.dev/problems/forbidden");
        }
        verify(keys, never()).list();

        assertThat(mvc.get().uri("/api/v1/keys").header("Authorization", "Bearer " + SliceSecurity.ADMIN))
                .hasStatus(200)
                .bodyJson()
                .isEqualTo("[]");
    }
}
