package dev.parley.integrations.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;

import dev.parley.shared.ParleyException;
import org.junit.jupiter.api.Test;

/** Which URLs may receive webhooks: https to public hosts; plain http to localhost only when allowed. */
class EndpointUrlTest {

    @Test
    void httpsToAPublicHostIsAccepted() {
        assertThat(EndpointUrl.check(" https://hooks.example.com/parley?x=1 ", false))
                .isEqualTo(URI.create("https://hooks.example.com/parley?x=1"));
        assertThat(EndpointUrl.check("https://93.184.215.14:8443/in", false).getPort()).isEqualTo(8443);
    }

    @Test
    void localhostOverHttpOnlyWhenInsecureLocalhostIsAllowed() {
        assertThat(EndpointUrl.check("http://localhost:8081/in", true)).hasHost("localhost");
        assertThat(EndpointUrl.check("http://127.0.0.1:8081/in", true)).hasHost("127.0.0.1");
        assertRefused("http://localhost:8081/in", false, "must use https");
        assertRefused("https://localhost/in", false, "must be a public host");
        assertRefused("http://10.0.0.5/in", true, "must use https");
    }

    @Test
    void privateAddressesCredentialsFragmentsAndOtherSchemesAreRefused() {
        assertRefused("https://10.0.0.5/in", false, "public address");
        assertRefused("https://192.168.1.20/in", false, "public address");
        assertRefused("https://169.254.169.254/latest/meta-data", false, "public address");
        assertRefused("https://[::1]/in", false, "public address");
        assertRefused("https://[fd00::1]/in", false, "public address");
        assertRefused("https://printer.local/in", false, "public host");
        assertRefused("https://user:secret@hooks.example.com/in", false, "user name or password");
        assertRefused("https://hooks.example.com/in#top", false, "fragment");
        assertRefused("ftp://hooks.example.com/in", false, "https URL");
        assertRefused("hooks.example.com/in", false, "absolute URL");
        assertRefused("https://exa mple.com", false, "not a valid URL");
        assertRefused("", false, "required");
    }

    @Test
    void aDeliveryConnectsToPublicAddressesOrToLoopbackForAnAllowedLocalhost() throws Exception {
        URI local = URI.create("http://localhost:8081/in");
        URI remote = URI.create("https://hooks.example.com/in");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress internal = InetAddress.getByName("10.1.2.3");
        InetAddress cgnat = InetAddress.getByName("100.64.0.1");
        InetAddress publicAddress = InetAddress.getByName("93.184.215.14");

        assertThat(EndpointUrl.mayConnect(loopback, local, true)).isTrue();
        assertThat(EndpointUrl.mayConnect(loopback, remote, true)).as("a public name resolving to loopback").isFalse();
        assertThat(EndpointUrl.mayConnect(internal, remote, false)).isFalse();
        assertThat(EndpointUrl.mayConnect(cgnat, remote, false)).isFalse();
        assertThat(EndpointUrl.mayConnect(publicAddress, remote, false)).isTrue();
    }

    private static void assertRefused(String url, boolean allowInsecureLocalhost, String message) {
        assertThatThrownBy(() -> EndpointUrl.check(url, allowInsecureLocalhost))
                .isInstanceOf(ParleyException.class)
                .satisfies(e -> assertThat(((ParleyException) e).properties().get("errors").toString())
                        .contains("url").contains(message));
    }
}
