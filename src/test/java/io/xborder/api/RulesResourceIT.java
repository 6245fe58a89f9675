package io.xborder.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RulesResourceTest} against the packaged jar. */
@QuarkusIntegrationTest
class RulesResourceIT extends RulesResourceTest {
}
