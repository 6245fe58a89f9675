package io.xborder.classify.model;

import io.xborder.classify.Evidence;
import io.xborder.classify.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Scores a classifier on labelled passages (one passage per item) for the quality tests. */
final class Scoring {

    private Scoring() {
    }

    record Result(Map<String, QualityMetrics> metrics, List<String> invalidEvidence) {

        String table() {
            StringBuilder sb = new StringBuilder(QualityMetrics.header()).append('\n');
            metrics.forEach((k, m) -> sb.append(m.row(k)).append('\n'));
            return sb.toString();
        }
    }

    static Result score(PassageClassifier classifier, List<LabelledPassage> items, boolean verbose) {
        List<QualityMetrics.Scored> scored = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (LabelledPassage p : items) {
            List<Finding> findings = classifier.classify(p.text(), 0, p.text().length(), p.language(),
                    p.documentJurisdiction());
            for (Finding f : findings) {
                if (f.evidence().isEmpty() || !f.evidence().stream().allMatch(e -> valid(p.text(), e))) {
                    invalid.add(p.id() + " " + f.category() + " " + f.evidence());
                }
            }
            Prediction prediction = Prediction.of(findings);
            scored.add(new QualityMetrics.Scored(p, prediction));
            if (verbose) {
                report(p, prediction, findings);
            }
        }
        return new Result(QualityMetrics.byLanguage(scored), invalid);
    }

    static boolean valid(String text, Evidence e) {
        return 0 <= e.start() && e.start() < e.end() && e.end() <= text.length()
                && text.substring(e.start(), e.end()).equals(e.text()) && e.cue() != null && !e.cue().isBlank();
    }

    private static void report(LabelledPassage p, Prediction pr, List<Finding> findings) {
        List<String> problems = pr.differences(p);
        if (!problems.isEmpty()) {
            String why = findings.stream().map(f -> f.category().name().substring(0, 3) + "="
                    + f.explanation().features().stream().limit(3).map(h -> h.feature() + ":" + h.weight())
                            .collect(Collectors.joining(",")))
                    .collect(Collectors.joining(" "));
            System.out.println(p.id() + " " + String.join(" | ", problems) + " :: " + why + "\n    "
                    + p.text().substring(0, Math.min(p.text().length(), 220)));
        }
    }
}
