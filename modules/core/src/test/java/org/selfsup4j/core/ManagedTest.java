package org.selfsup4j.core;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Test support: each test gets a fresh base manager {@link #m} on the engine, closed after it. */
public abstract class ManagedTest {
    /** The test's manager. */
    protected NDManager m;

    @BeforeEach
    void openManager() {
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        m.close();
    }
}
