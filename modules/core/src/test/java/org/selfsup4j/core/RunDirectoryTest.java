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

    @Test
    void aFullDiskLeavesTheOldFileWhole() throws IOException {
        Path target = tmp.resolve("state-4.bin");
        Files.writeString(target, "old, complete");
        // the temporary file lands on the kernel's always-full device: the write fails with ENOSPC
        Files.createSymbolicLink(tmp.resolve(".state-4.bin.tmp"), Path.of("/dev/full"));
        SelfsupException e = assertThrows(SelfsupException.class,
                () -> RunDirectory.writeAtomically(target, new byte[1 << 16]));
        assertEquals(target + ": file must be writable, found IOException (No space left on device); "
                + "check free space and permissions", e.getMessage());
        assertEquals("old, complete", Files.readString(target), "the previous version is untouched");
        assertFalse(Files.exists(tmp.resolve(".state-4.bin.tmp"), java.nio.file.LinkOption.NOFOLLOW_LINKS),
                "the temporary file is removed");
    }

    @Test
    void aCompleteRunCannotBeResumedAndAFailedOneCan() throws IOException {
        RunDirectory run = RunDirectory.create(tmp, "q", Instant.now());
        run.markFailed("step 3: loss must be finite");
        RunDirectory.openUnfinished(run.path());
        assertTrue(Files.readString(run.resolve(RunDirectory.STATE_FILE)).contains("\"running\""));
        run.markComplete();
        SelfsupException e = assertThrows(SelfsupException.class, () -> RunDirectory.openUnfinished(run.path()));
        assertEquals(run.path() + ": run state must be unfinished to resume, found complete; the run is done; probe or "
                + "export it", e.getMessage());
    }
}
