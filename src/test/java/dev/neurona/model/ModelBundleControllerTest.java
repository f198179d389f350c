package dev.neurona.model;

import static dev.neurona.support.Problems.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.neurona.security.SliceSecurity;
import dev.neurona.support.ControllerTest;
import dev.neurona.support.Problems;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Importing a bundle: a write, refused to predictors; the size is checked before the bundle is read. */
@ControllerTest(ModelBundleController.class)
class ModelBundleControllerTest {

    static final UUID ID = ModelControllerTest.ID;

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    ModelBundles bundles;

    @Test
    void anImportIsCreatedWhereItsLocationSays() {
        UUID created = UUID.randomUUID();
        when(bundles.maxSize()).thenReturn(1_000_000L);
        when(bundles.importBundle(any(), any())).thenReturn(ModelControllerTest.model(created, "blobs"));

        MvcTestResult result = mvc.post()
                .uri("/api/v1/models/import")
                .multipart()
                .file(new MockMultipartFile("bundle", "b.zip", "application/zip", new byte[] {1, 2, 3}))
                .header("X-API-Key", SliceSecurity.TRAINER)
                .exchange();
        assertThat(result).hasStatus(201).bodyJson().extractingPath("$.name").isEqualTo("blobs");
        assertThat(result.getResponse().getHeader("Location")).isEqualTo("/api/v1/models/" + created);
    }

    @Test
    void aPredictorMayExportButNotImport() {
        Problems.problem(
                answer(mvc.post()
                        .uri("/api/v1/models/import")
                        .multipart()
                        .file(new MockMultipartFile("bundle", "b.zip", "application/zip", new byte[] {1}))
                        .header("X-API-Key", SliceSecurity.PREDICTOR)
                        .exchange()),
                403);
        verify(bundles, never()).importBundle(any(), any());
    }

    @Test
    void aBundleOverTheLimitIsRefusedUnread() {
        when(bundles.maxSize()).thenReturn(2L);
        Problems.problem(
                answer(mvc.post()
                        .uri("/api/v1/models/import")
                        .multipart()
                        .file(new MockMultipartFile("bundle", "b.zip", "application/zip", new byte[] {1, 2, 3}))
                        .header("X-API-Key", SliceSecurity.TRAINER)
                        .exchange()),
                413);
        verify(bundles, never()).importBundle(any(), any());
    }

    @Test
    void anImportWithoutTheBundlePartIsA400() {
        Problems.problem(
                answer(mvc.post()
                        .uri("/api/v1/models/import")
                        .multipart()
                        .file(new MockMultipartFile("file", "b.zip", "application/zip", new byte[] {1}))
                        .header("X-API-Key", SliceSecurity.TRAINER)
                        .exchange()),
                400);
        verify(bundles, never()).importBundle(any(), any());
    }
}
