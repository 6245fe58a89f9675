package io.xborder.learning;

import io.xborder.analysis.DocumentQuality;
import io.xborder.classify.model.LabelledPassage;
import io.xborder.classify.model.Model;
import io.xborder.classify.model.ModelTrainer;
import io.xborder.classify.model.NearCopies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The project's own data as the build packs it beside the model ({@code training/data/*.jsonl},
 * {@code training/documents/}, {@code blind/<batch>/passages.jsonl} and {@code blind/<batch>/documents/}): the
 * shipped training passages and documents a candidate is trained from, and the blind set it is measured on. The
 * files are copied once out of the jar (or class folder) into a temporary folder, so that the readers of the
 * classification core, which read folders, read them as the build and the tests do. Plain Java; immutable.
 *
 * @param passages the shipped training passages
 * @param documents the whole training documents (name → text) the second look is trained on
 * @param blindPassages the blind passages, without those that nearly repeat a training passage (as
 *     {@code BlindSetTest} scores them)
 * @param blindDocuments the blind documents with their expected findings
 */
public record TrainingData(List<LabelledPassage> passages, Map<String, String> documents,
        List<LabelledPassage> blindPassages, List<DocumentQuality.Document> blindDocuments) {

    static final String TRAINING = "training/data/";
    static final String DOCUMENTS = "training/documents/";
    static final String BLIND = "blind/";

    /** Reads the data packed beside {@link Model#RESOURCE} on the class path of {@code loader}. */
    public static TrainingData fromClasspath(ClassLoader loader) {
        try {
            Path folder = Files.createTempDirectory("xborder-training-");
            try {
                copyOut(loader, folder);
                return read(folder);
            } finally {
                delete(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packed training data", e);
        }
    }

    /** Reads the data from a folder laid out as the jar ({@code training/…}, {@code blind/…}). */
    static TrainingData read(Path root) throws IOException {
        List<LabelledPassage> passages = new ArrayList<>();
        for (Path f : list(root.resolve(TRAINING), p -> p.getFileName().toString().endsWith(".jsonl"))) {
            passages.addAll(LabelledPassage.read(f));
        }
        if (passages.isEmpty()) {
            throw new IllegalStateException("no training passages under " + TRAINING + ": build with Maven");
        }
        Map<String, String> documents = ModelTrainer.documents(root.resolve(DOCUMENTS));
        NearCopies copies = new NearCopies(passages.stream().map(LabelledPassage::text).toList());
        List<LabelledPassage> blind = new ArrayList<>();
        List<DocumentQuality.Document> blindDocuments = new ArrayList<>();
        for (Path batch : list(root.resolve(BLIND), Files::isDirectory)) {
            if (Files.isRegularFile(batch.resolve("passages.jsonl"))) {
                blind.addAll(LabelledPassage.read(batch.resolve("passages.jsonl")));
            }
            if (Files.isDirectory(batch.resolve("documents"))) {
                blindDocuments.addAll(DocumentQuality.read(batch.resolve("documents")));
            }
        }
        if (blind.isEmpty()) {
            throw new IllegalStateException("no blind passages under " + BLIND + ": build with Maven");
        }
        List<LabelledPassage> unseen = blind.stream().filter(p -> !copies.isNearCopy(p.text())).toList();
        return new TrainingData(List.copyOf(passages), Map.copyOf(documents), unseen, List.copyOf(blindDocuments));
    }

    private static List<Path> list(Path folder, Predicate<Path> accept) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(accept).sorted().toList();
        }
    }

    /** Copies every resource under the three prefixes into {@code folder}, from a jar or a class folder. */
    private static void copyOut(ClassLoader loader, Path folder) throws IOException {
        URL model = loader.getResource(Model.RESOURCE);
        if (model == null) {
            throw new IllegalStateException("no " + Model.RESOURCE + " on the class path: build with Maven");
        }
        if ("jar".equals(model.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) model.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = new JarFile(connection.getJarFileURL().getPath())) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                    JarEntry e = entries.nextElement();
                    if (!e.isDirectory() && wanted(e.getName())) {
                        Path target = safe(folder, e.getName());
                        Files.createDirectories(target.getParent());
                        try (InputStream in = jar.getInputStream(e)) {
                            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            return;
        }
        Path root;
        try {
            root = Path.of(model.toURI()).getParent().getParent();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("cannot read the class path at " + model, e);
        }
        for (String prefix : List.of(TRAINING, DOCUMENTS, BLIND)) {
            Path from = root.resolve(prefix);
            if (!Files.isDirectory(from)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path target = safe(folder, root.relativize(f).toString().replace('\\', '/'));
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static boolean wanted(String name) {
        return name.startsWith(TRAINING) || name.startsWith(DOCUMENTS) || name.startsWith(BLIND);
    }

    private static Path safe(Path folder, String name) throws IOException {
        Path target = folder.resolve(name).normalize();
        if (!target.startsWith(folder)) {
            throw new IOException("resource outside its folder: " + name);
        }
        return target;
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
