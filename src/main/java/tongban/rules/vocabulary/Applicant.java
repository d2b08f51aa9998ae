package tongban.rules.vocabulary;

/**
 * The applicant (申请人) as the rules see it. {@code age} is derived by Java from the resident ID
 * number at the evaluation date, so rules never compute dates.
 */
public record Applicant(
        ApplicantKind kind,
        String idNumber,
        String name,
        String hukouRegion,
        boolean identityVerified,
        boolean publicServant,
        boolean ownLabourIncome,
        String uscc,
        int age) {

    public boolean isPerson() {
        return kind == ApplicantKind.PERSON;
    }
}
