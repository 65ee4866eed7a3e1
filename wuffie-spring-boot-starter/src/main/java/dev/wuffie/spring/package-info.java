/**
 * wuffie in a Spring Boot site: {@link dev.wuffie.spring.WuffieAutoConfiguration} builds a live
 * reputation from the {@code wuffie.*} properties ({@link dev.wuffie.spring.WuffieProperties}),
 * feeds it from the site's tables and writes the scores back; {@link
 * dev.wuffie.spring.WuffieRunner} runs it, and its {@link dev.wuffie.spring.WuffieRunner#status()}
 * is what the health indicator and the meters show. Start with the module README.
 */
package dev.wuffie.spring;
