package tongban.payment.wechatpay;

import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.RSASigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's notifications (支付通知) in WeChat Pay's real format: the transaction encrypted with AES-256-GCM under
 * the APIv3 key (associated data {@code transaction}, a 12-character nonce) inside an event with its own {@code id},
 * posted with {@code Wechatpay-Timestamp}, {@code -Nonce}, {@code -Signature} (SHA256withRSA over timestamp, nonce and
 * body with WeChat Pay's key) and {@code -Serial}. A notification not answered with a 2xx is sent again, the same
 * event freshly signed, after each delay of the schedule, in the background; nothing waits for it.
 */
final class SandboxNotifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxNotifier.class);

    private final SandboxKeys keys;
    private final List<Duration> retries;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "wechatpay-sandbox-notify");
        thread.setDaemon(true);
        return thread;
    });

    SandboxNotifier(SandboxKeys keys, List<Duration> retries, Clock clock) {
        this.keys = keys;
        this.retries = List.copyOf(retries);
        this.clock = clock;
    }

    /** A notification as sent: its headers and body. */
    record Signed(Map<String, String> headers, String body) {
    }

    /** The event {@code TRANSACTION.SUCCESS} around the transaction (its JSON), encrypted. */
    String event(String transactionJson) {
        String nonce = SandboxKeys.alphanumeric(12);
        String ciphertext = new AeadAesCipher(keys.apiV3Key().getBytes(StandardCharsets.UTF_8)).encrypt(
                "transaction".getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8),
                transactionJson.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("original_type", "transaction");
        resource.put("algorithm", "AEAD_AES_256_GCM");
        resource.put("ciphertext", ciphertext);
        resource.put("associated_data", "transaction");
        resource.put("nonce", nonce);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", UUID.randomUUID().toString());
        event.put("create_time", WechatPayChannel.rfc3339(clock.instant()));
        event.put("resource_type", "encrypt-resource");
        event.put("event_type", "TRANSACTION.SUCCESS");
        event.put("summary", "支付成功");
        event.put("resource", resource);
        return WechatPaySandbox.JSON.writeValueAsString(event);
    }

    /** The body with WeChat Pay's headers, signed now. */
    Signed sign(String body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = SandboxKeys.alphanumeric(32);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Wechatpay-Serial", keys.publicKeyId());
        headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        headers.put("Wechatpay-Timestamp", timestamp);
        headers.put("Wechatpay-Nonce", nonce);
        headers.put("Wechatpay-Signature", keys.signAsWechatPay(timestamp + "\n" + nonce + "\n" + body + "\n"));
        return new Signed(headers, body);
    }

    /** Sends the event now and, until it is taken, after each delay of the schedule. */
    void deliver(URI notifyUrl, String orderNumber, String event) {
        executor.execute(() -> attempt(notifyUrl, orderNumber, event, 0));
    }

    private void attempt(URI notifyUrl, String orderNumber, String event, int attempt) {
        Signed signed = sign(event);
        HttpRequest.Builder request = HttpRequest.newBuilder(notifyUrl).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(signed.body(), StandardCharsets.UTF_8));
        signed.headers().forEach(request::header);
        String outcome;
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                log.info("WeChat Pay sandbox: the notification of order {} was taken (attempt {})", orderNumber, attempt + 1);
                return;
            }
            outcome = "answered " + status;
        } catch (IOException e) {
            outcome = "could not be sent: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (attempt >= retries.size()) {
            log.warn("WeChat Pay sandbox: the notification of order {} {} at its last attempt ({}); no more are sent",
                    orderNumber, outcome, attempt + 1);
            return;
        }
        Duration delay = retries.get(attempt);
        log.info("WeChat Pay sandbox: the notification of order {} {} (attempt {}); again in {}", orderNumber, outcome,
                attempt + 1, delay);
        executor.schedule(() -> attempt(notifyUrl, orderNumber, event, attempt + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
