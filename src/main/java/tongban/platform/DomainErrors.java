package tongban.platform;

import java.util.Optional;

/**
 * How one capability's domain errors read over HTTP: each module that raises its own exceptions gives one bean of
 * this, and the problem handler asks them, so use cases never name an HTTP status and controllers never catch.
 */
public interface DomainErrors {

    /** The problem+json answer to {@code error}, or empty when it is not this module's. */
    Optional<ApiProblem> problemOf(RuntimeException error);
}
