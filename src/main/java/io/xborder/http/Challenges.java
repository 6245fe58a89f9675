package io.xborder.http;

/** What a 401 tells the client: the two ways to authenticate. */
public final class Challenges {

    /** {@code WWW-Authenticate}: a bearer token, or an API key in the X-API-Key header. */
    public static final String HEADER_VALUE = "Bearer realm=\"xborder\", ApiKey realm=\"xborder\", header=\"X-API-Key\"";

    private Challenges() {
    }
}
