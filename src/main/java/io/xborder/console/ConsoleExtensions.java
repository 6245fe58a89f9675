package io.xborder.console;

import io.quarkus.qute.TemplateExtension;
import io.xborder.classify.Confidence;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Display helpers for the console templates. */
@TemplateExtension
public final class ConsoleExtensions {

    private ConsoleExtensions() {
    }

    /** DATA_LOCALIZATION → "Data localization". */
    public static String label(String wireValue) {
        if (wireValue == null || wireValue.isEmpty()) {
            return "";
        }
        String words = wireValue.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** Category.DATA_LOCALIZATION → "Data localization". */
    public static String label(Enum<?> value) {
        return value == null ? "" : label(value.name());
    }

    /** Labels of a list of wire values, comma-separated; "—" when empty. */
    public static String labels(List<String> wireValues) {
        return wireValues == null || wireValues.isEmpty()
                ? "—"
                : String.join(", ", wireValues.stream().map(ConsoleExtensions::label).toList());
    }

    /** A confidence as a percentage. */
    public static String percent(double confidence) {
        return Confidence.percent(confidence);
    }

    /** The CSS class of a category's colour. */
    public static String categoryClass(String category) {
        return DocumentLayout.cssClass(category);
    }

    /** Codes comma-separated; "—" when empty. */
    public static String joined(List<String> values) {
        return values == null || values.isEmpty() ? "—" : String.join(", ", values);
    }

    /** Codes comma-separated, "" when empty (form values). */
    public static String joinedPlain(List<String> values) {
        return values == null ? "" : String.join(", ", values);
    }

    /** An instant as "2024-04-29 10:15" (UTC, minutes); "" when null. */
    public static String utc(Instant instant) {
        return instant == null ? "" : instant.toString().replace('T', ' ').substring(0, 16);
    }

    /** The field a console input id names: "upload-jurisdiction" → "jurisdiction". */
    public static String fieldName(String inputId) {
        int dash = inputId == null ? -1 : inputId.indexOf('-');
        return dash < 0 ? inputId : inputId.substring(dash + 1);
    }

    /** A job kind as the page names it: URLS → "URL job". */
    public static String jobKind(String kind) {
        return switch (kind == null ? "" : kind) {
            case "URLS" -> "URL job";
            case "FILES" -> "File job";
            case "RECLASSIFY" -> "Reclassification";
            default -> label(kind);
        };
    }
}
