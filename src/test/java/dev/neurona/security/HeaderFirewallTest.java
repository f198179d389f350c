package dev.neurona.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HeaderFirewallTest {

    /** Spring Security's own default rule, which the fast path must agree with. */
    private static final Pattern DEFAULT = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void agreesWithSpringSecuritysDefaultRuleOnRandomText() {
        Random random = new Random(11);
        char[] alphabet = {
            'a', 'Z', '0', ' ', '~', '\t', '\n', '\u0000', '\u007f', '\u0085', 'é', '€', '\u0378', '\ud83d', '\ude00',
            '\uffff'
        };
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(6); i > 0; i--) {
                text.append(
                        random.nextInt(3) == 0
                                ? alphabet[random.nextInt(alphabet.length)]
                                : (char) (' ' + random.nextInt(95)));
            }
            String s = text.toString();
            assertThat(HeaderFirewall.allowed(s))
                    .as("%s", s.chars().boxed().toList())
                    .isEqualTo(DEFAULT.matcher(s).matches());
        }
    }

    @Test
    void refusesControlCharactersAndAcceptsPlainHeaders() {
        assertThat(HeaderFirewall.allowed("application/json; charset=utf-8")).isTrue();
        assertThat(HeaderFirewall.allowed("")).isTrue();
        assertThat(HeaderFirewall.allowed("a\r\nX-Injected: 1")).isFalse();
        assertThat(HeaderFirewall.allowed("tab\there")).isFalse();
        assertThat(HeaderFirewall.allowed("Ünïcödé")).isTrue();
        assertThat(HeaderFirewall.allowed("unassigned \u0378")).isFalse();
    }
}
