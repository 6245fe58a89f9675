package io.xborder.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Standard Webhooks signature, the secrets' seal and the back-off, without Quarkus. */
class WebhookSignatureTest {

    @Test
    void signsTheStandardWebhooksReferenceMessageAsTheSpecificationDoes() {
        // the example of the Standard Webhooks specification
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String signature = WebhookSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}");
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the signature itself                 | msg_1 | 1700000000 | {"a":1} | true
            another id                           | msg_2 | 1700000000 | {"a":1} | false
            another timestamp (a replay)         | msg_1 | 1700000001 | {"a":1} | false
            another body                         | msg_1 | 1700000000 | {"a":2} | false
            """)
    void verifiesOnlyTheSignedIdTimestampAndBody(String name, String id, long timestamp, String body,
            boolean valid) {
        String secret = WebhookSignature.newSecret();
        String header = "v1,bm90IHRoaXMgb25l " + WebhookSignature.sign(secret, "msg_1", 1700000000, "{\"a\":1}");
        assertThat(WebhookSignature.verify(secret, id, timestamp, body, header)).isEqualTo(valid);
    }

    @Test
    void newSecretsAreRandomWhsecKeysOf32Bytes() {
        String a = WebhookSignature.newSecret();
        assertThat(a).startsWith("whsec_").isNotEqualTo(WebhookSignature.newSecret());
        assertThat(Base64.getDecoder().decode(a.substring(6))).hasSize(32);
    }

    @Test
    void sealedSecretsOpenOnlyWithTheirKey() {
        SecretBox box = new SecretBox("a passphrase of at least thirty-two characters");
        String sealed = box.seal("whsec_abc");
        assertThat(sealed).startsWith("v1:").doesNotContain("whsec_abc");
        assertThat(box.open(sealed)).isEqualTo("whsec_abc");
        assertThat(box.seal("whsec_abc")).as("a fresh IV each time").isNotEqualTo(sealed);
        assertThatThrownBy(() -> new SecretBox("another passphrase, also long enough!!").open(sealed))
                .isInstanceOf(IllegalStateException.class);
        SecretBox none = new SecretBox(null);
        assertThat(none.open(none.seal("whsec_abc"))).isEqualTo("whsec_abc");
        assertThat(box.open(none.seal("whsec_abc"))).as("a secret stored before a key was set").isEqualTo("whsec_abc");
    }

    @ParameterizedTest(name = "attempt {0}: {1} ms ±20 %")
    @CsvSource({ "1, 1000", "2, 2000", "3, 4000", "5, 16000", "7, 60000", "40, 60000" })
    void backOffDoublesPerAttemptUpToTheMaximumWithJitter(int attempt, long expectedMillis) {
        for (int i = 0; i < 50; i++) {
            long waited = DeliveryWorker.backoff(attempt, Duration.ofSeconds(1), Duration.ofMinutes(1)).toMillis();
            assertThat(waited).isBetween(Math.round(expectedMillis * 0.8), Math.round(expectedMillis * 1.2));
        }
    }
}
