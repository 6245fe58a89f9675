package io.xborder.ingest.extract;

import io.xborder.ingest.extract.ExtractionException.Reason;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/**
 * Takes the plain text out of uploaded or fetched documents: plain text, HTML, PDF, DOCX, DOC, RTF and ODT.
 *
 * <p>The type is sniffed from the bytes; the caller's media type and file name only break ties. Text and HTML
 * are decoded by byte-order mark, declared charset and detection (GB18030/GBK and windows-1252 included); HTML is
 * reduced to its main text with jsoup; PDF and office formats go through Tika. Output paragraphs are separated by
 * a blank line and line ends are {@code \n}.
 *
 * <p>Each extraction runs on a small bounded worker pool so that it can be abandoned at the timeout. Parsers that
 * ignore interruption keep their worker until they finish, so the pool also caps how many runaway parses can pile
 * up; when all workers and the queue are busy, callers get {@code TIMEOUT} at once. Instances are thread-safe;
 * create one and share it. Idle workers exit, so an instance that is never closed leaks no threads.
 */
public final class TextExtractor implements AutoCloseable {

    private static final MediaType HTML = MediaType.text("html");
    private static final MediaType XHTML = MediaType.application("xhtml+xml");
    private static final List<MediaType> TIKA_TYPES = List.of(
            MediaType.application("pdf"),
            MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.document"),
            MediaType.application("msword"),
            MediaType.application("rtf"),
            MediaType.application("vnd.oasis.opendocument.text"));
    private static final int QUEUE_PER_WORKER = 8;

    private final ExtractionLimits limits;
    private final TypeSniffer sniffer;
    private final MediaTypeRegistry registry;
    private final TikaDocuments tika;
    private final HtmlMainText html;
    private final ThreadPoolExecutor workers;

    /** Loads Tika's parsers (about a second on first use in a JVM) and the HTML noise list. */
    public TextExtractor(ExtractionLimits limits) {
        this(limits, Math.max(2, Runtime.getRuntime().availableProcessors()), -1);
    }

    /**
     * @param threads extractions run at once
     * @param queue extractions waiting for a thread before more are refused as busy; negative: 8 per thread
     */
    public TextExtractor(ExtractionLimits limits, int threads, int queue) {
        this.limits = Objects.requireNonNull(limits, "limits");
        TikaConfig config = TikaConfig.getDefaultConfig();
        this.sniffer = new TypeSniffer(config);
        this.registry = config.getMediaTypeRegistry();
        this.tika = new TikaDocuments(config);
        this.html = new HtmlMainText(HtmlNoise.fromClasspath());
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        this.workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(Math.max(1, queue < 0 ? threads * QUEUE_PER_WORKER : queue)),
                daemonThreads());
        this.workers.allowCoreThreadTimeOut(true);
    }

    /** An extractor with {@link ExtractionLimits#DEFAULTS}. */
    public static TextExtractor withDefaults() {
        return new TextExtractor(ExtractionLimits.DEFAULTS);
    }

    public ExtractionLimits limits() {
        return limits;
    }

    /**
     * mediaType/fileName are hints (may be null): the type is sniffed from the bytes (Tika detector) and the hint
     * used only to break ties. A {@code charset} parameter of the media type hint is the HTTP charset of HTML and a
     * tie-breaker for text.
     *
     * @throws ExtractionException with {@link Reason#EMPTY}, {@link Reason#UNSUPPORTED_TYPE}, {@link Reason#CORRUPT},
     *     {@link Reason#TOO_LARGE}, {@link Reason#TIMEOUT} or {@link Reason#ENCRYPTED}
     */
    public ExtractedText extract(byte[] content, String mediaTypeHint, String fileNameHint)
            throws ExtractionException {
        if (content == null || content.length == 0) {
            throw new ExtractionException(Reason.EMPTY, "the document is empty");
        }
        if (content.length > limits.maxBytes()) {
            throw new ExtractionException(Reason.TOO_LARGE,
                    "the document has " + content.length + " bytes, more than the limit of " + limits.maxBytes());
        }
        MediaType hint = mediaTypeHint == null ? null : MediaType.parse(mediaTypeHint);
        Future<ExtractedText> future;
        try {
            future = workers.submit(() -> extractNow(content, hint, fileNameHint));
        } catch (RejectedExecutionException e) {
            throw new ExtractionException(Reason.TIMEOUT, "too many extractions in progress; try again later", e);
        }
        try {
            return future.get(limits.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ExtractionException(Reason.TIMEOUT,
                    "extraction took longer than " + limits.timeout().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ExtractionException(Reason.TIMEOUT, "interrupted while waiting for the extraction", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ExtractionException extraction) {
                throw extraction;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private ExtractedText extractNow(byte[] content, MediaType hint, String fileNameHint)
            throws ExtractionException {
        MediaType type = sniffer.sniff(content, hint, fileNameHint);
        String declaredCharset = hint == null ? null : hint.getParameters().get("charset");
        ExtractedText extracted;
        if (isA(type, HTML) || isA(type, XHTML)) {
            extracted = extractHtml(content, type, declaredCharset);
        } else if (isTikaType(type)) {
            extracted = tika.extract(content, type, limits);
        } else if (isA(type, MediaType.TEXT_PLAIN)) {
            extracted = extractText(content, type, declaredCharset);
        } else {
            throw new ExtractionException(Reason.UNSUPPORTED_TYPE, "documents of type " + type + " are not supported");
        }
        if (extracted.text().isBlank()) {
            throw new ExtractionException(Reason.EMPTY, "no text found in the " + TikaDocuments.label(type));
        }
        if (extracted.text().length() > limits.maxChars()) {
            throw new ExtractionException(Reason.TOO_LARGE, "the text has " + extracted.text().length()
                    + " characters, more than the limit of " + limits.maxChars());
        }
        return extracted;
    }

    private ExtractedText extractText(byte[] content, MediaType type, String declaredCharset) {
        TextDecoding.Decision decision = TextDecoding.forText(content, declaredCharset);
        String text = Whitespace.normaliseLineEnds(decision.decode(content));
        return new ExtractedText(text, null, type.toString(), decision.charset().name(), null);
    }

    private ExtractedText extractHtml(byte[] content, MediaType type, String httpCharset) {
        TextDecoding.Decision decision = TextDecoding.forHtml(content, httpCharset);
        HtmlMainText.Page page = html.extract(decision.decode(content));
        String text = String.join("\n\n", page.paragraphs());
        return new ExtractedText(text, page.title(), type.toString(), decision.charset().name(), null);
    }

    private boolean isTikaType(MediaType type) {
        for (MediaType supported : TIKA_TYPES) {
            if (isA(type, supported)) {
                return true;
            }
        }
        return false;
    }

    private boolean isA(MediaType type, MediaType supertype) {
        return registry.isInstanceOf(type, supertype);
    }

    /** Stops the workers; running extractions are interrupted. */
    @Override
    public void close() {
        workers.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, "text-extractor-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
