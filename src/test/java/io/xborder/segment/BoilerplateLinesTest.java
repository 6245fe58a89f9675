package io.xborder.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classes of site furniture, line by line from a table (English and Chinese): bylines, datelines, "Last updated"
 * stamps, feedback widgets, share/print/subscribe lines, cookie banners, related-link lists, navigation, copyright
 * and source lines, and look-alike sentences that must stay text.
 */
class BoilerplateLinesTest {

    private static final Boilerplate DEFAULTS = Boilerplate.fromClasspath();

    static List<Arguments> lines() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                BoilerplateLinesTest.class.getResourceAsStream("/segment/boilerplate-lines.tsv"),
                StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cells = line.split("\t", 3);
                out.add(Arguments.of(cells[0], cells[1], cells[2]));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("lines")
    void classifiesTheLine(String language, String expectedClass, String line) {
        String actual = DEFAULTS.classOf(line);
        assertThat(actual == null ? "text" : actual).as(line).isEqualTo(expectedClass);
    }
}
