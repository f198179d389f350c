package dev.neurona.platform.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.MethodValidationResult;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;

/**
 * Bean Validation's findings ({@code @Min}, {@code @Max}, … on request parameters and body records) as field
 * problems named the way the client wrote them: a query parameter by its name ({@code limit}), a body field by its
 * path ({@code topK}, {@code spec.layers[2].units}), each message with the value it refused.
 */
final class ValidationProblems {

    private ValidationProblems() {}

    /** Spring MVC's validation of a handler method's arguments. */
    static List<FieldProblem> of(MethodValidationResult result) {
        List<FieldProblem> problems = new ArrayList<>();
        for (ParameterValidationResult parameter : result.getParameterValidationResults()) {
            if (parameter instanceof ParameterErrors errors) {
                String prefix = parameter.getMethodParameter().hasParameterAnnotation(RequestBody.class)
                        ? ""
                        : name(parameter.getMethodParameter()) + ".";
                problems.addAll(of(errors.getFieldErrors(), errors.getGlobalErrors(), prefix));
            } else {
                String name = name(parameter.getMethodParameter());
                for (MessageSourceResolvable error : parameter.getResolvableErrors()) {
                    problems.add(new FieldProblem(name, error.getDefaultMessage() + was(parameter.getArgument())));
                }
            }
        }
        for (MessageSourceResolvable error : result.getCrossParameterValidationResults()) {
            problems.add(new FieldProblem("parameters", error.getDefaultMessage()));
        }
        return sorted(problems);
    }

    /** A {@code @Valid @RequestBody} that failed on its own. */
    static List<FieldProblem> of(BindingResult result) {
        return sorted(of(result.getFieldErrors(), result.getGlobalErrors(), ""));
    }

    /** Method validation by a {@code @Validated} bean. */
    static List<FieldProblem> of(Iterable<? extends ConstraintViolation<?>> violations) {
        List<FieldProblem> problems = new ArrayList<>();
        for (ConstraintViolation<?> violation : violations) {
            problems.add(new FieldProblem(
                    field(violation.getPropertyPath()), violation.getMessage() + was(violation.getInvalidValue())));
        }
        return sorted(problems);
    }

    private static List<FieldProblem> of(List<FieldError> fields, List<ObjectError> global, String prefix) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : fields) {
            problems.add(new FieldProblem(
                    prefix + error.getField(), error.getDefaultMessage() + was(error.getRejectedValue())));
        }
        for (ObjectError error : global) {
            problems.add(new FieldProblem(
                    prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), error.getDefaultMessage()));
        }
        return problems;
    }

    /** The name the client used: a query parameter's, a header's, a path variable's or a part's. */
    private static String name(MethodParameter parameter) {
        String name = "";
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        RequestPart part = parameter.getParameterAnnotation(RequestPart.class);
        if (param != null) {
            name = param.name();
        } else if (header != null) {
            name = header.name();
        } else if (path != null) {
            name = path.name();
        } else if (part != null) {
            name = part.name();
        }
        if (name.isEmpty()) {
            name = parameter.getParameterName();
        }
        return name == null ? "parameter " + parameter.getParameterIndex() : name;
    }

    /** {@code layers[2].units} from a violation's path, without the method and parameter nodes of method validation. */
    static String field(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD
                    || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.CROSS_PARAMETER
                    || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.isInIterable()) {
                field.append('[')
                        .append(node.getIndex() != null ? node.getIndex() : node.getKey())
                        .append(']');
            }
            if (node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /** The refused value, when it is short enough to quote. */
    private static String was(Object value) {
        boolean quotable = value instanceof Number
                || value instanceof Boolean
                || (value instanceof CharSequence text && text.length() <= 80);
        return quotable ? ", was " + value : "";
    }

    private static List<FieldProblem> sorted(List<FieldProblem> problems) {
        problems.sort(Comparator.comparing(FieldProblem::field));
        return List.copyOf(problems);
    }
}
