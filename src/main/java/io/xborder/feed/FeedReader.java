package io.xborder.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.apache.commons.codec.digest.DigestUtils;

/** Reads RSS 0.9x/1.0/2.0 and Atom with ROME into the few fields ingestion needs. DOCTYPEs are refused (XXE). */
public final class FeedReader {

    /**
     * One item.
     *
     * @param key the GUID (RSS) or id (Atom); else the link; else a hash of title and content
     * @param content the content, else the description (HTML or text), or null
     */
    public record Item(String key, String link, String title, String content, LocalDate publishedAt) {
    }

    /** The feed's title and items, in feed order. */
    public record Parsed(String title, List<Item> items) {
    }

    /** The bytes are not a feed ROME can read. */
    public static class UnreadableFeedException extends Exception {

        private static final long serialVersionUID = 1L;

        UnreadableFeedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Parsed read(byte[] xml) throws UnreadableFeedException {
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            feed = input.build(new XmlReader(new ByteArrayInputStream(xml)));
        } catch (FeedException | IOException | IllegalArgumentException e) {
            throw new UnreadableFeedException("not an RSS or Atom feed: " + e.getMessage(), e);
        }
        List<Item> items = new ArrayList<>();
        for (SyndEntry e : feed.getEntries()) {
            String link = blankToNull(e.getLink());
            String content = content(e);
            String key = blankToNull(e.getUri());
            if (key == null) {
                key = link;
            }
            if (key == null) {
                key = "sha256:" + DigestUtils.sha256Hex(e.getTitle() + "\n" + content);
            }
            Date date = e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate();
            items.add(new Item(key, link, blankToNull(e.getTitle()), content,
                    date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC).toLocalDate()));
        }
        return new Parsed(blankToNull(feed.getTitle()), items);
    }

    private static String content(SyndEntry e) {
        for (SyndContent c : e.getContents()) {
            if (c.getValue() != null && !c.getValue().isBlank()) {
                return c.getValue();
            }
        }
        return e.getDescription() == null ? null : blankToNull(e.getDescription().getValue());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
