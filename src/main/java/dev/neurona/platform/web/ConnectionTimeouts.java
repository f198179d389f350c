package dev.neurona.platform.web;

import dev.neurona.platform.NeuronaProperties;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds how long a request body may stall: Tomcat's "upload timeout", which Spring Boot has no property for. Without
 * it a body read waits as long as server.tomcat.connection-timeout; with it, headers keep the short wait meant for
 * them and a body gets {@code neurona.body-read-timeout} between bytes (docs/operations.md, "Timeouts"). Event
 * streams are not affected: while a response is async, Tomcat applies no read timeout to its connection.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionTimeouts {

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> bodyReadTimeout(NeuronaProperties properties) {
        int millis =
                (int) Math.min(Integer.MAX_VALUE, properties.bodyReadTimeout().toMillis());
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setDisableUploadTimeout(false);
                http.setConnectionUploadTimeout(millis);
            }
        });
    }
}
