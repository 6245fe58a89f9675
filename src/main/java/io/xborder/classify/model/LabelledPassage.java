package io.xborder.classify.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A passage with its gold labels, as in the project's training file, its blind set and the shared dev corpus (one
 * JSON object per line: {@code id, lang, doc, docJurisdiction, text, categories, mechanisms, modality,
 * jurisdictions, dataCategories, origin, note}).
 *
 * <p>{@code unknownCategories} are the categories the labels say nothing about: a passage whose reviewers gave a
 * verdict on one finding while another waits for one is labelled for the first category only. The trainer's heads of
 * the unknown categories skip the passage, and so do the attribute heads (its attributes are those of the reviewed
 * findings only), and it is not scored. The schema above has no such field: every passage read from a file is
 * labelled for every category (an absent category is a negative), and a passage with an unknown category cannot be
 * written in it.
 */
public record LabelledPassage(String id, Language language, String doc, String documentJurisdiction, String text,
        Set<Category> categories, Set<Mechanism> mechanisms, Modality modality, Set<String> jurisdictions,
        Set<DataCategory> dataCategories, String origin, String note, Set<Category> unknownCategories) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public LabelledPassage {
        unknownCategories = unknownCategories == null || unknownCategories.isEmpty()
                ? Set.of()
                : Set.copyOf(unknownCategories);
        if (unknownCategories.stream().anyMatch(categories::contains)) {
            throw new IllegalArgumentException(id + ": a category both labelled and unknown");
        }
    }

    /** A passage labelled for every category, as the schema's lines are. */
    public LabelledPassage(String id, Language language, String doc, String documentJurisdiction, String text,
            Set<Category> categories, Set<Mechanism> mechanisms, Modality modality, Set<String> jurisdictions,
            Set<DataCategory> dataCategories, String origin, String note) {
        this(id, language, doc, documentJurisdiction, text, categories, mechanisms, modality, jurisdictions,
                dataCategories, origin, note, Set.of());
    }

    /** Whether the labels say whether the passage is of {@code category} (yes or no). */
    public boolean labels(Category category) {
        return !unknownCategories.contains(category);
    }

    /** Whether the labels say it for every category, so that its attributes are complete and it can be scored. */
    public boolean fullyLabelled() {
        return unknownCategories.isEmpty();
    }

    /** A negative whose note marks it as looking on-topic ({@code HARD-NEG}), as score.py counts them. */
    public boolean hardNegative() {
        return categories.isEmpty() && note != null && note.stripLeading().toUpperCase().matches("^HARD[- ]NEG.*");
    }

    public boolean positive() {
        return !categories.isEmpty();
    }

    public static List<LabelledPassage> read(Path jsonl) {
        try (InputStream in = Files.newInputStream(jsonl)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jsonl, e);
        }
    }

    public static List<LabelledPassage> read(InputStream jsonl) {
        List<LabelledPassage> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(jsonl, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(parse(JSON.readTree(line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static LabelledPassage parse(JsonNode n) {
        Set<Category> categories = EnumSet.noneOf(Category.class);
        n.path("categories").forEach(c -> categories.add(Category.valueOf(c.asText())));
        Set<Mechanism> mechanisms = EnumSet.noneOf(Mechanism.class);
        n.path("mechanisms").forEach(c -> mechanisms.add(Mechanism.valueOf(c.asText())));
        Set<DataCategory> dataCategories = EnumSet.noneOf(DataCategory.class);
        n.path("dataCategories").forEach(c -> dataCategories.add(DataCategory.valueOf(c.asText())));
        Set<String> jurisdictions = new TreeSet<>();
        n.path("jurisdictions").forEach(c -> jurisdictions.add(c.asText()));
        String text = n.path("text").asText();
        Language language = Language.fromCode(n.path("lang").asText(""))
                .orElse(text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                        ? Language.ZH
                        : Language.EN);
        return new LabelledPassage(n.path("id").asText(), language, n.path("doc").asText(""),
                text(n, "docJurisdiction"), text, categories, mechanisms,
                n.hasNonNull("modality") ? Modality.valueOf(n.get("modality").asText()) : null, jurisdictions,
                dataCategories, n.path("origin").asText(""), n.path("note").asText(""));
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) && !n.get(field).asText().isBlank() ? n.get(field).asText() : null;
    }
}
