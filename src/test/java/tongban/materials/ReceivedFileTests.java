package tongban.materials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A received file is a value: its bytes cannot change after it is made, and it does not print them. */
class ReceivedFileTests {

    @Test
    void theBytesAreCopiedInAndOut() {
        byte[] bytes = "abc".getBytes(StandardCharsets.US_ASCII);
        ReceivedFile file = new ReceivedFile("photo", "a.txt", "text/plain", bytes);

        bytes[0] = 'x';
        file.bytes()[1] = 'x';

        assertThat(file.bytes()).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(file.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(file.size()).isEqualTo(3);
    }

    @Test
    void equalContentMakesEqualFilesAndTheTextShowsNoContent() {
        ReceivedFile one = new ReceivedFile("photo", "a.txt", null, new byte[] {1, 2, 3});
        ReceivedFile two = new ReceivedFile("photo", "a.txt", null, new byte[] {1, 2, 3});

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
        assertThat(one).isNotEqualTo(new ReceivedFile("photo", "a.txt", null, new byte[] {1, 2, 4}));
        assertThat(one.toString()).contains("size=3").doesNotContain("[1, 2, 3]").doesNotContain("[B@");
    }
}
