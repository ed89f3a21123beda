package dev.parley.shared;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/** A domain error with a stable code, mapped to an RFC 9457 problem response. */
public class ParleyException extends RuntimeException {

    private final String code;
    private final HttpStatus status;
    private final Map<String, Object> properties;

    public ParleyException(HttpStatus status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ParleyException(HttpStatus status, String code, String message, Map<String, Object> properties) {
        super(message);
        this.status = status;
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public String code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }

    /** Extra members of the problem document, such as {@code errors} or {@code retryAfterSeconds}. */
    public Map<String, Object> properties() {
        return properties;
    }

    public static ParleyException notFound(String code, String message) {
        return new ParleyException(HttpStatus.NOT_FOUND, code, message);
    }

    public static ParleyException conflict(String code, String message) {
        return new ParleyException(HttpStatus.CONFLICT, code, message);
    }

    public static ParleyException forbidden(String code, String message) {
        return new ParleyException(HttpStatus.FORBIDDEN, code, message);
    }

    public static ParleyException badRequest(String code, String message) {
        return new ParleyException(HttpStatus.BAD_REQUEST, code, message);
    }

    /** A 400 naming the field that is wrong, in the same shape as bean-validation errors. */
    public static ParleyException invalidField(String field, String message) {
        return new ParleyException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request has invalid fields.",
                Map.of("errors", List.of(new FieldError(field, message))));
    }

    /** One invalid field of a request. */
    public record FieldError(String field, String message) {
    }
}
