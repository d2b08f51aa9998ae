package tongban.identity;

/** A natural person (自然人) or an organisation (法人). */
public enum SubjectKind { PERSON, ORGANISATION }
