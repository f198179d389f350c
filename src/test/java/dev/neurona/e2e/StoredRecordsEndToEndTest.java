package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import dev.neurona.support.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Nothing is stored that cannot be read back: the attack's 50,001-character category is refused at upload, and a
 * record stored unreadable by an older version leaves the list, the other datasets and its own deletion working.
 */
@EndToEndTest
class StoredRecordsEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void aCategoryLongerThanTheSettingIsRefusedAtUploadAndTheListStaysReadable() {
        String csv = "x,color,y\n1," + "a".repeat(50_001) + ",p\n2,blue,q\n3,red,p\n";
        assertThat(Problems.fieldProblem(http.upload(Map.of(), csv), "file"))
                .startsWith("column 'color' holds a value of 50001 characters")
                .endsWith("a text value may have at most 1000 (neurona.uploads.max-cell-length)");
        http.get("/api/v1/datasets").expect(200);
    }

    @Test
    void aRecordThatCannotBeReadBackIsListedDegradedRefusedForUseAndDeletable() {
        String good = http.dataset(TestData.blobs(5, 1), Map.of()).get("id").asString();
        String bad = http.dataset(TestData.blobs(5, 2), Map.of()).get("id").asString();
        // what the attack left behind before the limits: a category name Jackson refuses to read (> 50,000 chars)
        jdbc.sql("UPDATE dataset SET columns_json = :json WHERE id = CAST(:id AS UUID)")
                .param("json", "[{\"name\":\"y\",\"topCategories\":{\"" + "a".repeat(50_001) + "\":1}}]")
                .param("id", bad)
                .update();

        JsonNode list = http.get("/api/v1/datasets").expect(200).json();
        assertThat(Http.strings(list, "id")).contains(good, bad);
        for (JsonNode d : list) {
            if (d.get("id").asString().equals(bad)) {
                assertThat(d.get("problem").asString()).startsWith("its stored record cannot be read back");
            } else {
                assertThat(d.has("problem")).as("%s", d).isFalse();
            }
        }
        JsonNode shown = http.get("/api/v1/datasets/" + bad).expect(200).json();
        assertThat(shown.get("problem").asString()).contains("Name length (50001)");

        JsonNode samples = Problems.problem(http.get("/api/v1/datasets/" + bad + "/samples"), 409);
        assertThat(samples.get("type").asString()).endsWith("/dataset-unreadable");
        assertThat(samples.get("detail").asString()).contains("only deleted");
        Problems.problem(
                http.postJson(
                        "/api/v1/jobs",
                        "{\"datasetId\":\"" + bad + "\",\"dryRun\":true,\"spec\":{\"layers\":[{\"type\":\"dense\","
                                + "\"units\":4,\"activation\":\"relu\"}]}}"),
                409);

        http.delete("/api/v1/datasets/" + bad).expect(204);
        Problems.problem(http.get("/api/v1/datasets/" + bad), 404);
        http.get("/api/v1/datasets/" + good).expect(200);
    }

    @Test
    void anIdxBombIsRefusedFromItsHeaderNamingTheSetting() {
        ByteBuffer header = ByteBuffer.allocate(16 + 1000)
                .putInt(0x803)
                .putInt(1_360_000)
                .putInt(28)
                .putInt(28);
        byte[] labels = ByteBuffer.allocate(8 + 2).putInt(0x801).putInt(2).array();
        Http.Response r = http.uploadParts(
                "/api/v1/datasets",
                List.of(
                        Map.entry("images", Map.entry("train-images-idx3-ubyte.gz", gzip(header.array()))),
                        Map.entry("labels", Map.entry("train-labels-idx1-ubyte", labels))));
        assertThat(Problems.fieldProblem(r, 413, "images"))
                .contains("1360000 images")
                .contains("neurona.uploads.max-images");
    }

    @Test
    void aZipUploadSaysWhichEntriesItSkipped() {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        entries.put("a/1.png", TestData.image(new java.awt.image.BufferedImage(4, 4, 1), "png"));
        entries.put("b/1.png", TestData.image(new java.awt.image.BufferedImage(4, 4, 1), "png"));
        entries.put("b/.DS_Store", new byte[] {1, 2, 3});
        entries.put("__MACOSX/b/._1.png", new byte[] {4});
        JsonNode created = http.upload("/api/v1/datasets", Map.of(), "images.zip", zip(entries))
                .expect(201)
                .json();
        assertThat(created.get("rows").asInt()).isEqualTo(2);
        assertThat(Http.strings(created.get("skipped"), null)).containsExactly("b/.DS_Store", "__MACOSX/b/._1.png");
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
