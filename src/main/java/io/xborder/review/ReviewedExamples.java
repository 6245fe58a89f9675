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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What the reviewers settled, as training examples in the project's training-data schema ({@link LabelledPassage}:
 * one passage per line). A passage is an example once every finding on it is reviewed, so that each category's
 * label is the reviewers' and not a guess: its categories are those of its confirmed findings (reviewer findings
 * included), with their attributes; a category whose finding was rejected is negative, and a passage whose findings
 * were all rejected is a hard negative (note {@code HARD-NEG …}, as the training data marks on-topic negatives).
 * The retraining reads {@link #labelled()}; the export endpoint writes the same passages as JSONL with provenance.
 */
@ApplicationScoped
public class ReviewedExamples {

    /** The {@code origin} of every exported example. */
    public static final String ORIGIN = "review";
    private static final int PASSAGES_PER_READ = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntityManager em;

    public ReviewedExamples(EntityManager em) {
        this.em = em;
    }

    /** A reviewed finding of a passage, as the conversion reads it. */
    public record ReviewedFinding(long id, Category category, Modality modality, List<String> mechanisms,
            List<String> jurisdictions, List<String> dataCategories, ReviewStatus verdict, FindingOrigin origin,
            String reviewer, Instant reviewedAt) {
    }

    /** A passage whose findings are all reviewed, with its document. */
    public record ReviewedPassage(long passageId, String text, String language, long documentId,
            String documentTitle, String documentJurisdiction, List<ReviewedFinding> findings) {
    }

    /** Every reviewed passage as a training example, in passage order. */
    @Transactional
    public List<LabelledPassage> labelled() {
        List<LabelledPassage> out = new ArrayList<>();
        forEach(p -> out.add(example(p)));
        return out;
    }

    /** Writes every reviewed passage as one JSON line: the training-data fields and a {@code provenance} object. */
    @Transactional
    public void writeJsonl(OutputStream out) {
        forEach(p -> {
            try {
                out.write(JSON.writeValueAsBytes(line(p)));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The passages one slice at a time (by passage id), so that an export holds only a slice in memory. */
    @Transactional
    public void forEach(Consumer<ReviewedPassage> each) {
        long after = 0;
        while (true) {
            List<Long> ids = em.createQuery("select distinct f.passage.id from StoredFinding f "
                    + "where f.passage.id > :after and f.reviewStatus <> :unreviewed and not exists ("
                    + "select 1 from StoredFinding u where u.passage = f.passage and u.reviewStatus = :unreviewed) "
                    + "order by f.passage.id", Long.class)
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

    /** The passage as a training example: what its reviewers settled. */
    public static LabelledPassage example(ReviewedPassage p) {
        Set<Category> categories = EnumSet.noneOf(Category.class);
        Set<Mechanism> mechanisms = EnumSet.noneOf(Mechanism.class);
        Set<DataCategory> dataCategories = EnumSet.noneOf(DataCategory.class);
        Set<String> jurisdictions = new TreeSet<>();
        Set<Category> rejected = EnumSet.noneOf(Category.class);
        Modality modality = null;
        // findings in category order: the first confirmed one gives the passage's modality (the schema has one)
        for (ReviewedFinding f : p.findings()) {
            if (f.verdict() == ReviewStatus.CONFIRMED) {
                categories.add(f.category());
                f.mechanisms().forEach(m -> mechanisms.add(Mechanism.valueOf(m)));
                f.dataCategories().forEach(d -> dataCategories.add(DataCategory.valueOf(d)));
                jurisdictions.addAll(f.jurisdictions());
                modality = modality == null ? f.modality() : modality;
            } else if (f.verdict() == ReviewStatus.REJECTED) {
                rejected.add(f.category());
            }
        }
        rejected.removeAll(categories);
        String note;
        if (categories.isEmpty()) {
            note = "HARD-NEG: reviewers rejected the " + names(rejected) + " finding"
                    + (rejected.size() == 1 ? "" : "s") + " of the classifier";
        } else {
            boolean added = p.findings().stream().anyMatch(f -> f.origin() == FindingOrigin.REVIEWER);
            note = "reviewed: " + names(categories) + " confirmed" + (added ? " (added by a reviewer)" : "")
                    + (rejected.isEmpty() ? "" : "; " + names(rejected) + " rejected");
        }
        Language language = Language.fromCode(p.language()).orElse(Language.EN);
        return new LabelledPassage("review-p" + p.passageId(), language, "review-d" + p.documentId(),
                p.documentJurisdiction(), p.text(), categories, mechanisms, modality, jurisdictions, dataCategories,
                ORIGIN, note);
    }

    /** One line of the export: the training-data fields as LabelledPassage reads them, and the provenance. */
    static ObjectNode line(ReviewedPassage p) {
        LabelledPassage e = example(p);
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
