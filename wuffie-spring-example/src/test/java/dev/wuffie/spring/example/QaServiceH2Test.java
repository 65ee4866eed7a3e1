package dev.wuffie.spring.example;

/** The Q&amp;A service on its default database: H2 in memory, as application.properties says. */
final class QaServiceH2Test extends QaServiceContract {}
