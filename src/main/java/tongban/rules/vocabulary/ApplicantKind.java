package tongban.rules.vocabulary;

/** Whether the applicant is a natural person (自然人) or an organisation (法人或其他组织). */
public enum ApplicantKind { PERSON, ORGANISATION }
