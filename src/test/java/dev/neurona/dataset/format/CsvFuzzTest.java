package dev.neurona.dataset.format;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.DomainException;

/**
 * Any bytes and form options uploaded as a CSV either read as a table or are refused with a 400.
 *
 * <p>The options are taken from the last four bytes (the data provider reads numbers from the end), the file is the
 * rest, so a seed is a CSV file with four choice bytes appended: missing policy, task, label column, separator.
 */
class CsvFuzzTest {

    // ':' is not an allowed separator: the refusal is part of the contract too
    private static final Character[] SEPARATORS = {null, ',', ';', '\t', '|', ':'};
    private static final String[] LABELS = {null, "label", "species", " ", "missing"};
    private static final Task[] TASKS = {null, Task.CLASSIFICATION, Task.REGRESSION};

    @FuzzTest
    void readsOrRefuses(FuzzedDataProvider data) {
        Character separator = data.pickValue(SEPARATORS);
        String label = data.pickValue(LABELS);
        Task task = data.pickValue(TASKS);
        MissingPolicy missing = data.pickValue(MissingPolicy.values());
        byte[] file = data.consumeRemainingAsBytes();
        try {
            CsvTableReader.read(file, new CsvOptions(separator, label, task, missing));
        } catch (DomainException refused) {
            // the contract: a 400 naming the field; anything else escaping is a finding
        }
    }
}
