package io.xborder.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ClassifyResourceTest} against the packaged jar. */
@QuarkusIntegrationTest
class ClassifyResourceIT extends ClassifyResourceTest {
}
