package io.xborder.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.xborder.alert.DeliveryQueue;
import io.xborder.alert.WebhookSender;
import io.xborder.alert.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook sending and URL fetching over https, against a local TLS server whose self-signed certificate the test makes
 * with the JDK's keytool (for the name hooks.tls.test only). The production code keeps its certificate and name checks:
 * the test trusts its certificate by making a context with it the JVM's default for the test's duration (both read
 * {@link SSLContext#getDefault()} at each connection), and shows that an untrusted certificate and a name the
 * certificate does not carry are refused. Plain Java; no Quarkus.
 */
class HttpsTargetTest {

    static final String PASSWORD = "test-only";
    static final String SECRET = WebhookSignature.newSecret();

    @TempDir
    static Path dir;
    static KeyStore serverKeys;
    static SSLContext trusting;
    static SSLContext systemDefault;

    HttpsServer server;
    final Map<String, String> received = new ConcurrentHashMap<>();

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=hooks.tls.test", "-ext", "SAN=dns:hooks.tls.test", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        serverKeys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            serverKeys.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", serverKeys.getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);
        systemDefault = SSLContext.getDefault();
    }

    @AfterAll
    static void restoreDefault() {
        SSLContext.setDefault(systemDefault);
    }

    @BeforeEach
    void start() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(serverKeys, PASSWORD.toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.createContext("/", exchange -> {
            received.put(exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "Data collected in China shall be stored in China.".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        SSLContext.setDefault(systemDefault);
    }

    /** The guard resolves hooks.tls.test (unknown to DNS) to 127.0.0.1, allow-listed. */
    static SsrfGuard guard() {
        return new SsrfGuard(List.of("127.0.0.1/32"), host -> {
            if (host.equals("hooks.tls.test") || host.equals("127.0.0.1")) {
                return new InetAddress[] { InetAddress.getByName("127.0.0.1") };
            }
            throw new UnknownHostException(host);
        });
    }

    String url(String host, String path) {
        return "https://" + host + ":" + server.getAddress().getPort() + path;
    }

    static WebhookSender sender() {
        return new WebhookSender(guard(), Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024);
    }

    static UrlFetcher fetcher() {
        return new UrlFetcher(new FetchSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024, 3,
                "xborder-test"), guard());
    }

    @Test
    void aWebhookIsDeliveredOverHttpsToAReceiverWhoseCertificateIsTrustedAndNamed() {
        SSLContext.setDefault(trusting);
        try (WebhookSender sender = sender()) {
            DeliveryQueue.Outcome outcome = sender.send(url("hooks.tls.test", "/hook"), SECRET, "evt_tls", "{}");
            assertThat(outcome.delivered()).as(String.valueOf(outcome.error())).isTrue();
            assertThat(outcome.status()).isEqualTo(200);
        }
        assertThat(received).containsEntry("/hook", "{}");
    }

    @Test
    void aUrlIsFetchedOverHttpsFromAServerWhoseCertificateIsTrustedAndNamed() throws Exception {
        SSLContext.setDefault(trusting);
        try (UrlFetcher fetcher = fetcher()) {
            FetchedResource page = fetcher.fetch(URI.create(url("hooks.tls.test", "/law.txt")));
            assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("stored in China");
            assertThat(page.contentType()).startsWith("text/plain");
        }
        assertThat(received).containsKey("/law.txt");
    }

    @Test
    void aCertificateTheJvmDoesNotTrustIsRefusedAndNothingIsSent() throws IOException {
        // the JVM's own trust store: the self-signed certificate is unknown to it
        try (WebhookSender sender = sender(); UrlFetcher fetcher = fetcher()) {
            DeliveryQueue.Outcome outcome = sender.send(url("hooks.tls.test", "/untrusted"), SECRET, "evt_tls", "{}");
            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.error()).contains("PKIX");
            assertThat(outcome.status()).isNull();
            assertThatThrownBy(() -> fetcher.fetch(URI.create(url("hooks.tls.test", "/untrusted-page"))))
                    .isInstanceOf(FetchException.class);
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aTrustedCertificateForAnotherNameIsRefused() throws IOException {
        SSLContext.setDefault(trusting);
        // the certificate names hooks.tls.test, not 127.0.0.1
        try (WebhookSender sender = sender(); UrlFetcher fetcher = fetcher()) {
            DeliveryQueue.Outcome outcome = sender.send(url("127.0.0.1", "/by-address"), SECRET, "evt_tls", "{}");
            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.error()).containsIgnoringCase("subject alternative");
            assertThat(outcome.status()).isNull();
            assertThatThrownBy(() -> fetcher.fetch(URI.create(url("127.0.0.1", "/by-address-page"))))
                    .isInstanceOf(FetchException.class);
        }
        assertThat(received).isEmpty();
    }
}
