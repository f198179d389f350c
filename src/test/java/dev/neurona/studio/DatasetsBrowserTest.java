package dev.neurona.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.hostile.HostileFiles;
import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Studio;
import dev.neurona.support.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Datasets pages as a person uses them: import from the catalog with one click, upload a CSV through the file
 * picker with a label column, see a refusal at the field it names, look at an image dataset's example grid, delete
 * with a confirm step, and all of it on a phone's width.
 */
@EndToEndTest
class DatasetsBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void irisIsImportedFromTheCatalogWithOneClickAndShown() {
        try (Studio studio = Studio.open(port, "datasets-iris")) {
            studio.go("#/datasets").signIn();
            WebElement importIris = studio.await(By.cssSelector("li[data-name='iris'] button.import"));
            assertThat(studio.findAll(By.cssSelector("li[data-name='wine'] button.import")))
                    .as("an entry that cannot be imported here offers no button")
                    .isEmpty();
            assertThat(studio.find(By.cssSelector("li[data-name='wine'] .catalog-unavailable"))
                            .getText())
                    .contains("no mirror folder");
            studio.shot("list-empty");

            importIris.click();
            studio.awaitScript("location.hash.startsWith('#/datasets/')", Studio.WAIT);
            studio.awaitText(By.tagName("h1"), "iris");
            studio.awaitText(By.cssSelector(".columns-table"), "sepal length (cm)");
            assertThat(studio.find(By.id("dataset-facts")).getText()).contains("species", "classification");
            studio.await(By.cssSelector("#class-balance canvas"));
            studio.awaitScript("document.querySelectorAll('#samples tbody tr').length === 20", Studio.WAIT);
            assertThat(studio.find(By.cssSelector("#samples thead")).getText()).contains("petal width (cm)");
            String id = datasetId(studio);
            assertThat(studio.find(By.id("design-network")).getAttribute("href"))
                    .endsWith("#/design?dataset=" + id);
            assertThat(studio.driver().getTitle()).startsWith("iris");
            studio.shot("iris");

            studio.width(390);
            studio.awaitScript("document.querySelector('#class-balance canvas').clientWidth < 390", Studio.WAIT);
            studio.assertFitsWidth();
            studio.shot("iris-390");

            studio.go("#/datasets");
            studio.awaitText(By.id("dataset-list"), "iris");
            studio.await(By.cssSelector("li[data-name='iris'] button.import"));
            studio.assertFitsWidth();
            studio.shot("list-390");

            String row = "#dataset-list tr[data-id='" + id + "']";
            studio.find(By.cssSelector(row + " button.delete")).click();
            studio.await(By.cssSelector(row + " button.confirm-delete")).click();
            studio.awaitGone(By.cssSelector(row));
            assertThat(studio.find(By.id("dataset-list")).getText()).doesNotContain("iris");
        }
    }

    @Test
    void aCsvIsUploadedThroughTheFilePickerWithItsLabelColumnAndDeletedAfterAsking() throws IOException {
        Path csv = TestData.tempDir("neurona-upload-").resolve("blobs.csv");
        Files.writeString(csv, TestData.blobs(10, 7), StandardCharsets.UTF_8);
        try (Studio studio = Studio.open(port, "datasets-upload")) {
            studio.go("#/datasets").signIn();
            studio.await(By.id("upload-files"));

            // dropped files choose the format by their names: two .npy files are Quick, Draw! classes
            studio.script(
                    "const dt = new DataTransfer();"
                            + "dt.items.add(new File([new Uint8Array(8)], 'cat.npy'));"
                            + "dt.items.add(new File([new Uint8Array(8)], 'apple.npy'));"
                            + "const zone = document.getElementById('upload-drop');"
                            + "zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));"
                            + "zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));");
            studio.awaitText(By.id("upload-chosen"), "apple.npy");
            assertThat(new Select(studio.find(By.id("upload-format")))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo("quickdraw");
            assertThat(studio.find(By.id("upload-capPerClass")).isDisplayed()).isTrue();

            // WebDriver adds picked files to those already chosen; a person's new pick replaces them
            studio.script("document.getElementById('upload-files').value = '';");
            studio.find(By.id("upload-files")).sendKeys(csv.toAbsolutePath().toString());
            studio.awaitText(By.id("upload-labelColumn-hint"), "Columns: x1, x2, color, cls");
            assertThat(new Select(studio.find(By.id("upload-format")))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo("csv");
            studio.find(By.id("upload-labelColumn")).sendKeys("color");
            new Select(studio.find(By.id("upload-missingValues"))).selectByValue("drop");
            studio.shot("upload-filled");
            studio.find(By.id("upload-submit")).click();

            studio.awaitScript("location.hash.startsWith('#/datasets/')", Studio.WAIT);
            studio.awaitText(By.tagName("h1"), "blobs");
            String facts = studio.await(By.id("dataset-facts")).getText();
            assertThat(facts).contains("Label column\ncolor", "Missing cells\ndrop");
            WebElement colorRow = studio.find(By.xpath("//table[contains(@class,'columns-table')]//tr[td[1]='color']"));
            assertThat(colorRow.getText()).contains("categorical", "label");
            studio.await(By.cssSelector("#class-balance canvas"));
            studio.awaitScript("document.querySelectorAll('#samples tbody tr').length === 20", Studio.WAIT);
            studio.shot("uploaded");

            studio.find(By.cssSelector(".page-header button.delete")).click();
            studio.await(By.cssSelector(".page-header button.confirm-delete"));
            studio.shot("delete-confirm");
            studio.find(By.cssSelector(".page-header button.cancel-delete")).click();
            studio.await(By.cssSelector(".page-header button.delete")).click();
            studio.await(By.cssSelector(".page-header button.confirm-delete")).click();
            studio.awaitScript("location.hash === '#/datasets'", Studio.WAIT);
            studio.await(By.cssSelector("#dataset-list table"));
            assertThat(studio.find(By.id("dataset-list")).getText()).doesNotContain("blobs");
        }
    }

    @Test
    void aLabelColumnThatIsNoColumnIsShownAtTheField() throws IOException {
        Path csv = TestData.tempDir("neurona-upload-").resolve("wrong.csv");
        Files.writeString(csv, TestData.blobs(5, 3), StandardCharsets.UTF_8);
        try (Studio studio = Studio.open(port, "datasets-refused")) {
            studio.go("#/datasets").signIn();
            studio.await(By.id("upload-files")).sendKeys(csv.toAbsolutePath().toString());
            studio.awaitText(By.id("upload-chosen"), "wrong.csv");
            studio.find(By.id("upload-labelColumn")).sendKeys("species");
            studio.find(By.id("upload-submit")).click();

            WebElement error = studio.awaitText(By.id("upload-labelColumn-error"), "no column 'species'");
            assertThat(error.getText()).contains("x1");
            WebElement input = studio.find(By.id("upload-labelColumn"));
            assertThat(input.getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(input.getAttribute("aria-describedby")).contains("upload-labelColumn-error");
            assertThat(studio.driver().switchTo().activeElement()).isEqualTo(input);
            assertThat(studio.find(By.id("upload-status")).getText()).contains("400");
            assertThat(studio.driver().getCurrentUrl()).endsWith("#/datasets");
            studio.shot("refused");

            // nothing chosen: said at the file picker, before anything is sent
            studio.driver().navigate().refresh();
            studio.await(By.id("upload-submit")).click();
            studio.awaitText(By.id("upload-files-error"), "Choose a file");
            studio.width(390);
            studio.shot("no-file-390");
            studio.assertFitsWidth();
        }
    }

    @Test
    void anImageDatasetShowsItsExampleGrid() throws IOException {
        Path dir = TestData.tempDir("neurona-idx-");
        Path images = dir.resolve("train-images-idx3-ubyte");
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        Files.write(images, HostileFiles.idxImages(40));
        Files.write(labels, HostileFiles.idxLabels(40));
        try (Studio studio = Studio.open(port, "datasets-images")) {
            studio.go("#/datasets").signIn();
            // two files chosen at once, as a picker with several selected sends them
            studio.await(By.id("upload-files")).sendKeys(images.toAbsolutePath() + "\n" + labels.toAbsolutePath());
            studio.awaitText(By.id("upload-chosen"), "train-labels-idx1-ubyte");
            assertThat(new Select(studio.find(By.id("upload-format")))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo("idx");
            assertThat(new Select(studio.find(By.id("upload-role-1")))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo("labels");
            studio.find(By.id("upload-name")).sendKeys("bars");
            studio.shot("idx-chosen");
            studio.find(By.id("upload-submit")).click();

            studio.awaitText(By.tagName("h1"), "bars");
            studio.awaitScript(
                    "(() => { const img = document.getElementById('sample-grid');"
                            + " return img && img.complete && img.naturalWidth > 0; })()",
                    Duration.ofSeconds(30));
            assertThat(studio.find(By.id("sample-grid")).getAttribute("src")).startsWith("blob:");
            assertThat(studio.find(By.id("dataset-facts")).getText()).contains("images", "1 × 28 × 28");
            studio.await(By.cssSelector("#class-balance canvas"));
            assertThat(studio.findAll(By.cssSelector(".columns-table"))).isEmpty();
            studio.shot("bars");

            studio.width(390);
            // Chart.js redraws for the new width on its next resize observation
            studio.awaitScript("document.querySelector('#class-balance canvas').clientWidth < 390", Studio.WAIT);
            studio.assertFitsWidth();
            studio.shot("bars-390");
        }
    }

    private static String datasetId(Studio studio) {
        String hash = (String) studio.script("return location.hash;");
        return hash.substring("#/datasets/".length());
    }
}
