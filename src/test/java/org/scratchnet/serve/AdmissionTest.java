package org.scratchnet.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scratchnet.serve.ServeApiTest.assertRefused;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A server with one worker and room for one waiting request, over real HTTP: while the worker is
 * held and one request waits, the next is answered 503 at once, with Retry-After and one line
 * saying why, without reaching the handler; the two admitted requests are answered when the
 * worker is free, and the server takes requests again after.
 */
class AdmissionTest {

    @Test
    void aRequestBeyondTheQueueIsToldTheServerIsBusyAndTheAdmittedOnesAreAnswered() throws Exception {
        CountDownLatch entered = new CountDownLatch(1), release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        WebServer.Handler handler = r -> {
            handled.incrementAndGet();
            entered.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Response.bytes("text/plain; charset=utf-8", "done".getBytes(StandardCharsets.UTF_8));
        };
        Admission admission = new Admission(1, 1);
        try (WebServer web = WebServer.bind("127.0.0.1", 0).serve(admission, handler, Double.NaN)) {
            URI base = web.url();
            CompletableFuture<HttpResponse<byte[]>> working = CompletableFuture.supplyAsync(() -> Http.get(base, "/a"));
            assertThat(entered.await(30, TimeUnit.SECONDS)).as("the first request reached the worker").isTrue();
            CompletableFuture<HttpResponse<byte[]>> waiting = CompletableFuture.supplyAsync(() -> Http.get(base, "/b"));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (admission.waiting() < 1 && System.nanoTime() < until) Thread.sleep(5);
            assertThat(admission.waiting()).as("the second request waits for the worker").isEqualTo(1);

            HttpResponse<byte[]> refused = Http.get(base, "/c");
            assertRefused(refused, 503, "the server is busy: 1 request is waiting for its 1 worker; try again in a moment");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(handled.get()).as("the refused request never reached the handler").isEqualTo(1);

            release.countDown();
            assertThat(working.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(waiting.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            HttpResponse<byte[]> after = Http.get(base, "/d");
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(new String(after.body(), StandardCharsets.UTF_8)).isEqualTo("done");
            assertThat(handled.get()).isEqualTo(3);
        }
    }
}
