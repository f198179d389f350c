package dev.neurona.model;

import dev.neurona.platform.problem.InvalidInputException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a registered model's name and an alias may be: 1–63 characters of {@code a-z 0-9 . _ -}, starting with a letter
 * or digit, compared and stored in lower case (so {@code Digits} and {@code digits} are one model, and a name is the
 * same in every URL). Never a UUID, so a model reference in a URL is either an id or a name, never both; never an
 * {@code @}, so {@code name@alias} splits one way only.
 */
public final class ModelNames {

    public static final int MAX_LENGTH = 63;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_TAGS = 50;
    public static final int MAX_TAG_KEY = 100;
    public static final int MAX_TAG_VALUE = 500;

    /** The name used when nothing else can be derived. */
    public static final String FALLBACK = "model";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-z0-9._-]+");

    private ModelNames() {}

    /** Whether the text is written as a model id (the canonical 8-4-4-4-12 hex form). */
    public static boolean isUuid(String text) {
        return text != null && UUID_TEXT.matcher(text.toLowerCase(Locale.ROOT)).matches();
    }

    /** Null when {@code text} is a valid name or alias, else why not. */
    public static String problem(String text) {
        if (text == null || text.isBlank()) {
            return "required: 1–" + MAX_LENGTH + " characters of a-z, 0-9, '.', '_', '-'";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.length() > MAX_LENGTH) {
            return "at most " + MAX_LENGTH + " characters, was " + lower.length();
        }
        if (!NAME.matcher(lower).matches()) {
            return "only a-z, 0-9, '.', '_', '-', starting with a letter or digit (URL-safe), was \"" + shorten(text)
                    + "\"";
        }
        if (isUuid(lower)) {
            return "must not look like a model id (UUID): ids and names share the same URLs";
        }
        return null;
    }

    /** The name in its stored (lower-case) form; a 400 naming {@code field} when it is not a valid name. */
    public static String require(String field, String text) {
        String problem = problem(text);
        if (problem != null) {
            throw new InvalidInputException(field, problem);
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * A valid name made from any text (a dataset's or an older model's name): accents dropped, lower case, every run of
     * other characters a single '-', cut to {@value #MAX_LENGTH}; {@value #FALLBACK} when nothing is left.
     */
    public static String slug(String text) {
        if (text == null) {
            return FALLBACK;
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        String slug = NOT_ALLOWED.matcher(plain).replaceAll("-");
        slug = slug.replaceAll("^[._-]+", "").replaceAll("[._-]+$", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH).replaceAll("[._-]+$", "");
        }
        if (slug.isEmpty()) {
            return FALLBACK;
        }
        if (isUuid(slug)) {
            // a model named after an id would be shadowed by the id in every URL
            return FALLBACK + "-" + slug.substring(0, 8);
        }
        return slug;
    }

    /** A 400 naming the field when a description or tags are over their bounds. */
    public static void requireDescriptionAndTags(String prefix, String description, Map<String, String> tags) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new InvalidInputException(
                    prefix + "description", "at most " + MAX_DESCRIPTION + " characters, was " + description.length());
        }
        if (tags == null) {
            return;
        }
        if (tags.size() > MAX_TAGS) {
            throw new InvalidInputException(prefix + "tags", "at most " + MAX_TAGS + " tags, was " + tags.size());
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey();
            if (key == null || key.isBlank() || key.length() > MAX_TAG_KEY) {
                throw new InvalidInputException(
                        prefix + "tags",
                        "a tag's key is 1–" + MAX_TAG_KEY + " characters, was \"" + shorten(key) + "\"");
            }
            if (tag.getValue() == null || tag.getValue().length() > MAX_TAG_VALUE) {
                throw new InvalidInputException(
                        prefix + "tags." + shorten(key),
                        "a tag's value is a string of at most " + MAX_TAG_VALUE + " characters");
            }
        }
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 70 ? text.substring(0, 70) + "…" : text;
    }
}
