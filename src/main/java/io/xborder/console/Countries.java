package io.xborder.console;

import io.xborder.classify.jurisdiction.Gazetteer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Country and region names as analysts type and read them: the console's jurisdiction picker accepts a code (CN), an
 * English name or alternative (China, People's Republic of China, USA) or a Chinese one (中国, 美国), and the pages show
 * names instead of codes. The names are the gazetteer's ({@code gazetteer/jurisdictions.tsv}): its display names and
 * every alternative spelling of its name, abbreviation and Chinese name columns (adjectives and cities are not
 * accepted: "Chinese" or "Beijing" name no country in a form).
 */
public final class Countries {

    /** One jurisdiction as the console shows it. */
    public record Country(String code, String english, String chinese) {

        /** What the picker puts into its field: "China (CN)"; the same text reads back as this country. */
        public String choice() {
            return english + " (" + code + ")";
        }
    }

    /** What a typed value names: a country, findings without any jurisdiction, or nothing known. */
    public record Resolved(Optional<Country> country, boolean unknownJurisdiction, String problem) {

        static Resolved of(Country c) {
            return new Resolved(Optional.of(c), false, null);
        }
    }

    /** The picker's choice for findings that name no jurisdiction (search filters only). */
    public static final String UNKNOWN_CHOICE = "Unknown jurisdiction";

    private static final Pattern CHOICE = Pattern.compile(".*\\(([A-Za-z]{2})\\)\\s*");
    private static final Set<String> UNKNOWN_WORDS = Set.of("unknown jurisdiction", "unknown", "none",
            "no jurisdiction",
            "未知", "未知法域");

    private static final Countries INSTANCE = load();

    private final Map<String, Country> byCode;
    private final List<Country> sorted;
    /** Folded name → codes it may mean (more than one: ambiguous). */
    private final Map<String, Set<String>> byName;

    private Countries(Map<String, Country> byCode, Map<String, Set<String>> byName) {
        this.byCode = byCode;
        this.byName = byName;
        Collator collator = Collator.getInstance(Locale.ENGLISH);
        List<Country> list = new ArrayList<>(byCode.values());
        list.sort(Comparator.comparing(Country::english, collator));
        this.sorted = List.copyOf(list);
    }

    /** The names, loaded once from the gazetteer's data file. */
    public static Countries all() {
        return INSTANCE;
    }

    /** Every jurisdiction, by English name. */
    public List<Country> list() {
        return sorted;
    }

    public Optional<Country> byCode(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code.toUpperCase(Locale.ROOT)));
    }

    /** The English name of a code ("China"); the code itself when it names nothing known. */
    public String name(String code) {
        return byCode(code).map(Country::english).orElse(code == null ? "" : code);
    }

    /**
     * What an analyst typed: a code, a name in English or Chinese, or a picker choice ("China (CN)"). Blank is no
     * country and no problem. {@code unknownAllowed}: "Unknown jurisdiction" means findings without one.
     */
    public Resolved resolve(String typed, boolean unknownAllowed) {
        String value = typed == null ? "" : typed.strip();
        if (value.isEmpty()) {
            return new Resolved(Optional.empty(), false, null);
        }
        String folded = fold(value);
        if (unknownAllowed && UNKNOWN_WORDS.contains(folded)) {
            return new Resolved(Optional.empty(), true, null);
        }
        Matcher choice = CHOICE.matcher(value);
        if (choice.matches() && byCode(choice.group(1)).isPresent()) {
            return Resolved.of(byCode(choice.group(1)).get());
        }
        if (value.length() == 2 && byCode(value).isPresent()) {
            return Resolved.of(byCode(value).get());
        }
        Set<String> codes = byName.getOrDefault(folded, Set.of());
        if (codes.size() == 1) {
            return Resolved.of(byCode.get(codes.iterator().next()));
        }
        if (codes.size() > 1) {
            return new Resolved(Optional.empty(), false, "“" + value + "” could mean "
                    + String.join(" or ", codes.stream().map(c -> byCode.get(c).choice()).toList())
                    + "; choose one from the list");
        }
        return new Resolved(Optional.empty(), false, "“" + value + "” is not a country or region we know; type its "
                + "name in English or Chinese (China, 中国) or its two-letter code (CN), or choose one from the list");
    }

    /** Case, surrounding spaces, inner runs of spaces and a leading "the" do not matter. */
    static String fold(String s) {
        String f = s.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return f.startsWith("the ") ? f.substring(4) : f;
    }

    private static Countries load() {
        Map<String, Country> byCode = new HashMap<>();
        for (Gazetteer.Jurisdiction j : Gazetteer.fromClasspath().jurisdictions()) {
            byCode.put(j.code(), new Country(j.code(), j.englishName(), j.chineseName()));
        }
        Map<String, Set<String>> byName = new HashMap<>();
        try (InputStream in = Countries.class.getClassLoader().getResourceAsStream("gazetteer/jurisdictions.tsv")) {
            if (in == null) {
                throw new IllegalStateException("gazetteer/jurisdictions.tsv is not on the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) { // code kind en_names en_adjectives abbreviations zh_names cities
                    header = false;
                    continue;
                }
                String[] cells = line.split("\t", -1);
                String code = cells[0];
                if (!byCode.containsKey(code)) {
                    continue;
                }
                for (int column : new int[] { 2, 4, 5 }) {
                    if (column >= cells.length || cells[column].equals("-")) {
                        continue;
                    }
                    for (String name : cells[column].split("\\|")) {
                        if (!name.isBlank()) {
                            byName.computeIfAbsent(fold(name), k -> new LinkedHashSet<>()).add(code);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Country c : byCode.values()) {
            byName.computeIfAbsent(fold(c.english()), k -> new LinkedHashSet<>()).add(c.code());
            if (c.chinese() != null) {
                byName.computeIfAbsent(fold(c.chinese()), k -> new LinkedHashSet<>()).add(c.code());
            }
        }
        return new Countries(Map.copyOf(byCode), Map.copyOf(byName));
    }
}
