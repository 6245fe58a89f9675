package io.xborder.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SsrfGuardTest {

    /** Resolves names from a fixed table, never through DNS. */
    static final SsrfGuard.Resolver TABLE = host -> switch (host) {
        case "public.example" -> new InetAddress[] { InetAddress.getByName("93.184.216.34") };
        case "rebind.example" -> new InetAddress[] { InetAddress.getByName("93.184.216.34"),
                InetAddress.getByName("10.0.0.7") };
        case "metadata.example" -> new InetAddress[] { InetAddress.getByName("169.254.169.254") };
        default -> InetAddress.getAllByName(host); // IP literals only in this test
    };

    static final SsrfGuard GUARD = new SsrfGuard(List.of(), TABLE);

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1/            | loopback",
            "http://127.9.9.9:8080/x      | loopback",
            "http://[::1]/                | loopback",
            "http://[::ffff:127.0.0.1]/   | loopback",
            "http://10.1.2.3/             | private",
            "http://172.16.0.1/           | private",
            "http://172.31.255.254/       | private",
            "http://192.168.1.1/          | private",
            "http://169.254.169.254/      | link-local",
            "http://metadata.example/     | link-local",
            "http://[fe80::1]/            | link-local",
            "http://[fc00::1]/            | unique-local",
            "http://[fd12:3456::1]/       | unique-local",
            "http://100.64.0.1/           | carrier-grade NAT",
            "http://100.127.255.255/      | carrier-grade NAT",
            "http://224.0.0.1/            | multicast",
            "http://[ff02::1]/            | multicast",
            "http://0.0.0.0/              | unspecified",
            "http://[::]/                 | unspecified",
            "http://rebind.example/       | private",
            "ftp://public.example/        | only http and https",
            "file:///etc/passwd           | only http and https",
            "gopher://public.example/     | only http and https",
            "http://user:pw@public.example/ | user information",
    })
    void refusesNonPublicAddressesAndOtherSchemes(String url, String why) {
        assertThatThrownBy(() -> GUARD.check(URI.create(url.strip())))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessageContaining(why.strip());
    }

    @ParameterizedTest(name = "{0} is allowed")
    @CsvSource({ "http://public.example/news", "https://93.184.216.34/", "http://172.32.0.1/", "http://100.128.0.1/",
            "http://[2606:4700::1111]/" })
    void allowsPublicAddresses(String url) {
        assertThatCode(() -> GUARD.check(URI.create(url))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "allow-list {0} lets {1} through")
    @CsvSource({ "127.0.0.1/32, http://127.0.0.1:9000/", "10.0.0.0/8, http://10.20.30.40/",
            "intranet.example, http://intranet.example/",
            "*.corp.example, http://wiki.corp.example/" })
    void allowListedRangesAndHostsPass(String allow, String url) {
        SsrfGuard guard = new SsrfGuard(List.of(allow), host -> AddressRange.isIpLiteral(host)
                ? InetAddress.getAllByName(host)
                : new InetAddress[] { InetAddress.getByName("10.9.9.9") });
        assertThatCode(() -> guard.check(URI.create(url))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "allow-list 127.0.0.1/32 still refuses {0}")
    @CsvSource({ "http://127.0.0.2/", "http://10.0.0.1/", "http://[::1]/" })
    void allowListIsNoWiderThanWritten(String url) {
        SsrfGuard guard = new SsrfGuard(List.of("127.0.0.1/32"), TABLE);
        assertThatThrownBy(() -> guard.check(URI.create(url))).isInstanceOf(FetchRefusedException.class);
    }

    @org.junit.jupiter.api.Test
    void approveAnswersTheAddressesItCheckedSoThatAClientConnectsToThoseOnly() throws Exception {
        assertThat(GUARD.approve(URI.create("http://public.example/x")))
                .containsExactly(InetAddress.getByName("93.184.216.34"));
        // an allow-listed name is resolved too (once, by the guard), its addresses not checked
        SsrfGuard guard = new SsrfGuard(List.of("metadata.example"), TABLE);
        assertThat(guard.approve(URI.create("http://metadata.example/")))
                .containsExactly(InetAddress.getByName("169.254.169.254"));
        assertThatThrownBy(() -> guard.approve(URI.create("http://unknown.invalid/")))
                .isInstanceOf(FetchException.class).hasMessageContaining("cannot be resolved");
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({ "10.0.0.0/8, 10.255.255.255, true", "10.0.0.0/8, 11.0.0.0, false", "100.64.0.0/10, 100.127.0.1, true",
            "100.64.0.0/10, 100.128.0.1, false", "fc00::/7, fdff::1, true", "fc00::/7, fe00::1, false",
            "fe80::/10, febf::1, true", "fe80::/10, fec0::1, false", "192.168.1.7, 192.168.1.7, true" })
    void addressRangesMatchByPrefix(String cidr, String address, boolean expected) throws Exception {
        assertThat(AddressRange.parse(cidr, "x").contains(InetAddress.getByName(address))).isEqualTo(expected);
    }
}
