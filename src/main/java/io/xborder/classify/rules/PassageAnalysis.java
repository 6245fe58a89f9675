package io.xborder.classify.rules;

import io.xborder.classify.DataCategory;
import io.xborder.classify.Evidence;
import io.xborder.classify.Explanation.RuleHit;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.classify.PassageContext;
import io.xborder.classify.TextFolding;
import io.xborder.classify.jurisdiction.JurisdictionMention;
import java.util.List;
import java.util.Set;

/**
 * What the rules read in one passage: the cue hits of one scan, the places and their roles, the category rules that
 * matched and what the attribute cues say (modality, mechanisms, data categories, jurisdictions). The learned model
 * turns this into features. Offsets of spans are relative to the passage start; those of evidence and rule hits are
 * absolute. Computed lazily; valid only until the calling thread analyses its next passage (the scan's buffers are
 * reused).
 */
public final class PassageAnalysis {

    private final LanguageEngine engine;
    private final String text;
    private final int start;
    private final int end;
    private final PassageContext context;
    private final CueScanner.Hits hits;
    private final Places places;
    private List<CategoryMatch> matches;
    private Modality modality;
    private Set<Mechanism> mechanisms;
    private Set<DataCategory> dataCategories;
    private Set<String> jurisdictions;

    PassageAnalysis(LanguageEngine engine, String text, int start, int end, PassageContext context,
            CueScanner.Hits hits, Places places) {
        this.engine = engine;
        this.text = text;
        this.start = start;
        this.end = end;
        this.context = context;
        this.hits = hits;
        this.places = places;
    }

    public String text() {
        return text;
    }

    /** Start of the passage in {@link #text()}. */
    public int start() {
        return start;
    }

    /** End (exclusive) of the passage in {@link #text()}. */
    public int end() {
        return end;
    }

    public Language language() {
        return engine.language();
    }

    /** The jurisdiction of the law the passage belongs to (upper case), or null (news, notices, contracts). */
    public String documentJurisdiction() {
        return context.documentJurisdiction();
    }

    /** What the document says about the passage: its law's jurisdiction, the jurisdiction it is about, its genre. */
    public PassageContext context() {
        return context;
    }

    /** The folded passage ({@link TextFolding}), read up to {@link #length()}. */
    public char[] folded() {
        return hits.chars();
    }

    public int length() {
        return end - start;
    }

    /** The categories whose rules match, with their rules, evidence and score. */
    public List<CategoryMatch> matches() {
        if (matches == null) {
            matches = engine.matcher().match(this);
        }
        return matches;
    }

    /** The modality the modal cues give. */
    public Modality modality() {
        if (modality == null) {
            modality = engine.modality().modality(this);
        }
        return modality;
    }

    /** The modality a modal or report cue gives, or null when the passage has none (then a default applies). */
    public Modality modalityCue() {
        return engine.modality().cued(this);
    }

    /** The mechanisms whose cues are present and not negated. */
    public Set<Mechanism> mechanisms() {
        if (mechanisms == null) {
            mechanisms = Set.copyOf(engine.mechanisms().mechanisms(this));
        }
        return mechanisms;
    }

    /** The data categories the cues name (never empty: a fallback applies). */
    public Set<DataCategory> dataCategories() {
        if (dataCategories == null) {
            dataCategories = Set.copyOf(engine.dataCategories().dataCategories(this, mechanisms()));
        }
        return dataCategories;
    }

    /** The jurisdictions named, and the document's. */
    public Set<String> jurisdictions() {
        if (jurisdictions == null) {
            jurisdictions = Set.copyOf(engine.jurisdictions().jurisdictions(this));
        }
        return jurisdictions;
    }

    /** Every gazetteer mention (absolute offsets), deictic words resolved to the document's jurisdiction. */
    public List<JurisdictionMention> mentions() {
        return places.mentions();
    }

    /** The number of hits of a scanner group, without building an index of them. */
    public int hitCount(int group) {
        return hits.count(group);
    }

    /** The i-th hit of a scanner group as {@code start << 32 | end} (relative), in no particular order. */
    public long hit(int group, int i) {
        return hits.packed(group, i);
    }

    /** The hits of a scanner group (see {@link LanguageEngine#featureClasses()} and friends). */
    public SpanIndex spans(int group) {
        return hits.get(group);
    }

    /** Named places (not deictic words). */
    public SpanIndex places() {
        return places.named();
    }

    /** Named places introduced as where data goes (none when all are in one jurisdiction). */
    public SpanIndex destinations() {
        return places.destinations();
    }

    /** Named places introduced as where data is. */
    public SpanIndex locations() {
        return places.locations();
    }

    /** Named places data leaves ("outside the EU"). */
    public SpanIndex outside() {
        return places.outside();
    }

    /** Places data moves to within one jurisdiction ("to servers in Guizhou"). */
    public SpanIndex domesticDestinations() {
        return places.domesticDestinations();
    }

    /** The words {@code [s, e)} relative to the passage start. */
    public String words(int s, int e) {
        return text.substring(start + s, start + e);
    }

    CueScanner.Hits hits() {
        return hits;
    }

    Places placeRoles() {
        return places;
    }

    RuleHit ruleHit(String id, int s, int e, double score) {
        return new RuleHit(id, words(s, e), start + s, start + e, score);
    }

    Evidence evidence(int s, int e, String cue) {
        return new Evidence(start + s, start + e, words(s, e), cue);
    }
}
