package io.legerible.webapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Legerible library website. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LegeribleApplication {

  public static void main(String[] args) {
    SpringApplication.run(LegeribleApplication.class, args);
  }
}
