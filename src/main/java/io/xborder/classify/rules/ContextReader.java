package io.xborder.classify.rules;

import io.xborder.classify.Genre;
import io.xborder.classify.Language;
import io.xborder.classify.PassageContext;
import io.xborder.classify.TextFolding;
import io.xborder.classify.jurisdiction.Gazetteer;
import io.xborder.classify.jurisdiction.JurisdictionMention;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads what a document says about its passages: the jurisdiction it is about (from its title, else its lead),
 * whether it is a law of that jurisdiction, and its genre ({@code rules/genres.yaml}). A single passage is its own
 * title: the jurisdiction it alone names is what its deictic words ("in-country", 境内) refer to. Immutable.
 */
public final class ContextReader {

    /** Passages read as the lead, after the title. */
    private static final int LEAD_PASSAGES = 3;
    /**
     * Passages read as the heading block of a rule (a law, a regulator's guidance or decision): its issuer's line
     * ("BANK OF GHANA", "REPUBLIC OF KENYA", 澳门特别行政区政府) names the jurisdiction once among short header lines.
     */
    private static final int RULE_HEADER_PASSAGES = 6;
    /** Characters of the text searched for genre cues when the title has none. */
    private static final int GENRE_WINDOW = 300;
    /**
     * A numbered provision at the start of a line: "Article 4", "Section 2", "§ 3", 第五条, "(2)", "3. ", and the
     * numbered paragraphs of circulars, licences and standards ("1.1 ", "6.1.2 ", 1　with an ideographic space).
     */
    private static final Pattern ARTICLE = Pattern.compile("(?m)^\\s*(?:article|art\\.|section|§"
            + "|第[一二三四五六七八九十百零〇\\d]+条|\\(?\\d{1,3}[.)]\\s|\\d{1,3}(?:\\.\\d{1,3})+\\s|\\d{1,3}\u3000)",
            Pattern.CASE_INSENSITIVE);
    /**
     * The items of a Chinese official notice (一、, （二）), which count as provisions only beside the issuer's document
     * number (琼银保监发〔2022〕47号): a company's report or memo is numbered the same way.
     */
    private static final Pattern NOTICE_ITEM = Pattern.compile("(?m)^\\s*(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)");
    private static final Pattern DOCUMENT_NUMBER = Pattern.compile("[〔\\[［]\\d{4}[〕\\]］]\\d{1,4}号");

    private final Gazetteer gazetteer;
    private final Map<Genre, List<String>> genreCues;

    public ContextReader(RuleEngine rules, Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        Map<Genre, List<String>> cues = new LinkedHashMap<>();
        rules.ruleSet().genres().forEach((g, list) -> cues.put(g, list.stream().map(TextFolding::fold).toList()));
        this.genreCues = cues;
    }

    /**
     * The context of the passages of one text.
     *
     * @param passages the passages' {start, end} in order
     * @param givenJurisdiction the document's jurisdiction as its sender gave it, or null
     * @param title the document's title when it is not the text's first line, or null
     */
    public PassageContext read(String text, List<int[]> passages, Language language, String givenJurisdiction,
            String title) {
        String head = title != null && !title.isBlank()
                ? title
                : passages.isEmpty() ? "" : text.substring(passages.get(0)[0], passages.get(0)[1]);
        boolean document = passages.size() > 1 || title != null;
        Genre genre = document ? genre(text, head) : null;
        String place = givenJurisdiction;
        boolean rules = genre == Genre.LAW || genre == Genre.GUIDANCE || genre == Genre.DECISION;
        // Chinese deictic words (境内, 国内) name China unless the text is another jurisdiction's rule: a Chinese
        // story names places it is not about ("滴滴赴美上市"), so only a rule's jurisdiction replaces China
        if (place == null && (language != Language.ZH || rules)) {
            // the lead outvotes the title of a story (which may name where it happened); a rule's title names the
            // rule's own jurisdiction ("巴西《通用个人数据保护法》") and outvotes its header block
            String titled = onlyJurisdiction(head, language);
            // a Chinese rule with an issuer's document number (〔2025〕12号) is a Chinese authority's, whatever its lead
            // names (a foreign contractor's place)
            boolean numbered = rules && language == Language.ZH && titled == null
                    && DOCUMENT_NUMBER.matcher(text).region(0, Math.min(text.length(), GENRE_WINDOW)).find();
            String lead = document && !(rules && titled != null) && !numbered
                    ? mostNamed(text, passages, language, rules)
                    : null;
            place = lead != null ? lead : titled;
        }
        // a law, a regulator's guidance or decision is that jurisdiction's rule: every finding carries it
        String law = givenJurisdiction;
        if (law == null && rules) {
            law = place != null ? place : language == Language.ZH ? "CN" : null;
        }
        return new PassageContext(law, place, genre);
    }

    /** The one jurisdiction a line names, or null when it names none or several. */
    private String onlyJurisdiction(String line, Language language) {
        Set<String> codes = new LinkedHashSet<>();
        for (JurisdictionMention m : gazetteer.find(line, 0, line.length(), null, language)) {
            if (m.code() != null) {
                codes.add(m.code());
            }
        }
        return codes.size() == 1 ? codes.iterator().next() : null;
    }

    /**
     * The jurisdiction the lead names most often (at least twice, more often than any other); else, for a rule, the
     * only jurisdiction its heading block names (its issuer's line names it once), or null.
     */
    private String mostNamed(String text, List<int[]> passages, Language language, boolean rule) {
        Map<String, Integer> lead = counts(text, passages, language, LEAD_PASSAGES);
        String best = null;
        int top = 0;
        int second = 0;
        for (var e : lead.entrySet()) {
            if (e.getValue() > top) {
                second = top;
                top = e.getValue();
                best = e.getKey();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        if (top >= 2 && top > second) {
            return best;
        }
        if (rule) {
            Map<String, Integer> header = counts(text, passages, language, RULE_HEADER_PASSAGES);
            return header.size() == 1 ? header.keySet().iterator().next() : null;
        }
        return null;
    }

    /** How often each jurisdiction is named in the first {@code limit} + 1 passages. */
    private Map<String, Integer> counts(String text, List<int[]> passages, Language language, int limit) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < passages.size() && i <= limit; i++) {
            int[] p = passages.get(i);
            for (JurisdictionMention m : gazetteer.find(text, p[0], p[1], null, language)) {
                if (m.code() != null) {
                    counts.merge(m.code(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /**
     * The genre whose cue occurs in the title (in the order of {@code genres.yaml}), else the one whose cue occurs
     * earliest in the start of the text: an e-mail's sender line comes before the "法务部" (legal department) of its
     * signature, a news dateline before the law it reports on. A law needs numbered articles too.
     */
    private Genre genre(String text, String head) {
        Genre g = firstListed(TextFolding.fold(head));
        if (g == null) {
            g = earliest(TextFolding.fold(text.substring(0, Math.min(text.length(), GENRE_WINDOW))));
        }
        if (g == Genre.LAW && !ARTICLE.matcher(text).find()
                && !(NOTICE_ITEM.matcher(text).find() && DOCUMENT_NUMBER.matcher(text).find())) {
            return null;
        }
        return g;
    }

    private Genre firstListed(String folded) {
        for (var e : genreCues.entrySet()) {
            for (String cue : e.getValue()) {
                if (at(folded, cue) >= 0) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    private Genre earliest(String folded) {
        Genre best = null;
        int first = Integer.MAX_VALUE;
        for (var e : genreCues.entrySet()) {
            for (String cue : e.getValue()) {
                int at = at(folded, cue);
                if (at >= 0 && at < first) {
                    first = at;
                    best = e.getKey();
                }
            }
        }
        return best;
    }

    /** Where {@code cue} first occurs in {@code text} (a Latin cue as a whole word), or -1. */
    private static int at(String text, String cue) {
        boolean latin = cue.chars().anyMatch(c -> c < 128 && Character.isLetter(c));
        int from = 0;
        while (true) {
            int at = text.indexOf(cue, from);
            if (at < 0) {
                return -1;
            }
            if (!latin || (boundary(text, at - 1) && boundary(text, at + cue.length()))) {
                return at;
            }
            from = at + 1;
        }
    }

    private static boolean boundary(String text, int i) {
        return i < 0 || i >= text.length() || !Character.isLetterOrDigit(text.charAt(i));
    }
}
