package tongban.rules;

import java.util.function.IntPredicate;

/**
 * Whether the documents can print a character (a code point): the document service answers from its font, and a
 * text field accepts no other character, so an answer the rules accept can always be printed.
 */
@FunctionalInterface
public interface PrintableCharacters extends IntPredicate {
}
