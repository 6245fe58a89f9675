package io.xborder.ingest.extract;

import io.xborder.ingest.extract.ExtractionException.Reason;
import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.AccessPermissionException;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * PDF and office documents through Tika's {@link AutoDetectParser}. The parser is shared (Tika parsers are
 * stateless); everything per-document lives in the handler, metadata and context of one call.
 *
 * <p>AutoDetectParser wraps the handler in a {@code SecureContentHandler} (zip-bomb guard: over 1M characters out
 * at more than 100 characters per input byte, or XML nested 100 deep, fails the parse). Embedded documents
 * (attachments, OLE objects) are skipped: the text of the document itself is what gets classified.
 */
final class TikaDocuments {

    private static final EmbeddedDocumentExtractor SKIP_EMBEDDED = new EmbeddedDocumentExtractor() {

        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return false;
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {
            // never called: shouldParseEmbedded is false
        }
    };

    private final AutoDetectParser parser;

    TikaDocuments(TikaConfig config) {
        this.parser = new AutoDetectParser(config);
    }

    ExtractedText extract(byte[] content, MediaType type, ExtractionLimits limits) throws ExtractionException {
        ParagraphHandler paragraphs = new ParagraphHandler(limits.maxChars(), limits.maxPages());
        Metadata metadata = new Metadata();
        // The sniffed type decides the parser: no second detection that could disagree with ours.
        metadata.set(TikaCoreProperties.CONTENT_TYPE_USER_OVERRIDE, type.toString());
        ParseContext context = new ParseContext();
        context.set(PDFParserConfig.class, pdfConfig());
        context.set(EmbeddedDocumentExtractor.class, SKIP_EMBEDDED);
        try (TikaInputStream in = TikaInputStream.get(content)) {
            parser.parse(in, new BodyContentHandler(paragraphs), metadata, context);
        } catch (EncryptedDocumentException | AccessPermissionException e) {
            throw new ExtractionException(Reason.ENCRYPTED, "the " + label(type) + " is password-protected", e);
        } catch (IOException | SAXException | TikaException | RuntimeException e) {
            throw classify(e, type);
        }
        Integer pages = metadata.getInt(PagedText.N_PAGES);
        if (pages == null && paragraphs.pages() > 0) {
            pages = paragraphs.pages();
        }
        String title = Whitespace.squeeze(metadata.get(TikaCoreProperties.TITLE));
        return new ExtractedText(paragraphs.text(), title.isEmpty() ? null : title, type.toString(), null, pages);
    }

    /*
     * Parsers wrap what our handler or the zip-bomb guard threw, so look through the causes. Anything else from a
     * parser on these bytes (POI and PDFBox throw runtime exceptions on malformed input too) means corrupt input.
     */
    private static ExtractionException classify(Exception e, MediaType type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ParagraphHandler.LimitExceeded) {
                return new ExtractionException(Reason.TOO_LARGE, "the " + label(type) + " has " + t.getMessage(), e);
            }
            if (t instanceof EncryptedDocumentException || t instanceof AccessPermissionException) {
                return new ExtractionException(Reason.ENCRYPTED, "the " + label(type) + " is password-protected", e);
            }
            String message = t.getMessage();
            if (message != null && (message.startsWith("Suspected zip bomb") || message.startsWith("Zip bomb"))) {
                return new ExtractionException(Reason.TOO_LARGE,
                        "the " + label(type) + " expands too much (suspected zip bomb): " + message, e);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new ExtractionException(Reason.CORRUPT, "the " + label(type) + " cannot be read: " + detail, e);
    }

    /** Fresh per parse: PDFParserConfig is mutable. */
    private static PDFParserConfig pdfConfig() {
        PDFParserConfig config = new PDFParserConfig();
        config.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        config.setExtractInlineImages(false);
        config.setExtractAnnotationText(false);
        config.setExtractBookmarksText(false); // bookmarks repeat the headings after the body
        config.setExtractActions(false);
        config.setSuppressDuplicateOverlappingText(true); // fake-bold text drawn twice
        config.setSortByPosition(false);
        config.setCatchIntermediateIOExceptions(true);
        return config;
    }

    static String label(MediaType type) {
        return switch (type.getBaseType().toString()) {
            case "application/pdf" -> "PDF";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> "DOCX document";
            case "application/msword" -> "DOC document";
            case "application/rtf" -> "RTF document";
            case "application/vnd.oasis.opendocument.text" -> "ODT document";
            default -> type.getBaseType() + " document";
        };
    }
}
