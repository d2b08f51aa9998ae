package tongban.archive;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class on its own {@link TestBed}: started before the class's first test, closed after its last. */
abstract class OnTestBed {

    static TestBed bed;

    @BeforeAll
    static void startBed() throws Exception {
        bed = TestBed.start();
    }

    @AfterAll
    static void closeBed() {
        bed.close();
    }
}
