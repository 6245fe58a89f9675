package io.xborder.classify;

import com.google.re2j.Pattern;
import io.xborder.classify.RuleSet.CategoryRules;
import io.xborder.classify.RuleSet.LanguageRules;
import io.xborder.classify.RuleSet.MechanismCues;
import io.xborder.classify.RuleSet.Rule;
import io.xborder.classify.RuleSet.Suppression;
import io.xborder.classify.RuleSet.WindowPattern;
import io.xborder.classify.jurisdiction.Gazetteer;
import io.xborder.classify.jurisdiction.JurisdictionMention;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The compiled rules of one language: one scanner, the category rules and the attribute cues. Immutable. */
final class LanguageEngine {

    private static final int PLACE = -2;
    private static final int DESTINATION = -3;
    private static final int LOCATION = -4;
    private static final int OUTSIDE = -5;
    private static final int DOMESTIC = -6;
    /** Max chars between a preposition and the place it introduces ("to the United States"). */
    private static final int PREPOSITION_GAP = 5;
    private static final int MAX_EVIDENCE_SPAN = 300;

    private final Language language;
    private final CueScanner scanner;
    private final List<CompiledCategory> categories;
    private final int[] triggerGroups;
    private final Map<Mechanism, Integer> mechanismGroups = new EnumMap<>(Mechanism.class);
    private final Map<Mechanism, Set<Mechanism>> mechanismUnless = new EnumMap<>(Mechanism.class);
    private final List<CompiledPattern> mechanismPatterns = new ArrayList<>();
    private final int negationGroup;
    private final int negationWindow;
    private final int closeNegationGroup;
    private final int closeNegationWindow;
    private final Map<Mechanism, WeakCues> mechanismWeak = new EnumMap<>(Mechanism.class);
    private final Map<Mechanism, Integer> mechanismExcept = new EnumMap<>(Mechanism.class);
    private final Map<Modality, Integer> modalityGroups = new EnumMap<>(Modality.class);
    private final int neutralGroup;
    private final int reportGroup;
    private final Modality lawDefault;
    private final Modality newsDefault;
    private final Map<DataCategory, Integer> dataCategoryGroups = new EnumMap<>(DataCategory.class);
    private final Map<DataCategory, Integer> holderGroups = new EnumMap<>(DataCategory.class);
    private final int otherObjectGroup;
    private final int genericDataGroup;
    private final int notGenericDataGroup;
    private final DataCategory fallbackCategory;
    private final Set<Mechanism> personalWhen;
    private final Map<String, Integer> jurisdictionGroups = new java.util.LinkedHashMap<>();
    private final int deicticGroup;
    private final int destinationBefore;
    private final int destinationAfter;
    private final int originBefore;
    private final int originAfter;
    /** The lexicon's border words (abroad, overseas, 境外): a passage with one is not about places at home. */
    private final int abroad;
    private final int locationBefore;
    private final int locationAfter;
    private final int notLocationBefore;
    private final int notLocationAfter;
    private final int outsideBefore;
    /** Words allowed between a preposition and the place ("in the territory of" Russia). */
    private final Set<String> placeFillers;
    private final int maxFiller;
    private final Gazetteer gazetteer;
    private final RuleSet.Calibration calibration;

    LanguageEngine(LanguageRules rules, Gazetteer gazetteer, RuleSet.Calibration calibration) {
        this.language = rules.language();
        this.gazetteer = gazetteer;
        this.calibration = calibration;
        CueScanner.Builder b = new CueScanner.Builder();
        Map<String, List<String>> named = new java.util.HashMap<>();
        if (rules.lexicon() != null && rules.lexicon().groups() != null) {
            named.putAll(rules.lexicon().groups());
        }
        for (CategoryRules c : rules.categories()) {
            if (c.groups() != null) {
                for (var e : c.groups().entrySet()) {
                    if (named.containsKey(e.getKey())) {
                        throw new IllegalStateException("group '" + e.getKey() + "' defined twice for " + language);
                    }
                    named.put(e.getKey(), e.getValue());
                }
            }
        }
        Compiler cc = new Compiler(b, named);

        List<CompiledCategory> cats = new ArrayList<>();
        Set<Integer> triggers = new TreeSet<>();
        for (CategoryRules c : rules.categories()) {
            int defWindow = c.window() == null ? 100 : c.window();
            List<CompiledRule> compiled = new ArrayList<>();
            for (Rule r : c.rules()) {
                int window = r.window() == null ? defWindow : r.window();
                int ctx = r.context() == null || r.context().isEmpty() ? -1 : cc.list("ctx:" + r.id(), r.context());
                double boost = r.boost() == null ? 0.0 : r.boost();
                if (r.anchor() != null) {
                    int anchor = cc.ref(r.anchor());
                    List<int[]> req = new ArrayList<>();
                    for (String alt : r.requires() == null ? List.<String>of() : r.requires()) {
                        String[] parts = alt.split("\\|");
                        int[] ids = new int[parts.length];
                        for (int i = 0; i < parts.length; i++) {
                            String p = parts[i].strip();
                            ids[i] = switch (p) {
                                case "@place" -> PLACE;
                                case "@destination" -> DESTINATION;
                                case "@location" -> LOCATION;
                                case "@outside" -> OUTSIDE;
                                case "@domestic" -> DOMESTIC;
                                default -> cc.ref(p);
                            };
                        }
                        req.add(ids);
                    }
                    compiled.add(new CompiledRule(r.id(), anchor, req, window, r.score(), ctx, boost));
                    triggers.add(anchor);
                } else {
                    int g = cc.list("rule:" + r.id(), r.cues());
                    compiled.add(new CompiledRule(r.id(), g, List.of(), window, r.score(), ctx, boost));
                    triggers.add(g);
                }
            }
            List<CompiledSuppression> sups = new ArrayList<>();
            for (Suppression s : c.suppress() == null ? List.<Suppression>of() : c.suppress()) {
                int g = cc.list("sup:" + s.id(), s.cues());
                boolean overlap = "overlap".equals(s.mode());
                if (!overlap && !"passage".equals(s.mode())) {
                    throw new IllegalStateException("suppression " + s.id() + ": mode must be overlap or passage");
                }
                sups.add(new CompiledSuppression(s.id(), g, overlap, s.penalty() == null ? 0.0 : s.penalty()));
            }
            cats.add(new CompiledCategory(c.category(), compiled, sups));
        }
        this.categories = List.copyOf(cats);
        this.triggerGroups = triggers.stream().mapToInt(Integer::intValue).toArray();

        var mech = rules.mechanisms();
        this.negationGroup = mech.negation() == null ? -1 : cc.list("mech:negation", mech.negation());
        this.negationWindow = mech.negationWindow() == null ? 60 : mech.negationWindow();
        this.closeNegationGroup = mech.closeNegation() == null
                ? -1
                : cc.list("mech:close-negation", mech.closeNegation());
        this.closeNegationWindow = mech.closeNegationWindow() == null ? 12 : mech.closeNegationWindow();
        for (var e : mech.mechanisms().entrySet()) {
            MechanismCues m = e.getValue();
            if (m.cues() != null) {
                mechanismGroups.put(e.getKey(), cc.list("mech:" + e.getKey(), m.cues()));
            }
            if (m.weak() != null) {
                Set<Mechanism> notNear = m.weakNotNear() == null
                        ? EnumSet.noneOf(Mechanism.class)
                        : EnumSet.copyOf(m.weakNotNear());
                mechanismWeak.put(e.getKey(), new WeakCues(cc.list("mech-weak:" + e.getKey(), m.weak()), notNear,
                        m.weakWindow() == null ? 40 : m.weakWindow()));
            }
            if (m.except() != null) {
                mechanismExcept.put(e.getKey(), cc.list("mech-except:" + e.getKey(), m.except()));
            }
            if (m.unless() != null) {
                mechanismUnless.put(e.getKey(), EnumSet.copyOf(m.unless()));
            }
            if (m.patterns() != null) {
                int i = 0;
                for (WindowPattern p : m.patterns()) {
                    int g = cc.list("mechpat:" + e.getKey() + ":" + i++, p.near());
                    mechanismPatterns.add(new CompiledPattern(e.getKey(), g, Pattern.compile(p.regex()),
                            p.window() == null ? 30 : p.window()));
                }
            }
        }
        var mod = rules.modality();
        for (var e : mod.cues().entrySet()) {
            modalityGroups.put(e.getKey(), cc.list("mod:" + e.getKey(), e.getValue()));
        }
        this.neutralGroup = mod.neutral() == null ? -1 : cc.list("mod:neutral", mod.neutral());
        this.reportGroup = mod.report() == null ? -1 : cc.list("mod:report", mod.report());
        this.lawDefault = mod.lawDefault() == null ? Modality.REQUIREMENT : mod.lawDefault();
        this.newsDefault = mod.newsDefault() == null ? Modality.REPORT : mod.newsDefault();
        var dc = rules.dataCategories();
        for (var e : dc.cues().entrySet()) {
            dataCategoryGroups.put(e.getKey(), cc.list("dcat:" + e.getKey(), e.getValue()));
        }
        if (dc.holders() != null) {
            for (var e : dc.holders().entrySet()) {
                holderGroups.put(e.getKey(), cc.list("dcat-holder:" + e.getKey(), e.getValue()));
            }
        }
        this.otherObjectGroup = dataCategoryGroups.getOrDefault(DataCategory.OTHER, -1);
        this.genericDataGroup = dc.generic() == null ? -1 : cc.list("dcat:generic", dc.generic());
        this.notGenericDataGroup = dc.notGeneric() == null ? -1 : cc.list("dcat:not-generic", dc.notGeneric());
        this.fallbackCategory = dc.fallback() == null ? DataCategory.OTHER : dc.fallback();
        this.personalWhen = dc.personalWhen() == null || dc.personalWhen().isEmpty()
                ? EnumSet.noneOf(Mechanism.class)
                : EnumSet.copyOf(dc.personalWhen());
        if (rules.lexicon() != null && rules.lexicon().jurisdictions() != null) {
            for (var e : rules.lexicon().jurisdictions().entrySet()) {
                jurisdictionGroups.put(e.getKey(), cc.list("jur:" + e.getKey(), e.getValue()));
            }
        }
        this.deicticGroup = named.containsKey("deictic") ? cc.ref("deictic") : -1;
        this.destinationBefore = named.containsKey("destination-before") ? cc.ref("destination-before") : -1;
        this.destinationAfter = named.containsKey("destination-after") ? cc.ref("destination-after") : -1;
        this.originBefore = named.containsKey("origin-before") ? cc.ref("origin-before") : -1;
        this.originAfter = named.containsKey("origin-after") ? cc.ref("origin-after") : -1;
        this.abroad = named.containsKey("abroad") ? cc.ref("abroad") : -1;
        this.locationBefore = named.containsKey("location-before") ? cc.ref("location-before") : -1;
        this.locationAfter = named.containsKey("location-after") ? cc.ref("location-after") : -1;
        this.notLocationBefore = named.containsKey("not-location-before") ? cc.ref("not-location-before") : -1;
        this.notLocationAfter = named.containsKey("not-location-after") ? cc.ref("not-location-after") : -1;
        this.outsideBefore = named.containsKey("outside-before") ? cc.ref("outside-before") : -1;
        this.placeFillers = named.containsKey("place-fillers") ? Set.copyOf(named.get("place-fillers")) : Set.of("the");
        this.maxFiller = placeFillers.stream().mapToInt(String::length).max().orElse(0);
        b.addGazetteerKeys(gazetteer.foldedKeys()); // one scan per passage serves the cues and the gazetteer
        this.scanner = b.build();
    }

    /** Resolves cue lists and group references into scanner groups. */
    private static final class Compiler {

        private final CueScanner.Builder b;
        private final Map<String, List<String>> named;

        Compiler(CueScanner.Builder b, Map<String, List<String>> named) {
            this.b = b;
            this.named = named;
        }

        int ref(String name) {
            String n = name.startsWith("@") ? name.substring(1) : name;
            Integer existing = b.existingGroup("g:" + n);
            if (existing != null) {
                return existing;
            }
            if (!named.containsKey(n)) {
                throw new IllegalStateException("unknown cue group '" + n + "'");
            }
            return list("g:" + n, named.get(n));
        }

        int list(String groupName, List<String> cues) {
            int g = b.group(groupName);
            addAll(groupName, cues, new HashSet<>());
            return g;
        }

        private void addAll(String groupName, List<String> cues, Set<String> seen) {
            for (String cue : cues) {
                if (cue.startsWith("@")) {
                    String n = cue.substring(1);
                    if (!named.containsKey(n)) {
                        throw new IllegalStateException("unknown cue group '" + n + "' in " + groupName);
                    }
                    if (seen.add(n)) {
                        addAll(groupName, named.get(n), seen);
                    }
                } else {
                    b.add(groupName, cue);
                }
            }
        }
    }

    List<Finding> classify(String text, int start, int end, String docJurisdiction) {
        CueScanner.Hits hits = scanner.scan(text, start, end);
        boolean any = false;
        for (int g : triggerGroups) {
            if (hits.has(g)) {
                any = true;
                break;
            }
        }
        if (!any) {
            return List.of();
        }
        Context ctx = new Context(text, start, end, hits, docJurisdiction);
        List<CategoryResult> results = new ArrayList<>(2);
        for (CompiledCategory c : categories) {
            CategoryResult r = evaluate(c, ctx);
            if (r != null && r.score >= calibration.threshold()) {
                results.add(r);
            }
        }
        if (results.isEmpty()) {
            return List.of();
        }
        Modality modality = modality(ctx);
        Set<Mechanism> mechanisms = mechanisms(ctx);
        Set<DataCategory> dataCategories = dataCategories(ctx, mechanisms);
        Set<String> jurisdictions = jurisdictions(ctx);
        List<Finding> out = new ArrayList<>(results.size());
        for (CategoryResult r : results) {
            Set<Mechanism> mech = r.category == Category.CROSS_BORDER_TRANSFER ? mechanisms : Set.of();
            Explanation ex = new Explanation(r.rules, r.boosts, r.suppressions, r.score, null);
            double conf = Math.round(calibration.confidence(r.score) * 10000.0) / 10000.0;
            out.add(new Finding(r.category, conf, modality, mech, jurisdictions, dataCategories, r.evidence, ex));
        }
        return List.copyOf(out);
    }

    /** Per-call state: the passage, its hits and the lazily computed gazetteer mentions. */
    private final class Context {

        final String text;
        final int start;
        final int end;
        final char[] lower;
        final int length;
        final CueScanner.Hits hits;
        final String docJurisdiction;
        private List<JurisdictionMention> mentions;
        private SpanIndex places;
        /** The one jurisdiction of all the places, or null when they are in several or there is none. */
        private String placesCode;
        private Boolean atHome;
        private SpanIndex allDestinations;
        private SpanIndex destinations;
        private SpanIndex domesticDestinations;
        private SpanIndex locations;
        private SpanIndex outside;

        Context(String text, int start, int end, CueScanner.Hits hits, String docJurisdiction) {
            this.text = text;
            this.start = start;
            this.end = end;
            this.lower = hits.chars();
            this.length = hits.length();
            this.hits = hits;
            this.docJurisdiction = docJurisdiction;
        }

        List<JurisdictionMention> mentions() {
            if (mentions == null) {
                // the gazetteer reads the passage only (its keys were found by this passage's scan), so its cost
                // never depends on the size of the whole text
                mentions = gazetteer.find(text, start, end, docJurisdiction, language, hits.chars(), hits);
            }
            return mentions;
        }

        /** Named places (not deictic words such as "within the territory"), relative offsets. */
        SpanIndex places() {
            if (places == null) {
                List<JurisdictionMention> m = mentions();
                SpanIndex deictic = hits.get(deicticGroup);
                long[] packed = new long[m.size()];
                int k = 0;
                String code = null;
                boolean oneCode = true;
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
                places = SpanIndex.of(packed, k);
                placesCode = oneCode ? code : null;
            }
            return places;
        }

        /**
         * Whether the passage names two or more places, all in one jurisdiction (the document's, when it has one),
         * at least one of them the data's own rather than where it goes (赴美 … 美国监管机构 are both destinations),
         * with no border word and no place that data leaves ("outside the EU", 欧盟以外).
         */
        private boolean atHome() {
            if (atHome == null) {
                int k = places().size();
                atHome = k >= 2 && placesCode != null && hits.get(abroad).size() == 0
                        && (docJurisdiction == null || docJurisdiction.equals(placesCode))
                        && allDestinations().size() < k && outside().size() == 0
                        && introduced(-1, notLocationAfter, -1, -1).size() == 0;
            }
            return atHome;
        }

        /**
         * Named places introduced as a destination: right after a destination preposition ("to", "in", 向, 至) or
         * right before a destination noun ("-based", "servers", 服务器), and not marked as the data's origin
         * ("collected in", "from", 从, 在…收集). "Chinese users' data" names an origin, not where data goes. None
         * when every place the passage names is in one jurisdiction.
         */
        SpanIndex destinations() {
            if (destinations == null) {
                // data moved between places of one jurisdiction does not cross a border ("moved the data of its
                // Chinese users to servers in Guizhou"); such a place is a domestic destination instead
                destinations = atHome() ? SpanIndex.EMPTY : allDestinations();
            }
            return destinations;
        }

        /**
         * Places introduced by a destination preposition ("to … in Guizhou", 至) when every place the passage names is
         * in one jurisdiction. Not before a destination noun: "the Indian government" is no place data is moved to.
         */
        SpanIndex domesticDestinations() {
            if (domesticDestinations == null) {
                domesticDestinations = atHome()
                        ? introduced(destinationBefore, -1, originBefore, originAfter)
                        : SpanIndex.EMPTY;
            }
            return domesticDestinations;
        }

        /** Places introduced as where data goes, whether or not the passage stays at home. */
        private SpanIndex allDestinations() {
            if (allDestinations == null) {
                allDestinations = introduced(destinationBefore, destinationAfter, originBefore, originAfter);
            }
            return allDestinations;
        }

        /** Named places right after "outside", "out of", "beyond": where data goes when it leaves. */
        SpanIndex outside() {
            if (outside == null) {
                outside = introduced(outsideBefore, -1, -1, -1);
            }
            return outside;
        }

        /**
         * Named places introduced as where data is: after a locative word ("in", "within", 在, 位于) or before one
         * (境内), and not after "outside", "from", "to" (a place data leaves or goes to) — "stored by US companies"
         * or "outside the Kingdom" do not locate the data.
         */
        SpanIndex locations() {
            if (locations == null) {
                locations = introduced(locationBefore, locationAfter, notLocationBefore, notLocationAfter);
            }
            return locations;
        }

        private SpanIndex introduced(int beforeGroup, int afterGroup, int notBeforeGroup, int notAfterGroup) {
            SpanIndex all = places();
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
            int j = idx.endingBefore(pos, PREPOSITION_GAP + maxFiller);
            return j >= 0 && isArticle(idx.ends[j], pos);
        }

        private boolean isArticle(int from, int to) {
            String between = new String(lower, from, to - from).strip();
            return between.isEmpty() || placeFillers.contains(between);
        }

        private boolean startsJustAfter(SpanIndex idx, int pos) {
            return idx.startsWithin(pos, 1);
        }

        SpanIndex group(int g) {
            return switch (g) {
                case PLACE -> places();
                case DESTINATION -> destinations();
                case LOCATION -> locations();
                case OUTSIDE -> outside();
                case DOMESTIC -> domesticDestinations();
                default -> hits.get(g);
            };
        }

        String words(int s, int e) {
            return text.substring(start + s, start + e);
        }
    }

    private CategoryResult evaluate(CompiledCategory c, Context ctx) {
        boolean triggered = false;
        for (CompiledRule r : c.rules) {
            if (ctx.hits.has(r.group)) {
                triggered = true;
                break;
            }
        }
        if (!triggered) {
            return null;
        }
        CategoryResult res = new CategoryResult(c.category);
        List<SpanIndex> overlapSuppressors = new ArrayList<>();
        for (CompiledSuppression s : c.suppressions) {
            SpanIndex idx = ctx.hits.get(s.group);
            if (idx.size() == 0) {
                continue;
            }
            int s0 = idx.starts[0];
            int e0 = idx.ends[0];
            if (s.overlap) {
                overlapSuppressors.add(idx);
                res.suppressions
                        .add(new Explanation.RuleHit(s.id, ctx.words(s0, e0), ctx.start + s0, ctx.start + e0, 0.0));
            } else {
                res.penalty += s.penalty;
                res.suppressions.add(new Explanation.RuleHit(s.id, ctx.words(s0, e0), ctx.start + s0, ctx.start + e0,
                        -s.penalty));
            }
        }
        double score = 0;
        for (CompiledRule r : c.rules) {
            SpanIndex anchors = ctx.hits.get(r.group);
            for (int i = 0; i < anchors.size(); i++) {
                int as = anchors.starts[i];
                int ae = anchors.ends[i];
                if (suppressed(overlapSuppressors, as, ae)) {
                    continue;
                }
                int lo = as;
                int hi = ae;
                List<int[]> parts = new ArrayList<>(3);
                parts.add(new int[] { as, ae });
                boolean ok = true;
                for (int[] alternatives : r.requires) {
                    int[] best = null;
                    for (int g : alternatives) {
                        SpanIndex idx = ctx.group(g);
                        int j = idx.nearest(as, ae, r.window, overlapSuppressors);
                        if (j >= 0) {
                            best = new int[] { idx.starts[j], idx.ends[j] };
                            break; // alternatives are listed in order of preference ("abroad|@place")
                        }
                    }
                    if (best == null) {
                        ok = false;
                        break;
                    }
                    parts.add(best);
                    lo = Math.min(lo, best[0]);
                    hi = Math.max(hi, best[1]);
                }
                if (!ok) {
                    continue;
                }
                double ruleScore = r.score;
                res.rules
                        .add(new Explanation.RuleHit(r.id, ctx.words(lo, hi), ctx.start + lo, ctx.start + hi, r.score));
                if (hi - lo <= MAX_EVIDENCE_SPAN) {
                    res.evidence.add(new Evidence(ctx.start + lo, ctx.start + hi, ctx.words(lo, hi), r.id));
                } else {
                    for (int[] p : parts) {
                        res.evidence.add(new Evidence(ctx.start + p[0], ctx.start + p[1], ctx.words(p[0], p[1]), r.id));
                    }
                }
                if (r.contextGroup >= 0) {
                    SpanIndex cidx = ctx.hits.get(r.contextGroup);
                    int j = cidx.nearest(lo, hi, r.window);
                    if (j >= 0) {
                        ruleScore += r.boost;
                        res.boosts.add(new Explanation.RuleHit(r.id, ctx.words(cidx.starts[j], cidx.ends[j]),
                                ctx.start + cidx.starts[j], ctx.start + cidx.ends[j], r.boost));
                    }
                }
                score += ruleScore;
                break; // each rule counts once per passage
            }
        }
        if (res.rules.isEmpty()) {
            return null;
        }
        res.score = Math.round((score - res.penalty) * 1000.0) / 1000.0;
        res.evidence.sort(Comparator.comparingInt(Evidence::start).thenComparingInt(Evidence::end));
        return res;
    }

    private static boolean suppressed(List<SpanIndex> suppressors, int s, int e) {
        for (SpanIndex idx : suppressors) {
            if (idx.near(s, e, -1) >= 0) {
                return true;
            }
        }
        return false;
    }

    private Modality modality(Context ctx) {
        // candidates: (start, end, kind); kind index = Modality ordinal, 4 = neutral, 5 = report
        List<int[]> cands = new ArrayList<>();
        for (var e : modalityGroups.entrySet()) {
            collect(ctx, e.getValue(), e.getKey().ordinal(), cands);
        }
        collect(ctx, neutralGroup, 4, cands);
        boolean news = ctx.docJurisdiction == null || ctx.docJurisdiction.isBlank();
        if (news) {
            collect(ctx, reportGroup, 5, cands);
        }
        cands.sort(Comparator.<int[]>comparingInt(a -> a[0]).thenComparingInt(a -> -(a[1] - a[0])));
        int coveredUntil = -1;
        for (int[] c : cands) {
            if (c[1] <= coveredUntil) {
                continue; // inside a longer, earlier match ("shall" inside "shall not")
            }
            coveredUntil = Math.max(coveredUntil, c[1]);
            if (c[2] == 4) {
                continue;
            }
            if (c[2] == 5) {
                return Modality.REPORT;
            }
            return Modality.values()[c[2]];
        }
        return news ? newsDefault : lawDefault;
    }

    private static void collect(Context ctx, int group, int kind, List<int[]> out) {
        if (group < 0) {
            return;
        }
        SpanIndex idx = ctx.hits.get(group);
        for (int i = 0; i < idx.size() && i < 64; i++) {
            out.add(new int[] { idx.starts[i], idx.ends[i], kind });
        }
    }

    private Set<Mechanism> mechanisms(Context ctx) {
        Set<Mechanism> out = EnumSet.noneOf(Mechanism.class);
        SpanIndex negation = ctx.hits.get(negationGroup);
        SpanIndex closeNegation = ctx.hits.get(closeNegationGroup);
        for (var e : mechanismGroups.entrySet()) {
            SpanIndex except = ctx.hits.get(mechanismExcept.getOrDefault(e.getKey(), -1));
            if (firstLiveCue(ctx.hits.get(e.getValue()), negation, closeNegation, except) >= 0) {
                out.add(e.getKey());
            }
        }
        for (var e : mechanismWeak.entrySet()) {
            if (out.contains(e.getKey())) {
                continue;
            }
            WeakCues w = e.getValue();
            SpanIndex idx = ctx.hits.get(w.group);
            SpanIndex except = ctx.hits.get(mechanismExcept.getOrDefault(e.getKey(), -1));
            for (int i = 0; i < idx.size(); i++) {
                if (live(idx, i, negation, closeNegation, except)
                        && !nearInstrument(ctx, w, idx.starts[i], idx.ends[i])) {
                    out.add(e.getKey());
                    break;
                }
            }
        }
        for (CompiledPattern p : mechanismPatterns) {
            if (out.contains(p.mechanism)) {
                continue;
            }
            SpanIndex idx = ctx.hits.get(p.nearGroup);
            for (int i = 0; i < idx.size() && i < 16; i++) {
                int s = Math.max(0, idx.starts[i] - p.window);
                int e = Math.min(ctx.length, idx.ends[i] + p.window);
                if (p.pattern.matcher(new String(ctx.lower, s, e - s)).find()) {
                    out.add(p.mechanism);
                    break;
                }
            }
        }
        Set<Mechanism> drop = EnumSet.noneOf(Mechanism.class);
        for (Mechanism m : out) {
            Set<Mechanism> unless = mechanismUnless.get(m);
            if (unless != null) {
                for (Mechanism u : unless) {
                    if (out.contains(u)) {
                        drop.add(m);
                    }
                }
            }
        }
        out.removeAll(drop);
        return out;
    }

    private int firstLiveCue(SpanIndex idx, SpanIndex negation, SpanIndex closeNegation, SpanIndex except) {
        for (int i = 0; i < idx.size(); i++) {
            if (live(idx, i, negation, closeNegation, except)) {
                return i;
            }
        }
        return -1;
    }

    /** Not negated ("in the absence of", "without adequate") and not part of an excepted phrase. */
    private boolean live(SpanIndex idx, int i, SpanIndex negation, SpanIndex closeNegation, SpanIndex except) {
        int s = idx.starts[i];
        int e = idx.ends[i];
        return (negation.size() == 0 || negation.endingBefore(s, negationWindow) < 0)
                && (closeNegation.size() == 0 || closeNegation.endingBefore(s, closeNegationWindow) < 0)
                && (except.size() == 0 || except.near(s, e, -1) < 0);
    }

    /** A weak cue next to another instrument's cue is that instrument's approval ("clauses approved by"). */
    private boolean nearInstrument(Context ctx, WeakCues w, int s, int e) {
        for (Mechanism m : w.notNear) {
            Integer g = mechanismGroups.get(m);
            if (g != null && ctx.hits.get(g).near(s, e, w.window) >= 0) {
                return true;
            }
        }
        return false;
    }

    private record WeakCues(int group, Set<Mechanism> notNear, int window) {
    }

    private Set<DataCategory> dataCategories(Context ctx, Set<Mechanism> mechanisms) {
        Set<DataCategory> out = EnumSet.noneOf(DataCategory.class);
        for (var e : dataCategoryGroups.entrySet()) {
            SpanIndex idx = ctx.hits.get(e.getValue());
            for (int i = 0; i < idx.size(); i++) {
                if (!insideLongerDataCue(ctx, e.getKey(), idx.starts[i], idx.ends[i])) {
                    out.add(e.getKey());
                    break;
                }
            }
        }
        // whose data it is ("users", 用户) says nothing once the data named is not about people (keys, maps)
        if (!ctx.hits.has(otherObjectGroup)) {
            for (var e : holderGroups.entrySet()) {
                if (ctx.hits.has(e.getValue())) {
                    out.add(e.getKey());
                }
            }
        }
        if (out.isEmpty()) {
            boolean personal = false;
            for (Mechanism m : mechanisms) {
                personal |= personalWhen.contains(m);
            }
            out.add(personal && !namesGenericData(ctx) ? DataCategory.PERSONAL_INFORMATION : fallbackCategory);
        }
        return out;
    }

    /** "personal data" inside "non-personal data": the longer cue of another category names the data. */
    private boolean insideLongerDataCue(Context ctx, DataCategory own, int s, int e) {
        for (var o : dataCategoryGroups.entrySet()) {
            if (o.getKey() == own) {
                continue;
            }
            SpanIndex idx = ctx.hits.get(o.getValue());
            for (int i = 0; i < idx.size() && idx.starts[i] <= s; i++) {
                if (idx.ends[i] >= e && idx.ends[i] - idx.starts[i] > e - s) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A bare data noun ("data flows", 数据) outside compounds such as "data protection". */
    private boolean namesGenericData(Context ctx) {
        SpanIndex generic = ctx.hits.get(genericDataGroup);
        if (generic.size() == 0) {
            return false;
        }
        SpanIndex not = ctx.hits.get(notGenericDataGroup);
        for (int i = 0; i < generic.size(); i++) {
            if (not.size() == 0 || not.near(generic.starts[i], generic.ends[i], -1) < 0) {
                return true;
            }
        }
        return false;
    }

    private Set<String> jurisdictions(Context ctx) {
        Set<String> out = new LinkedHashSet<>();
        for (JurisdictionMention m : ctx.mentions()) {
            if (m.code() != null && gazetteer.isKnown(m.code())) {
                out.add(m.code());
            }
        }
        for (var e : jurisdictionGroups.entrySet()) {
            if (ctx.hits.has(e.getValue())) {
                out.add(e.getKey());
            }
        }
        if (ctx.docJurisdiction != null && !ctx.docJurisdiction.isBlank()) {
            out.add(ctx.docJurisdiction.strip().toUpperCase(java.util.Locale.ROOT));
        }
        return out;
    }

    private record CompiledRule(String id, int group, List<int[]> requires, int window, double score, int contextGroup,
            double boost) {
    }

    private record CompiledSuppression(String id, int group, boolean overlap, double penalty) {
    }

    private record CompiledCategory(Category category, List<CompiledRule> rules,
            List<CompiledSuppression> suppressions) {
    }

    private record CompiledPattern(Mechanism mechanism, int nearGroup, Pattern pattern, int window) {
    }

    private static final class CategoryResult {

        final Category category;
        final List<Explanation.RuleHit> rules = new ArrayList<>();
        final List<Explanation.RuleHit> boosts = new ArrayList<>();
        final List<Explanation.RuleHit> suppressions = new ArrayList<>();
        final List<Evidence> evidence = new ArrayList<>();
        double penalty;
        double score;

        CategoryResult(Category category) {
            this.category = category;
        }
    }
}
