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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bundle's URLs: {@code format=neurona} is served here while another controller's general export method keeps
 * every other format; exporting is a read, importing a write.
 */
@ControllerTest(ModelBundleController.class)
@Import(ModelBundleControllerTest.OtherFormats.class)
class ModelBundleControllerTest {

    static final UUID ID = ModelControllerTest.ID;

    /** Stands in for the general export method that serves ONNX and the like. */
    @RestController
    static class OtherFormats {
        @GetMapping("/api/v1/models/{ref}/export")
        String export(@PathVariable String ref, @RequestParam String format) {
            return "other " + format;
        }
    }

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    ModelBundles bundles;

    @MockitoBean
    ModelRefs refs;

    @Test
    void formatNeuronaIsTheBundleAndOtherFormatsGoElsewhere() throws Exception {
        when(refs.resolve(ID.toString(), null)).thenReturn(ID);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("manifest.json", "{}".getBytes(StandardCharsets.UTF_8));
        ModelBundles.Bundle bundle = new ModelBundles.Bundle("blobs-" + ID + ".neurona.zip", files);
        when(bundles.export(ID)).thenReturn(bundle);
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        bundle.writeTo(expected);

        MvcTestResult zip = mvc.get()
                .uri("/api/v1/models/" + ID + "/export?format=neurona")
                .header("X-API-Key", SliceSecurity.PREDICTOR)
                .exchange();
        assertThat(zip).hasStatusOk().hasContentType("application/zip");
        assertThat(zip.getResponse().getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"blobs-" + ID + ".neurona.zip\"");
        assertThat(zip.getResponse().getContentAsByteArray()).isEqualTo(expected.toByteArray());

        assertThat(mvc.get()
                        .uri("/api/v1/models/" + ID + "/export?format=onnx")
                        .header("X-API-Key", SliceSecurity.PREDICTOR))
                .hasStatusOk()
                .hasBodyTextEqualTo("other onnx");
    }

    @Test
    void anImportIsCreatedWhereItsLocationSays() {
        UUID created = UUID.randomUUID();
        when(bundles.maxSize()).thenReturn(1_000_000L);
        when(bundles.importBundle(any())).thenReturn(ModelControllerTest.model(created, "blobs"));

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
        verify(bundles, never()).importBundle(any());
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
        verify(bundles, never()).importBundle(any());
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
        verify(bundles, never()).importBundle(any());
    }
}
