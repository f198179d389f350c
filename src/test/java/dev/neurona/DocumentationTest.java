package dev.neurona;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/ stay true to the repository: every relative link (and #anchor) leads somewhere, the README
 * stays a two-minute read, and the design page's package tree names every package folder.
 */
class DocumentationTest {

    static final Path README = Path.of("README.md");
    static final Path DOCS = Path.of("docs");
    static final int README_MAX_BYTES = 12 * 1024;

    /** [text](target) and ![alt](target); the text may span lines. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

    private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+?) *$");

    @Test
    void theReadmeIsATwoMinuteRead() throws IOException {
        assertThat(Files.size(README))
                .as("README.md in bytes: move details into docs/ instead")
                .isLessThanOrEqualTo(README_MAX_BYTES);
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<Path> pages = pages();
        assertThat(pages).contains(README, DOCS.resolve("settings.md"), DOCS.resolve("design.md"));
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            for (String target : links(Files.readString(page, StandardCharsets.UTF_8))) {
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http:, https:, mailto:
                }
                checked++;
                String problem = resolve(page, target);
                if (problem != null) {
                    broken.add(page + ": " + target + " (" + problem + ")");
                }
            }
        }
        assertThat(checked).as("relative links found").isGreaterThan(20);
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void theDesignPageListsEveryPackageFolder() throws IOException {
        Path root = Path.of("src/main/java/dev/neurona");
        Set<String> folders = new HashSet<>();
        try (Stream<Path> dirs = Files.walk(root)) {
            dirs.filter(Files::isDirectory)
                    .filter(d -> !d.equals(root))
                    .forEach(d -> folders.add(root.relativize(d).toString().replace('\\', '/')));
        }
        String design = Files.readString(DOCS.resolve("design.md"), StandardCharsets.UTF_8);
        Set<String> listed = new HashSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z/]+)` \\|").matcher(design);
        while (row.find()) {
            listed.add(row.group(1));
        }
        assertThat(listed)
                .as("docs/design.md, \"The package tree\": one row per folder of " + root)
                .containsExactlyInAnyOrderElementsOf(folders);
    }

    @Test
    void slugsAreGitHubs() {
        assertThat(slug("Actuator: health, info, metrics")).isEqualTo("actuator-health-info-metrics");
        assertThat(slug("Run it, test it")).isEqualTo("run-it-test-it");
        assertThat(slug("What `./mvnw verify` needs and does")).isEqualTo("what-mvnw-verify-needs-and-does");
        assertThat(links("see [a](x.md) and `[b](y.md)` and\n```\n[c](z.md)\n```\n![d\ne](img.svg)"))
                .containsExactly("x.md", "img.svg");
    }

    /** Null when the target exists (and its #anchor, for a Markdown file), else why not. */
    private static String resolve(Path page, String target) throws IOException {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? page : page.resolveSibling(file).normalize();
        if (!Files.exists(resolved)) {
            return "no such file " + resolved;
        }
        if (anchor == null || !resolved.toString().endsWith(".md")) {
            return null;
        }
        Set<String> anchors = anchors(Files.readString(resolved, StandardCharsets.UTF_8));
        return anchors.contains(anchor) ? null : "no heading #" + anchor + " in " + resolved;
    }

    static List<String> links(String markdown) {
        String prose =
                INLINE_CODE.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("");
        List<String> targets = new ArrayList<>();
        Matcher link = LINK.matcher(prose);
        while (link.find()) {
            targets.add(link.group(1));
        }
        return targets;
    }

    /** GitHub's heading anchors, with -1, -2, … for repeated headings. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        Matcher heading = HEADING.matcher(FENCE.matcher(markdown).replaceAll(""));
        while (heading.find()) {
            String slug = slug(heading.group(1));
            int n = seen.merge(slug, 1, Integer::sum);
            anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        return anchors;
    }

    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(README));
        try (Stream<Path> files = Files.walk(DOCS)) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }
}
