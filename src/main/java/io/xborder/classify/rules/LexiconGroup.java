package io.xborder.classify.rules;

/**
 * The lexicon groups the engine reads by name to resolve places (besides the groups that rule files reference
 * themselves). Declared once here; a language's {@code lexicon.yaml} may leave any of them out, which makes it an
 * empty group.
 */
enum LexiconGroup {

    /** Border words (abroad, overseas, 境外): a passage with one is not about places at home. */
    ABROAD("abroad"),
    /** Deictic place words ("within the territory", 境内): a gazetteer mention inside one is no named place. */
    DEICTIC("deictic"),
    /** A named place right after one of these is where data goes ("to", 向) ... */
    DESTINATION_BEFORE("destination-before"),
    /** ... or right before one of these ("-based", 服务器) ... */
    DESTINATION_AFTER("destination-after"),
    /** ... unless it is marked as where the data comes from ("collected in", 从). */
    ORIGIN_BEFORE("origin-before"), ORIGIN_AFTER("origin-after"),
    /** A named place locates data right after one of these ("in", "hosted in", 位于) ... */
    LOCATION_BEFORE("location-before"),
    /** ... or right before one of these (境内) ... */
    LOCATION_AFTER("location-after"),
    /** ... unless one of these comes closer ("outside", "from", 向). */
    NOT_LOCATION_BEFORE("not-location-before"), NOT_LOCATION_AFTER("not-location-after"),
    /** A named place after one of these is where data goes when it leaves ("outside", "beyond"). */
    OUTSIDE_BEFORE("outside-before"),
    /** Words allowed between a preposition and its place ("in the territory of" Russia); not scanned. */
    PLACE_FILLERS("place-fillers");

    private final String fileName;

    LexiconGroup(String fileName) {
        this.fileName = fileName;
    }

    /** The group's name in {@code lexicon.yaml}. */
    String fileName() {
        return fileName;
    }
}
