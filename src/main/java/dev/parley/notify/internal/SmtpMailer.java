package dev.parley.notify.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import dev.parley.notify.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends plain-text mail over the configured SMTP server. Not a {@code JavaMailSender} bean on purpose: Spring
 * Boot would then add the server to the health check, and a mail server that is down must not make Parley
 * unhealthy (mail waits in the outbox and is retried).
 */
@Component
public class SmtpMailer {

    private static final Logger log = LoggerFactory.getLogger(SmtpMailer.class);

    private final SmtpProperties properties;
    private final JavaMailSenderImpl sender;

    SmtpMailer(SmtpProperties properties) {
        this.properties = properties;
        this.sender = properties.configured() ? build(properties) : null;
    }

    /** Whether a mail server is configured; without one mail stays in the outbox. */
    public boolean configured() {
        return sender != null;
    }

    /** Sends one mail; a refused or unreachable server throws a {@link MailException}. */
    public void send(String to, String subject, String text) {
        send(to, subject, text, List.of());
    }

    /** Sends one mail, multipart when files are attached; a refused or unreachable server throws. */
    public void send(String to, String subject, String text, List<Mail.Attachment> attachments) {
        if (sender == null) {
            throw new IllegalStateException("No mail server is configured");
        }
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, !attachments.isEmpty(),
                    StandardCharsets.UTF_8.name());
            helper.setFrom(new InternetAddress(properties.from(), true));
            helper.setTo(new InternetAddress(to, true));
            helper.setSubject(subject);
            helper.setText(text, false);
            for (Mail.Attachment file : attachments) {
                helper.addAttachment(file.filename(), new ByteArrayResource(file.content()), file.contentType());
            }
        } catch (MessagingException e) {
            throw new org.springframework.mail.MailPreparationException(e.getMessage(), e);
        }
        sender.send(message);
    }

    @EventListener(ApplicationReadyEvent.class)
    void tell() {
        if (configured()) {
            log.info("Mail: SMTP at {}:{} as {}", properties.host(), properties.port(), properties.from());
        } else {
            log.info("Mail: no SMTP server configured (PARLEY_SMTP_HOST); mail is kept in the mail outbox");
        }
    }

    private static JavaMailSenderImpl build(SmtpProperties properties) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(properties.host().trim());
        sender.setPort(properties.port());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        boolean login = properties.username() != null && !properties.username().isBlank();
        if (login) {
            sender.setUsername(properties.username());
            sender.setPassword(properties.password());
        }
        if (properties.ssl()) {
            sender.setProtocol("smtps");
        }
        String protocol = properties.ssl() ? "smtps" : "smtp";
        Properties mail = new Properties();
        mail.put("mail." + protocol + ".auth", String.valueOf(login));
        mail.put("mail." + protocol + ".starttls.enable", String.valueOf(properties.starttls()));
        mail.put("mail." + protocol + ".starttls.required", String.valueOf(properties.starttlsRequired()));
        // A server that does not answer must not hold a delivery for minutes.
        mail.put("mail." + protocol + ".connectiontimeout", "10000");
        mail.put("mail." + protocol + ".timeout", "20000");
        mail.put("mail." + protocol + ".writetimeout", "20000");
        sender.setJavaMailProperties(mail);
        return sender;
    }
}
