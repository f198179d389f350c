package dev.neurona.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Every dataset record the upload limits admit is read back as it was written; one that is not never breaks a list. */
class DatasetRepositoryTest {

    /** Astral (emoji, math letters), right-to-left (Arabic, Hebrew) and joiners: what real names may hold. */
    private static final String MIXED = "👨‍👩‍👧𝔡𝔬𝔤 قطة‌می חתול \"quoted\" \\ back/slash ";

    private JdbcClient jdbc;
    private DatasetRepository datasets;

    @BeforeEach
    void database() {
        JdbcDataSource data = new JdbcDataSource();
        data.setURL("jdbc:h2:mem:datasets-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(data).load().migrate();
        jdbc = JdbcClient.create(data);
        datasets = new DatasetRepository(jdbc, JsonMapper.builder().build());
    }

    /** Exactly {@code length} UTF-16 units of mixed scripts, distinct per {@code seed}, never splitting a pair. */
    static String name(int seed, int length) {
        StringBuilder s = new StringBuilder(seed + ":");
        while (s.length() < length) {
            s.append(MIXED);
        }
        String cut = s.substring(0, length);
        return Character.isHighSurrogate(cut.charAt(length - 1)) ? cut.substring(0, length - 1) + "x" : cut;
    }

    private static DatasetInfo info(List<ColumnSummary> columns, List<String> classes) {
        Map<String, Integer> balance = new LinkedHashMap<>();
        classes.forEach(c -> balance.put(c, Integer.MAX_VALUE));
        return new DatasetInfo(
                UUID.randomUUID(),
                name(0, 200),
                "tabular",
                Task.CLASSIFICATION,
                columns.get(columns.size() - 1).name(),
                "\\t",
                "impute",
                Integer.MAX_VALUE,
                0,
                List.of(1_000_000),
                classes,
                balance,
                columns,
                "ab".repeat(32),
                Long.MAX_VALUE,
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                0,
                null,
                // ignored columns are names of the file's columns: as long as a column name may be
                List.of(name(1, 200), name(2, 200)),
                "ignore",
                null,
                null);
    }

    @Test
    void theLargestRecordTheUploadLimitsAdmitIsReadBackUnchanged() {
        UploadLimits limits = UploadLimitsTest.LIMITS;
        int cell = limits.settings().maxCellLength();
        int columnName = limits.settings().maxColumnNameLength();
        int className = limits.settings().maxClassNameLength();
        List<ColumnSummary> columns = new ArrayList<>();
        for (int c = 0; c < 50; c++) {
            Map<String, Integer> top = new LinkedHashMap<>();
            for (int k = 0; k < TableSummary.TOP_CATEGORIES; k++) {
                top.put(name(k, cell), Integer.MAX_VALUE - k);
            }
            columns.add(new ColumnSummary(
                    name(c, columnName), "categorical", "feature", 0, null, null, null, null, cell, top));
        }
        columns.add(new ColumnSummary(
                name(99, columnName),
                "numeric",
                "feature",
                3,
                -Double.MAX_VALUE,
                Double.MAX_VALUE,
                1e-308,
                0.1,
                7,
                null));
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < limits.settings().maxClasses(); i++) {
            classes.add(name(i, className));
        }
        DatasetInfo written = info(columns, classes);
        assertThat(written.classes().get(0)).hasSize(className);
        assertThat(written.columns().get(0).topCategories().keySet().iterator().next())
                .hasSize(cell);

        datasets.insert(written, "datasets/x/data.csv");

        assertThat(datasets.find(written.id())).get().usingRecursiveComparison().isEqualTo(written);
        assertThat(datasets.list()).singleElement().usingRecursiveComparison().isEqualTo(written);
    }

    @Test
    void aZipsSkippedEntriesAreShownUpToAHundredThenCounted() {
        DatasetInfo info = info(
                List.of(new ColumnSummary("y", "categorical", "label", 0, null, null, null, null, 2, Map.of("a", 1))),
                List.of("a", "b"));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            names.add("__MACOSX/._" + i);
        }
        assertThat(info.withSkipped(names.subList(0, 100)).skipped()).isEqualTo(names.subList(0, 100));
        List<String> shown = info.withSkipped(names).skipped();
        assertThat(shown).hasSize(101).startsWith("__MACOSX/._0").endsWith("… and 150 more");
    }

    @Test
    void aRecordItsOwnReadPathWouldRefuseIsNeverStored() {
        // Jackson reads names (map keys) of at most 50,000 characters: the record of the attack
        Map<String, Integer> top = Map.of("a".repeat(50_001), 2);
        DatasetInfo unreadable = info(
                List.of(new ColumnSummary("color", "categorical", "feature", 0, null, null, null, null, 1, top)),
                List.of("a", "b"));
        assertThatThrownBy(() -> datasets.insert(unreadable, "k"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be read back");
        assertThat(datasets.list()).isEmpty();
    }

    @Test
    void aRowThatCannotBeReadIsListedDegradedFoundDegradedAndDeletable() {
        DatasetInfo good = info(
                List.of(new ColumnSummary("y", "categorical", "label", 0, null, null, null, null, 2, Map.of("a", 1))),
                List.of("a", "b"));
        DatasetInfo bad = info(
                List.of(new ColumnSummary("y", "categorical", "label", 0, null, null, null, null, 2, Map.of("a", 1))),
                List.of("a", "b"));
        datasets.insert(good, "good");
        datasets.insert(bad, "bad");
        // as an older version without limits stored it
        jdbc.sql("UPDATE dataset SET columns_json = :json WHERE id = :id")
                .param("json", "[{\"name\":\"y\",\"topCategories\":{\"" + "a".repeat(50_001) + "\":1}}]")
                .param("id", bad.id())
                .update();

        List<DatasetInfo> listed = datasets.list();
        assertThat(listed).extracting(DatasetInfo::id).containsExactlyInAnyOrder(good.id(), bad.id());
        DatasetInfo degraded = datasets.find(bad.id()).orElseThrow();
        assertThat(degraded.problem())
                .startsWith("its stored record cannot be read back (Name length (50001) exceeds the maximum allowed")
                .endsWith("it cannot be used, only deleted; upload the data again");
        assertThat(degraded.name()).isEqualTo(bad.name());
        assertThat(degraded.kind()).isEqualTo("tabular");
        assertThat(degraded.createdAt()).isEqualTo(bad.createdAt());
        assertThat(degraded.columns()).isEmpty();
        assertThat(datasets.find(good.id()).orElseThrow().problem()).isNull();

        datasets.delete(bad.id());
        assertThat(datasets.list()).extracting(DatasetInfo::id).containsExactly(good.id());
    }
}
