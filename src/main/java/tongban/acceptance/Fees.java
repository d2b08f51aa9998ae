package tongban.acceptance;

import java.util.UUID;

/**
 * The port through which acceptance asks for a decision's fee (收费) to be paid: played by public payment
 * ({@code tongban.payment}), which keeps the payment order. An application whose decision is ACCEPTABLE with a fee
 * waits as {@link ApplicationStatus#AWAITING_PAYMENT} until its order is paid, then goes on through the same resumable
 * issuance ({@link FeeSettlement#paid}).
 */
public interface Fees {

    /** A fee an application owes: amount in fen (分), never floating point; the payer's name for the receipt. */
    record Due(UUID application, String username, String subjectId, String payerName, String item, String description,
               long amountFen) {
    }

    /** Creates the application's payment order once (a retry finds it) and says whether it is paid. */
    boolean paid(Due due);

    /**
     * In the caller's transaction: locks the application's order (before the application, as paying does) and says
     * whether it is still unpaid, so an application never waits for a payment that has already arrived.
     */
    boolean stillDue(UUID application);

    /**
     * In the caller's transaction, as the application ends unissued ({@code reason} WITHDRAWN or REFUSED): an unpaid
     * order is closed, a paid one is due for a refund (made through its channel once the transaction commits).
     */
    void ended(UUID application, String actor, String reason);
}
