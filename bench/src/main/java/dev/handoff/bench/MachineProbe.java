package dev.handoff.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Reads what every figure is recorded with: the load average, heap after a full collection and the
 * resident set size of a process (from /proc, so it works for the registry child process too).
 */
final class MachineProbe {

    private MachineProbe() {
    }

    /** The 1-minute load average, or -1 where /proc is not there. */
    static double loadAverage() {
        try {
            final String s = Files.readString(Path.of("/proc/loadavg"));
            return Double.parseDouble(s.split(" ")[0]);
        } catch (final IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Heap in use after asking for two full collections (one may leave finalizable garbage). */
    static long heapAfterGcBytes() {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** VmRSS of a process, or empty where /proc is not there or the process is gone. */
    static OptionalLong rssBytes(final long pid) {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    final String kb = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
                    return OptionalLong.of(Long.parseLong(kb) * 1024);
                }
            }
        } catch (final IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    static long selfPid() {
        return ProcessHandle.current().pid();
    }

    static String cpuModel() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (final IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    static long totalMemoryBytes() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (final IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static double mib(final long bytes) {
        return Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0;
    }
}
