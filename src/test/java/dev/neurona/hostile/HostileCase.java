package dev.neurona.hostile;

import dev.neurona.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One entry of the hostile-input corpus: the kind of damage ({@code category}), a name that says what exactly is
 * wrong, and the request that carries it.
 */
public record HostileCase(String category, String name, Function<HostileCase.Target, Http.Response> request) {

    /**
     * What the corpus aims at: clients with each kind of credential, and the ids of the datasets, models and job
     * stored before the run.
     */
    public record Target(
            int port,
            Http admin,
            Http anonymous,
            Http predictor,
            Http trainer,
            String csvDataset,
            String imageDataset,
            String csvModel,
            String imageModel,
            String job) {}

    /** Collects cases under the current category. */
    static final class Cases {

        private final List<HostileCase> all = new ArrayList<>();
        private String category = "uncategorised";

        Cases category(String name) {
            category = name;
            return this;
        }

        void add(String name, Function<Target, Http.Response> request) {
            all.add(new HostileCase(category, name, request));
        }

        /** Whether this category has a case of that name already: random damage may repeat itself. */
        boolean has(String name) {
            return all.stream()
                    .anyMatch(c -> c.category().equals(category) && c.name().equals(name));
        }

        List<HostileCase> list() {
            return List.copyOf(all);
        }
    }
}
