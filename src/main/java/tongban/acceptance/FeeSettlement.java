package tongban.acceptance;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What public payment tells acceptance, inside its own transaction, about an application's payment order: paid (the
 * application waiting for it becomes PROCESSING again and is issued by the resumable path, {@link UnfinishedApplications},
 * started at once after the commit) or expired unpaid. Both are compare-and-set on the application's status: a
 * repeat changes nothing, and a crash after the commit is resumed by the sweep.
 */
@Component
public class FeeSettlement implements DisposableBean {

    private final ApplicationStore applications;
    // looked up when first used: the resumer issues through the issuance that asks payment, which tells us
    private final ObjectProvider<UnfinishedApplications> unfinished;
    private final ExecutorService resumer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "paid-applications");
        thread.setDaemon(true);
        return thread;
    });

    FeeSettlement(ApplicationStore applications, ObjectProvider<UnfinishedApplications> unfinished) {
        this.applications = applications;
        this.unfinished = unfinished;
    }

    /** The application's order was paid: it goes on to be issued; false if it was not waiting for the payment. */
    public boolean paid(UUID application) {
        boolean resumed = applications.resumePaid(application);
        if (resumed && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    resumer.execute(() -> unfinished.getObject().resume());
                }
            });
        }
        return resumed;
    }

    /** The application's order expired unpaid: the application ends as PAYMENT_EXPIRED. */
    public boolean expired(UUID application) {
        return applications.move(application, ApplicationStatus.AWAITING_PAYMENT, ApplicationStatus.PAYMENT_EXPIRED);
    }

    @Override
    public void destroy() {
        resumer.shutdownNow();
    }
}
