package dev.neurona.support;

import dev.neurona.platform.engine.DjlEngine;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Puts DJL offline before any test runs, in Maven and in an IDE alike: unit tests that open an NDManager without a
 * Spring context never meet {@link DjlEngine}, which does it for the service. Registered in
 * META-INF/services/org.junit.platform.launcher.LauncherSessionListener.
 */
public final class DjlOffline implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        DjlEngine.goOffline();
    }
}
