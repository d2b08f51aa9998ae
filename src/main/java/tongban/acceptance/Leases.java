package tongban.acceptance;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This node's leases on the applications it works on (租约). A lease runs for {@code tongban.applications.lease}
 * on the database's clock; a heartbeat renews the held ones every third of it, so work of any length keeps its
 * lease while the node lives, and a killed node's leases run out for another to take over.
 */
@Component
class Leases implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Leases.class);

    private final ApplicationStore applications;
    private final Duration lease;
    private final String owner = "node-" + UUID.randomUUID();
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "application-lease-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    Leases(ApplicationStore applications, @Value("${tongban.applications.lease:30s}") Duration lease) {
        this.applications = applications;
        this.lease = lease;
        long every = Math.max(lease.toMillis() / 3, 100);
        heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    String owner() {
        return owner;
    }

    Duration duration() {
        return lease;
    }

    /** Runs {@code work} on an application whose lease this node has just claimed, renewing it meanwhile. */
    <T> T holding(UUID application, Supplier<T> work) {
        held.add(application);
        try {
            return work.get();
        } finally {
            held.remove(application);
        }
    }

    private void renew() {
        try {
            applications.renew(owner, List.copyOf(held), lease);
        } catch (RuntimeException e) {
            // the database is away: the leases may run out, and then another node or a retry takes over
            log.warn("cannot renew {} application leases: {}", held.size(), e.getMessage());
        }
    }

    @Override
    public void destroy() {
        heartbeat.shutdownNow();
    }
}
