package dev.wuffie.explore;

import static com.google.common.base.Preconditions.checkNotNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The web server of {@code wuffie explore}: serves the page (static files from the class path) and
 * the JSON API ({@link Api}) over an {@link Explorer}, on the JDK's {@code
 * com.sun.net.httpserver.HttpServer} with a small pool of daemon threads.
 *
 * <p>{@code GET /} is the page; {@code GET /assets/NAME} a file beside it; {@code /api/...} the
 * API. Every error is a JSON object {@code {"error": "..."}} with its status (400 bad value, 404
 * unknown id or path, 405 wrong method, 500 unexpected), never a stack trace; an unexpected error
 * is logged to the error stream in one line.
 *
 * <pre>{@code
 * try (ExploreServer server =
 *     ExploreServer.start(explorer, new InetSocketAddress("127.0.0.1", 0), errors)) {
 *   System.out.println("wuffie explore: " + server.uri());
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} stops it.
 */
public final class ExploreServer implements AutoCloseable {
  /** How many requests are served at once. */
  static final int THREADS = 4;

  /** The largest what-if body read, in bytes. */
  static final int MAX_BODY = 1 << 20;

  private static final String JSON = "application/json; charset=utf-8";
  private static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Api api;
  private final PrintWriter log;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ExploreServer(HttpServer server, ExecutorService executor, Api api, PrintWriter log) {
    this.server = server;
    this.executor = executor;
    this.api = api;
    this.log = log;
  }

  /**
   * Starts serving {@code explorer} at {@code address} (port 0: any free port), logging unexpected
   * errors to {@code log}.
   *
   * @throws java.net.BindException if the address is in use or cannot be bound
   * @throws IOException if the server cannot be created
   */
  public static ExploreServer start(Explorer explorer, InetSocketAddress address, PrintWriter log)
      throws IOException {
    checkNotNull(explorer, "explorer is null");
    checkNotNull(address, "address is null");
    checkNotNull(log, "log is null");
    // Without TCP_NODELAY, an answer written as headers then body waits for the client's delayed
    // ACK: about 40 ms a request. The JDK's server reads this property once, at its first use.
    System.setProperty(NO_DELAY, System.getProperty(NO_DELAY, "true"));
    HttpServer server = HttpServer.create(address, 0);
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
    ExploreServer explore = new ExploreServer(server, executor, new Api(explorer), log);
    server.createContext("/", explore::handle);
    server.setExecutor(executor);
    server.start();
    return explore;
  }

  /** The address served, with the port that was bound. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The page's URL: {@code http://HOST:PORT/}. */
  public URI uri() {
    InetSocketAddress address = address();
    String host = address.getHostString();
    return URI.create(
        "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
  }

  /** Stops serving: open exchanges are cut, the threads end. Closing again does nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      try {
        if (path.equals("/api/whatif")) {
          requireMethod(method, "POST");
          respond(exchange, 200, JSON, Api.json(api.whatIf(body(exchange))));
        } else if (path.startsWith("/api/")) {
          requireMethod(method, "GET");
          respond(
              exchange, 200, JSON, Api.json(api.get(path, exchange.getRequestURI().getRawQuery())));
        } else {
          requireMethod(method, "GET");
          StaticFiles.File file = StaticFiles.find(path);
          if (file == null) {
            throw path.equals("/")
                ? ApiException.notFound(
                    "the page is missing: no index.html under "
                        + StaticFiles.BASE
                        + " on the class path; build wuffie.jar with the page")
                : Api.unknownPath(path);
          }
          respond(exchange, 200, file.contentType(), file.bytes());
        }
      } catch (ApiException e) {
        if (e.status() == 405) {
          exchange.getResponseHeaders().set("Allow", path.equals("/api/whatif") ? "POST" : "GET");
        }
        respond(exchange, e.status(), JSON, Api.json(new Views.Failure(e.getMessage())));
      } catch (RuntimeException | IOException e) {
        log.println("wuffie explore: unexpected error on " + method + " " + path + ": " + e);
        respond(
            exchange,
            500,
            JSON,
            Api.json(
                new Views.Failure(
                    "unexpected error on " + method + " " + path + "; the server's log has it")));
      }
    }
  }

  private static void requireMethod(String method, String allowed) throws ApiException {
    if (!method.equals(allowed)) {
      throw new ApiException(
          405, "method " + method + " is not allowed here: use " + allowed + " for this path");
    }
  }

  /** The request body as UTF-8, at most {@link #MAX_BODY} bytes. */
  private static String body(HttpExchange exchange) throws IOException, ApiException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (InputStream in = exchange.getRequestBody()) {
      byte[] buffer = new byte[8192];
      for (int read; (read = in.read(buffer)) >= 0; ) {
        body.write(buffer, 0, read);
        if (body.size() > MAX_BODY) {
          throw ApiException.badRequest(
              "the what-if policy is larger than " + MAX_BODY + " bytes: post a policy file");
        }
      }
    }
    return body.toString(StandardCharsets.UTF_8);
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "wuffie-explore-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
