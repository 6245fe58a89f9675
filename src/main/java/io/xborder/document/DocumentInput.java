package io.xborder.document;

import io.xborder.classify.Language;
import java.time.LocalDate;

/** A checked document to ingest: text normalised, codes validated. */
public record DocumentInput(String title, String text, String sourceUrl, Language language, String jurisdiction,
        LocalDate publishedAt) {
}
