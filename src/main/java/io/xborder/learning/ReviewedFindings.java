package io.xborder.learning;

import io.agroal.api.AgroalDataSource;
import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.classify.model.LabelledPassage;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reviewed examples from the findings' review columns (migration V3): a passage is an example when one of its
 * findings was reviewed. Its categories are those of its confirmed findings (with the reviewer's corrections) and
 * of its unreviewed ones (the classifier's answer stands where nobody said otherwise), without the rejected ones;
 * its attributes are those of the same findings. A passage left with no category is a negative a reviewer found the
 * classifier wrong on, so it counts as a hard negative.
 */
@ApplicationScoped
public class ReviewedFindings implements ReviewedExamplesSource {

    /** The id prefix of a reviewed passage in a training set. */
    static final String ID_PREFIX = "review-p";
    private static final String REVIEWED = """
            SELECT p.id, p.document_id, p.text, p.language, d.jurisdiction, f.category, f.review_status, f.modality,
                   f.mechanisms, f.jurisdictions, f.data_categories, f.confidence
              FROM passages p JOIN documents d ON d.id = p.document_id JOIN findings f ON f.passage_id = p.id
             WHERE p.id IN (SELECT passage_id FROM findings WHERE review_status <> 'UNREVIEWED')
             ORDER BY p.id, f.category
            """;

    private final AgroalDataSource dataSource;

    public ReviewedFindings(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What one passage collects from its findings. */
    private static final class Collected {

        long document;
        String text;
        Language language;
        String jurisdiction;
        final Set<Category> categories = EnumSet.noneOf(Category.class);
        final Set<Mechanism> mechanisms = EnumSet.noneOf(Mechanism.class);
        final Set<DataCategory> dataCategories = EnumSet.noneOf(DataCategory.class);
        final Set<String> jurisdictions = new TreeSet<>();
        Modality modality;
        double best = -1;
    }

    @Override
    public ReviewedSet read() {
        Map<Long, Collected> passages = new LinkedHashMap<>();
        int verdicts = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(REVIEWED);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Collected p = passages.computeIfAbsent(rs.getLong(1), k -> new Collected());
                p.document = rs.getLong(2);
                p.text = rs.getString(3);
                p.language = Language.fromCode(rs.getString(4)).orElse(Language.EN);
                p.jurisdiction = rs.getString(5);
                String status = rs.getString(7);
                verdicts += "UNREVIEWED".equals(status) ? 0 : 1;
                if ("REJECTED".equals(status)) {
                    continue;
                }
                p.categories.add(Category.valueOf(rs.getString(6)));
                for (String m : strings(rs.getArray(9))) {
                    p.mechanisms.add(Mechanism.valueOf(m));
                }
                p.jurisdictions.addAll(List.of(strings(rs.getArray(10))));
                for (String d : strings(rs.getArray(11))) {
                    p.dataCategories.add(DataCategory.valueOf(d));
                }
                double confidence = rs.getDouble(12);
                if (confidence > p.best) {
                    p.best = confidence;
                    p.modality = Modality.valueOf(rs.getString(8));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the reviewed findings", e);
        }
        List<LabelledPassage> out = new ArrayList<>(passages.size());
        passages.forEach((id, p) -> {
            boolean negative = p.categories.isEmpty();
            out.add(new LabelledPassage(ID_PREFIX + id, p.language, "review-d" + p.document, p.jurisdiction, p.text,
                    p.categories, negative ? Set.of() : p.mechanisms, negative ? null : p.modality,
                    negative ? Set.of() : p.jurisdictions, negative ? Set.of() : p.dataCategories, "review",
                    negative ? "HARD-NEG: rejected by a reviewer" : "reviewed"));
        });
        return new ReviewedSet(out, verdicts, 0);
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}
