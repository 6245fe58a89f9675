package io.xborder.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.xborder.ingest.fetch.SsrfGuard;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sender against DNS rebinding: a host name is resolved once, by the SSRF guard, and the request goes to the
 * address the guard approved, with the name in the Host header. Names resolving to a loopback address are refused
 * unless allow-listed. Plain Java, a receiver on 127.0.0.1; no Quarkus.
 */
class WebhookSenderTest {

    static final String SECRET = WebhookSignature.newSecret();
    static final String BODY = "{\"specversion\":\"1.0\",\"id\":\"evt_1\"}";

    WebhookReceiver receiver;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver();
        receiver.secret("/hook", SECRET);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    static WebhookSender sender(SsrfGuard guard) {
        return new WebhookSender(guard, Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024);
    }

    /** A name that no DNS server knows, resolved by the guard's own table to 127.0.0.1 — counted. */
    static SsrfGuard.Resolver table(AtomicInteger lookups) {
        return host -> {
            lookups.incrementAndGet();
            if (host.equals("hooks.rebind.test")) {
                return new InetAddress[] { InetAddress.getByName("127.0.0.1") };
            }
            throw new UnknownHostException(host);
        };
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedWhenNotAllowListedAndNothingIsSent() {
        AtomicInteger lookups = new AtomicInteger();
        try (WebhookSender sender = sender(new SsrfGuard(List.of(), table(lookups)))) {
            DeliveryQueue.Outcome outcome = sender.send("http://hooks.rebind.test:" + receiver.port() + "/hook",
                    SECRET, "evt_1", BODY);
            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.error()).startsWith("refused: ").contains("127.0.0.1").contains("a loopback address");
        }
        assertThat(receiver.received("/hook")).isEmpty();
    }

    @Test
    void anAllowListedNameIsDeliveredToTheAddressTheGuardApprovedWithItsNameInTheHostHeader() {
        // the system resolver does not know hooks.rebind.test: a delivery proves that the sender connected to the
        // guard's answer and did not look the name up again
        AtomicInteger lookups = new AtomicInteger();
        try (WebhookSender sender = sender(new SsrfGuard(List.of("127.0.0.1/32"), table(lookups)))) {
            DeliveryQueue.Outcome outcome = sender.send("http://hooks.rebind.test:" + receiver.port() + "/hook",
                    SECRET, "evt_1", BODY);
            assertThat(outcome.delivered()).as(String.valueOf(outcome.error())).isTrue();
            assertThat(outcome.status()).isEqualTo(200);
            assertThat(outcome.responseExcerpt()).isEqualTo("answered 200");
        }
        assertThat(lookups).as("lookups of the name for one attempt").hasValue(1);
        assertThat(receiver.received("/hook")).singleElement().satisfies(r -> {
            assertThat(r.verified()).isTrue();
            assertThat(r.body()).isEqualTo(BODY);
            assertThat(r.host()).isEqualTo("hooks.rebind.test:" + receiver.port());
            assertThat(r.contentType()).isEqualTo(WebhookSender.CONTENT_TYPE);
        });
    }

    @Test
    void aNameThatRebindsBetweenAttemptsIsCheckedAgainAtEachAndNeverReachedThroughASecondLookup() {
        // first answer: the allow-listed receiver; every later answer: a loopback address that is not allow-listed
        AtomicInteger lookups = new AtomicInteger();
        SsrfGuard.Resolver rebinding = host -> InetAddress.getAllByName(lookups.incrementAndGet() == 1
                ? "127.0.0.1"
                : "127.0.0.2");
        try (WebhookSender sender = sender(new SsrfGuard(List.of("127.0.0.1/32"), rebinding))) {
            String url = "http://rebind.test:" + receiver.port() + "/hook";
            assertThat(sender.send(url, SECRET, "evt_1", BODY).delivered()).isTrue();
            assertThat(lookups).hasValue(1);
            DeliveryQueue.Outcome second = sender.send(url, SECRET, "evt_1", BODY);
            assertThat(second.delivered()).isFalse();
            assertThat(second.error()).startsWith("refused: ").contains("127.0.0.2");
            assertThat(lookups).hasValue(2);
        }
        assertThat(receiver.received("/hook")).hasSize(1);
    }

    @ParameterizedTest(name = "localhost with allow-list [{0}]: delivered {1}")
    @CsvSource({ "'', false", "localhost, true", "127.0.0.1/32, true" })
    void localhostThroughTheSystemResolverIsRefusedUnlessAllowListed(String allow, boolean delivered)
            throws Exception {
        // localhost resolves to loopback addresses only (127.0.0.1, perhaps ::1 too)
        assertThat(InetAddress.getAllByName("localhost")).allMatch(InetAddress::isLoopbackAddress);
        boolean onlyV4 = java.util.Arrays.stream(InetAddress.getAllByName("localhost"))
                .allMatch(a -> a.getAddress().length == 4);
        boolean expected = delivered && (onlyV4 || !allow.startsWith("127."));
        try (WebhookSender sender = sender(new SsrfGuard(allow.isEmpty() ? List.of() : List.of(allow)))) {
            DeliveryQueue.Outcome outcome = sender.send("http://localhost:" + receiver.port() + "/hook", SECRET,
                    "evt_2", BODY);
            assertThat(outcome.delivered()).as(String.valueOf(outcome.error())).isEqualTo(expected);
            if (!expected) {
                assertThat(outcome.error()).startsWith("refused: ").contains("a loopback address");
            }
        }
        assertThat(receiver.received("/hook")).hasSize(expected ? 1 : 0);
    }
}
