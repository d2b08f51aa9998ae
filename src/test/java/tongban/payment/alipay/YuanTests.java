package tongban.payment.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Yuan text to fen and back, exactly; anything but plain yuan with at most two decimals refused. */
class YuanTests {

    @Test
    void yuanBecomeFenExactly() {
        assertThat(Yuan.toFen("20.00")).isEqualTo(2000);
        assertThat(Yuan.toFen("20")).isEqualTo(2000);
        assertThat(Yuan.toFen("0.1")).isEqualTo(10);
        assertThat(Yuan.toFen("0.01")).isEqualTo(1);
        assertThat(Yuan.toFen("100000000.99")).isEqualTo(10_000_000_099L);
        assertThat(Yuan.of(2000)).isEqualTo("20.00");
        assertThat(Yuan.of(1)).isEqualTo("0.01");
        assertThat(Yuan.of(0)).isEqualTo("0.00");
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"20.001", "-1.00", "+1.00", "1e3", "1E+3", " 1.00", "1.00 ", "01.00", "1.", ".5",
                "1,00", "", "NaN", "1000000000000.00", "２０.00"}) {
            assertThatThrownBy(() -> Yuan.toFen(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Yuan.toFen(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Yuan.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
