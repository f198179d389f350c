package dev.neurona;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

// Callers authenticate with API keys, checked by security.SecurityConfig's own filter: there are no users and no
// passwords. Without an AuthenticationManager, AuthenticationProvider or UserDetailsService bean, Boot would add an
// in-memory user "user" and log a generated password next to the real admin key, a second credential that opens
// nothing (HTTP Basic and form login are off) but misleads whoever reads the log.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class NeuronaApplication {

    public static void main(String[] args) {
        SpringApplication.run(NeuronaApplication.class, args);
    }
}
