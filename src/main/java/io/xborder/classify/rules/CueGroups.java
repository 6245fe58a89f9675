package io.xborder.classify.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the cue lists of one language's rule files into groups of one {@link CueScanner}: a list becomes a
 * group, an entry {@code @name} pulls in the named group's cues, and a reference to a named group compiles it once.
 */
final class CueGroups {

    private final CueScanner.Builder builder;
    private final Map<String, List<String>> named;

    CueGroups(CueScanner.Builder builder, Map<String, List<String>> named) {
        this.builder = builder;
        this.named = named;
    }

    /** The scanner group of a named group ({@code name} or {@code @name}), compiled on first use. */
    int ref(String name) {
        String n = name.startsWith("@") ? name.substring(1) : name;
        Integer existing = builder.existingGroup("g:" + n);
        if (existing != null) {
            return existing;
        }
        if (!named.containsKey(n)) {
            throw new IllegalStateException("unknown cue group '" + n + "'");
        }
        return list("g:" + n, named.get(n));
    }

    /** The scanner group of a lexicon group; an empty group when the language's lexicon does not define it. */
    int lexicon(LexiconGroup group) {
        return named.containsKey(group.fileName()) ? ref(group.fileName()) : builder.group("g:" + group.fileName());
    }

    /** The words of a lexicon group as written (for groups that are not scanned, such as place fillers). */
    List<String> words(LexiconGroup group, List<String> otherwise) {
        return named.getOrDefault(group.fileName(), otherwise);
    }

    /** A new scanner group holding {@code cues} (with {@code @name} entries expanded). */
    int list(String groupName, List<String> cues) {
        int g = builder.group(groupName);
        addAll(groupName, cues, new HashSet<>());
        return g;
    }

    /** The group of {@code cues}, or an empty group when there are none. */
    int listOrEmpty(String groupName, List<String> cues) {
        return cues == null ? builder.group(groupName) : list(groupName, cues);
    }

    private void addAll(String groupName, List<String> cues, Set<String> seen) {
        for (String cue : cues) {
            if (cue.startsWith("@")) {
                String n = cue.substring(1);
                if (!named.containsKey(n)) {
                    throw new IllegalStateException("unknown cue group '" + n + "' in " + groupName);
                }
                if (seen.add(n)) {
                    addAll(groupName, named.get(n), seen);
                }
            } else {
                builder.add(groupName, cue);
            }
        }
    }
}
