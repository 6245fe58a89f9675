package io.xborder.finding;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link FindingResourceTest} against the packaged jar. */
@QuarkusIntegrationTest
class FindingResourceIT extends FindingResourceTest {
}
