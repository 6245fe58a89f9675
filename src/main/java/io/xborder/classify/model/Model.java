package io.xborder.classify.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The learned model: one {@link Head} per category, per mechanism, per data category and per modality, all reading
 * the same features; its version and what training measured. The category heads share one weight {@link Table}, the
 * attribute heads another, so that all margins of a passage cost one look-up per feature. Trained at build time by
 * {@link ModelTrainer} and shipped in the jar ({@value #RESOURCE}); immutable.
 *
 * <p>File format (gzip): magic {@code XBM2}, the version, the training report as JSON, then per head its name, Platt
 * parameters, threshold, and its non-zero weights as (index delta, float) pairs; then whether a {@link ContextModel}
 * follows, and its threshold and weights.
 */
public final class Model {

    /** Classpath location of the trained model, written by the build. */
    public static final String RESOURCE = "model/xborder-model.bin";
    private static final int MAGIC = 0x58424d32; // "XBM2"
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Category, Head> categories;
    private final Map<Mechanism, Head> mechanisms;
    private final Map<DataCategory, Head> dataCategories;
    private final Map<Modality, Head> modalities;
    /** Calibrations by column of the attribute table, for the hot path (no map look-ups). */
    private final PlattCalibration[] attributeCalibrations = new PlattCalibration[ATTRIBUTES];
    private final double[] attributeThresholds = new double[ATTRIBUTES];
    private final Table categoryTable;
    private final Table attributeTable;
    private final String version;
    private final Map<String, Object> training;
    private final ContextModel context;

    /** A head as trained: its weights and calibration, before it is placed in a table. */
    record Trained(float[] weights, PlattCalibration calibration, double threshold) {
    }

    /** The attribute heads' columns in the attribute table: mechanisms, data categories, modalities. */
    static final int MECHANISMS = 0;
    static final int DATA = Mechanism.values().length;
    static final int MODALITIES = DATA + DataCategory.values().length;
    static final int ATTRIBUTES = MODALITIES + Modality.values().length;
    /**
     * Bits of the heads' feature spaces: the features are folded into them, so that the weights of all heads stay
     * small enough for the processor's cache (a look-up per feature is most of a passage's model cost); the heads
     * are trained folded the same way. The attribute heads (30 columns) lose nothing at 2^16. The two category
     * heads did at 2^16 once the training data passed 19k passages: at 2^18 (512 KB of byte weights)
     * cross-validation went from 0.925 to 0.929 and both blind batches up (batch 14 0.931 to 0.937, batch 11 0.982
     * to 0.984), while lowering their L2 instead overfitted (batch 14 0.923). A model read from a file or a stored
     * version keeps the size its category heads were trained with.
     */
    static final int ATTRIBUTE_BITS = 16;
    static final int CATEGORY_BITS = 18;

    Model(Map<Category, Trained> categories, Map<Mechanism, Trained> mechanisms,
            Map<DataCategory, Trained> dataCategories, Map<Modality, Trained> modalities, String version,
            Map<String, Object> training) {
        this(categories, mechanisms, dataCategories, modalities, null, version, training);
    }

    Model(Map<Category, Trained> categories, Map<Mechanism, Trained> mechanisms,
            Map<DataCategory, Trained> dataCategories, Map<Modality, Trained> modalities, ContextModel context,
            String version, Map<String, Object> training) {
        this.context = context;
        int categoryDimension = categories.values().stream().mapToInt(t -> t.weights().length).findFirst()
                .orElse(1 << CATEGORY_BITS);
        this.categoryTable = new Table(Category.values().length, categoryDimension, true);
        this.attributeTable = new Table(ATTRIBUTES, 1 << ATTRIBUTE_BITS, false);
        Map<Category, Head> c = new EnumMap<>(Category.class);
        categories.forEach((k, t) -> c.put(k, place("category:" + k, categoryTable, k.ordinal(), t)));
        Map<Mechanism, Head> m = new EnumMap<>(Mechanism.class);
        mechanisms.forEach((k, t) -> m.put(k, place("mechanism:" + k, attributeTable, MECHANISMS + k.ordinal(), t)));
        Map<DataCategory, Head> d = new EnumMap<>(DataCategory.class);
        dataCategories.forEach((k, t) -> d.put(k, place("data:" + k, attributeTable, DATA + k.ordinal(), t)));
        Map<Modality, Head> o = new EnumMap<>(Modality.class);
        modalities.forEach((k, t) -> o.put(k, place("modality:" + k, attributeTable, MODALITIES + k.ordinal(), t)));
        categoryTable.seal();
        attributeTable.seal();
        m.forEach((k, h) -> column(MECHANISMS + k.ordinal(), h));
        d.forEach((k, h) -> column(DATA + k.ordinal(), h));
        o.forEach((k, h) -> column(MODALITIES + k.ordinal(), h));
        // unmodifiable views keep the enum order (Map.copyOf's order changes from one JVM to the next, and with it
        // the bytes of the written model)
        this.categories = Collections.unmodifiableMap(c);
        this.mechanisms = Collections.unmodifiableMap(m);
        this.dataCategories = Collections.unmodifiableMap(d);
        this.modalities = Collections.unmodifiableMap(o);
        this.version = version;
        this.training = training == null ? Map.of() : training;
    }

    private void column(int column, Head h) {
        attributeCalibrations[column] = h.calibration();
        attributeThresholds[column] = h.threshold();
    }

    /** The calibrated probability of an attribute head from its margin (column of the attribute table). */
    double attributeProbability(int column, float margin) {
        return attributeCalibrations[column].probability(margin);
    }

    double attributeThreshold(int column) {
        return attributeThresholds[column];
    }

    private static Head place(String name, Table table, int column, Trained t) {
        if (t.weights().length != table.dimension()) {
            throw new IllegalArgumentException(name + ": " + t.weights().length + " weights for a table of "
                    + table.dimension());
        }
        for (int i = 0; i < t.weights().length; i++) {
            if (t.weights()[i] != 0) {
                table.set(i, column, t.weights()[i]);
            }
        }
        return new Head(name, table, column, t.calibration(), t.threshold());
    }

    /** The margins of both category heads (by category ordinal). */
    float[] categoryMargins(Features f) {
        float[] out = new float[categoryTable.heads()];
        categoryTable.margins(f, out);
        return out;
    }

    /** The margins of every attribute head (columns {@link #MECHANISMS}, {@link #DATA}, {@link #MODALITIES}). */
    float[] attributeMargins(Features f) {
        float[] out = new float[attributeTable.heads()];
        attributeTable.margins(f, out);
        return out;
    }

    /** The model the build trained; fails when the classpath holds none (the build always trains one). */
    public static Model fromClasspath() {
        return find(Model.class.getClassLoader())
                .orElseThrow(() -> new IllegalStateException("no trained model at " + RESOURCE
                        + " on the classpath: build with Maven, which trains it in process-classes"));
    }

    static Optional<Model> find(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            return in == null ? Optional.empty() : Optional.of(read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public String version() {
        return version;
    }

    /** What the build measured while training (examples, cross-validated scores). */
    public Map<String, Object> training() {
        return training;
    }

    /** The second look at a document's passages, or null when the model was trained without documents. */
    ContextModel context() {
        return context;
    }

    public Head category(Category c) {
        return categories.get(c);
    }

    public Map<Mechanism, Head> mechanisms() {
        return mechanisms;
    }

    public Map<DataCategory, Head> dataCategories() {
        return dataCategories;
    }

    public Map<Modality, Head> modalities() {
        return modalities;
    }

    // ---------------------------------------------------------------- file

    public void write(OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(out);
        DataOutputStream d = new DataOutputStream(new BufferedOutputStream(gz));
        d.writeInt(MAGIC);
        d.writeUTF(version);
        byte[] report = JSON.writeValueAsBytes(training);
        d.writeInt(report.length);
        d.write(report);
        Map<String, Head> heads = new LinkedHashMap<>();
        categories.forEach((k, h) -> heads.put("category:" + k.name(), h));
        mechanisms.forEach((k, h) -> heads.put("mechanism:" + k.name(), h));
        dataCategories.forEach((k, h) -> heads.put("data:" + k.name(), h));
        modalities.forEach((k, h) -> heads.put("modality:" + k.name(), h));
        d.writeInt(heads.size());
        for (var e : heads.entrySet()) {
            Head h = e.getValue();
            d.writeUTF(e.getKey());
            d.writeDouble(h.calibration().a());
            d.writeDouble(h.calibration().b());
            d.writeDouble(h.threshold());
            int dimension = h.table().dimension();
            d.writeInt(dimension);
            int nonZero = 0;
            for (int i = 0; i < dimension; i++) {
                nonZero += h.weight(i) != 0 ? 1 : 0;
            }
            d.writeInt(nonZero);
            int last = 0;
            for (int i = 0; i < dimension; i++) {
                float w = h.weight(i);
                if (w != 0) {
                    writeVarInt(d, i - last);
                    d.writeFloat(w);
                    last = i;
                }
            }
        }
        d.writeBoolean(context != null);
        if (context != null) {
            context.write(d);
        }
        d.flush();
        gz.finish();
    }

    public static Model read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in)));
        if (d.readInt() != MAGIC) {
            throw new IOException("not an xborder model file");
        }
        String version = d.readUTF();
        byte[] report = new byte[d.readInt()];
        d.readFully(report);
        Map<String, Object> training = JSON.readValue(new String(report, StandardCharsets.UTF_8),
                new TypeReference<LinkedHashMap<String, Object>>() {
                });
        Map<Category, Trained> categories = new EnumMap<>(Category.class);
        Map<Mechanism, Trained> mechanisms = new EnumMap<>(Mechanism.class);
        Map<DataCategory, Trained> dataCategories = new EnumMap<>(DataCategory.class);
        Map<Modality, Trained> modalities = new EnumMap<>(Modality.class);
        int heads = d.readInt();
        for (int k = 0; k < heads; k++) {
            String name = d.readUTF();
            PlattCalibration calibration = new PlattCalibration(d.readDouble(), d.readDouble());
            double threshold = d.readDouble();
            float[] w = new float[d.readInt()];
            int nonZero = d.readInt();
            int at = 0;
            for (int i = 0; i < nonZero; i++) {
                at += readVarInt(d);
                w[at] = d.readFloat();
            }
            Trained h = new Trained(w, calibration, threshold);
            String value = name.substring(name.indexOf(':') + 1);
            switch (name.substring(0, name.indexOf(':'))) {
                case "category" -> categories.put(Category.valueOf(value), h);
                case "mechanism" -> mechanisms.put(Mechanism.valueOf(value), h);
                case "data" -> dataCategories.put(DataCategory.valueOf(value), h);
                case "modality" -> modalities.put(Modality.valueOf(value), h);
                default -> throw new IOException("unknown head " + name);
            }
        }
        ContextModel context = d.readBoolean() ? ContextModel.read(d) : null;
        return new Model(categories, mechanisms, dataCategories, modalities, context, version, training);
    }

    private static void writeVarInt(DataOutputStream d, int v) throws IOException {
        while ((v & ~0x7F) != 0) {
            d.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        d.writeByte(v);
    }

    private static int readVarInt(DataInputStream d) throws IOException {
        int v = 0;
        int shift = 0;
        int b;
        do {
            b = d.readUnsignedByte();
            v |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return v;
    }
}
