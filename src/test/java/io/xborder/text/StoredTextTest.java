package io.xborder.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What PostgreSQL would not store as sent becomes one form, the same everywhere; clean text is left alone. */
class StoredTextTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain", "plain"),
                Arguments.of("", ""),
                Arguments.of("a\u0000b", "ab"),
                Arguments.of("\u0000\u0000", ""),
                Arguments.of("lone high \uD800 end", "lone high \uFFFD end"),
                Arguments.of("lone low \uDC00", "lone low \uFFFD"),
                Arguments.of("reversed \uDC00\uD800", "reversed \uFFFD\uFFFD"),
                Arguments.of("high at end \uD83D", "high at end \uFFFD"),
                Arguments.of("emoji \uD83D\uDE00 kept", "emoji \uD83D\uDE00 kept"),
                Arguments.of("中文数据出境", "中文数据出境"),
                Arguments.of("mixed \u0000\uD800\uD83D\uDE00", "mixed \uFFFD\uD83D\uDE00"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void cleansNulAndLoneSurrogatesOnly(String input, String stored) {
        assertThat(StoredText.clean(input)).isEqualTo(stored);
        assertThat(StoredText.isClean(stored)).isTrue();
        assertThat(StoredText.clean(stored)).isEqualTo(stored);
        // what is stored survives UTF-8 unchanged: the driver writes it as it is
        assertThat(new String(stored.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(stored);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void keepsTheLengthExceptForRemovedNul(String input, String stored) {
        long nul = input.chars().filter(c -> c == 0).count();
        assertThat(stored).hasSize((int) (input.length() - nul));
    }

    @Test
    void nullStaysNull() {
        assertThat(StoredText.clean(null)).isNull();
    }
}
