package io.xborder.finding;

import com.fasterxml.jackson.databind.JsonNode;
import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.document.ReviewStatus;
import io.xborder.http.Problem;
import io.xborder.http.ProblemException;
import io.xborder.http.WireValues;
import io.xborder.text.StoredText;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A reviewer's checked verdict on a finding. The attributes are corrections: null leaves the finding's value as it
 * is (merge-patch semantics). The comment replaces the previous one when {@code commentGiven}.
 */
public record FindingReview(
        ReviewStatus status,
        Category category,
        Modality modality,
        List<String> mechanisms,
        List<String> jurisdictions,
        List<String> dataCategories,
        boolean commentGiven,
        String comment) {

    public static final int MAX_COMMENT = 2000;
    private static final Set<String> FIELDS = Set.of("status", "category", "modality", "mechanisms", "jurisdictions",
            "dataCategories", "comment");

    /** Checks every member of a PATCH body; all problems are reported together as one 400. */
    public static FindingReview parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid("body", "a JSON object with a status field is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new Problem.FieldError(name, "is not a review field; allowed: " + new TreeSet<>(FIELDS)));
            }
        }
        ReviewStatus status = null;
        JsonNode s = body.get("status");
        if (s == null || !s.isTextual()) {
            errors.add(new Problem.FieldError("status", "is required: CONFIRMED or REJECTED"));
        } else if (s.asText().equals("CONFIRMED") || s.asText().equals("REJECTED")) {
            status = ReviewStatus.valueOf(s.asText());
        } else {
            errors.add(
                    new Problem.FieldError("status", "must be CONFIRMED or REJECTED, not '" + clip(s.asText()) + "'"));
        }
        Category category = single(body, "category", Category.class, errors);
        Modality modality = single(body, "modality", Modality.class, errors);
        List<String> mechanisms = list(body, "mechanisms", errors,
                v -> present("mechanisms", WireValues.enumValue("mechanisms", v, Mechanism.class)).name());
        List<String> dataCategories = list(body, "dataCategories", errors,
                v -> present("dataCategories", WireValues.enumValue("dataCategories", v, DataCategory.class)).name());
        List<String> jurisdictions = list(body, "jurisdictions", errors,
                v -> present("jurisdictions", WireValues.code("jurisdictions", v,
                        c -> Jurisdiction.of(c).map(Jurisdiction::code), Jurisdiction.EXPECTED)));
        boolean commentGiven = body.has("comment");
        String comment = null;
        if (commentGiven) {
            JsonNode c = body.get("comment");
            if (c.isNull()) {
                comment = null;
            } else if (!c.isTextual()) {
                errors.add(new Problem.FieldError("comment", "must be a string or null"));
            } else if (c.asText().length() > MAX_COMMENT) {
                errors.add(new Problem.FieldError("comment", "must be at most " + MAX_COMMENT + " characters"));
            } else {
                comment = StoredText.clean(c.asText()).strip();
                comment = comment.isEmpty() ? null : comment;
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.size() == 1
                    ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " invalid review fields", errors);
        }
        return new FindingReview(status, category, modality, mechanisms, jurisdictions, dataCategories, commentGiven,
                comment);
    }

    private static <E extends Enum<E>> E single(JsonNode body, String field, Class<E> type,
            List<Problem.FieldError> errors) {
        JsonNode v = body.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new Problem.FieldError(field, "must be a string"));
            return null;
        }
        try {
            E value = WireValues.enumValue(field, v.asText(), type);
            if (value == null) {
                errors.add(new Problem.FieldError(field, "must not be blank"));
            }
            return value;
        } catch (ProblemException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    private interface Check {

        String apply(String value);
    }

    private static List<String> list(JsonNode body, String field, List<Problem.FieldError> errors, Check check) {
        JsonNode v = body.get(field);
        if (v == null) {
            return null;
        }
        if (v.isNull()) {
            return List.of();
        }
        if (!v.isArray() || v.size() > 300) {
            errors.add(new Problem.FieldError(field, "must be an array of strings (at most 300)"));
            return null;
        }
        TreeSet<String> values = new TreeSet<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                errors.add(new Problem.FieldError(field, "must contain only strings"));
                return null;
            }
            try {
                values.add(check.apply(item.asText()));
            } catch (ProblemException e) {
                errors.addAll(e.errors());
                return null;
            }
        }
        return List.copyOf(values);
    }

    private static <T> T present(String field, T value) {
        if (value == null) {
            throw ProblemException.invalid(field, "must not contain blank values");
        }
        return value;
    }

    private static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
