package io.xborder.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.xborder.testing.TestCredentials;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap admin key at start: the start stored the tests' key; a configured key is stored as an admin key that the API accepts (under a free
 * name), a revoked one stays revoked, a key stored already is not stored again; without one, an empty key table gets a
 * random admin key and a table with keys gets none.
 */
@QuarkusTest
class BootstrapAdminKeyTest {

    @Inject
    ApiKeys keys;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    UserTransaction transaction;

    private void ensure(Optional<String> configured) {
        QuarkusTransaction.requiringNew().run(() -> new BootstrapAdminKey(keys, configured).ensure());
    }

    private static int status(String key) {
        return given().header("X-API-Key", key).when().get("/api/v1/keys").then().extract().statusCode();
    }

    @Test
    void theStartStoredTheConfiguredKeyAsTheBootstrapAdminKey() {
        ApiKeyView stored = keys.find(TestCredentials.adminKey()).orElseThrow();
        assertThat(stored.name()).isEqualTo(BootstrapAdminKey.NAME);
        assertThat(stored.role()).isEqualTo(Roles.ADMIN);
        assertThat(status(TestCredentials.adminKey())).isEqualTo(200);
    }

    @Test
    void aConfiguredKeyNotStoredYetIsStoredAsAnAdminKeyUnderAFreeNameAndTheApiAcceptsIt() {
        String key = ApiKeys.generate();
        assertThat(status(key)).isEqualTo(401);

        ensure(Optional.of("  " + key + "\n"));

        ApiKeyView stored = keys.find(key).orElseThrow();
        assertThat(stored.role()).isEqualTo(Roles.ADMIN);
        assertThat(stored.revokedAt()).isNull();
        // the tests' own bootstrap key holds the name bootstrap-admin
        assertThat(stored.name()).startsWith(BootstrapAdminKey.NAME + "-");
        assertThat(status(key)).isEqualTo(200);

        int count = keys.list(true).size();
        ensure(Optional.of(key));
        assertThat(keys.list(true)).hasSize(count);
        assertThat(keys.find(key).orElseThrow()).extracting(ApiKeyView::id, ApiKeyView::createdAt)
                .containsExactly(stored.id(), stored.createdAt());
    }

    @Test
    void aConfiguredKeyThatAnAdminRevokedStaysRevoked() {
        String key = ApiKeys.generate();
        ensure(Optional.of(key));
        long id = keys.find(key).orElseThrow().id();
        keys.revoke(id);

        ensure(Optional.of(key));

        assertThat(keys.find(key).orElseThrow().revokedAt()).isNotNull();
        assertThat(keys.list(false).stream().map(ApiKeyView::id)).doesNotContain(id);
        assertThat(status(key)).isEqualTo(401);
    }

    @Test
    void aConfiguredKeyThatIsTooShortOrLacksThePrefixStopsTheStart() {
        assertThatThrownBy(() -> ensure(Optional.of("xb_short"))).hasMessageContaining("XBORDER_BOOTSTRAP_ADMIN_KEY");
        assertThatThrownBy(() -> ensure(Optional.of("ab_" + ApiKeys.generate().substring(3))))
                .hasMessageContaining("must start with xb_");
    }

    @Test
    void withoutAConfiguredKeyAnEmptyKeyTableGetsARandomAdminKeyAndATableWithKeysGetsNone() throws Exception {
        List<ApiKeyView> before = keys.list(true);
        ensure(Optional.empty());
        assertThat(keys.list(true)).isEqualTo(before);

        transaction.begin();
        try {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("delete from api_keys")) {
                ps.executeUpdate();
            }
            assertThat(keys.any()).isFalse();

            new BootstrapAdminKey(keys, Optional.of(" ")).ensure();

            assertThat(keys.any()).isTrue();
            assertThat(keys.list(true)).singleElement().satisfies(k -> {
                assertThat(k.name()).isEqualTo(BootstrapAdminKey.NAME);
                assertThat(k.role()).isEqualTo(Roles.ADMIN);
                assertThat(k.prefix()).startsWith(ApiKeys.PREFIX);
            });
        } finally {
            transaction.rollback(); // the other tests' keys stay
        }
        assertThat(keys.list(true)).isEqualTo(before);
    }
}
