package tongban.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.acceptance.CertificateIssued;
import tongban.support.Http;
import tools.jackson.databind.JsonNode;

/**
 * The carrier is down when the parcel is ordered: the job tries again with backoff until it answers, and the carrier
 * ends with one parcel for the application, however often the order was sent and whoever sent it; the issuing event
 * coming again makes no second shipment.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tongban.delivery.retry.initial=200ms", "tongban.delivery.dispatch-interval=1s"})
class CarrierOutageTests {

    @LocalServerPort
    int port;
    @Autowired
    SandboxCarriers sandbox;
    @Autowired
    Shipping shipping;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ShipmentStore store;
    @Autowired
    Carriers carriers;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void anOutageIsRetriedWithBackoffAndTheCarrierGetsOneParcel() {
        int requestsBefore = sandbox.orderRequests("ems");
        long parcelsBefore = sandbox.parcels("ems");
        sandbox.outage("ems", 3);
        String id = PostedApplications.apply(http, PostedApplications.POSTAL).path("id").asString();
        // meanwhile another node's run and this one's race for the same due shipment
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(shipping::dispatchDue);
        shipping.dispatchDue();
        other.join();

        JsonNode placed = PostedApplications.awaitPlaced(http, id);
        assertThat(placed.path("status").asString()).isEqualTo("CREATED");
        assertThat(sandbox.orderRequests("ems") - requestsBefore).isGreaterThanOrEqualTo(4);
        assertThat(sandbox.parcels("ems") - parcelsBefore).isEqualTo(1);
        assertThat(jdbc.sql("select attempts from shipment where application_id = ?").param(UUID.fromString(id))
                .query(Integer.class).single()).isGreaterThanOrEqualTo(4);

        // the order sent again (a retry after a lost answer) names the same parcel
        String again = sandboxOrderAgain(id);
        assertThat(again).isEqualTo(placed.path("trackingNumber").asString());
        assertThat(sandbox.parcels("ems") - parcelsBefore).isEqualTo(1);
    }

    @Test
    void theIssuingEventComingAgainMakesNoSecondShipment() {
        JsonNode issued = PostedApplications.apply(http, PostedApplications.POSTAL);
        UUID id = UUID.fromString(issued.path("id").asString());
        UUID document = UUID.fromString(issued.path("certificate").path("id").asString());
        new TransactionTemplate(transactions).executeWithoutResult(tx ->
                shipping.on(new CertificateIssued("zhangsan", document, "business-licence", id)));
        assertThat(jdbc.sql("select count(*) from shipment where application_id = ?").param(id).query(Integer.class)
                .single()).isEqualTo(1);
    }

    private String sandboxOrderAgain(String application) {
        ShipmentStore.Row row = jdbc.sql("select id from shipment where application_id = ?")
                .param(UUID.fromString(application)).query(UUID.class).optional()
                .flatMap(s -> store.find(s)).orElseThrow();
        return carriers.carrier("ems").orElseThrow().place(new Carrier.Parcel(row.id(), row.documentId(),
                "张三", "13800138000", "上海市黄浦区南京东路1号", carriers.sender()));
    }
}
