package io.chatbridge.web;

import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the JSON endpoints as RFC 9457 problem details that say what was wrong: the reason given
 * with a {@code ResponseStatusException} ("unknown zone Mars/Base"), a missing part or parameter, a wrong
 * content type. Spring Boot's default error body leaves the reason out. The console's pages keep their
 * own error pages; an unexpected failure (a 500) still says nothing of its cause.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiErrors extends ResponseEntityExceptionHandler {}
