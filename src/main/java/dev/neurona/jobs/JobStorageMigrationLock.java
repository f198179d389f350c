package dev.neurona.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jobrunr.storage.StorageProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Serialises JobRunr's table creation across nodes. JobRunr creates and migrates its tables when its storage starts,
 * without a lock: nodes started together on an empty PostgreSQL schema (a {@code docker compose up}) raced, and the
 * losers died on "column already exists". A session-level advisory lock is held from just before JobRunr's storage
 * is created until it is ready; the other nodes wait for it and then find the tables in place. Flyway takes a
 * lock of its own for our schema. H2 is used by one process only, so nothing is done there.
 */
@Component
class JobStorageMigrationLock implements InstantiationAwareBeanPostProcessor, BeanFactoryAware {

    private static final Logger log = LoggerFactory.getLogger(JobStorageMigrationLock.class);

    /** Any constant shared by all nodes; "NRNJOBRN" in ASCII. */
    private static final long LOCK = 0x4E524E4A4F42524EL;

    private BeanFactory beans;
    private Connection held;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beans = beanFactory;
    }

    @Override
    public Object postProcessBeforeInstantiation(Class<?> beanClass, String beanName) throws BeansException {
        if (held == null && StorageProvider.class.isAssignableFrom(beanClass)) {
            held = lock(beans.getBean(DataSource.class));
        }
        return null;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (held != null && bean instanceof StorageProvider) {
            unlock();
        }
        return bean;
    }

    private static Connection lock(DataSource dataSource) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            if (!connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
                connection.close();
                return null;
            }
            long start = System.nanoTime();
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + LOCK + ")");
            }
            log.debug("JobRunr table lock taken after {} ms", (System.nanoTime() - start) / 1_000_000);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException(
                    "cannot take the lock around JobRunr's table creation: " + e.getMessage(), e);
        }
    }

    private void unlock() {
        try (Statement s = held.createStatement()) {
            s.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
        } catch (SQLException e) {
            // closing the connection below ends the session, which releases the lock anyway
            log.warn("could not release the JobRunr table lock explicitly: {}", e.getMessage());
        } finally {
            closeQuietly(held);
            held = null;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing the lock connection failed: {}", e.getMessage());
        }
    }
}
