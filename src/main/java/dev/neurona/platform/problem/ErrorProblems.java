package dev.neurona.platform.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page, for requests refused before any controller ran: Spring Security's firewall
 * (a {@code ;} or an encoded dot or slash in the path, an unknown method such as PROPFIND) and methods Tomcat
 * itself refuses (TRACE). They get the same problem+json as every other error instead of Boot's
 * {@code {timestamp, error, path}} body.
 */
@Hidden
@RestController
class ErrorProblems implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorProblems.class);

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code)) {
            // called directly (GET /error), not forwarded by the container with an error: no such endpoint
            return problem(
                    HttpStatus.NOT_FOUND.value(),
                    HttpStatus.NOT_FOUND.getReasonPhrase(),
                    "No endpoint " + request.getMethod() + " " + request.getRequestURI() + ".");
        }
        int status = code;
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error " + status : known.getReasonPhrase();
        String detail;
        if (status >= 500) {
            // the message of whatever failed is for the log, not for the caller
            log.error("error page for {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), (Throwable)
                    request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            detail = "Something went wrong on our side; the error was logged.";
        } else if (status == HttpStatus.REQUEST_TIMEOUT.value()) {
            detail = "The request body stopped arriving: nothing came for longer than neurona.body-read-timeout.";
        } else {
            Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
            detail = message instanceof String text && !text.isBlank() ? text : title;
        }
        return problem(status, title, detail);
    }

    private static ResponseEntity<ProblemDetail> problem(int status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setDetail(detail);
        problem.setType(URI.create(ProblemHandler.TYPE_BASE + ProblemHandler.kind(status)));
        problem.setTitle(title);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
