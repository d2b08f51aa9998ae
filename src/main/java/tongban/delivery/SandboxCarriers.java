package tongban.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tongban.platform.ApiProblem;
import tongban.platform.Json;
import tongban.platform.PublicBaseUrl;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The embedded sandbox carrier (demo mode only; absent, so 404, in prod): it plays EMS and SF Express for the carriers
 * configured without a {@code url}. It takes orders in each carrier's request format, checks their signatures with the
 * locally made secret, and answers a tracking number that depends only on the order number (a repeated order gets the
 * same parcel). {@code POST /sandbox/carriers/{carrier}/parcels/{trackingNumber}/{step}} moves a parcel a step
 * ({@code collected}, {@code in-transit}, {@code out-for-delivery}, {@code delivered}, {@code failed} with
 * {@code reason} REFUSED or NOBODY_HOME) and sends the carrier's signed notification to the platform, as the carrier
 * would. An outage can be played ({@link #outage}) to see orders retried.
 */
@RestController
@ConditionalOnProperty(name = "tongban.security.mode", havingValue = "demo", matchIfMissing = true)
class SandboxCarriers {

    private static final Map<String, ShipmentStatus> STEPS = Map.of("collected", ShipmentStatus.COLLECTED,
            "in-transit", ShipmentStatus.IN_TRANSIT, "out-for-delivery", ShipmentStatus.OUT_FOR_DELIVERY,
            "delivered", ShipmentStatus.DELIVERED, "failed", ShipmentStatus.RETURNED_TO_WINDOW);
    private static final Set<String> REASONS = Set.of("REFUSED", "NOBODY_HOME", "WRONG_ADDRESS");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Carriers carriers;
    private final PublicBaseUrl base;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, AtomicInteger> outages = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, String> orderOf = new ConcurrentHashMap<>();

    SandboxCarriers(Carriers carriers, PublicBaseUrl base, Clock clock) {
        this.carriers = carriers;
        this.base = base;
        this.clock = clock;
    }

    /** The next {@code orders} order requests to the carrier fail as an outage would (HTTP 503). */
    void outage(String carrier, int orders) {
        outages.computeIfAbsent(carrier, c -> new AtomicInteger()).set(orders);
    }

    /** How many order requests the carrier received (the failed ones too). */
    int orderRequests(String carrier) {
        return requests.computeIfAbsent(carrier, c -> new AtomicInteger()).get();
    }

    /** How many distinct parcels (order numbers) the carrier took. */
    long parcels(String carrier) {
        return orderOf.keySet().stream().filter(k -> k.startsWith(carrier + ":")).map(orderOf::get).distinct().count();
    }

    @PostMapping(path = "/sandbox/carriers/sf/std/service", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> sf(@RequestParam Map<String, String> form) {
        CarrierAccount account = playing(SfExpress.ID);
        if (down(SfExpress.ID)) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("{\"apiResultCode\":\"A1099\"}");
        }
        String msgData = form.getOrDefault("msgData", "");
        String timestamp = form.getOrDefault("timestamp", "");
        if (!account.partnerId().equals(form.get("partnerID"))
                || !SfExpress.digest(msgData, timestamp, account.apiSecret()).equals(form.get("msgDigest"))) {
            return ResponseEntity.ok("{\"apiResultCode\":\"A1006\",\"apiErrorMsg\":\"数字签名无效\"}");
        }
        if (!SfExpress.CREATE_ORDER.equals(form.get("serviceCode"))) {
            return ResponseEntity.ok("{\"apiResultCode\":\"A1004\",\"apiErrorMsg\":\"无对应服务权限\"}");
        }
        String order = CarrierFormat.json(msgData, IllegalArgumentException::new).path("orderId").asString("");
        String waybill = waybill(SfExpress.ID, "SF", order);
        ObjectNode result = Json.MAPPER.createObjectNode().put("success", true).put("errorCode", "S0000");
        ObjectNode data = result.putObject("msgData").put("orderId", order);
        data.putArray("waybillNoInfoList").addObject().put("waybillType", 1).put("waybillNo", waybill);
        return ResponseEntity.ok(Json.write(Json.MAPPER.createObjectNode().put("apiResultCode", "A1000")
                .put("apiErrorMsg", "").put("apiResponseID", UUID.randomUUID().toString())
                .put("apiResultData", Json.write(result))));
    }

    @PostMapping(path = "/sandbox/carriers/ems/order", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> ems(@RequestParam Map<String, String> form) {
        CarrierAccount account = playing(Ems.ID);
        if (down(Ems.ID)) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("{\"success\":\"false\"}");
        }
        String order = form.getOrDefault("logistics_interface", "");
        if (!account.partnerId().equals(form.get("ecCompanyId"))
                || !Ems.digest(order, account.apiSecret()).equals(form.get("data_digest"))) {
            return ResponseEntity.ok("{\"success\":\"false\",\"errorCode\":\"S01\",\"errorMsg\":\"签名验证失败\"}");
        }
        String number = CarrierFormat.json(order, IllegalArgumentException::new).path("logisticsOrderNo").asString("");
        return ResponseEntity.ok(Json.write(Json.MAPPER.createObjectNode().put("success", "true")
                .put("errorCode", "").put("errorMsg", "").put("waybillNo", waybill(Ems.ID, "11", number))));
    }

    /** Moves a parcel a step and sends the carrier's signed notification; answers what the platform answered. */
    @PostMapping(path = "/sandbox/carriers/{carrier}/parcels/{trackingNumber}/{step}",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> advance(@PathVariable String carrier, @PathVariable String trackingNumber,
                                   @PathVariable String step, @RequestParam(required = false) String reason) {
        CarrierAccount account = playing(carrier);
        ShipmentStatus status = STEPS.get(step);
        if (status == null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "UNKNOWN_STEP", "a step is one of " + STEPS.keySet(),
                    "step", java.util.List.of());
        }
        if (status == ShipmentStatus.RETURNED_TO_WINDOW && (reason == null || !REASONS.contains(reason))) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "UNKNOWN_REASON", "a failed delivery's reason is one of "
                    + REASONS, "reason", java.util.List.of());
        }
        Carrier.TrackingEvent event = new Carrier.TrackingEvent(UUID.randomUUID().toString(), trackingNumber,
                orderOf.get(carrier + ":" + trackingNumber), status, clock.instant(), "上海市",
                status == ShipmentStatus.RETURNED_TO_WINDOW ? reason : null);
        HttpResponse<String> answer = notify(carrier, account, carriers.carrier(carrier).orElseThrow().push(event));
        ObjectNode sent = Json.MAPPER.createObjectNode().put("notified", answer.statusCode());
        JsonNode body = CarrierFormat.json(answer.body(), m -> new IllegalStateException("the platform answered " + m));
        sent.set("answer", body);
        return ResponseEntity.ok(Json.write(sent));
    }

    /** Sends a push as the carrier does: signed with the carrier's notification secret, a fresh nonce and now. */
    HttpResponse<String> notify(String carrier, CarrierAccount account, byte[] body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        HttpRequest request = HttpRequest.newBuilder(base.get().resolve("/api/v1/deliveries/notify/" + carrier))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header(NotificationSignature.TIMESTAMP, timestamp).header(NotificationSignature.NONCE, nonce)
                .header(NotificationSignature.SIGNATURE, NotificationSignature.sign(account.webhookSecret(), timestamp,
                        nonce, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "PLATFORM_UNREACHABLE", "the notification could not be sent");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "INTERRUPTED", "interrupted");
        }
    }

    /** The account of a carrier this sandbox plays; 404 for any other (unknown, or configured with a real url). */
    private CarrierAccount playing(String carrier) {
        return carriers.account(carrier).filter(CarrierAccount::sandbox).orElseThrow(() ->
                new ApiProblem(HttpStatus.NOT_FOUND, "UNKNOWN_CARRIER", "the sandbox plays no carrier called so"));
    }

    private boolean down(String carrier) {
        requests.computeIfAbsent(carrier, c -> new AtomicInteger()).incrementAndGet();
        AtomicInteger left = outages.computeIfAbsent(carrier, c -> new AtomicInteger());
        return left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /** A tracking number that depends on the order number only: a repeated order names the same parcel. */
    private String waybill(String carrier, String prefix, String order) {
        UUID id = UUID.nameUUIDFromBytes((carrier + ":" + order).getBytes(StandardCharsets.UTF_8));
        String digits = String.format("%013d", Long.remainderUnsigned(id.getMostSignificantBits(), 10_000_000_000_000L));
        // SF's waybill numbers are SF and 13 digits, EMS's 13 digits
        String waybill = prefix + digits.substring(prefix.equals("SF") ? 0 : 2);
        orderOf.put(carrier + ":" + waybill, order);
        return waybill;
    }
}
