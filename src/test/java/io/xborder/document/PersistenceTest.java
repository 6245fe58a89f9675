package io.xborder.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.xborder.classify.Category;
import io.xborder.classify.Language;
import io.xborder.classify.Modality;
import io.xborder.finding.FindingCursor;
import io.xborder.finding.FindingFilter;
import io.xborder.finding.FindingPage;
import io.xborder.finding.FindingQuery;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The persistence layer against a real PostgreSQL: the embedded one here, and the server of {@code TEST_DB_URL} in
 * {@link ExternalPersistenceTest}.
 */
@QuarkusTest
class PersistenceTest {

    @Inject
    DocumentService documents;

    @Inject
    FindingQuery findings;

    @Inject
    EntityManager em;

    static DocumentInput input(String text) {
        return new DocumentInput("Persistence " + UUID.randomUUID(), text, "https://example.com/p", Language.EN, null,
                LocalDate.of(2024, 5, 1));
    }

    static String text() {
        return "Since 2021, Tesla has stored all Chinese vehicle data in Shanghai and does not send any data to the "
                + "United States. Ref " + UUID.randomUUID() + ".";
    }

    @Test
    void migrationsRanAndTheSchemaValidates() {
        List<?> versions = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select version from flyway_schema_history where success order by installed_rank")
                .getResultList());
        assertThat(versions).isNotEmpty().map(String::valueOf).contains("1");
    }

    @Test
    void storesArraysAndEvidenceAndReadsThemBack() {
        DocumentService.Ingested ingested = documents.ingest(input(text()));
        assertThat(ingested.created()).isTrue();
        long id = ingested.document().id();
        DocumentView view = documents.get(id).orElseThrow();
        DocumentView.PassageFinding f = view.passages().get(0).findings().stream()
                .filter(x -> x.category().equals("DATA_LOCALIZATION")).findFirst().orElseThrow();
        assertThat(f.jurisdictions()).contains("CN");
        assertThat(f.dataCategories()).contains("VEHICLE_DATA");
        assertThat(f.evidence()).isNotEmpty();
        for (StoredFinding.EvidenceSpan e : f.evidence()) {
            assertThat(view.text().substring(e.start(), e.end())).isEqualTo(e.text());
        }
        FindingPage page = findings
                .find(new FindingFilter(null, "US", null, null, null, null, null, id, null, null, null,
                        null), 0, 10, null);
        assertThat(page.total()).isGreaterThanOrEqualTo(1);
        assertThat(page.items()).allSatisfy(v -> assertThat(v.jurisdictions()).contains("US"));
    }

    @Test
    void theSameTextIsStoredOnceEvenWhenPostedConcurrently() throws Exception {
        String text = text();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<DocumentService.Ingested> task = () -> documents.ingest(input(text));
            List<Future<DocumentService.Ingested>> results = pool.invokeAll(List.of(task, task, task, task));
            long created = 0;
            Long id = null;
            for (Future<DocumentService.Ingested> r : results) {
                DocumentService.Ingested ingested = r.get();
                created += ingested.created() ? 1 : 0;
                assertThat(id == null || id == ingested.document().id()).isTrue();
                id = ingested.document().id();
            }
            assertThat(created).isEqualTo(1);
            long rows = QuarkusTransaction.requiringNew().call(() -> Document.count("contentHash",
                    DocumentService.contentHash(text)));
            assertThat(rows).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void storesCategoryModalityAndReviewStatusAsTheirTaxonomyNames() {
        long id = documents.ingest(input(text())).document().id();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select category, modality, review_status from findings where document_id = ?1 and category = 'DATA_LOCALIZATION'")
                .setParameter(1, id).getResultList());
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0)).containsExactly("DATA_LOCALIZATION", "REPORT", "UNREVIEWED");
        StoredFinding f = QuarkusTransaction.requiringNew()
                .call(() -> StoredFinding.<StoredFinding>find("document.id = ?1 and attributes.category = ?2", id,
                        Category.DATA_LOCALIZATION).firstResult());
        assertThat(f.attributes.modality).isEqualTo(Modality.REPORT);
        assertThat(f.reviewStatus).isEqualTo(ReviewStatus.UNREVIEWED);
    }

    @Test
    void deletingADocumentCascadesToPassagesAndFindings() {
        long id = documents.ingest(input(text())).document().id();
        assertThat(documents.delete(id)).isTrue();
        long passages = QuarkusTransaction.requiringNew().call(() -> Passage.count("document.id", id));
        long stored = QuarkusTransaction.requiringNew().call(() -> StoredFinding.count("document.id", id));
        assertThat(passages).isZero();
        assertThat(stored).isZero();
        assertThat(documents.get(id)).isEmpty();
    }

    @Test
    void cursorPagingMatchesOffsetPaging() {
        for (int i = 0; i < 3; i++) {
            documents.ingest(input(text()));
        }
        FindingPage first = findings.find(FindingFilter.none(), 0, 2, null);
        FindingPage second = findings.find(FindingFilter.none(), 1, 2, null);
        FindingPage byCursor = findings.find(FindingFilter.none(), 0, 2,
                FindingCursor.decode(first.nextCursor()).orElseThrow());
        assertThat(byCursor.items()).extracting(v -> v.id())
                .isEqualTo(second.items().stream().map(v -> v.id()).toList());
        assertThat(byCursor.page()).isNull();
    }
}
