package dev.parley.notify.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mail server ({@code PARLEY_SMTP_HOST}, {@code _PORT}, {@code _USERNAME}, {@code _PASSWORD}, {@code _FROM},
 * {@code _STARTTLS}, {@code _SSL}). Without a host no mail leaves: it is kept in the mail outbox for the console.
 *
 * @param host     the SMTP server; empty: no mail server
 * @param port     587 (submission) unless told otherwise
 * @param username empty for a server that needs no login
 * @param password the login's password
 * @param from     the sender every mail carries, e.g. {@code Parley <no-reply@example.com>}
 * @param starttls upgrade to TLS when the server offers it (required if {@code starttlsRequired})
 * @param starttlsRequired refuse to send over a connection that could not be upgraded
 * @param ssl      TLS from the first byte (SMTPS, usually port 465)
 */
@ConfigurationProperties("parley.smtp")
public record SmtpProperties(String host, @DefaultValue("587") int port, String username, String password,
                             @DefaultValue("Parley <no-reply@localhost>") String from,
                             @DefaultValue("true") boolean starttls, @DefaultValue("false") boolean starttlsRequired,
                             @DefaultValue("false") boolean ssl) {

    public boolean configured() {
        return host != null && !host.isBlank();
    }
}
