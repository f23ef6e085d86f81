package org.selfsup4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void createsUniqueFoldersInStateRunningThenComplete() throws IOException {
        Instant now = Instant.parse("2026-01-02T03:04:05Z");
        RunDirectory a = RunDirectory.create(tmp.resolve("runs"), "quick", now);
        RunDirectory b = RunDirectory.create(tmp.resolve("runs"), "quick", now);
        assertEquals("quick-20260102-030405", a.path().getFileName().toString());
        assertEquals("quick-20260102-030405-2", b.path().getFileName().toString());
        SelfsupException e = assertThrows(SelfsupException.class, () -> RunDirectory.openComplete(a.path()));
        assertTrue(e.getMessage().contains("run state must be complete, found running"), e.getMessage());
        a.markComplete();
        assertEquals(a.path(), RunDirectory.openComplete(a.path()).path());
        b.markFailed("boom");
        assertTrue(Files.readString(b.resolve(RunDirectory.STATE_FILE)).contains("boom"));
    }

    @Test
    void atomicWriteLeavesNoTemporaryFile() throws IOException {
        Path f = tmp.resolve("x/y.txt");
        RunDirectory.writeAtomically(f, "hello".getBytes());
        RunDirectory.writeAtomically(f, "bye".getBytes());
        assertEquals("bye", Files.readString(f));
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void unwritableParentIsACleanError() throws IOException {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        SelfsupException e = assertThrows(SelfsupException.class,
                () -> RunDirectory.create(file.resolve("runs"), "q", Instant.now()));
        assertTrue(e.getMessage().startsWith(file.resolve("runs") + ": output directory must be a writable folder"),
                e.getMessage());
        assertFalse(Files.exists(file.resolve("runs")));
    }

    @Test
    void missingRunIsACleanError() {
        SelfsupException e = assertThrows(SelfsupException.class, () -> RunDirectory.openComplete(tmp.resolve("nope")));
        assertTrue(e.getMessage().contains("found no such directory"), e.getMessage());
    }
}
