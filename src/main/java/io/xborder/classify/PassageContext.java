package io.xborder.classify;

import java.util.Locale;

/**
 * What the rest of a document says about one of its passages.
 *
 * @param documentJurisdiction the jurisdiction whose law the document is (every finding carries it), or null
 * @param placeJurisdiction the jurisdiction the document is about, which deictic words ("in-country", 境内, "the
 *            Kingdom") refer to and against which places are home or foreign; the document's when it is a law, else
 *            found from its title and lead, or null
 * @param genre the kind of document, or null when unknown
 */
public record PassageContext(String documentJurisdiction, String placeJurisdiction, Genre genre) {

    public static final PassageContext NONE = new PassageContext(null, null, null);

    public PassageContext {
        documentJurisdiction = normalise(documentJurisdiction);
        placeJurisdiction = normalise(placeJurisdiction);
        if (placeJurisdiction == null) {
            placeJurisdiction = documentJurisdiction;
        }
    }

    /** The context of a passage of a law of {@code jurisdiction} (null: not a law, nothing else known). */
    public static PassageContext of(String documentJurisdiction) {
        return new PassageContext(documentJurisdiction, null, null);
    }

    private static String normalise(String code) {
        return code == null || code.isBlank() ? null : code.strip().toUpperCase(Locale.ROOT);
    }
}
