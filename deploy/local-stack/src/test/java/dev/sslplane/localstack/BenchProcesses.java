package dev.sslplane.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the whole-stack benchmarks read about their processes and the machine, and how they take settings. */
final class BenchProcesses {

    private BenchProcesses() {
    }

    /** {@code A=1,B=2} → {A: 1, B: 2}. */
    static Map<String, String> keyValues(String list) {
        var map = new LinkedHashMap<String, String>();
        for (String pair : list.split(",")) {
            if (!pair.isBlank()) {
                String[] kv = pair.split("=", 2);
                map.put(kv[0].trim(), kv.length > 1 ? kv[1].trim() : "");
            }
        }
        return map;
    }

    /** CPU time (user + system) of each started process and of this client so far, in ms. */
    static Map<String, Long> cpuMillis(Deque<ChildProcess> processes) throws IOException {
        var cpu = new LinkedHashMap<String, Long>();
        for (ChildProcess process : processes) {
            cpu.put(process.name(), cpuMillisOf(process.pid()));
        }
        cpu.put("client", cpuMillisOf(ProcessHandle.current().pid()));
        return cpu;
    }

    /** From {@code /proc/<pid>/stat}: fields 14 and 15 (utime, stime), in clock ticks of 1/100 s. */
    static long cpuMillisOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // counted after the command name
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "n/a";
        }
    }
}
