package io.xborder.document;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link CorpusDocumentsTest} against the packaged jar. */
@QuarkusIntegrationTest
class CorpusDocumentsIT extends CorpusDocumentsTest {
}
