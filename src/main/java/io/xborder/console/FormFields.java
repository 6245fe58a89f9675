package io.xborder.console;

import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import io.xborder.document.DocumentMetadata;
import io.xborder.http.ParamConverters;
import io.xborder.http.Problem;
import io.xborder.http.ProblemException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the typed fields of a console form (a language, a jurisdiction, a date) from what the browser sent, with the
 * API's converters, keeping what is wrong by field so that the page can show it next to the field. The forms post
 * strings and are answered with the page, not with the API's 400, so they cannot let the framework read them.
 */
final class FormFields {

    private final ParamConverters converters;
    private final List<Problem.FieldError> errors = new ArrayList<>();

    FormFields(ParamConverters converters) {
        this.converters = converters;
    }

    /** The value, or null when it is absent or not one (then remembered as an error of {@code field}). */
    <T> T read(Class<T> type, String field, String value) {
        try {
            return converters.read(type, field, value);
        } catch (ProblemException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    /**
     * A jurisdiction as an analyst types it (China, 中国, CN, "China (CN)"), or null when blank or not one; an unknown
     * name is an error of {@code field}, never another country.
     */
    Jurisdiction jurisdiction(String field, String value) {
        Countries.Resolved resolved = Countries.all().resolve(value, false);
        if (resolved.problem() != null) {
            errors.add(new Problem.FieldError(field, resolved.problem()));
            return null;
        }
        return resolved.country().map(c -> new Jurisdiction(c.code())).orElse(null);
    }

    DocumentMetadata metadata(String title, String language, String jurisdiction, String sourceUrl,
            String publishedAt) {
        return new DocumentMetadata(title, read(Language.class, "language", language),
                jurisdiction("jurisdiction", jurisdiction), sourceUrl,
                read(LocalDate.class, "publishedAt", publishedAt));
    }

    /** What was read wrongly so far, by field. */
    List<Problem.FieldError> errors() {
        return List.copyOf(errors);
    }

    /** A 400 with every field read wrongly so far; nothing when all were read. */
    void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.size() == 1
                    ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " invalid fields", errors);
        }
    }
}
