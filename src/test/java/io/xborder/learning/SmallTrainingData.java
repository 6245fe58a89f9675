package io.xborder.learning;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusMock;
import io.xborder.analysis.AnalysisService;
import io.xborder.analysis.DocumentQuality;
import io.xborder.classify.model.LabelledPassage;
import io.xborder.classify.model.Model;
import io.xborder.classify.model.ModelTrainer;
import io.xborder.classify.model.PassageClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A test's stand-in for the packed training data: every twelfth shipped passage (about 1,250), twenty of their
 * documents, every third blind passage and two blind documents, so that a training in a test takes seconds instead
 * of the minute and a half of a full one. {@link #install} puts an {@link Evaluator} over it in place of the
 * service's for the current test (QuarkusMock): the TRAIN_MODEL job then trains on it, and both models are measured
 * on the same small blind set, measured anew each time and never stored (a stored score of the shipped model must
 * stay the full blind set's for the other tests). A model trained on it is worse than the shipped one, which is what
 * the console's refusal, forced activation and rollback need.
 */
final class SmallTrainingData {

    private static TrainingData data;

    private SmallTrainingData() {
    }

    /** Replaces the service's evaluator with one over the small data until the end of the current test. */
    static void install(ModelVersions versions, AnalysisService analysis, ObjectMapper json) {
        QuarkusMock.installMockForType(new Evaluator(versions, analysis, json) {

            @Override
            public TrainingData data() {
                return get();
            }

            @Override
            public Evaluation.BlindScore blindOf(ModelVersions.Row row, Model model) {
                return Evaluation.blind(new PassageClassifier(analysis.analyzer().classifier().rules(), model), get());
            }
        }, Evaluator.class);
    }

    static synchronized TrainingData get() {
        if (data == null) {
            data = read();
        }
        return data;
    }

    private static TrainingData read() {
        try {
            Path root = Path.of(SmallTrainingData.class.getClassLoader().getResource(Model.RESOURCE).toURI())
                    .getParent().getParent();
            List<LabelledPassage> all = new ArrayList<>();
            for (Path f : list(root.resolve(TrainingData.TRAINING))) {
                if (f.toString().endsWith(".jsonl")) {
                    all.addAll(LabelledPassage.read(f));
                }
            }
            List<LabelledPassage> passages = new ArrayList<>();
            for (int i = 0; i < all.size(); i += 12) {
                passages.add(all.get(i));
            }
            Set<String> docs = new HashSet<>();
            passages.forEach(p -> docs.add(p.doc()));
            Map<String, String> documents = new LinkedHashMap<>();
            ModelTrainer.documents(root.resolve(TrainingData.DOCUMENTS)).forEach((name, text) -> {
                if (docs.contains(name) && documents.size() < 20) {
                    documents.put(name, text);
                }
            });
            List<LabelledPassage> blind = new ArrayList<>();
            List<DocumentQuality.Document> blindDocuments = new ArrayList<>();
            for (Path batch : list(root.resolve(TrainingData.BLIND))) {
                if (Files.isRegularFile(batch.resolve("passages.jsonl"))) {
                    List<LabelledPassage> b = LabelledPassage.read(batch.resolve("passages.jsonl"));
                    for (int i = 0; i < b.size(); i += 3) {
                        blind.add(b.get(i));
                    }
                }
                if (Files.isDirectory(batch.resolve("documents")) && blindDocuments.size() < 2) {
                    DocumentQuality.read(batch.resolve("documents")).stream().limit(2 - blindDocuments.size())
                            .forEach(blindDocuments::add);
                }
            }
            return new TrainingData(List.copyOf(passages), Map.copyOf(documents), List.copyOf(blind),
                    List.copyOf(blindDocuments));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
