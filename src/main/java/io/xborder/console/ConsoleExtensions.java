package io.xborder.console;

import io.quarkus.qute.TemplateExtension;
import io.xborder.classify.Confidence;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Display helpers for the console templates. */
@TemplateExtension
public final class ConsoleExtensions {

    private ConsoleExtensions() {
    }

    /**
     * A wire value in words: DATA_LOCALIZATION → "Data localization", CROSS_BORDER_TRANSFER → "Cross-border
     * transfer" (the compound is hyphenated, as the taxonomy and every heading of the console write it).
     */
    public static String label(String wireValue) {
        if (wireValue == null || wireValue.isEmpty()) {
            return "";
        }
        if (wireValue.equals("CROSS_BORDER_TRANSFER")) {
            return "Cross-border transfer";
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
            case "TRAIN_MODEL" -> "Model training";
            default -> label(kind);
        };
    }

    /** A jurisdiction code as the pages name it: CN → "China"; "" when null. */
    public static String country(String code) {
        return code == null ? "" : Countries.all().name(code);
    }

    /** A jurisdiction code in both languages: CN → "China · 中国". */
    public static String countryBoth(String code) {
        return Countries.all().byCode(code)
                .map(c -> c.chinese() == null ? c.english() : c.english() + " · " + c.chinese())
                .orElse(code == null ? "" : code);
    }

    /** Jurisdiction codes as names, comma-separated; "none named" when empty. */
    public static String countries(List<String> codes) {
        return codes == null || codes.isEmpty()
                ? "none named"
                : String.join(", ", codes.stream().map(ConsoleExtensions::country).toList());
    }

    /** Jurisdiction codes as the review form's field holds them: names, comma-separated. */
    public static String countryChoices(List<String> codes) {
        return codes == null ? "" : String.join(", ", codes.stream().map(ConsoleExtensions::country).toList());
    }

    /** The label of a search field, for messages about it: "minConfidence" → "Minimum confidence". */
    public static String searchLabel(String field) {
        return switch (field == null ? "" : field) {
            case "q" -> "Words in the passage";
            case "jurisdiction" -> "Jurisdiction";
            case "category" -> "Category";
            case "mechanism" -> "Mechanism";
            case "modality" -> "Modality";
            case "dataCategory" -> "Data category";
            case "language" -> "Language";
            case "from" -> "Published from";
            case "to" -> "Published to";
            case "minConfidence" -> "Minimum confidence";
            case "reviewStatus" -> "Review status";
            case "page", "size", "cursor" -> "Result page";
            default -> label(field);
        };
    }

    /** A value for a URL's query string. */
    public static String urlEncoded(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Who reviewed, as a person reads it: "key:bootstrap-admin" → "the first admin API key". */
    public static String reviewer(String principal) {
        if (principal == null) {
            return "";
        }
        if (principal.equals("key:bootstrap-admin")) {
            return "the first admin API key";
        }
        return principal.startsWith("key:") ? "API key “" + principal.substring(4) + "”" : principal;
    }

    /** The label of an add-form field, for messages about it: "publishedAt" → "Published on". */
    public static String addLabel(String field) {
        return switch (field == null ? "" : field) {
            case "title" -> "Title";
            case "text" -> "Text";
            case "language" -> "Language";
            case "jurisdiction" -> "Jurisdiction";
            case "publishedAt" -> "Published on";
            case "sourceUrl" -> "Source URL";
            case "urls" -> "URLs";
            case "file" -> "Files";
            case "url" -> "Feed URL";
            case "intervalMinutes" -> "Interval";
            default -> label(field);
        };
    }

    /** Why a job item failed, in words: URL_REFUSED → "Address not fetched (inside the company network)". */
    public static String failureReason(String reason) {
        return switch (reason == null ? "" : reason) {
            case "UNSUPPORTED_TYPE" -> "A kind of file that cannot be read";
            case "TOO_LARGE" -> "Too large";
            case "EMPTY" -> "No text in it";
            case "CORRUPT" -> "Damaged file";
            case "ENCRYPTED" -> "Protected by a password";
            case "EXTRACTION_TIMEOUT" -> "Reading it took too long";
            case "URL_REFUSED" -> "Address not fetched";
            case "URL_UNREACHABLE" -> "Address could not be reached";
            case "URL_TIMEOUT" -> "The web server did not answer in time";
            case "TOO_MANY_REDIRECTS" -> "Too many redirects";
            case "INVALID" -> "Not valid";
            case "NOT_FOUND" -> "Not found";
            case "ABANDONED" -> "Given up after several attempts";
            default -> "Failed";
        };
    }

    /** A failure's detail for analysts: without setting names ("xborder.fetch.allow") and problem type URIs. */
    public static String plainDetail(String detail) {
        return RefusalMessages.plain(detail);
    }
}
