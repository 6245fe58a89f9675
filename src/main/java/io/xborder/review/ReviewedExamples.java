package io.xborder.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.classify.model.LabelledPassage;
import io.xborder.document.FindingOrigin;
import io.xborder.document.ReviewStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What the reviewers settled, as training examples ({@link LabelledPassage}); the one rule both the retraining
 * ({@link #trainingSet()}) and the export ({@link #writeJsonl}) use. Every passage with a verdict is an example: its
 * categories are those of its confirmed findings (reviewer findings included), with their attributes; a category
 * whose finding was rejected is negative, and a passage whose findings were all rejected is a hard negative (note
 * {@code HARD-NEG …}, as the training data marks on-topic negatives).
 *
 * <p>A passage with a verdict beside a finding nobody reviewed yet is <em>partly reviewed</em>: the unreviewed
 * finding's category is <em>unknown</em> ({@link LabelledPassage#unknownCategories()}), as either answer for it
 * would be a guess (the classifier's word taken as a positive, or silence taken as a negative). The trainer fits one
 * independent head per category, so the passage still teaches the heads of the categories with a verdict while the
 * unknown categories' heads and the attribute heads skip it (ModelTrainer). The export keeps the settled passages
 * only: the training-data schema (one JSON line: {@code categories, mechanisms, modality, …}) has no "not known" for
 * a category, and a reader of the file (the build's trainer, score.py) would take the unreviewed category as a
 * negative. Partly reviewed passages are counted, so that the admin sees what waits for a verdict.
 */
@ApplicationScoped
public class ReviewedExamples {

    /** The {@code origin} of every exported example. */
    public static final String ORIGIN = "review";
    private static final int PASSAGES_PER_READ = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Passages with a reviewed finding: how many findings each has unreviewed, reviewed by origin. */
    private static final String COUNTS = """
            SELECT count(*),
                   count(*) FILTER (WHERE p.unreviewed > 0),
                   coalesce(sum(p.verdicts), 0),
                   coalesce(sum(p.added), 0)
              FROM (SELECT f.passage_id,
                           count(*) FILTER (WHERE f.review_status = 'UNREVIEWED') AS unreviewed,
                           count(*) FILTER (WHERE f.review_status <> 'UNREVIEWED' AND f.origin = 'CLASSIFIER')
                               AS verdicts,
                           count(*) FILTER (WHERE f.review_status <> 'UNREVIEWED' AND f.origin = 'REVIEWER') AS added
                      FROM findings f
                     WHERE f.passage_id IN (SELECT r.passage_id FROM findings r
                                             WHERE r.review_status IN ('CONFIRMED', 'REJECTED'))
                     GROUP BY f.passage_id) p
            """;

    private final EntityManager em;

    public ReviewedExamples(EntityManager em) {
        this.em = em;
    }

    /** A finding of a passage, as the conversion reads it; {@code verdict} UNREVIEWED when nobody reviewed it. */
    public record ReviewedFinding(long id, Category category, Modality modality, List<String> mechanisms,
            List<String> jurisdictions, List<String> dataCategories, ReviewStatus verdict, FindingOrigin origin,
            String reviewer, Instant reviewedAt) {

        boolean reviewed() {
            return verdict != ReviewStatus.UNREVIEWED;
        }
    }

    /** A passage with at least one reviewed finding, with its document and every finding on it. */
    public record ReviewedPassage(long passageId, String text, String language, long documentId,
            String documentTitle, String documentJurisdiction, List<ReviewedFinding> findings) {

        /** Whether every finding on it is reviewed, so that it is an example for every category. */
        public boolean settled() {
            return findings.stream().allMatch(ReviewedFinding::reviewed);
        }
    }

    /**
     * What a retraining reads: the examples, and what is behind them.
     *
     * @param passages one labelled passage per passage with a verdict, in passage order; a partly reviewed one with
     *     its unknown categories
     * @param verdicts classifier findings reviewers confirmed, corrected or rejected, on those passages
     * @param reviewerFindings findings reviewers added where the classifier found nothing, on those passages
     * @param partlyReviewed of those passages, the ones where another finding awaits a verdict: they teach only the
     *     categories with one
     */
    public record TrainingSet(List<LabelledPassage> passages, int verdicts, int reviewerFindings,
            int partlyReviewed) {
    }

    /** The same counts without reading the passages, for a page that says what a training would use. */
    public record Counts(long passages, long verdicts, long reviewerFindings, long partlyReviewed) {
    }

    /**
     * Every passage with a verdict as a training example (partly reviewed ones masked), with the counts a model
     * version keeps as its provenance.
     */
    @Transactional
    public TrainingSet trainingSet() {
        List<LabelledPassage> out = new ArrayList<>();
        int[] verdicts = new int[1];
        int[] added = new int[1];
        int[] partly = new int[1];
        forEachReviewed(p -> example(p).ifPresent(example -> {
            out.add(example);
            if (!example.fullyLabelled()) {
                partly[0]++;
            }
            for (ReviewedFinding f : p.findings()) {
                if (!f.reviewed()) {
                    continue;
                }
                if (f.origin() == FindingOrigin.REVIEWER) {
                    added[0]++;
                } else {
                    verdicts[0]++;
                }
            }
        }));
        return new TrainingSet(out, verdicts[0], added[0], partly[0]);
    }

    /** What {@link #trainingSet()} would hold now, counted in the database. */
    @Transactional
    public Counts counts() {
        Object[] r = (Object[]) em.createNativeQuery(COUNTS).getSingleResult();
        return new Counts(((Number) r[0]).longValue(), ((Number) r[2]).longValue(), ((Number) r[3]).longValue(),
                ((Number) r[1]).longValue());
    }

    /**
     * Writes every settled passage as one JSON line: the training-data fields and a {@code provenance} object. A
     * partly reviewed passage is not written: the schema cannot say that a category is unknown.
     */
    @Transactional
    public void writeJsonl(OutputStream out) {
        forEachReviewed(p -> example(p).filter(LabelledPassage::fullyLabelled).ifPresent(example -> {
            try {
                out.write(JSON.writeValueAsBytes(line(p, example)));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    /**
     * Every passage with a reviewed finding, with all its findings, one slice at a time (by passage id), so that an
     * export holds only a slice in memory.
     */
    private void forEachReviewed(Consumer<ReviewedPassage> each) {
        long after = 0;
        while (true) {
            List<Long> ids = em.createQuery("select distinct f.passage.id from StoredFinding f "
                    + "where f.passage.id > :after and f.reviewStatus <> :unreviewed order by f.passage.id",
                    Long.class)
                    .setParameter("after", after).setParameter("unreviewed", ReviewStatus.UNREVIEWED)
                    .setMaxResults(PASSAGES_PER_READ).getResultList();
            if (ids.isEmpty()) {
                return;
            }
            List<Object[]> rows = em.createQuery("select p.id, p.text, p.language, d.id, d.title, d.jurisdiction, "
                    + "f.id, f.attributes.category, f.attributes.modality, f.attributes.mechanisms, "
                    + "f.attributes.jurisdictions, f.attributes.dataCategories, "
                    + "f.reviewStatus, f.origin, f.reviewedAt, "
                    + "(select r.reviewerName from StoredReview r where r.findingId = f.id "
                    + "and r.findingVersion = f.version) "
                    + "from StoredFinding f join f.passage p join f.document d where p.id in :ids "
                    + "order by p.id, f.attributes.category, f.id", Object[].class).setParameter("ids", ids)
                    .getResultList();
            Map<Long, ReviewedPassage> passages = new LinkedHashMap<>();
            for (Object[] r : rows) {
                ReviewedPassage p = passages.computeIfAbsent((Long) r[0], id -> new ReviewedPassage(id,
                        (String) r[1], (String) r[2], (Long) r[3], (String) r[4], (String) r[5], new ArrayList<>()));
                p.findings().add(new ReviewedFinding((Long) r[6], (Category) r[7], (Modality) r[8],
                        sorted((String[]) r[9]), sorted((String[]) r[10]), sorted((String[]) r[11]),
                        (ReviewStatus) r[12], (FindingOrigin) r[13], (String) r[15], (Instant) r[14]));
            }
            passages.values().forEach(each);
            after = ids.get(ids.size() - 1);
        }
    }

    /**
     * The passage as a training example: what its reviewers settled; empty when no finding on it is reviewed. The
     * categories of findings not reviewed yet (a partly reviewed passage) are unknown. The first confirmed finding in
     * category order gives the modality (the schema has one per passage). Plain Java.
     */
    public static Optional<LabelledPassage> example(ReviewedPassage p) {
        if (p.findings().stream().noneMatch(ReviewedFinding::reviewed)) {
            return Optional.empty();
        }
        Set<Category> categories = EnumSet.noneOf(Category.class);
        Set<Mechanism> mechanisms = EnumSet.noneOf(Mechanism.class);
        Set<DataCategory> dataCategories = EnumSet.noneOf(DataCategory.class);
        Set<String> jurisdictions = new TreeSet<>();
        Set<Category> rejected = EnumSet.noneOf(Category.class);
        Set<Category> unknown = EnumSet.noneOf(Category.class);
        Modality modality = null;
        List<ReviewedFinding> inOrder = p.findings().stream()
                .sorted(Comparator.comparing(ReviewedFinding::category).thenComparingLong(ReviewedFinding::id))
                .toList();
        for (ReviewedFinding f : inOrder) {
            if (f.verdict() == ReviewStatus.CONFIRMED) {
                categories.add(f.category());
                f.mechanisms().forEach(m -> mechanisms.add(Mechanism.valueOf(m)));
                f.dataCategories().forEach(d -> dataCategories.add(DataCategory.valueOf(d)));
                jurisdictions.addAll(f.jurisdictions());
                modality = modality == null ? f.modality() : modality;
            } else if (f.verdict() == ReviewStatus.REJECTED) {
                rejected.add(f.category());
            } else {
                unknown.add(f.category());
            }
        }
        rejected.removeAll(categories);
        unknown.removeAll(categories);
        unknown.removeAll(rejected);
        String note;
        if (!unknown.isEmpty()) {
            List<String> known = new ArrayList<>();
            if (!categories.isEmpty()) {
                known.add(names(categories) + " confirmed");
            }
            if (!rejected.isEmpty()) {
                known.add(names(rejected) + " rejected");
            }
            note = "partly reviewed: " + String.join("; ", known) + "; " + names(unknown) + " awaits a verdict";
        } else if (categories.isEmpty()) {
            note = "HARD-NEG: reviewers rejected the " + names(rejected) + " finding"
                    + (rejected.size() == 1 ? "" : "s") + " of the classifier";
        } else {
            boolean added = p.findings().stream().anyMatch(f -> f.origin() == FindingOrigin.REVIEWER);
            note = "reviewed: " + names(categories) + " confirmed" + (added ? " (added by a reviewer)" : "")
                    + (rejected.isEmpty() ? "" : "; " + names(rejected) + " rejected");
        }
        Language language = Language.fromCode(p.language()).orElse(Language.EN);
        return Optional.of(new LabelledPassage("review-p" + p.passageId(), language, "review-d" + p.documentId(),
                p.documentJurisdiction(), p.text(), categories, mechanisms, modality, jurisdictions, dataCategories,
                ORIGIN, note, unknown));
    }

    /** One line of the export: the training-data fields as LabelledPassage reads them, and the provenance. */
    static ObjectNode line(ReviewedPassage p, LabelledPassage e) {
        if (!e.fullyLabelled()) {
            throw new IllegalArgumentException(e.id() + " is partly reviewed: the schema cannot say that "
                    + e.unknownCategories() + " is unknown");
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("id", e.id());
        n.put("lang", e.language().code());
        n.put("doc", e.doc());
        n.put("docJurisdiction", e.documentJurisdiction());
        n.put("text", e.text());
        ArrayNode categories = n.putArray("categories");
        e.categories().forEach(c -> categories.add(c.name()));
        ArrayNode mechanisms = n.putArray("mechanisms");
        e.mechanisms().forEach(m -> mechanisms.add(m.name()));
        if (e.modality() == null) {
            n.putNull("modality");
        } else {
            n.put("modality", e.modality().name());
        }
        ArrayNode jurisdictions = n.putArray("jurisdictions");
        e.jurisdictions().forEach(jurisdictions::add);
        ArrayNode data = n.putArray("dataCategories");
        e.dataCategories().forEach(d -> data.add(d.name()));
        n.put("origin", e.origin());
        n.put("note", e.note());
        ObjectNode provenance = n.putObject("provenance");
        provenance.put("passageId", p.passageId());
        provenance.put("documentId", p.documentId());
        provenance.put("documentTitle", p.documentTitle());
        ArrayNode findings = provenance.putArray("findings");
        for (ReviewedFinding f : p.findings()) {
            findings.addObject().put("findingId", f.id()).put("category", f.category().name())
                    .put("verdict", f.verdict().name()).put("origin", f.origin().name())
                    .put("reviewer", f.reviewer())
                    .put("reviewedAt", f.reviewedAt() == null ? null : f.reviewedAt().toString());
        }
        return n;
    }

    private static String names(Set<Category> categories) {
        return String.join(" and ", categories.stream().map(Enum::name).toList());
    }

    private static List<String> sorted(String[] values) {
        return values == null ? List.of() : Arrays.stream(values).sorted().toList();
    }
}
