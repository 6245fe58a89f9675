package io.xborder.classify.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The classpath cannot be listed inside a jar, so rules/index.yaml must name every rule file. */
class RuleIndexTest {

    private static final Path ROOT = Path.of("src/main/resources/rules");

    @Test
    void indexListsEveryRuleFileAndNothingElse() throws IOException {
        RuleEngine.Index index = new ObjectMapper(new YAMLFactory())
                .readValue(ROOT.resolve("index.yaml").toFile(), RuleEngine.Index.class);
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(ROOT)) {
            onDisk = files.filter(Files::isRegularFile)
                    .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals("index.yaml"))
                    .sorted()
                    .collect(Collectors.toList());
        }
        assertThat(index.files()).as("files in rules/index.yaml").containsExactlyInAnyOrderElementsOf(onDisk);
    }

    @Test
    void everyRuleIdIsUniqueAndNamespacedByLanguage() {
        RuleSet rules = RuleEngine.fromClasspath().ruleSet();
        List<String> ids = rules.languages().values().stream()
                .flatMap(l -> l.categories().stream())
                .flatMap(c -> Stream.concat(c.rules().stream().map(RuleSet.Rule::id),
                        c.suppress() == null ? Stream.empty() : c.suppress().stream().map(RuleSet.Suppression::id)))
                .collect(Collectors.toList());
        assertThat(ids).doesNotHaveDuplicates();
        rules.languages().forEach((lang, lr) -> lr.categories().forEach(c -> c.rules()
                .forEach(r -> assertThat(r.id()).startsWith(lang.code() + "."))));
    }
}
