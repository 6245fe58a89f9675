package io.xborder.learning;

import io.xborder.classify.model.LabelledPassage;
import java.util.List;

/**
 * Where the reviewed examples a candidate is trained from come from: every passage a reviewer gave a verdict on, as
 * a labelled passage of the training-data schema. One implementation reads the review columns of the findings
 * ({@link ReviewedFindings}); it is the one place to change when the review history moves.
 */
public interface ReviewedExamplesSource {

    /** The reviewed passages now, with how many verdicts and reviewer-added findings they hold. */
    ReviewedSet read();

    /**
     * @param passages one labelled passage per reviewed passage
     * @param verdicts classifier findings a reviewer confirmed, corrected or rejected
     * @param reviewerFindings findings a reviewer added where the classifier found nothing
     */
    record ReviewedSet(List<LabelledPassage> passages, int verdicts, int reviewerFindings) {
    }
}
