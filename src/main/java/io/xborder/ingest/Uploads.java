package io.xborder.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.document.DocumentMetadata;
import io.xborder.document.DocumentService;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The one way files arrive by multipart, for the upload API, file jobs and the console's add page: the request is
 * checked as a whole ({@link UploadMetadata}: at least one file, the metadata, the number of files), each file gets
 * its metadata, and each is read unless it is over the per-file limit, the one place that limit is checked. Ingested
 * at once ({@link #ingest}) such a file is a 413; queued in a job it becomes an item that fails with TOO_LARGE.
 */
@ApplicationScoped
public class Uploads {

    private final IngestionService ingestion;
    private final IngestConfig.Files limits;
    private final ObjectMapper json;

    public Uploads(IngestionService ingestion, IngestConfig.Files limits, ObjectMapper json) {
        this.ingestion = ingestion;
        this.limits = limits;
        this.json = json;
    }

    /**
     * The files of an upload, in order (400 for a request without files or with bad metadata, 413 for too many).
     *
     * @param form the metadata sent as form fields; title and sourceUrl only with a single file
     * @param metadataJson the {@code metadata} part (JSON keyed by file name), may be null
     * @param maxFiles the most files this kind of request takes
     */
    public List<IncomingFile> read(List<FileUpload> parts, DocumentMetadata form, String metadataJson, int maxFiles) {
        List<FileUpload> files = parts == null ? List.of() : parts;
        UploadMetadata metadata = UploadMetadata.parse(form, metadataJson,
                files.stream().map(FileUpload::fileName).toList(), maxFiles, json);
        long max = maxFileSize();
        return files.stream().map(f -> new IncomingFile(f.fileName(), f.contentType(), f.size(),
                f.size() > max ? null : bytes(f), metadata.forFile(f.fileName()))).toList();
    }

    /** The most files one upload (not a job) takes. */
    public int maxFiles() {
        return limits.maxFiles();
    }

    /** Ingests one file now: 413 when it is over the per-file limit, else as {@link IngestionService#ingestFile}. */
    public DocumentService.Ingested ingest(IncomingFile file) {
        if (file.overLimit()) {
            throw new IngestFailure(IngestFailure.Kind.TOO_LARGE,
                    (file.fileName() == null ? "the file" : file.fileName()) + " has " + file.size()
                            + " bytes, more than the per-file limit of " + maxFileSize(),
                    null);
        }
        return ingestion.ingestFile(file.content(), file.mediaType(), file.fileName(), file.metadata());
    }

    private long maxFileSize() {
        return limits.maxFileSize().asLongValue();
    }

    private static byte[] bytes(FileUpload file) {
        try {
            return Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
