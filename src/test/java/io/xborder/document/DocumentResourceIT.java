package io.xborder.document;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link DocumentResourceTest} against the packaged jar. */
@QuarkusIntegrationTest
class DocumentResourceIT extends DocumentResourceTest {
}
