package io.xborder.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ServiceSurfaceTest} against the packaged jar. */
@QuarkusIntegrationTest
class ServiceSurfaceIT extends ServiceSurfaceTest {
}
