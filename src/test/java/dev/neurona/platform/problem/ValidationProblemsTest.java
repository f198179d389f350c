package dev.neurona.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.validation.beanvalidation.MethodValidationAdapter;
import org.springframework.validation.method.MethodValidationResult;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/** Bean Validation's findings become field problems named as the client wrote them, with the refused value. */
class ValidationProblemsTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    record Layer(@Min(1) int units) {}

    record Spec(@Valid List<Layer> layers, @Min(1) @Max(10) Integer epochs) {}

    /** A controller's signature, as Spring MVC validates it. */
    static class Endpoint {

        void list(
                @RequestParam(name = "max-rows") @Min(1) @Max(1000) int limit,
                @RequestParam @Min(0) int offset,
                @Valid @RequestBody Spec spec) {}
    }

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private static Method list() throws NoSuchMethodException {
        return Endpoint.class.getDeclaredMethod("list", int.class, int.class, Spec.class);
    }

    @Test
    void requestParametersAreNamedByTheirRequestNameAndBodyFieldsByTheirPath() throws Exception {
        Spec spec = new Spec(List.of(new Layer(4), new Layer(0)), 3);
        MethodValidationResult result = new MethodValidationAdapter(VALIDATOR)
                .validateArguments(new Endpoint(), list(), null, new Object[] {0, -1, spec}, new Class<?>[0]);

        assertThat(ValidationProblems.of(result))
                .containsExactly(
                        new FieldProblem("layers[1].units", "must be at least 1, was 0"),
                        new FieldProblem("max-rows", "must be at least 1, was 0"),
                        new FieldProblem("offset", "must be at least 0, was -1"));
    }

    @Test
    void theMessagesReadTheSameWhateverTheLocale() throws Exception {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMAN);
            MethodValidationResult result = new MethodValidationAdapter(VALIDATOR)
                    .validateArguments(
                            new Endpoint(),
                            list(),
                            null,
                            new Object[] {1001, 0, new Spec(List.of(), 1)},
                            new Class<?>[0]);
            assertThat(ValidationProblems.of(result))
                    .containsExactly(new FieldProblem("max-rows", "must be at most 1000, was 1001"));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void violationsOfABeanOrAMethodNameTheFieldWithoutTheMethod() throws Exception {
        assertThat(ValidationProblems.of(VALIDATOR.validate(new Spec(List.of(new Layer(2), new Layer(-3)), 11))))
                .containsExactly(
                        new FieldProblem("epochs", "must be at most 10, was 11"),
                        new FieldProblem("layers[1].units", "must be at least 1, was -3"));

        var violations = VALIDATOR
                .forExecutables()
                .validateParameters(new Endpoint(), list(), new Object[] {5, -2, new Spec(List.of(), null)});
        assertThat(ValidationProblems.of(violations))
                .containsExactly(new FieldProblem("offset", "must be at least 0, was -2"));
    }
}
