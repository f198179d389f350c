package dev.neurona.support;

/** The admin key every test context starts with (src/test/resources/config/application.yaml). */
public final class TestKeys {

    public static final String ADMIN = "nrn_test_admin_key_0123456789abcdef0123456789abcdef";

    private TestKeys() {}
}
