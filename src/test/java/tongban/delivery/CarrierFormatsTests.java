package tongban.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each carrier's request signature agrees with its published algorithm (the expected values computed apart, with
 * Python's hashlib and urllib), each push format reads back what was written, a code the platform does not follow is
 * left out, and a field at fault is named by its JSON path.
 */
class CarrierFormatsTests {

    private static final String MSG = "{\"orderId\":\"A 1\",\"contact\":\"张三\"}";
    private static final CarrierAccount ACCOUNT = new CarrierAccount("x", () -> URI.create("http://127.0.0.1:9"), true,
            "P", "api", "hook");

    @Test
    void sfSignsBase64OfMd5OfTheUrlEncodedDataTimestampAndCheckword() {
        assertThat(SfExpress.digest(MSG, "1733300000000", "checkword-1")).isEqualTo("og6YwLZWor8JXHvMUR2Fjg==");
    }

    @Test
    void emsSignsBase64OfMd5OfTheOrderAndItsKey() {
        assertThat(Ems.digest(MSG, "key-1")).isEqualTo("8kYI1m0nYClLnPz1bFHAGw==");
    }

    @Test
    void eachPushFormatReadsBackWhatWasWritten() {
        Instant at = Instant.parse("2026-12-04T02:03:04Z");
        for (Carrier carrier : List.of(new SfExpress(ACCOUNT), new Ems(ACCOUNT))) {
            Carrier.TrackingEvent event = new Carrier.TrackingEvent("e-1", "T123", "order-1",
                    ShipmentStatus.RETURNED_TO_WINDOW, at, "上海市", "REFUSED");
            assertThat(carrier.events(carrier.push(event))).as(carrier.id()).containsExactly(event);
        }
    }

    @Test
    void aRouteCodeThePlatformDoesNotFollowIsLeftOut() {
        String body = "{\"Body\":{\"WaybillRoute\":[{\"id\":\"1\",\"mailno\":\"SF1\",\"opCode\":\"31\","
                + "\"acceptTime\":\"2026-12-04 10:00:00\"},{\"id\":\"2\",\"mailno\":\"SF1\",\"opCode\":\"80\","
                + "\"acceptTime\":\"2026-12-04 11:00:00\"}]}}";
        assertThat(new SfExpress(ACCOUNT).events(body.getBytes(StandardCharsets.UTF_8)))
                .extracting(Carrier.TrackingEvent::status).containsExactly(ShipmentStatus.DELIVERED);
    }

    @Test
    void aFieldAtFaultIsNamedByItsPath() {
        String body = "{\"traces\":[{\"traceId\":\"1\",\"waybillNo\":\"11\",\"opCode\":\"704\",\"opTime\":\"04/12/2026\"}]}";
        assertThatThrownBy(() -> new Ems(ACCOUNT).events(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(NotificationRefused.class, e -> {
                    assertThat(e.reason).isEqualTo(NotificationRefused.Reason.NOTIFICATION_MALFORMED);
                    assertThat(e.field).isEqualTo("$.traces[0].opTime");
                });
    }

    @Test
    void aPhoneIsShownWithItsMiddleMasked() {
        assertThat(tongban.acceptance.PostalAddress.mask("13800138000")).isEqualTo("138****8000");
        assertThat(tongban.acceptance.PostalAddress.mask("021-12345678")).isEqualTo("021*****5678");
    }
}
