package tongban.rules.vocabulary;

/** A text in Chinese (the language of record) and English. */
public record Text(String zh, String en) {
}
