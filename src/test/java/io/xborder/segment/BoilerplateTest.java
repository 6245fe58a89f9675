package io.xborder.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoilerplateTest {

    private static final Boilerplate DEFAULTS = Boilerplate.fromClasspath();

    @ParameterizedTest
    @ValueSource(strings = {
            "Story continues below", "  SOURCE LINK ", "Advertisement", "Related: Read more on tech regulation",
            "Read more: EU fines Meta", "Share this article", "Subscribe to our newsletter", "Click here to read more",
            "Sign up for our daily briefing", "© 2024 Example Media Ltd", "Example Media ©2024",
            "Copyright 2023 Example Media",
            "All rights reserved.", "Example Media. All rights reserved.", "Follow us on LinkedIn",
            "广告", "点击查看更多", "责任编辑：张明", "责任编辑: 李四", "（本文来源：综合报道）", "本文来源：新华网", "来源：新华社",
            "扫一扫，分享到微信", "分享到：", "返回顶部", "【纠错】", "（编辑：王芳）", "【责任编辑：王芳】" })
    void recognisesBoilerplateLines(String line) {
        assertThat(DEFAULTS.isBoilerplate(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Meta was fined 1.2 billion euros.", "Readers who subscribe to the service get more data.",
            "The advertisement market grew.", "(c) the transfer is necessary for important reasons of public interest.",
            "Copyright law protects software.", "Related parties may not transfer data abroad.",
            "个人信息处理者应当在境内存储。", "广告收入同比增长。", "数据来源于公开报道，经核实后发布，相关部门表示将继续调查此事并依法处理有关责任人员的违法行为。",
            "", "   " })
    void keepsRealSentences(String line) {
        assertThat(DEFAULTS.isBoilerplate(line)).isFalse();
    }

    @Test
    void neverTreatsLongLinesAsBoilerplate() {
        String longLine = "Advertisement " + "x".repeat(Boilerplate.MAX_LINE_LENGTH);
        assertThat(new Boilerplate(List.of(), List.of("advertisement.*")).isBoilerplate(longLine)).isFalse();
    }

    @Test
    void matchesExactLinesIgnoringCaseAndWhitespaceRuns() {
        Boilerplate b = new Boilerplate(List.of("Story continues below"), List.of());
        assertThat(b.isBoilerplate("story   CONTINUES\u00A0below")).isTrue();
        assertThat(b.isBoilerplate("story continues below the fold")).isFalse();
    }

    @Test
    void matchesPhrasesAnywhereInAShortLine() {
        Boilerplate b = new Boilerplate(List.of(), List.of("All rights reserved"), List.of());
        assertThat(b.isBoilerplate("Example Media Group. ALL RIGHTS RESERVED.")).isTrue();
        assertThat(b.isBoilerplate("Example Media Group.")).isFalse();
    }

    @Test
    void normalisesLikeCollapsingSpacesThenStringLowerCase() {
        // normalise lower-cases char by char where that is what String.toLowerCase does; every BMP char, alone and
        // after a capital letter, at a word end and before a word (final sigma, dotted I, surrogate halves)
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String ch = String.valueOf((char) c);
            for (String line : List.of(ch, "A" + ch, "AB" + ch + " x", " x  " + ch + "Y  ")) {
                assertThat(Boilerplate.normalise(line)).as("U+%04X in '%s'", c, line)
                        .isEqualTo(collapseThenLower(line));
            }
        }
        assertThat(Boilerplate.normalise("ΟΔΟΣ \uD801\uDC00 İstanbul"))
                .isEqualTo(collapseThenLower("ΟΔΟΣ \uD801\uDC00 İstanbul"));
    }

    /** The definition: trim, collapse whitespace runs to one space, then String.toLowerCase. */
    private static String collapseThenLower(String line) {
        StringBuilder out = new StringBuilder();
        boolean pendingSpace = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (CharClasses.isSpace(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    @Test
    void rejectsInvalidPatterns() {
        assertThatThrownBy(() -> new Boilerplate(List.of(), List.of("(unclosed")))
                .isInstanceOf(RuntimeException.class);
    }
}
