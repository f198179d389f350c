package dev.neurona.prediction;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Under /v2 an error is the protocol's {@code {"error": "…"}} with the same status, not problem+json. The problems
 * themselves still come from ProblemHandler (one mapping of exceptions to statuses for both APIs); only their body
 * is rewritten here, as it is written. That covers what happens before the controller runs too (malformed JSON, no
 * such path, a wrong method or media type), which an advice scoped to the controller would not see.
 */
@RestControllerAdvice
class OipErrors implements ResponseBodyAdvice<Object> {

    static final String PREFIX = "/v2";

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (!(body instanceof ProblemDetail problem)
                || !underV2(request.getURI().getPath())) {
            return body;
        }
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        String detail = problem.getDetail() != null ? problem.getDetail() : problem.getTitle();
        return new OipResponse.Error(detail == null ? "error " + problem.getStatus() : detail);
    }

    static boolean underV2(String path) {
        return path != null && (path.equals(PREFIX) || path.startsWith(PREFIX + "/"));
    }
}
