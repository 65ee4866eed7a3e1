package dev.wuffie.spring.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small Q&amp;A service whose reputation comes from wuffie: members post answers and vote on them
 * in the site's own tables, and wuffie-spring-boot-starter reads the votes from there, scores them
 * and writes the scores back. See the module README.
 */
@SpringBootApplication
public class QaApplication {

  /** Made by Spring. */
  public QaApplication() {}

  /**
   * Starts the service.
   *
   * @param args Spring Boot's arguments, such as {@code --server.port=8081}
   */
  public static void main(String[] args) {
    SpringApplication.run(QaApplication.class, args);
  }
}
