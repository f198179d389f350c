package dev.neurona;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class NeuronaApplication {

    public static void main(String[] args) {
        SpringApplication.run(NeuronaApplication.class, args);
    }
}
