package io.xborder.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Every REST Assured call of a {@code @QuarkusTest} or {@code @QuarkusIntegrationTest} sends the admin API key unless
 * it carries a credential of its own ({@code X-API-Key} or {@code Authorization}) or is marked anonymous with
 * {@link #ANONYMOUS} (the security tests).
 */
public class AuthenticatedByDefault implements QuarkusTestBeforeEachCallback {

    /** Header that makes a request go without the default credential (the filter removes it before sending). */
    public static final String ANONYMOUS = "X-Test-Anonymous";

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(f -> f instanceof DefaultCredential)) {
            RestAssured.filters(new DefaultCredential());
        }
    }

    /** Adds the admin key to requests without a credential. */
    public static final class DefaultCredential implements Filter {

        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext context) {
            if (request.getHeaders().hasHeaderWithName(ANONYMOUS)) {
                request.removeHeader(ANONYMOUS);
            } else if (!request.getHeaders().hasHeaderWithName("X-API-Key")
                    && !request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("X-API-Key", TestCredentials.adminKey());
            }
            return context.next(request, response);
        }
    }
}
