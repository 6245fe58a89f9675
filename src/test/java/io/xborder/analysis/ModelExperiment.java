package io.xborder.analysis;

import io.xborder.classify.Category;
import io.xborder.classify.model.LabelledPassage;
import io.xborder.classify.model.LogisticModel;
import io.xborder.classify.model.ModelTrainer;
import io.xborder.classify.model.NearCopies;
import io.xborder.classify.model.PassageClassifier;
import io.xborder.classify.model.Prediction;
import io.xborder.classify.model.QualityMetrics;
import io.xborder.classify.rules.RuleEngine;
import io.xborder.segment.Segmenter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A development tool, not a test: trains a model on the given files with settings from system properties and scores
 * it on evaluation files through the whole text pipeline (segmentation included), as score.py does against the
 * service. {@code ModelExperiment train1.jsonl,train2.jsonl eval1.jsonl eval2.jsonl}; {@code -Dshipped=true} scores the
 * packaged model instead of training one; {@code -Ddocuments=DIR} fits the second look on DIR's documents too, as the
 * build does.
 */
public final class ModelExperiment {

    public static void main(String[] args) {
        List<LabelledPassage> train = new ArrayList<>();
        for (String f : args[0].split(",")) {
            train.addAll(LabelledPassage.read(Path.of(f)));
        }
        LogisticModel.Settings d = LogisticModel.Settings.defaults();
        LogisticModel.Settings ad = LogisticModel.Settings.attributes();
        LogisticModel.Settings s = new LogisticModel.Settings(Integer.getInteger("epochs", d.epochs()),
                Double.parseDouble(System.getProperty("rate", "" + d.learningRate())),
                Double.parseDouble(System.getProperty("l2", "" + d.l2())), 1.0, d.seed());
        RuleEngine rules = RuleEngine.fromClasspath();
        long t0 = System.nanoTime();
        LogisticModel.Settings as = new LogisticModel.Settings(Integer.getInteger("aepochs", ad.epochs()),
                Double.parseDouble(System.getProperty("arate", "" + ad.learningRate())),
                Double.parseDouble(System.getProperty("al2", "" + ad.l2())), 1.0, d.seed());
        if (Integer.getInteger("docfolds", 0) > 0) {
            documentFolds(train, Path.of(args[1]), Integer.getInteger("docfolds"), rules,
                    new ModelTrainer(rules, s, as));
            return;
        }
        if (Boolean.getBoolean("shipped")) {
            // the model the build packaged (target/classes), to read its errors without training another
            score(args, train, rules, PassageClassifier.fromClasspath());
            return;
        }
        // -Ddocuments=src/training/documents: also the second look, fitted on those documents' sentences, as the build does
        String documents = System.getProperty("documents");
        ModelTrainer.Trained trained = documents == null
                ? new ModelTrainer(rules, s, as).train(train)
                : new ModelTrainer(rules, s, as).train(train, documentTexts(Path.of(documents)));
        System.out.printf("trained on %d passages in %d ms, %s%n", train.size(), (System.nanoTime() - t0) / 1_000_000,
                s);
        System.out.println(trained.crossValidated());
        String attr = System.getProperty("oof");
        if (attr != null) {
            for (QualityMetrics.Scored sc : trained.outOfFold()) {
                LabelledPassage g = sc.gold();
                Prediction p = sc.prediction();
                if (attr.equals("cat")) {
                    if (!g.categories().equals(p.categories().keySet())) {
                        System.out.println("OOF " + g.id() + " " + g.language() + " gold=" + g.categories() + " pred="
                                + p.categories() + " :: " + g.text());
                    }
                    continue;
                }
                if (!g.positive() || p.categories().isEmpty()) {
                    continue;
                }
                Object gold = switch (attr) {
                    case "mech" -> g.mechanisms();
                    case "dcat" -> g.dataCategories();
                    default -> g.modality();
                };
                Object pred = switch (attr) {
                    case "mech" -> p.mechanisms();
                    case "dcat" -> p.dataCategories();
                    default -> p.modality();
                };
                if (!gold.equals(pred)) {
                    System.out.println("OOF " + g.id() + " gold=" + gold + " pred=" + pred + " :: " + g.text());
                }
            }
        }
        score(args, train, rules, new PassageClassifier(rules, trained.model()));
    }

    private static void score(String[] args, List<LabelledPassage> train, RuleEngine rules,
            PassageClassifier classifier) {
        TextAnalyzer analyzer = new TextAnalyzer(Segmenter.withDefaults(), classifier);
        System.out.println(QualityMetrics.header());
        NearCopies copies = new NearCopies(train.stream().map(LabelledPassage::text).toList());
        for (int i = 1; i < args.length; i++) {
            if (Files.isDirectory(Path.of(args[i]))) {
                List<DocumentQuality.Document> docs = DocumentQuality.read(Path.of(args[i]));
                DocumentQuality.Score with = DocumentQuality.score(analyzer, docs, true);
                DocumentQuality.Score without = DocumentQuality.score(analyzer, docs, false);
                System.out.println("documents, jurisdiction given: " + with.summary());
                System.out.println("documents, no jurisdiction:   " + without.summary());
                if (Boolean.getBoolean("docs.verbose")) {
                    for (DocumentQuality.Outcome o : with.outcomes()) {
                        if (!o.exact()) {
                            System.out.println(describe(o));
                        }
                    }
                    with.falseFindings().forEach(x -> System.out.println("FALSE " + x));
                }
                continue;
            }
            List<QualityMetrics.Scored> scored = new ArrayList<>();
            List<LabelledPassage> items = LabelledPassage.read(Path.of(args[i]));
            List<LabelledPassage> unseen = items.stream().filter(p -> !copies.isNearCopy(p.text())).toList();
            System.out.println(args[i] + ": " + (items.size() - unseen.size())
                    + " passages nearly repeat the training data and are not scored");
            for (LabelledPassage p : unseen) {
                TextAnalyzer.AnalyzedText t = analyzer.analyze(p.text(), p.language(), p.documentJurisdiction());
                scored.add(new QualityMetrics.Scored(p, Prediction.of(
                        t.passages().stream().flatMap(ap -> ap.findings().stream()).toList())));
            }
            String name = Path.of(args[i]).getFileName().toString();
            if (name.equals(System.getProperty("verbose"))) {
                for (QualityMetrics.Scored sc : scored) {
                    List<String> wrong = sc.prediction().differences(sc.gold());
                    if (!wrong.isEmpty()) {
                        System.out.println(String.join(" ", wrong) + " " + sc.gold().id() + " :: " + sc.gold().text());
                    }
                }
            }
            QualityMetrics.byLanguage(scored).forEach((k, m) -> System.out.println(m.row(name + " " + k)));
            // the same categories with the rules' own attributes, to see what the learned heads add
            List<QualityMetrics.Scored> ruleAttributes = new ArrayList<>();
            for (QualityMetrics.Scored sc : scored) {
                LabelledPassage p = sc.gold();
                var a = rules.analyze(p.text(), 0, p.text().length(), p.language(), p.documentJurisdiction());
                Prediction pr = sc.prediction();
                ruleAttributes.add(new QualityMetrics.Scored(p, pr.categories().isEmpty()
                        ? pr
                        : new Prediction(pr.categories(), a.mechanisms(), pr.jurisdictions(), a.dataCategories(),
                                a.modality())));
            }
            System.out.println(QualityMetrics.of(ruleAttributes).row(name + " rule-attributes"));
            // the rules alone (the old classifier without its scorer: a category when its rule score reaches 1)
            List<QualityMetrics.Scored> rulesAlone = new ArrayList<>();
            for (QualityMetrics.Scored sc : scored) {
                LabelledPassage p = sc.gold();
                var a = rules.analyze(p.text(), 0, p.text().length(), p.language(), p.documentJurisdiction());
                Map<Category, Double> cats = new EnumMap<>(
                        Category.class);
                a.matches().stream().filter(m -> m.score() >= 1.0).forEach(m -> cats.put(m.category(), 0.9));
                rulesAlone.add(new QualityMetrics.Scored(p, cats.isEmpty()
                        ? new Prediction(cats, Set.of(), Set.of(), Set.of(), null)
                        : new Prediction(cats, a.mechanisms(), a.jurisdictions(), a.dataCategories(), a.modality())));
            }
            QualityMetrics.byLanguage(rulesAlone).forEach((k, m) -> System.out.println(m.row(name + " rules " + k)));
        }
    }

    /**
     * Documents held out in turn: the training documents are split into {@code folds} groups; for each, a model is
     * trained without the passages taken from that group's documents ({@code doc} field) and scores those documents
     * whole. A measure of whole-document quality whose errors may be read (unlike the blind set's).
     */
    private static void documentFolds(List<LabelledPassage> train, Path folder, int folds, RuleEngine rules,
            ModelTrainer trainer) {
        List<DocumentQuality.Document> docs = new ArrayList<>(DocumentQuality.read(folder));
        Map<String, String> texts = Boolean.parseBoolean(System.getProperty("context", "true"))
                ? documentTexts(folder)
                : Map.of();
        Collections.shuffle(docs, new Random(7));
        List<DocumentQuality.Outcome> outcomes = new ArrayList<>();
        List<String> falseFindings = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            List<DocumentQuality.Document> held = new ArrayList<>();
            for (int i = k; i < docs.size(); i += folds) {
                held.add(docs.get(i));
            }
            Set<String> names = new HashSet<>();
            held.forEach(d -> names.add(d.name()));
            List<LabelledPassage> rest = train.stream().filter(p -> !names.contains(p.doc())).toList();
            PassageClassifier classifier = new PassageClassifier(rules, trainer.train(rest, texts).model());
            DocumentQuality.Score score = DocumentQuality.score(new TextAnalyzer(Segmenter.withDefaults(),
                    classifier), held, true);
            outcomes.addAll(score.outcomes());
            falseFindings.addAll(score.falseFindings());
        }
        DocumentQuality.Score all = new DocumentQuality.Score(docs.size(), outcomes, falseFindings);
        if (Boolean.getBoolean("docs.verbose")) {
            all.outcomes().stream().filter(o -> !o.exact()).forEach(o -> System.out.println(describe(o)));
            all.falseFindings().forEach(x -> System.out.println("FALSE " + x));
        }
        System.out.println("documents held out in " + folds + " folds: " + all.summary());
    }

    private static Map<String, String> documentTexts(Path folder) {
        try {
            return ModelTrainer.documents(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(DocumentQuality.Outcome o) {
        return "DOC " + o.document().name() + " | gold " + o.expected().categories() + " " + o.expected().mechanisms()
                + " " + o.expected().jurisdictions() + " " + o.expected().dataCategories() + " "
                + o.expected().modality() + "\n    pred " + o.prediction().categories().keySet() + " "
                + o.prediction().mechanisms() + " " + o.prediction().jurisdictions() + " "
                + o.prediction().dataCategories() + " " + o.prediction().modality() + "\n    " + o.expected().text();
    }
}
