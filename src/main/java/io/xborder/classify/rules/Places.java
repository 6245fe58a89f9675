package io.xborder.classify.rules;

import io.xborder.classify.Language;
import io.xborder.classify.jurisdiction.Gazetteer;
import io.xborder.classify.jurisdiction.JurisdictionMention;
import java.util.List;
import java.util.Set;

/**
 * The places one passage names and the role each plays: where data goes, where it is, what it leaves, or a move
 * between places of one country. Offsets are relative to the passage start. Computed lazily, for one passage.
 */
final class Places {

    /** Max chars between a preposition and the place it introduces ("to the United States"). */
    private static final int PREPOSITION_GAP = 5;

    /** The lexicon groups (scanner group ids) and words that give places their roles, for one language. */
    record Groups(int deictic, int abroad, int destinationBefore, int destinationAfter, int originBefore,
            int originAfter, int locationBefore, int locationAfter, int notLocationBefore, int notLocationAfter,
            int outsideBefore, Set<String> fillers, int maxFiller) {

        static Groups compile(CueGroups cues) {
            Set<String> fillers = Set.copyOf(cues.words(LexiconGroup.PLACE_FILLERS, List.of("the")));
            return new Groups(cues.lexicon(LexiconGroup.DEICTIC), cues.lexicon(LexiconGroup.ABROAD),
                    cues.lexicon(LexiconGroup.DESTINATION_BEFORE), cues.lexicon(LexiconGroup.DESTINATION_AFTER),
                    cues.lexicon(LexiconGroup.ORIGIN_BEFORE), cues.lexicon(LexiconGroup.ORIGIN_AFTER),
                    cues.lexicon(LexiconGroup.LOCATION_BEFORE), cues.lexicon(LexiconGroup.LOCATION_AFTER),
                    cues.lexicon(LexiconGroup.NOT_LOCATION_BEFORE), cues.lexicon(LexiconGroup.NOT_LOCATION_AFTER),
                    cues.lexicon(LexiconGroup.OUTSIDE_BEFORE), fillers,
                    fillers.stream().mapToInt(String::length).max().orElse(0));
        }
    }

    private final Groups groups;
    private final Gazetteer gazetteer;
    private final Language language;
    private final String text;
    private final int start;
    private final int end;
    private final CueScanner.Hits hits;
    private final String docJurisdiction;

    private List<JurisdictionMention> mentions;
    private SpanIndex named;
    /** The one jurisdiction of all named places, or null when they are in several or there is none. */
    private String namedCode;
    private Boolean atHome;
    private SpanIndex allDestinations;
    private SpanIndex destinations;
    private SpanIndex domesticDestinations;
    private SpanIndex locations;
    private SpanIndex outside;

    Places(Groups groups, Gazetteer gazetteer, Language language, String text, int start, int end,
            CueScanner.Hits hits, String docJurisdiction) {
        this.groups = groups;
        this.gazetteer = gazetteer;
        this.language = language;
        this.text = text;
        this.start = start;
        this.end = end;
        this.hits = hits;
        this.docJurisdiction = docJurisdiction;
    }

    /** Every jurisdiction mention, deictic words included, with absolute offsets. */
    List<JurisdictionMention> mentions() {
        if (mentions == null) {
            // the gazetteer reads the passage only (its keys were found by this passage's scan), so its cost
            // never depends on the size of the whole text
            mentions = gazetteer.find(text, start, end, docJurisdiction, language, hits.chars(), hits);
        }
        return mentions;
    }

    /** Named places (not deictic words such as "within the territory"). */
    SpanIndex named() {
        if (named == null) {
            List<JurisdictionMention> m = mentions();
            SpanIndex deictic = hits.get(groups.deictic());
            long[] packed = new long[m.size()];
            int k = 0;
            String code = null;
            boolean oneCode = true;
            int length = end - start;
            for (JurisdictionMention jm : m) {
                int s = jm.start() - start;
                int e = jm.end() - start;
                if (s < 0 || e > length || deictic.near(s, e, -1) >= 0) {
                    continue;
                }
                packed[k++] = ((long) s << 32) | e;
                oneCode &= code == null || code.equals(jm.code());
                code = jm.code();
            }
            named = SpanIndex.of(packed, k);
            namedCode = oneCode ? code : null;
        }
        return named;
    }

    /**
     * Whether the passage names two or more places, all in one jurisdiction (the document's, when it has one), at
     * least one of them the data's own rather than where it goes (赴美 … 美国监管机构 are both destinations), with no
     * border word and no place that data leaves ("outside the EU", 欧盟以外).
     */
    boolean atHome() {
        if (atHome == null) {
            int k = named().size();
            atHome = k >= 2 && namedCode != null && hits.get(groups.abroad()).size() == 0
                    && (docJurisdiction == null || docJurisdiction.equals(namedCode))
                    && allDestinations().size() < k && outside().size() == 0
                    && introduced(-1, groups.notLocationAfter(), -1, -1).size() == 0;
        }
        return atHome;
    }

    /**
     * Named places introduced as a destination: right after a destination preposition ("to", "in", 向, 至) or right
     * before a destination noun ("-based", "servers", 服务器), and not marked as the data's origin ("collected in",
     * "from", 从, 在…收集). "Chinese users' data" names an origin, not where data goes. None when every place the
     * passage names is in one jurisdiction: data moved between places of one jurisdiction does not cross a border
     * ("moved the data of its Chinese users to servers in Guizhou").
     */
    SpanIndex destinations() {
        if (destinations == null) {
            destinations = atHome() ? SpanIndex.EMPTY : allDestinations();
        }
        return destinations;
    }

    /**
     * Places introduced by a destination preposition ("to … in Guizhou", 至) when every place the passage names is in
     * one jurisdiction. Not before a destination noun: "the Indian government" is no place data is moved to.
     */
    SpanIndex domesticDestinations() {
        if (domesticDestinations == null) {
            domesticDestinations = atHome()
                    ? introduced(groups.destinationBefore(), -1, groups.originBefore(), groups.originAfter())
                    : SpanIndex.EMPTY;
        }
        return domesticDestinations;
    }

    /** Places introduced as where data goes, whether or not the passage stays at home. */
    private SpanIndex allDestinations() {
        if (allDestinations == null) {
            allDestinations = introduced(groups.destinationBefore(), groups.destinationAfter(),
                    groups.originBefore(), groups.originAfter());
        }
        return allDestinations;
    }

    /** Named places right after "outside", "out of", "beyond": where data goes when it leaves. */
    SpanIndex outside() {
        if (outside == null) {
            outside = introduced(groups.outsideBefore(), -1, -1, -1);
        }
        return outside;
    }

    /**
     * Named places introduced as where data is: after a locative word ("in", "within", 在, 位于) or before one (境内),
     * and not after "outside", "from", "to" (a place data leaves or goes to) — "stored by US companies" or "outside
     * the Kingdom" do not locate the data.
     */
    SpanIndex locations() {
        if (locations == null) {
            locations = introduced(groups.locationBefore(), groups.locationAfter(), groups.notLocationBefore(),
                    groups.notLocationAfter());
        }
        return locations;
    }

    private SpanIndex introduced(int beforeGroup, int afterGroup, int notBeforeGroup, int notAfterGroup) {
        SpanIndex all = named();
        SpanIndex before = hits.get(beforeGroup);
        SpanIndex after = hits.get(afterGroup);
        SpanIndex notBefore = hits.get(notBeforeGroup);
        SpanIndex notAfter = hits.get(notAfterGroup);
        long[] packed = new long[all.size()];
        int k = 0;
        for (int i = 0; i < all.size(); i++) {
            int s = all.starts[i];
            int e = all.ends[i];
            if (endsJustBefore(notBefore, s) || startsJustAfter(notAfter, e)) {
                continue;
            }
            if (endsJustBefore(before, s) || startsJustAfter(after, e)) {
                packed[k++] = ((long) s << 32) | e;
            }
        }
        return SpanIndex.of(packed, k);
    }

    private boolean endsJustBefore(SpanIndex idx, int pos) {
        int j = idx.endingBefore(pos, PREPOSITION_GAP + groups.maxFiller());
        return j >= 0 && isFiller(idx.ends[j], pos);
    }

    private boolean isFiller(int from, int to) {
        String between = new String(hits.chars(), from, to - from).strip();
        return between.isEmpty() || groups.fillers().contains(between);
    }

    private static boolean startsJustAfter(SpanIndex idx, int pos) {
        return idx.startsWithin(pos, 1);
    }
}
