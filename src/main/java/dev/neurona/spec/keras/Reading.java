package dev.neurona.spec.keras;

import dev.neurona.platform.problem.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/** One import under way: every refusal and every note, collected so the answer names them all at once. */
final class Reading {

    /**
     * A whole number that fits an int: Keras' sizes, axes and indices are, and asInt() of a larger one throws (a
     * document with units 10^14 is the writer's mistake, a 400, not the service's).
     */
    static boolean wholeInt(tools.jackson.databind.JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToInt();
    }

    final List<FieldProblem> problems = new ArrayList<>();
    final List<KerasNote> notes = new ArrayList<>();
    final int version;

    Reading(int version) {
        this.version = version;
    }

    void refuse(String path, String why) {
        problems.add(new FieldProblem(path, why));
    }

    void note(String path, String note) {
        notes.add(new KerasNote(path, note));
    }
}
