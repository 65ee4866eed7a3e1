package dev.wuffie.explore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A test's client of an {@link ExploreServer} on a free port of 127.0.0.1: sends requests with
 * {@link HttpClient} and reads the answers as JSON. Closing it stops the server.
 */
public final class Http implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ExploreServer server; // null for a server this client did not start
  private final URI base;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final StringWriter log;

  private Http(ExploreServer server, URI base, StringWriter log) {
    this.server = server;
    this.base = base;
    this.log = log;
  }

  /** Serves {@code explorer} on a free port. */
  public static Http serve(Explorer explorer) {
    StringWriter log = new StringWriter();
    try {
      ExploreServer server =
          ExploreServer.start(
              explorer, new InetSocketAddress("127.0.0.1", 0), new PrintWriter(log, true));
      return new Http(server, server.uri(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client of a server that runs elsewhere, at {@code base} ({@code http://host:port/}). */
  public static Http client(String base) {
    return new Http(null, URI.create(base), new StringWriter());
  }

  /** An answer: its status, content type and body. */
  public record Answer(int status, String contentType, String body) {
    /** The body as JSON. */
    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  /** {@code GET path} ({@code path} as sent, percent-encoded where needed). */
  public Answer get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  /** {@code POST path} with {@code body}. */
  public Answer post(String path, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A request with {@code method} and no body. */
  public Answer send(String method, String path) {
    return send(
        HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  /** What the server logged (its unexpected errors); empty for a server started elsewhere. */
  public String log() {
    return log.toString();
  }

  private URI uri(String path) {
    return base.resolve(path);
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
