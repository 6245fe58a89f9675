package io.xborder.ingest;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.xborder.config.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Limits of file ingestion and URL fetching ({@code xborder.ingest.*}, {@code xborder.fetch.*}). */
public interface IngestConfig {

    /** Uploads and extraction. */
    @ConfigMapping(prefix = "xborder.ingest")
    interface Files extends Limits.Bounded {

        @Override
        default void checkBounds(Limits limits) {
            limits.positive("max-files", maxFiles()).positive("max-pages", maxPages())
                    .positive("extract-threads", extractThreads()).positiveOrZero("extract-queue", extractQueue());
        }

        /** Largest single file (upload, fetched body, job file); 413 above ({@code XBORDER_MAX_FILE_SIZE}). */
        @WithDefault("${XBORDER_MAX_FILE_SIZE:10M}")
        MemorySize maxFileSize();

        /** Most files in one multipart request; 413 above ({@code XBORDER_MAX_FILES}). */
        @WithDefault("${XBORDER_MAX_FILES:50}")
        int maxFiles();

        /** Most pages of a PDF. */
        @WithDefault("1000")
        int maxPages();

        /** Wall-clock budget of one extraction. */
        @WithDefault("30s")
        Duration extractTimeout();

        /** Extractions run at once; default: the number of processors, at least 2. */
        Optional<Integer> extractThreads();

        /** Extractions waiting for a thread before more are refused as busy (503, a transient job failure); default 8 per thread. */
        Optional<Integer> extractQueue();
    }

    /** URL fetching. */
    @ConfigMapping(prefix = "xborder.fetch")
    interface Fetch extends Limits.Bounded {

        @Override
        default void checkBounds(Limits limits) {
            limits.positiveOrZero("max-redirects", maxRedirects());
        }

        @WithDefault("5s")
        Duration connectTimeout();

        /** From sending the request to the last byte of the body, per hop. */
        @WithDefault("20s")
        Duration readTimeout();

        @WithDefault("5")
        int maxRedirects();

        @WithDefault("xborder/1.0 (data-localisation monitor)")
        String userAgent();

        /**
         * CIDR blocks, IP addresses or host names ({@code *.example.com}) that may be fetched although they are
         * loopback, private, link-local, … addresses ({@code XBORDER_FETCH_ALLOW}). Empty by default.
         */
        @WithDefault("${XBORDER_FETCH_ALLOW:}")
        Optional<List<String>> allow();
    }
}
