package io.chatbridge.web;

import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload past {@code spring.servlet.multipart.max-file-size} ({@code POST /api/imports} of a large
 * export): a 413 that says the limit and what to do, as a problem detail. The request is refused while its
 * parts are read, before any controller is chosen, so {@link ApiErrors} (which serves only controllers)
 * never sees it, and the answer was a 413 with an empty body.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadTooLarge {

    private final String limit;

    UploadTooLarge(ObjectProvider<MultipartProperties> multipart) {
        MultipartProperties properties = multipart.getIfAvailable();
        this.limit = properties == null ? null : readable(properties.getMaxFileSize());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "The upload is larger than this server takes"
                        + (limit == null ? "" : " (" + limit + ", spring.servlet.multipart.max-file-size)")
                        + ": import such a file with the command, java -jar chatbridge.jar import <file>");
        problem.setTitle("Upload too large");
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
    }

    static String readable(DataSize size) {
        if (size == null || size.toBytes() < 0) {
            return null;
        }
        long bytes = size.toBytes();
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GB";
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20))
                    .replace(".0 MB", " MB");
        }
        return String.format(Locale.ROOT, "%d KB", Math.max(1, bytes >> 10));
    }
}
