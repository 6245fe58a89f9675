package io.xborder.segment;

import com.ibm.icu.text.BreakIterator;
import io.xborder.classify.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Splits a news or law text (English, simplified Chinese, or both) into passages: sentences, except that an
 * article heading joins the sentence after it and a legal item list stays one passage.
 *
 * <p>Steps, each linear in the text:
 * <ol>
 *   <li>Lines: every line break is a boundary, except between the lines of an item list (a line ending with
 *       ：/:/；/; followed by a line starting with an item marker) and after a heading that stands alone on its
 *       line. Whole lines that are {@link Boilerplate} are dropped.</li>
 *   <li>Sentences: ICU4J's sentence rules with abbreviation suppressions (see {@code Abbreviations}); Chinese
 *       sentences end at 。！？ (with any closing quotes); ；/; never ends a passage.</li>
 *   <li>Clean-up: scraping leftovers ("… overseas. ing.") are dropped; passages over
 *       {@value #MAX_PASSAGE_LENGTH} characters are cut at a clause or word boundary.</li>
 * </ol>
 *
 * <p>Instances are immutable and safe to share between threads (each thread gets its own ICU iterator).
 */
public final class Segmenter {

    /** Passages longer than this many UTF-16 units are cut at a safe boundary. */
    public static final int MAX_PASSAGE_LENGTH = 5000;

    /** How far back from the length limit a cut looks for a clause or word boundary. */
    private static final int CUT_WINDOW = 1000;

    /** Longest line that can be a link title under a "Related articles" header. */
    private static final int MAX_LINK_TITLE = 120;

    /** A lower-case scraping leftover ("ing.") has at most this many letters. */
    private static final int MAX_ORPHAN_LETTERS = 12;

    private final Boilerplate boilerplate;
    private final ThreadLocal<BreakIterator> sentenceIterator = ThreadLocal
            .withInitial(Abbreviations::newSentenceIterator);

    /** @param boilerplate the lines to drop */
    public Segmenter(Boilerplate boilerplate) {
        this.boilerplate = Objects.requireNonNull(boilerplate, "boilerplate");
    }

    /** For {@link #segment(String, Language, Predicate)}: no lines to drop beyond the boilerplate data. */
    public static final Predicate<String> NO_MORE_BOILERPLATE = line -> false;

    /** A segmenter with the boilerplate data from the classpath ({@code segment/boilerplate.yaml}); shared. */
    public static Segmenter withDefaults() {
        return DefaultHolder.INSTANCE;
    }

    private static final class DefaultHolder {

        static final Segmenter INSTANCE = new Segmenter(Boilerplate.fromClasspath());
    }

    /**
     * Passages in order; offsets are UTF-16 indices into text, end exclusive, trimmed of whitespace;
     * {@code text.substring(start, end).equals(segment.text())}.
     *
     * @param text the text to split
     * @param languageHint the language of every passage, or null to detect it per passage
     */
    public List<Segment> segment(String text, Language languageHint) {
        return segment(text, languageHint, NO_MORE_BOILERPLATE);
    }

    /**
     * As {@link #segment(String, Language)}, also dropping the whole lines that {@code alsoBoilerplate} accepts
     * (e.g. lines that repeat across many documents of the same source).
     */
    public List<Segment> segment(String text, Language languageHint, Predicate<String> alsoBoilerplate) {
        Objects.requireNonNull(text, "text");
        Run run = new Run(text, languageHint, sentenceIterator.get(), alsoBoilerplate);
        run.lines();
        return run.out;
    }

    /** The state of one call. */
    private final class Run {

        final String text;
        final Language languageHint;
        final BreakIterator sentences;
        final Predicate<String> alsoBoilerplate;
        final List<Segment> out = new ArrayList<>();

        // the current block of lines that sentence splitting sees as one unit
        int blockStart = -1;
        int blockEnd = -1;
        boolean blockIsHeading;
        int lastLineStart;
        int lastLineEnd;
        /** Under a "Related articles" header: short unpunctuated lines, blank lines between them or not, are link titles. */
        boolean inLinkList;

        Run(String text, Language languageHint, BreakIterator sentences, Predicate<String> alsoBoilerplate) {
            this.text = text;
            this.languageHint = languageHint;
            this.sentences = sentences;
            this.alsoBoilerplate = alsoBoilerplate;
        }

        void lines() {
            int n = text.length();
            int i = 0;
            while (i < n) {
                int lineStart = i;
                while (i < n && !CharClasses.isLineBreak(text.charAt(i))) {
                    i++;
                }
                int lineEnd = i;
                if (i < n) {
                    i += (text.charAt(i) == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
                }
                int s = skipSpaceForward(lineStart, lineEnd);
                int e = skipSpaceBackward(s, lineEnd);
                if (s < e) {
                    line(s, e); // a blank line does not end a list of links: extracted pages separate its items
                }
            }
            flushBlock();
        }

        private void line(int s, int e) {
            String furniture = e - s <= 4 * Boilerplate.MAX_LINE_LENGTH ? furniture(s, e) : null;
            if (furniture != null) {
                flushBlock();
                inLinkList = boilerplate.opensList(furniture);
                return;
            }
            if (inLinkList && isLinkTitle(s, e)) {
                return;
            }
            inLinkList = false;
            if (blockStart >= 0
                    && (blockIsHeading || LegalStructure.continuesList(text, lastLineStart, lastLineEnd, s, e))) {
                blockEnd = e;
                blockIsHeading = blockIsHeading && LegalStructure.joinsNext(text, s, e);
            } else {
                flushBlock();
                blockStart = s;
                blockEnd = e;
                blockIsHeading = LegalStructure.joinsNext(text, s, e);
            }
            lastLineStart = s;
            lastLineEnd = e;
        }

        /** The line's class of furniture, or null when it is text. */
        private String furniture(int s, int e) {
            String c = boilerplate.classOf(text, s, e);
            if (c == null && alsoBoilerplate != NO_MORE_BOILERPLATE && alsoBoilerplate.test(text.substring(s, e))) {
                c = "repeated";
            }
            return c;
        }

        /** A short line without sentence punctuation at its end: the title of a link in a list. */
        private boolean isLinkTitle(int s, int e) {
            if (e - s > MAX_LINK_TITLE) {
                return false;
            }
            char last = text.charAt(e - 1);
            return ".!?。！？;；:：".indexOf(last) < 0;
        }

        private void flushBlock() {
            if (blockStart >= 0) {
                sentences(blockStart, blockEnd);
                blockStart = -1;
            }
        }

        /** Splits one block into sentences and joins or drops the parts the rules say. */
        private void sentences(int blockStart, int blockEnd) {
            sentences.setText(text.substring(blockStart, blockEnd));
            int curStart = -1;
            int curEnd = -1;
            int from = sentences.first();
            for (int to = sentences.next(); to != BreakIterator.DONE; from = to, to = sentences.next()) {
                int s = skipSpaceForward(blockStart + from, blockStart + to);
                int e = skipSpaceBackward(s, blockStart + to);
                if (s >= e) {
                    continue;
                }
                if (curStart < 0) {
                    if (!isOrphan(s, e, false)) {
                        curStart = s;
                        curEnd = e;
                    }
                    continue;
                }
                if (isOrphan(s, e, true)) {
                    continue;
                }
                if (joins(curStart, curEnd, s)) {
                    curEnd = e;
                } else {
                    emit(curStart, curEnd);
                    curStart = s;
                    curEnd = e;
                }
            }
            if (curStart >= 0) {
                emit(curStart, curEnd);
            }
        }

        /** Whether the part starting at {@code next} belongs to the sentence {@code [start, end)}. */
        private boolean joins(int start, int end, int next) {
            for (int i = end; i < next; i++) {
                if (CharClasses.isLineBreak(text.charAt(i))) {
                    return true; // blocks only hold line breaks inside item lists and after headings
                }
            }
            return LegalStructure.joinsNext(text, start, end) || Abbreviations.continues(text, start, end, next);
        }

        /**
         * A scraping leftover rather than a sentence: no letters or digits at all; one letter or digit glued after
         * a sentence; or a single short lower-case word ending with a full stop ("ing.").
         */
        private boolean isOrphan(int s, int e, boolean glued) {
            int content = 0;
            for (int i = s; i < e && content < 2; i++) {
                if (CharClasses.isContent(text.charAt(i))) {
                    content++;
                }
            }
            if (content == 0 || (glued && content < 2)) {
                return true;
            }
            int wordEnd = e;
            while (wordEnd > s && isTerminatorOrCloser(text.charAt(wordEnd - 1))) {
                wordEnd--;
            }
            return wordEnd < e && isLowerWord(s, wordEnd);
        }

        private boolean isLowerWord(int s, int e) {
            if (e - s > MAX_ORPHAN_LETTERS || e <= s) {
                return false;
            }
            for (int i = s; i < e; i++) {
                if (!CharClasses.isAsciiLower(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        /** Adds {@code [s, e)} as passages: without a trailing leftover, cut when too long. */
        private void emit(int s, int e) {
            e = withoutTrailingFragment(s, e);
            while (e - s > MAX_PASSAGE_LENGTH) {
                int cut = safeCut(s, s + MAX_PASSAGE_LENGTH);
                int pieceEnd = skipSpaceBackward(s, cut);
                if (pieceEnd > s) {
                    add(s, pieceEnd);
                }
                s = skipSpaceForward(cut, e);
            }
            if (s < e) {
                add(s, e);
            }
        }

        private void add(int s, int e) {
            Language language = languageHint != null ? languageHint : LanguageDetector.detect(text, s, e);
            out.add(new Segment(s, e, text.substring(s, e), language));
        }

        /**
         * Drops a scraping leftover glued to the end of a sentence, as in "… collected in China overseas. ing.": a
         * last token after a sentence end (not an abbreviation's full stop) that is a short lower-case word or has
         * fewer than two letters or digits.
         */
        private int withoutTrailingFragment(int s, int e) {
            int tail = e;
            while (tail > s && e - tail <= MAX_ORPHAN_LETTERS + 3 && !CharClasses.isSpace(text.charAt(tail - 1))) {
                tail--;
            }
            if (tail == s || tail == e || !CharClasses.isSpace(text.charAt(tail - 1))) {
                return e; // one long token, or no space before the last token
            }
            if (!isFragment(tail, e)) {
                return e;
            }
            int before = skipSpaceBackward(s, tail);
            int sentenceEnd = before;
            while (sentenceEnd > s && CharClasses.isCloser(text.charAt(sentenceEnd - 1))) {
                sentenceEnd--;
            }
            if (sentenceEnd == s || !CharClasses.isTerminator(text.charAt(sentenceEnd - 1))
                    || Abbreviations.endsWithAbbreviation(text, s, sentenceEnd)) {
                return e;
            }
            return before;
        }

        /** A token that is not a sentence: fewer than two letters or digits, or a short lower-case word. */
        private boolean isFragment(int s, int e) {
            int content = 0;
            for (int i = s; i < e && content < 2; i++) {
                if (CharClasses.isContent(text.charAt(i))) {
                    content++;
                }
            }
            if (content < 2) {
                return true;
            }
            int wordEnd = e;
            while (wordEnd > s && isTerminatorOrCloser(text.charAt(wordEnd - 1))) {
                wordEnd--;
            }
            return isLowerWord(s, wordEnd);
        }

        /** A cut at or before {@code limit}: after a clause punctuation mark, else at a space, else at limit. */
        private int safeCut(int s, int limit) {
            int floor = Math.max(s + 1, limit - CUT_WINDOW);
            int space = -1;
            for (int i = limit; i > floor; i--) {
                char c = text.charAt(i - 1);
                if (c == '；' || c == ';' || c == '，' || c == ',' || c == '、' || c == '：' || c == ':') {
                    return i;
                }
                if (space < 0 && CharClasses.isSpace(c)) {
                    space = i;
                }
            }
            if (space > 0) {
                return space;
            }
            return Character.isLowSurrogate(text.charAt(limit)) ? limit - 1 : limit;
        }

        private int skipSpaceForward(int i, int end) {
            while (i < end && CharClasses.isSpace(text.charAt(i))) {
                i++;
            }
            return i;
        }

        private int skipSpaceBackward(int start, int i) {
            while (i > start && CharClasses.isSpace(text.charAt(i - 1))) {
                i--;
            }
            return i;
        }
    }

    private static boolean isTerminatorOrCloser(char c) {
        return CharClasses.isTerminator(c) || CharClasses.isCloser(c);
    }
}
