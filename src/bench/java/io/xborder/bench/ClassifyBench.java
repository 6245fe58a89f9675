package io.xborder.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.analysis.TextAnalyzer;
import io.xborder.classify.Language;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /api/v1/classify} over HTTP on 127.0.0.1 by a closed-loop load generator ({@link #CLIENTS} clients,
 * each sending its next request when the previous one is answered, bounded in count and time), next to the core
 * alone ({@link TextAnalyzer}, in this JVM) classifying the same texts with the same number of threads.
 */
final class ClassifyBench {

    static final int CLIENTS = Integer.getInteger("bench.classify.clients", 4);
    static final int SECONDS = Integer.getInteger("bench.classify.seconds", 10);
    static final int WARMUP_SECONDS = Integer.getInteger("bench.classify.warmup", 4);
    static final int MAX_REQUESTS = Integer.getInteger("bench.classify.maxRequests", 20_000);

    /**
     * Calls per second and their latencies; the CPU milliseconds per call (warm-up included) of the JVM that does the
     * work (the service, or this one for the core) and of this JVM as the load generator, both without their JIT
     * compiler threads (see {@link CpuTime#processMsWithoutJit}).
     */
    record Result(double perSecond, Latencies latencies, double cpuMsPerCall, double clientCpuMsPerCall) {
    }

    private ClassifyBench() {
    }

    /** Sixteen different texts of about {@code bytes} UTF-8 bytes each (cut at a character boundary). */
    static List<String> texts(Language language, int bytes) {
        List<String> passages = BenchTexts.passages(language);
        List<String> out = new ArrayList<>();
        for (int v = 0; v < 16; v++) {
            StringBuilder sb = new StringBuilder();
            int i = v * 37;
            while (BenchTexts.utf8Bytes(sb.toString()) < bytes) {
                sb.append(passages.get(i++ % passages.size())).append(language == Language.ZH ? "" : " ");
            }
            String s = sb.toString();
            while (BenchTexts.utf8Bytes(s) > bytes) {
                s = s.substring(0, s.length() - Math.max(1, (int) ((BenchTexts.utf8Bytes(s) - bytes) / 3)));
            }
            out.add(s);
        }
        return out;
    }

    interface Call {

        boolean call(int i) throws Exception;
    }

    static Result http(String baseUrl, long servicePid, Language language, List<String> texts) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<byte[]> bodies = new ArrayList<>();
        for (String t : texts) {
            bodies.add(json.writeValueAsBytes(Map.of("text", t, "language", language.code())));
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(baseUrl + "/api/v1/classify");
        return closedLoop(servicePid, i -> {
            HttpRequest r = ServiceProcess.withAuth(HttpRequest.newBuilder(uri))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size()))).build();
            HttpResponse<byte[]> resp = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
            return resp.statusCode() == 200 && resp.body().length > 0;
        });
    }

    static Result core(TextAnalyzer analyzer, Language language, List<String> texts) throws Exception {
        return closedLoop(ProcessHandle.current().pid(),
                i -> analyzer.analyze(texts.get(i % texts.size()), language, null).passages().size() >= 0);
    }

    /** As {@link #closedLoop(Call)}, with the CPU per call of the process {@code pid} and of this one. */
    static Result closedLoop(long pid, Call call) throws Exception {
        long self = ProcessHandle.current().pid();
        double worker0 = cpuMs(pid);
        double client0 = cpuMs(self);
        AtomicInteger calls = new AtomicInteger();
        Result r = closedLoop(i -> {
            calls.incrementAndGet();
            return call.call(i);
        });
        double worker = (cpuMs(pid) - worker0) / calls.get();
        double client = (cpuMs(self) - client0) / calls.get();
        return new Result(r.perSecond(), r.latencies(), worker, pid == self ? Double.NaN : client);
    }

    /** {@link CpuTime#processMsWithoutJit}, read again when a thread ended while it was being read (NaN). */
    private static double cpuMs(long pid) {
        double ms = Double.NaN;
        for (int i = 0; i < 5 && Double.isNaN(ms); i++) {
            ms = CpuTime.processMsWithoutJit(pid);
        }
        return ms;
    }

    /** CLIENTS threads calling as fast as answered: WARMUP_SECONDS unrecorded, then SECONDS or MAX_REQUESTS. */
    static Result closedLoop(Call call) throws Exception {
        AtomicInteger seq = new AtomicInteger();
        long warmEnd = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L;
        long end = warmEnd + SECONDS * 1_000_000_000L;
        Latencies lat = new Latencies();
        AtomicInteger measured = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            Thread th = new Thread(() -> {
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= end || measured.get() >= MAX_REQUESTS) {
                        return;
                    }
                    boolean ok;
                    try {
                        ok = call.call(seq.getAndIncrement());
                    } catch (Exception e) {
                        ok = false;
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= warmEnd) {
                        measured.incrementAndGet();
                        if (ok) {
                            lat.record(t1 - t0);
                        } else {
                            lat.error();
                        }
                    }
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        double seconds = (Math.min(System.nanoTime(), end) - warmEnd) / 1e9;
        return new Result(lat.count() / seconds, lat, Double.NaN, Double.NaN);
    }

    static String bodyLabel(int bytes) {
        return bytes >= 1024 ? (bytes / 1024) + " KB" : bytes + " B";
    }

    static long bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
