package io.xborder.learning;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.classify.Category;
import io.xborder.console.ConsoleExtensions;
import io.xborder.review.ReviewedExamples;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the console's model pages show, in words for compliance analysts: a version's state and provenance as
 * sentences, and its measurements beside another version's as rows of percentages with the change in points and
 * whether it blocks activation. No taxonomy codes, state codes or measure names of the trainer reach the page.
 */
final class ModelPages {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Below this many points a change is "about the same" (the measures are rounded to 0.01 points). */
    private static final double SAME = 0.05;

    private ModelPages() {
    }

    // --- versions -----------------------------------------------------------------------------------------------

    /** A version as a list row or the head of its page. */
    public record Version(long id, String state, String stateLabel, boolean shipped, String trained,
            String trainedFrom, String partly, String rulesVersion, String modelVersion, String activated,
            String forceReason, int progress, String stage, String error, String overall) {

        public boolean training() {
            return "TRAINING".equals(state);
        }

        public boolean ready() {
            return "READY".equals(state);
        }

        public boolean active() {
            return "ACTIVE".equals(state);
        }

        public boolean retired() {
            return "RETIRED".equals(state);
        }

        public boolean failed() {
            return "FAILED".equals(state);
        }

        /** Whether it has a model that can be measured (it neither trains nor failed). */
        public boolean measurable() {
            return !training() && !failed();
        }
    }

    static Version version(ModelVersionView v) {
        ModelVersionView.Training t = v.training();
        boolean shipped = "SHIPPED".equals(v.kind());
        String trained;
        if (shipped) {
            trained = "With the release" + (t.trainedAt() == null ? "" : ", registered " + when(t.trainedAt()));
        } else if (t.trainedAt() != null) {
            trained = "On " + ConsoleExtensions.utc(t.trainedAt()) + " UTC, asked for by " + who(t.trainedBy());
        } else {
            trained = "Asked for by " + who(t.trainedBy()) + " " + when(t.createdAt());
        }
        String from;
        String partly = null;
        if (shipped) {
            from = count(t.shippedPassages(), "passage") + " of the shipped training data.";
        } else if ("TRAINING".equals(v.state()) || "FAILED".equals(v.state())) {
            from = "The shipped training data and every reviewed passage"
                    + (t.reviewWeight() > 1 ? ", each counted " + t.reviewWeight() + " times" : "") + ".";
        } else if (t.reviewedPassages() == 0) {
            from = count(t.shippedPassages(), "shipped passage") + "; no passage had a verdict yet.";
        } else {
            from = count(t.shippedPassages(), "shipped passage") + " and " + count(t.reviewedPassages(),
                    "reviewed passage") + (t.reviewWeight() > 1 ? " (each counted " + t.reviewWeight() + " times)" : "")
                    + ": " + count(t.reviewedVerdicts(), "verdict") + " on the classifier's findings and "
                    + count(t.reviewerFindings(), "finding") + " added by reviewers.";
            if (t.partlyReviewedPassages() > 0) {
                partly = partlyReviewed(t.partlyReviewedPassages(), t.reviewedPassages());
            }
        }
        String activated = null;
        String reason = null;
        if (v.activation() != null) {
            activated = "Activated " + when(v.activation().activatedAt()) + " by " + who(v.activation().activatedBy())
                    + (v.activation().forced() ? ", although it was worse on the test set" : "");
            reason = v.activation().forced() ? v.activation().forceReason() : null;
        }
        String overall = null;
        Measures own = measures(v.evaluation() == null ? null : v.evaluation().path("passages").path("all"));
        if (own != null && own.macroF1() != null) {
            overall = percent(own.macroF1());
        }
        return new Version(v.id(), v.state(), stateLabel(v.state()), shipped, trained, from, partly,
                v.rulesVersion(), v.modelVersion(), activated, reason, t.progress(), stage(t.stage()), t.error(),
                overall);
    }

    static String stateLabel(String state) {
        return switch (state) {
            case "TRAINING" -> "Being trained";
            case "READY" -> "Ready to activate";
            case "ACTIVE" -> "In use";
            case "RETIRED" -> "Was in use";
            case "FAILED" -> "Training failed";
            default -> ConsoleExtensions.label(state);
        };
    }

    /** What a training does now, as its page says it. */
    static String stage(String stage) {
        if (stage == null) {
            return "";
        }
        String counted = stage.replaceAll("^[^(]*", "").strip();
        if (stage.startsWith("waiting for a job worker")) {
            return "Waiting to start";
        }
        if (stage.startsWith("reading the shipped training data")) {
            return "Reading the shipped examples";
        }
        if (stage.startsWith("reading the reviewed examples")) {
            return "Reading the reviewers' verdicts";
        }
        if (stage.startsWith("reading passages")) {
            return ("Reading the passages " + counted).strip();
        }
        if (stage.startsWith("fitting heads")) {
            return ("Learning " + counted.replaceFirst("^\\(", "(step ")).strip();
        }
        if (stage.startsWith("second look")) {
            return "Learning from whole documents";
        }
        if (stage.startsWith("measuring the candidate")) {
            return "Measuring both models on the test set";
        }
        if (stage.startsWith("measuring both on the reviewed")) {
            return "Measuring both models on the reviewed passages";
        }
        if (stage.startsWith("trained and measured")) {
            return "Trained and measured";
        }
        if (stage.equals("failed")) {
            return "Failed";
        }
        return stage;
    }

    /** How many of a version's reviewed passages were partly reviewed, and what they taught. */
    static String partlyReviewed(int partly, int reviewed) {
        String which = partly == reviewed
                ? (partly == 1 ? "It was" : "All of them were")
                : String.format(Locale.ENGLISH, "%,d", partly) + " of them " + (partly == 1 ? "was" : "were");
        return which + " partly reviewed (another finding on " + (partly == 1 ? "it" : "them")
                + " had no verdict yet) and taught only the categories with a verdict.";
    }

    /** What a training would read now: the sentence above the Start button. */
    static String available(ReviewedExamples.Counts c) {
        if (c.passages() == 0) {
            return "No passage has a verdict yet: a training now learns from the shipped examples only.";
        }
        return "A training now adds " + count(c.passages(), "reviewed passage") + " to the shipped examples: "
                + count(c.verdicts(), "verdict") + " on the classifier's findings and " + count(c.reviewerFindings(),
                        "finding")
                + " added by reviewers.";
    }

    /** The partly reviewed passages, or null when there are none. */
    static String waiting(ReviewedExamples.Counts c) {
        if (c.partlyReviewed() == 0) {
            return null;
        }
        return String.format(Locale.ENGLISH, "%,d", c.partlyReviewed()) + " of them "
                + (c.partlyReviewed() == 1 ? "waits" : "wait")
                + " for a verdict on another finding on " + (c.partlyReviewed() == 1 ? "it" : "them")
                + ": until then " + (c.partlyReviewed() == 1 ? "it teaches" : "they teach") + " only the categories "
                + "with a verdict, so that no finding nobody looked at is learned as right or as wrong.";
    }

    // --- the comparison -----------------------------------------------------------------------------------------

    /** One measure of both versions: the values, the change in points, and what the change means. */
    public record Row(String label, String hint, String before, String after, String change, String verdict,
            String verdictClass, boolean detail) {
    }

    /** Rows of one set of items; {@code id} is the table's element id. */
    public record Table(String id, String caption, List<Row> rows) {
    }

    /**
     * A version beside the one in use: the test set's passages (all, then by language), its whole documents, and the
     * reviewed passages.
     */
    public record Comparison(String beforeName, String afterName, String against, Table passages, List<Table> languages,
            Table documents, Table reviewed, String reviewedNote, List<String> worse, String tolerance) {

        public boolean blocked() {
            return !worse.isEmpty();
        }

        public boolean byLanguage() {
            return !languages.isEmpty();
        }
    }

    /**
     * The candidate beside {@code active}: the comparison stored at its training when it was made beside the version in
     * use now, else its own test-set scores beside those of the version in use (the reviewed passages then still
     * beside the version of its training). Null when there is nothing to compare.
     */
    static Comparison comparison(ModelVersionView candidate, ModelVersionView active, double tolerance) {
        JsonNode stored = candidate.comparison();
        long storedAgainst = stored == null ? -1 : stored.path("activeVersion").asLong(-1);
        JsonNode before;
        JsonNode after;
        long beforeId;
        boolean inUse;
        if (active != null && storedAgainst == active.id() && active.id() != candidate.id()) {
            before = stored.path("active");
            after = stored.path("candidate");
            beforeId = active.id();
            inUse = true;
        } else if (active != null && active.id() != candidate.id() && active.evaluation() != null
                && candidate.evaluation() != null) {
            before = active.evaluation();
            after = candidate.evaluation();
            beforeId = active.id();
            inUse = true;
        } else if (stored != null && storedAgainst > 0) {
            before = stored.path("active");
            after = stored.path("candidate");
            beforeId = storedAgainst;
            inUse = false;
        } else {
            return null;
        }
        String against = inUse
                ? "version " + beforeId + " (in use)"
                : "version " + beforeId + " (in use when it was trained)";
        String beforeName = "Version " + beforeId + (inUse ? " (in use)" : "");
        String afterName = "Version " + candidate.id();
        Measures a = measures(before.path("passages").path("all"));
        Measures b = measures(after.path("passages").path("all"));
        if (a == null || b == null) {
            return null;
        }
        Set<String> worse = ActivationGate.shortfalls(a, b, tolerance).stream().map(ActivationGate.Shortfall::measure)
                .collect(Collectors.toSet());
        Table passages = passages("compare-passages-all", "On " + count(b.n(), "passage") + " of the test set", a, b,
                worse,
                tolerance);
        List<Table> languages = new ArrayList<>();
        for (Map.Entry<String, String> l : Map.of("en", "English", "zh", "Chinese").entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            Measures la = measures(before.path("passages").path(l.getKey()));
            Measures lb = measures(after.path("passages").path(l.getKey()));
            if (la != null && lb != null) {
                languages.add(
                        passages("compare-passages-" + l.getKey(), "On the " + count(lb.n(), l.getValue() + " passage")
                                + " of the test set", la, lb, Set.of(), tolerance));
            }
        }
        Table documents = documents(before.path("documents"), after.path("documents"));
        Table reviewed = null;
        String reviewedNote;
        JsonNode r = stored == null ? null : stored.path("reviewed");
        int items = r == null ? 0 : r.path("items").asInt();
        if (items > 0) {
            Measures ra = measures(r.path("active").path("all"));
            Measures rb = measures(r.path("candidate").path("all"));
            reviewed = ra == null || rb == null
                    ? null
                    : reviewedTable(ra, rb);
            reviewedNote = "On the " + count(items, "passage") + " your reviewers settled, beside version "
                    + storedAgainst + ". Version " + candidate.id() + " is scored on each passage by a model "
                    + "trained without it (cross-validation), so it is never scored on what it learned from.";
        } else {
            reviewedNote = "No reviewed passage was used, so there is nothing to compare on them.";
        }
        List<String> reasons = ActivationGate.shortfalls(a, b, tolerance).stream().map(ModelPages::shortfall)
                .toList();
        return new Comparison(beforeName, afterName, against, passages, languages, documents, reviewed, reviewedNote,
                reasons, points(tolerance));
    }

    /** A shortfall of the activation check in words: "Overall score: 88.9 % against 95.1 % (−6.2 points)". */
    static String shortfall(ActivationGate.Shortfall s) {
        boolean lowerIsBetter = s.measure().equals("hard-negative false findings");
        return measureLabel(s.measure()) + ": " + percent(s.candidate()) + " against " + percent(s.active()) + " ("
                + signedPoints(s.candidate() - s.active()) + (lowerIsBetter ? ", more is worse" : "") + ")";
    }

    /** The label of a measure as the activation check names it ("DATA_LOCALIZATION F1"). */
    static String measureLabel(String measure) {
        for (Category c : Category.values()) {
            if (measure.equals(c.name() + " F1")) {
                return ConsoleExtensions.label(c) + ": overall";
            }
        }
        return switch (measure) {
            case "macro-F1" -> "Overall score";
            case "mechanisms F1" -> "Mechanisms named right";
            case "data categories F1" -> "Data categories named right";
            case "jurisdictions F1" -> "Countries named right";
            case "modality accuracy" -> "Modality right";
            case "hard-negative false findings" -> "Look-alike passages wrongly reported";
            default -> ConsoleExtensions.label(measure);
        };
    }

    private static Table passages(String id, String caption, Measures a, Measures b, Set<String> worse,
            double tolerance) {
        List<Row> rows = new ArrayList<>();
        rows.add(row("Overall score", "Both kinds of rule together: 100 % finds every passage it should and "
                + "nothing else.", a, b, Measures::macroF1, false, worse.contains("macro-F1"), false, tolerance));
        for (Category c : Category.values()) {
            String name = ConsoleExtensions.label(c);
            rows.add(row(name + ": overall", null, a, b, m -> f1(m, c), false, worse.contains(c.name() + " F1"),
                    false, tolerance));
            rows.add(row(name + ": right when it reports one", null, a, b, m -> precision(m, c), false, false, true,
                    tolerance));
            rows.add(row(name + ": found of those it should find", null, a, b, m -> recall(m, c), false, false, true,
                    tolerance));
        }
        rows.add(row("Mechanisms named right", "Security assessment, standard contract, consent and the others.", a,
                b, Measures::mechanismsF1, false, worse.contains("mechanisms F1"), false, tolerance));
        rows.add(row("Data categories named right", "Personal information, important data and the others.", a, b,
                Measures::dataCategoriesF1, false, worse.contains("data categories F1"), false, tolerance));
        rows.add(row("Countries named right", "The countries a finding names.", a, b, Measures::jurisdictionsF1, false,
                worse.contains("jurisdictions F1"), false, tolerance));
        rows.add(row("Modality right", "Whether the passage requires, bans, permits or reports.", a, b,
                Measures::modalityAccuracy, false, worse.contains("modality accuracy"), false, tolerance));
        rows.add(row("Look-alike passages wrongly reported", "Passages that look like a rule but are none; fewer is "
                + "better.", a, b, Measures::hardNegativeFp, true, worse.contains("hard-negative false findings"),
                false, tolerance));
        rows.add(row("Confidence off by", "How far its confidence percentages are from how often it is right; "
                + "less is better. Shown, not checked: it moves with few passages.", a, b, Measures::ece, true, false,
                false, tolerance));
        return new Table(id, caption, rows);
    }

    private static Table reviewedTable(Measures a, Measures b) {
        List<Row> rows = new ArrayList<>();
        rows.add(row("Overall score", null, a, b, Measures::macroF1, false, false, false, 1));
        for (Category c : Category.values()) {
            rows.add(row(ConsoleExtensions.label(c) + ": right when it reports one", null, a, b, m -> precision(m, c),
                    false,
                    false, false, 1));
            rows.add(row(ConsoleExtensions.label(c) + ": found of those it should find", null, a, b, m -> recall(m, c),
                    false,
                    false, false, 1));
        }
        rows.add(row("Look-alike passages wrongly reported", null, a, b, Measures::hardNegativeFp, true, false, false,
                1));
        rows.add(row("Mechanisms named right", null, a, b, Measures::mechanismsF1, false, false, false, 1));
        rows.add(row("Countries named right", null, a, b, Measures::jurisdictionsF1, false, false, false, 1));
        return new Table("compare-reviewed", "On the passages your reviewers settled", rows);
    }

    private static Table documents(JsonNode before, JsonNode after) {
        if (before == null || after == null || before.isNull() || after.isNull() || before.isMissingNode()
                || after.isMissingNode()) {
            return null;
        }
        List<Row> rows = new ArrayList<>();
        rows.add(shareRow("Documents with every finding exactly right", before.path("exactShare"),
                after.path("exactShare")));
        rows.add(shareRow("Documents with the right kinds of rule", before.path("categoryShare"),
                after.path("categoryShare")));
        int fa = before.path("falseFindings").asInt();
        int fb = after.path("falseFindings").asInt();
        int d = fb - fa;
        rows.add(new Row("Findings that should not be there", "Fewer is better.", Integer.toString(fa),
                Integer.toString(fb), d == 0 ? "no change" : (d > 0 ? "+" : "−") + Math.abs(d),
                d == 0 ? "about the same" : d < 0 ? "better" : "worse", d == 0 ? "same" : d < 0 ? "better" : "worse",
                false));
        return new Table("compare-documents", "On the " + count(after.path("documents").asInt(), "whole document")
                + " of the test set (" + count(after.path("expected").asInt(), "expected finding") + ")", rows);
    }

    private static Row shareRow(String label, JsonNode before, JsonNode after) {
        Double a = before.isNumber() ? before.asDouble() : null;
        Double b = after.isNumber() ? after.asDouble() : null;
        return change(label, null, a, b, false, false, false, 1);
    }

    private static Row row(String label, String hint, Measures a, Measures b, Function<Measures, Double> measure,
            boolean lowerIsBetter, boolean blocks, boolean detail, double tolerance) {
        return change(label, hint, measure.apply(a), measure.apply(b), lowerIsBetter, blocks, detail, tolerance);
    }

    private static Row change(String label, String hint, Double a, Double b, boolean lowerIsBetter, boolean blocks,
            boolean detail, double tolerance) {
        if (a == null || b == null) {
            return new Row(label, hint, percent(a), percent(b), "", "not measurable: no such passage among them",
                    "same", detail);
        }
        double points = (b - a) * 100;
        String verdict;
        String css;
        if (blocks) {
            verdict = "worse, blocks activation";
            css = "blocks";
        } else if (Math.abs(points) < SAME) {
            verdict = "about the same";
            css = "same";
        } else if (points > 0 != lowerIsBetter) {
            verdict = "better";
            css = "better";
        } else {
            verdict = "worse";
            css = "worse";
        }
        return new Row(label, hint, percent(a), percent(b), Math.abs(points) < SAME
                ? "no change"
                : signedPoints(
                        b - a),
                verdict, css, detail);
    }

    private static Double f1(Measures m, Category c) {
        Measures.CategoryScore s = m.categories() == null ? null : m.categories().get(c.name());
        return s == null ? null : s.f1();
    }

    private static Double precision(Measures m, Category c) {
        Measures.CategoryScore s = m.categories() == null ? null : m.categories().get(c.name());
        return s == null ? null : s.precision();
    }

    private static Double recall(Measures m, Category c) {
        Measures.CategoryScore s = m.categories() == null ? null : m.categories().get(c.name());
        return s == null ? null : s.recall();
    }

    static Measures measures(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        try {
            return JSON.treeToValue(node, Measures.class);
        } catch (Exception e) {
            // an older or damaged form: the page says there is nothing to compare rather than failing
            return null;
        }
    }

    // --- words and numbers ----------------------------------------------------------------------------------------

    static String percent(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%.1f %%", v * 100);
    }

    /** A difference of two shares in points: "+1.2 points", "−0.4 points". */
    static String signedPoints(double difference) {
        double p = difference * 100;
        return (p >= 0 ? "+" : "−") + String.format(Locale.ROOT, "%.1f", Math.abs(p)) + " point"
                + (Math.abs(Math.abs(p) - 1) < 0.05 ? "" : "s");
    }

    /** A tolerance as the page says it: "1.0 point". */
    static String points(double tolerance) {
        double p = tolerance * 100;
        return String.format(Locale.ROOT, "%.1f", p) + " point" + (Math.abs(p - 1) < 0.05 ? "" : "s");
    }

    static String count(long n, String noun) {
        return String.format(Locale.ENGLISH, "%,d", n) + " " + noun + (n == 1 ? "" : "s");
    }

    static String when(java.time.Instant instant) {
        return instant == null ? "" : "on " + ConsoleExtensions.utc(instant) + " UTC";
    }

    static String who(String principal) {
        if (principal == null || principal.isBlank()) {
            return "someone unknown";
        }
        return switch (principal) {
            case "build" -> "the release build";
            case "system" -> "the service";
            default -> ConsoleExtensions.reviewer(principal);
        };
    }
}
