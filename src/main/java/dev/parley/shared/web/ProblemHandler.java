package dev.parley.shared.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;

import dev.parley.shared.ParleyException;
import dev.parley.shared.ParleyException.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindingResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Maps every error to an RFC 9457 problem with a stable {@code code}. Bad input is always a 4xx that says
 * what is wrong; only a fault of ours is a 500, and it never carries a stack trace or SQL.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ParleyException.class)
    ResponseEntity<Object> parley(ParleyException e) {
        ProblemDetail problem = Problems.of(e.status(), e.code(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        HttpHeaders headers = new HttpHeaders();
        if (e.properties().get("retryAfterSeconds") instanceof Number seconds) {
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, seconds.longValue())));
        }
        return problem(problem, headers);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException e) {
        return problem(Problems.of(HttpStatus.FORBIDDEN, "FORBIDDEN", "Your role does not allow this."),
                new HttpHeaders());
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException e) {
        return problem(Problems.of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Sign in first."), new HttpHeaders());
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return validationFailed(errors);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> integrity(DataIntegrityViolationException e) {
        // Constraints we anticipate are checked before writing; one that still fires is a conflicting write.
        log.warn("Integrity violation: {}", e.getMostSpecificCause().getMessage());
        return problem(Problems.of(HttpStatus.CONFLICT, "CONFLICT",
                "The change conflicts with existing data; reload and try again."), new HttpHeaders());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        ParleyException cause = findCause(e, ParleyException.class);
        if (cause != null) {
            return parley(cause);
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "Something went wrong on our side; it has been logged."), new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ParleyException limit = findCause(e, ParleyException.class);
        if (limit != null) {
            return parley(limit);
        }
        JacksonException json = findCause(e, JacksonException.class);
        if (json instanceof UnrecognizedPropertyException unknown) {
            return validationFailed(List.of(new FieldError(path(unknown), "is not a known field")));
        }
        if (json instanceof InvalidFormatException invalid) {
            return validationFailed(List.of(new FieldError(path(invalid), describeExpected(invalid))));
        }
        if (json instanceof MismatchedInputException mismatched) {
            return validationFailed(List.of(mismatched.getPath().isEmpty()
                    ? new FieldError("body", "must be a JSON object")
                    : new FieldError(path(mismatched), "has the wrong type")));
        }
        if (json instanceof StreamReadException || json instanceof DatabindException) {
            return problem(Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_JSON",
                    "The request body is not valid JSON: " + shortMessage(json)), new HttpHeaders());
        }
        return problem(Problems.of(HttpStatus.BAD_REQUEST, "UNREADABLE_BODY",
                "The request body is missing or cannot be read."), new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return validationFailed(fieldErrors(e.getBindingResult()));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(new FieldError(result.getMethodParameter().getParameterName(),
                        error.getDefaultMessage()))));
        return validationFailed(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                "Send the body as application/json."), new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(Problems.of(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE",
                "This resource is available as application/json."), new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpHeaders allow = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            allow.setAllow(e.getSupportedHttpMethods());
        }
        return problem(Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                "Method " + e.getMethod() + " is not allowed here."), allow);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND", "There is nothing at this address."),
                new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return validationFailed(List.of(new FieldError(e.getParameterName(), "is required")));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() != null ? e.getPropertyName() : "parameter";
        String expected = e.getRequiredType() != null ? e.getRequiredType().getSimpleName() : "another type";
        if (e.getRequiredType() != null && e.getRequiredType().isEnum()) {
            expected = "one of " + enumValues(e.getRequiredType());
        }
        return validationFailed(List.of(new FieldError(name, "must be " + expected)));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", "The upload is too large."),
                new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        // Any other framework exception: keep its status, add a code.
        HttpStatus resolved = HttpStatus.resolve(status.value());
        HttpStatus effective = resolved != null ? resolved : HttpStatus.BAD_REQUEST;
        String code = effective.name();
        String detail = body instanceof ProblemDetail pd && pd.getDetail() != null ? pd.getDetail()
                : effective.getReasonPhrase();
        return problem(Problems.of(effective, code, detail), headers);
    }

    private ResponseEntity<Object> validationFailed(List<FieldError> errors) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
                "The request has invalid fields: " + errors.stream()
                        .map(err -> err.field() + " " + err.message()).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return problem(problem, new HttpHeaders());
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatus()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static List<FieldError> fieldErrors(BindingResult result) {
        List<FieldError> errors = new ArrayList<>();
        result.getFieldErrors().forEach(e -> errors.add(new FieldError(e.getField(),
                e.getDefaultMessage() != null ? e.getDefaultMessage() : "is invalid")));
        result.getGlobalErrors().forEach(e -> errors.add(new FieldError(e.getObjectName(),
                e.getDefaultMessage() != null ? e.getDefaultMessage() : "is invalid")));
        return errors;
    }

    private static String path(DatabindException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }

    private static String describeExpected(InvalidFormatException e) {
        Class<?> target = e.getTargetType();
        if (target != null && target.isEnum()) {
            return "must be one of " + enumValues(target);
        }
        return "must be " + (target != null ? article(target.getSimpleName()) : "another type");
    }

    private static String enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }

    private static String article(String type) {
        return switch (type) {
            case "UUID" -> "a UUID";
            case "Instant", "OffsetDateTime" -> "an ISO-8601 date-time";
            case "int", "Integer", "long", "Long" -> "an integer";
            case "boolean", "Boolean" -> "true or false";
            default -> "a valid " + type;
        };
    }

    private static String shortMessage(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return "unreadable";
        }
        return message.length() > 200 ? message.substring(0, 200) : message;
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot >= 0 ? path.substring(dot + 1) : path;
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        Throwable current = e;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            current = current.getCause();
        }
        return null;
    }
}
