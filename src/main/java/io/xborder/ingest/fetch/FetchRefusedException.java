package io.xborder.ingest.fetch;

/** A URL the fetcher will not request: a scheme other than http(s), or a host in a refused address range. */
public class FetchRefusedException extends FetchException {

    private static final long serialVersionUID = 1L;

    public FetchRefusedException(String message) {
        super(Kind.REFUSED, message, null);
    }
}
