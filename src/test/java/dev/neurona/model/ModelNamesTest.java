package dev.neurona.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.platform.problem.InvalidInputException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"digits", "Digits", "iris.csv", "a", "9", "house_prices-v2", "x.y_z-1"})
    void urlSafeNamesAreAcceptedAndStoredInLowerCase(String name) {
        assertThat(ModelNames.problem(name)).isNull();
        assertThat(ModelNames.require("register.name", name)).isEqualTo(name.toLowerCase(java.util.Locale.ROOT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-digits", ".hidden", "_x", "a b", "a/b", "a@b", "a%2Fb", "naïve", "a?b", "a#b"})
    void anythingElseIsRefusedNamingTheField(String name) {
        assertThatThrownBy(() -> ModelNames.require("register.name", name))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .singleElement()
                        .satisfies(p -> assertThat(p.field()).isEqualTo("register.name")));
    }

    @Test
    void aNameIsAtMost63CharactersAndNeverAModelId() {
        assertThat(ModelNames.problem("a".repeat(63))).isNull();
        assertThat(ModelNames.problem("a".repeat(64))).contains("at most 63");
        String id = UUID.randomUUID().toString();
        assertThat(ModelNames.problem(id)).contains("UUID");
        assertThat(ModelNames.problem(id.toUpperCase(java.util.Locale.ROOT))).contains("UUID");
        assertThat(ModelNames.isUuid(id)).isTrue();
        assertThat(ModelNames.isUuid("1-1-1-1-1")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = "|",
            value = {
                "Iris flowers|iris-flowers",
                "iris.csv|iris.csv",
                "  Ünïcödé   Prices (2024)!|unicode-prices-2024",
                "---|model",
                "☃☃☃|model",
                "MNIST_train.zip|mnist_train.zip",
                "..a..|a"
            })
    void anyTextSlugsToAValidName(String text, String slug) {
        assertThat(ModelNames.slug(text)).isEqualTo(slug);
        assertThat(ModelNames.problem(ModelNames.slug(text))).isNull();
    }

    @Test
    void aSlugIsValidEvenFromNothingTooLongOrAnId() {
        assertThat(ModelNames.slug(null)).isEqualTo(ModelNames.FALLBACK);
        assertThat(ModelNames.slug("")).isEqualTo(ModelNames.FALLBACK);
        String longName = "ab-".repeat(40);
        assertThat(ModelNames.slug(longName)).hasSizeLessThanOrEqualTo(63).doesNotEndWith("-");
        String id = "5E9A1F30-6C2D-4B8A-8F1E-2D7C9B0A4E63";
        assertThat(ModelNames.slug(id)).isEqualTo("model-5e9a1f30");
        assertThat(ModelNames.problem(ModelNames.slug(id))).isNull();
    }

    @Test
    void descriptionAndTagsAreBounded() {
        ModelNames.requireDescriptionAndTags("register.", "d".repeat(2000), Map.of("k", "v"));
        assertThatThrownBy(() -> ModelNames.requireDescriptionAndTags("register.", "d".repeat(2001), null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("register.description"));
        java.util.Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("k" + i, "v");
        }
        assertThatThrownBy(() -> ModelNames.requireDescriptionAndTags("", null, many))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("tags"));
        assertThatThrownBy(() -> ModelNames.requireDescriptionAndTags("", null, Map.of("k", "v".repeat(501))))
                .isInstanceOf(InvalidInputException.class);
        java.util.Map<String, String> nullValue = new java.util.HashMap<>();
        nullValue.put("k", null);
        assertThatThrownBy(() -> new RegisterAs("x", null, nullValue).validated("register."))
                .isInstanceOf(InvalidInputException.class);
    }
}
