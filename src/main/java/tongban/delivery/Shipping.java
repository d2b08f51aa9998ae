package tongban.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.acceptance.CertificateIssued;
import tongban.acceptance.PostalAddress;
import tongban.acceptance.PostalDeliveries;
import tongban.storage.ClusterJob;

/**
 * Ships the paper copy of a certificate issued for an application that chose delivery POST. The shipment is stored in
 * the issuing transaction itself (so it exists exactly when the certificate does, once: one per application), then
 * placed with the carrier by a job that runs on one node at a time ({@link ClusterJob}), holding no database
 * connection of its own while it talks to the carrier. A carrier that cannot be reached is tried again with backoff
 * ({@code tongban.delivery.retry.initial}, doubled each time, at most {@code tongban.delivery.retry.max}); the order
 * number is the shipment's id, so a retry never ships twice.
 */
@Component
class Shipping implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Shipping.class);
    /** This job's lock in Tongban's advisory-lock namespace. */
    static final int DISPATCH = 1701;
    static final String SYSTEM = "system";

    private final PostalDeliveries postal;
    private final ShipmentStore store;
    private final Carriers carriers;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ClusterJob job;
    private final Duration initial;
    private final Duration max;
    private final Duration nonceWindow;
    private final ExecutorService waker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "delivery-wake");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean waking = new AtomicBoolean();

    Shipping(PostalDeliveries postal, ShipmentStore store, Carriers carriers, ApplicationEventPublisher events,
             PlatformTransactionManager transactions, Clock clock, DataSource dataSource,
             @Value("${tongban.delivery.retry.initial:10s}") Duration initial,
             @Value("${tongban.delivery.retry.max:1h}") Duration max,
             @Value("${tongban.delivery.notification-window:5m}") Duration nonceWindow) {
        this.postal = postal;
        this.store = store;
        this.carriers = carriers;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.job = new ClusterJob(dataSource, "delivery dispatch", DISPATCH);
        this.initial = initial;
        this.max = max;
        this.nonceWindow = nonceWindow;
    }

    /**
     * In the issuing transaction: the application's shipment, if it chose POST and has none yet. Without a postal
     * address there is nothing to post to: the document waits at the district's window and the applicant is told.
     */
    @EventListener
    void on(CertificateIssued issued) {
        postal.of(issued.application()).ifPresent(request -> {
            Optional<PostalAddress> to = request.address();
            ShipmentStatus status = to.isPresent() ? ShipmentStatus.PENDING : ShipmentStatus.RETURNED_TO_WINDOW;
            boolean stored = store.create(new ShipmentStore.NewShipment(issued.application(), request.username(),
                    issued.documentId(), carriers.chosen(), status, to.map(PostalAddress::recipient).orElse(null),
                    to.map(PostalAddress::phone).orElse(null), to.map(PostalAddress::address).orElse(null),
                    request.district(), to.isPresent() ? null : "NO_POSTAL_ADDRESS"), clock.instant());
            if (stored && to.isEmpty()) {
                events.publishEvent(DeliveryChanged.of(SYSTEM, issued.application(), status,
                        Map.of("reason", "NO_POSTAL_ADDRESS")));
            } else if (stored) {
                events.publishEvent(new ShipmentRequested(issued.application()));
            }
        });
    }

    /** A parcel to place with the carrier was stored with its application's issuance. */
    record ShipmentRequested(UUID application) {
    }

    /** Once the issuance is committed, its parcel is placed with the carrier without waiting for the schedule. */
    @TransactionalEventListener(fallbackExecution = true)
    void afterRequested(ShipmentRequested requested) {
        wake();
    }

    @Scheduled(initialDelayString = "${tongban.delivery.dispatch-interval:10s}",
            fixedDelayString = "${tongban.delivery.dispatch-interval:10s}")
    void scheduled() {
        wake();
    }

    /**
     * Starts a dispatch run here unless one runs on this or another node; on a thread of its own, as taking the job's
     * lock takes a connection, which the caller (a request finishing its transaction) must not wait for. Wakes that
     * come while one is waiting to start are one.
     */
    void wake() {
        if (!waking.compareAndSet(false, true)) {
            return;
        }
        waker.execute(() -> {
            waking.set(false);
            try {
                job.start(id -> dispatchDue());
            } catch (RuntimeException e) {
                log.warn("delivery dispatch not started: {}", e.getMessage());
            }
        });
    }

    /** Stops the threads with the context; a run in progress leaves its shipment to the next attempt. */
    @Override
    public void close() {
        waker.shutdownNow();
        job.close();
    }

    /** Places every shipment that is due with its carrier; answers how many were tried. */
    int dispatchDue() {
        store.forgetNonces(clock.instant().minus(nonceWindow.multipliedBy(2)));
        int tried = 0;
        for (Optional<ShipmentStore.Row> due = store.claimDue(initial, max); due.isPresent();
             due = store.claimDue(initial, max)) {
            dispatch(due.get());
            tried++;
        }
        return tried;
    }

    private void dispatch(ShipmentStore.Row row) {
        Carrier carrier = carriers.carrier(row.carrier()).orElseThrow(() ->
                new IllegalStateException("shipment " + row.id() + " names the unknown carrier " + row.carrier()));
        try {
            String tracking = carrier.place(new Carrier.Parcel(row.id(), row.documentId(), row.recipient(), row.phone(),
                    row.address(), carriers.sender()));
            transaction.executeWithoutResult(tx -> {
                if (store.placed(row.id(), tracking, clock.instant())) {
                    events.publishEvent(DeliveryChanged.of(SYSTEM, row.application(), ShipmentStatus.CREATED,
                            Map.of("carrier", carrier.id(), "trackingNumber", tracking)));
                }
            });
            log.info("shipment {} of application {}: {} tracking number {}", row.id(), row.application(), carrier.id(),
                    tracking);
        } catch (Carrier.Unavailable e) {
            store.attemptFailed(row.id(), e.getMessage(), clock.instant());
            log.warn("shipment {} (attempt {}): {}; tried again later", row.id(), row.attempts(), e.getMessage());
        } catch (Carrier.Refused e) {
            transaction.executeWithoutResult(tx -> {
                if (store.move(row.id(), ShipmentStatus.PENDING, ShipmentStatus.RETURNED_TO_WINDOW, "CARRIER_REFUSED",
                        clock.instant())) {
                    events.publishEvent(DeliveryChanged.of(SYSTEM, row.application(),
                            ShipmentStatus.RETURNED_TO_WINDOW, Map.of("reason", "CARRIER_REFUSED")));
                }
            });
            log.warn("shipment {}: {}; the document waits at the window", row.id(), e.getMessage());
        }
    }
}
