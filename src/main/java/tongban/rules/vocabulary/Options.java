package tongban.rules.vocabulary;

/** The applicant's choices: a commitment (告知承诺) instead of some materials, and how to receive the result. */
public record Options(boolean commitment, Delivery delivery) {

    public boolean pickup() {
        return delivery == Delivery.PICKUP;
    }
}
