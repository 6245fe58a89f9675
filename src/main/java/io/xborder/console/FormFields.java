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

    DocumentMetadata metadata(String title, String language, String jurisdiction, String sourceUrl,
            String publishedAt) {
        return new DocumentMetadata(title, read(Language.class, "language", language),
                read(Jurisdiction.class, "jurisdiction", jurisdiction), sourceUrl,
                read(LocalDate.class, "publishedAt", publishedAt));
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
