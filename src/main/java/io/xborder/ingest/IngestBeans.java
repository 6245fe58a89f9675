package io.xborder.ingest;

import io.xborder.http.LimitsConfig;
import io.xborder.ingest.extract.ExtractionLimits;
import io.xborder.ingest.extract.TextExtractor;
import io.xborder.ingest.fetch.FetchSettings;
import io.xborder.ingest.fetch.SsrfGuard;
import io.xborder.ingest.fetch.UrlFetcher;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** The framework-free extractor and fetcher as beans, configured from {@link IngestConfig} and {@link LimitsConfig}. */
public class IngestBeans {

    @Produces
    @Singleton
    TextExtractor extractor(IngestConfig.Files files, LimitsConfig limits) {
        return new TextExtractor(new ExtractionLimits(files.maxFileSize().asLongValue(), limits.maxTextChars(),
                files.maxPages(),
                files.extractTimeout()),
                files.extractThreads().orElse(Math.max(2, Runtime.getRuntime().availableProcessors())),
                files.extractQueue().orElse(-1));
    }

    void closeExtractor(@Disposes TextExtractor extractor) {
        extractor.close();
    }

    @Produces
    @Singleton
    UrlFetcher fetcher(IngestConfig.Fetch fetch, IngestConfig.Files files) {
        SsrfGuard guard = new SsrfGuard(fetch.allow().orElse(List.of()));
        return new UrlFetcher(new FetchSettings(fetch.connectTimeout(), fetch.readTimeout(),
                files.maxFileSize().asLongValue(), fetch.maxRedirects(), fetch.userAgent()), guard);
    }

    void closeFetcher(@Disposes UrlFetcher fetcher) {
        fetcher.close();
    }
}
