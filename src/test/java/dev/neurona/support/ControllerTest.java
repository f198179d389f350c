package dev.neurona.support;

import dev.neurona.security.SliceSecurity;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * A {@code @WebMvcTest} slice of one controller: Spring MVC, the controller, {@code ProblemHandler} and the filters,
 * behind the service's own security chain ({@link SliceSecurity}: send {@code SliceSecurity.TRAINER} and the like as
 * {@code X-API-Key}). No database, no engine, no job server: the test mocks the controller's one service with
 * {@code @MockitoBean} and asserts what goes over the wire, through {@code MockMvcTester}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
// Boot 4's MVC slice leaves Spring Security out; the service's chain needs it
@ImportAutoConfiguration({SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class})
@Import(SliceSecurity.class)
public @interface ControllerTest {

    /** The controller under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value();
}
