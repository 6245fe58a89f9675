package io.xborder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.classify.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark input built from the project's own texts (the labelled training passages), repeated as paragraphs
 * until the wanted size: news-like and law-like prose with both findings and plenty of text without any.
 */
final class BenchTexts {

    private BenchTexts() {
    }

    static String text(Language language, int minBytes) {
        List<String> passages = passages(language);
        StringBuilder sb = new StringBuilder();
        int i = 0;
        long bytes = 0;
        while (bytes < minBytes) {
            // five passages a paragraph, like an article
            for (int k = 0; k < 5; k++) {
                String p = passages.get(i++ % passages.size()) + (language == Language.ZH ? "" : " ");
                sb.append(p);
                bytes += utf8Bytes(p);
            }
            sb.append("\n\n");
            bytes += 2;
        }
        return sb.toString();
    }

    static List<String> passages(Language language) {
        Path file = Path.of("src/training/data/xborder-labelled.jsonl");
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                if (n.get("lang").asText().equals(language.code())) {
                    out.add(n.get("text").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Run the benchmarks from the project folder", e);
        }
        return out;
    }

    static long utf8Bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
