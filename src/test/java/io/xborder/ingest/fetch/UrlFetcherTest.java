package io.xborder.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xborder.testing.LocalHttpServer;
import io.xborder.testing.LocalHttpServer.Answer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fetcher against DNS rebinding: each hop's host is resolved once, by the SSRF guard, and the request goes to the
 * address the guard approved, with the name in the Host header; a name that resolves to a private address is refused
 * and nothing is requested. The names here are known only to the guard's own table (the system resolver does not know
 * them), so a fetch that succeeds did not look the name up again. Plain Java, a server on 127.0.0.1; no Quarkus.
 */
class UrlFetcherTest {

    static final FetchSettings SETTINGS = new FetchSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024,
            3, "xborder-test");

    LocalHttpServer server;
    AtomicInteger lookups = new AtomicInteger();

    @BeforeEach
    void start() {
        server = new LocalHttpServer();
        server.serve("/page.txt", Answer.ok("text/plain; charset=utf-8", "the page"))
                .serve("/chunked.txt", Answer.ok("text/plain", "sent in chunks").withoutLength())
                .serve("/hop", Answer.redirect("http://other.rebind.test:" + server.port() + "/page.txt"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** pages.rebind.test and other.rebind.test at 127.0.0.1, private.rebind.test at 10.0.0.7; counted. */
    SsrfGuard.Resolver table() {
        return host -> {
            lookups.incrementAndGet();
            return switch (host) {
                case "pages.rebind.test", "other.rebind.test" -> new InetAddress[] {
                        InetAddress.getByName("127.0.0.1") };
                case "private.rebind.test" -> new InetAddress[] { InetAddress.getByName("10.0.0.7") };
                default -> throw new UnknownHostException(host);
            };
        };
    }

    UrlFetcher fetcher(List<String> allow, SsrfGuard.Resolver resolver) {
        return new UrlFetcher(SETTINGS, new SsrfGuard(allow, resolver));
    }

    @Test
    void aHostIsResolvedOnceAndFetchedAtTheApprovedAddressWithItsNameInTheHostHeader() throws Exception {
        try (UrlFetcher fetcher = fetcher(List.of("127.0.0.1/32"), table())) {
            URI url = URI.create("http://pages.rebind.test:" + server.port() + "/page.txt");
            FetchedResource page = fetcher.fetch(url);
            assertThat(new String(page.body(), StandardCharsets.UTF_8)).isEqualTo("the page");
            assertThat(page.contentType()).isEqualTo("text/plain; charset=utf-8");
            assertThat(page.fileName()).isEqualTo("page.txt");
        }
        assertThat(lookups).as("lookups of the name for one fetch").hasValue(1);
        assertThat(server.host("/page.txt")).isEqualTo("pages.rebind.test:" + server.port());
    }

    @Test
    void eachRedirectTargetIsResolvedOnceByTheGuard() throws Exception {
        try (UrlFetcher fetcher = fetcher(List.of("127.0.0.1/32"), table())) {
            FetchedResource page = fetcher.fetch(URI.create("http://pages.rebind.test:" + server.port() + "/hop"));
            assertThat(page.url().getHost()).isEqualTo("other.rebind.test");
            assertThat(new String(page.body(), StandardCharsets.UTF_8)).isEqualTo("the page");
        }
        assertThat(lookups).as("one lookup per hop").hasValue(2);
        assertThat(server.host("/page.txt")).isEqualTo("other.rebind.test:" + server.port());
    }

    @Test
    void aChunkedBodyIsDecoded() throws Exception {
        try (UrlFetcher fetcher = fetcher(List.of("127.0.0.1/32"), table())) {
            FetchedResource page = fetcher
                    .fetch(URI.create("http://pages.rebind.test:" + server.port() + "/chunked.txt"));
            assertThat(new String(page.body(), StandardCharsets.UTF_8)).isEqualTo("sent in chunks");
        }
    }

    @Test
    void aNameResolvingToAPrivateAddressIsRefusedAndNothingIsRequested() {
        try (UrlFetcher fetcher = fetcher(List.of("127.0.0.1/32"), table())) {
            assertThatThrownBy(() -> fetcher.fetch(URI.create("http://private.rebind.test:" + server.port()
                    + "/page.txt"))).isInstanceOf(FetchRefusedException.class).hasMessageContaining("10.0.0.7")
                    .hasMessageContaining("a private address");
        }
        assertThat(lookups).hasValue(1);
        assertThat(server.hits("/page.txt")).isZero();
    }

    @Test
    void aNameThatRebindsToAPrivateAddressBetweenFetchesIsRefusedAtTheSecond() throws Exception {
        // first answer: the allow-listed server; every later answer: a loopback address that is not allow-listed
        SsrfGuard.Resolver rebinding = host -> InetAddress.getAllByName(lookups.incrementAndGet() == 1
                ? "127.0.0.1"
                : "127.0.0.2");
        try (UrlFetcher fetcher = fetcher(List.of("127.0.0.1/32"), rebinding)) {
            URI url = URI.create("http://rebind.test:" + server.port() + "/page.txt");
            assertThat(fetcher.fetch(url).body()).isNotEmpty();
            assertThat(lookups).hasValue(1);
            assertThatThrownBy(() -> fetcher.fetch(url)).isInstanceOf(FetchRefusedException.class)
                    .hasMessageContaining("127.0.0.2").hasMessageContaining("a loopback address");
            assertThat(lookups).hasValue(2);
        }
        assertThat(server.hits("/page.txt")).isEqualTo(1);
    }
}
