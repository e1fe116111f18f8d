package dev.osint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/jvm-options.sh, which bin/osint and the bench scripts source: the options it gives the JDK that runs here. */
class JvmOptionsScriptTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path dir;

    @Test
    void theOptionsStartThisJdk() throws Exception {
        Path jar = Files.writeString(dir.resolve("osint.jar"), "not read by -version");
        List<String> command = new ArrayList<>(List.of(JAVA.toString()));
        command.addAll(options(JAVA, jar).options());
        command.add("-version");

        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertThat(process.exitValue()).as(stderr).isZero();
        assertThat(stderr).contains("version");
        // stdout carries the CLI's results: the JVM's messages (the AOT cache written at exit) go to stderr
        assertThat(stdout).isEmpty();
    }

    @Test
    void glibcArenasAreCappedUnlessTheCallerSetsThem() throws Exception {
        Path jar = Files.writeString(dir.resolve("osint.jar"), "");

        assertThat(options(JAVA, jar).mallocArenaMax()).isEqualTo("2");
        assertThat(options(JAVA, jar, Map.of("MALLOC_ARENA_MAX", "4")).mallocArenaMax()).isEqualTo("4");
    }

    @Test
    void theAheadOfTimeCacheIsWrittenByTheFirstRunUsedAfterAndRemadeWhenTheJarChanges() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the AOT cache is made in one step from JDK 25");
        Path jar = Files.writeString(dir.resolve("osint.jar"), "");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));

        Map<String, String> aot = Map.of("OSINT_AOT_CACHE", "1");
        String output = single(options(JAVA, jar, aot).options(), "-XX:AOTCacheOutput=");
        Path cache = Path.of(output);
        assertThat(cache.getParent()).isEqualTo(dir.resolve("data/cds"));
        assertThat(cache.getFileName().toString()).startsWith("osint-server-jdk" + Runtime.version().feature())
                .endsWith(".aot");

        Files.writeString(cache, "a cache");
        assertThat(single(options(JAVA, jar, aot).options(), "-XX:AOTCache=")).isEqualTo(output);

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(single(options(JAVA, jar, aot).options(), "-XX:AOTCacheOutput=")).isEqualTo(output);
        assertThat(cache).doesNotExist();
    }

    @Test
    void theClassDataArchiveUnlessTheCacheIsAskedFor() throws Exception {
        Path jar = Files.writeString(dir.resolve("osint.jar"), "");

        List<String> options = options(JAVA, jar).options();

        assertThat(options).contains("-XX:+AutoCreateSharedArchive").noneMatch(o -> o.startsWith("-XX:AOTCache"));
        assertThat(single(options, "-XX:SharedArchiveFile=")).endsWith(".jsa");
    }

    @Test
    void aClassDataArchiveOlderThanTheJarIsRemovedSoThatTheJvmMakesItAgain() throws Exception {
        Path jar = Files.writeString(dir.resolve("osint.jar"), "");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        Path archive = Path.of(single(options(JAVA, jar).options(), "-XX:SharedArchiveFile="));
        Files.writeString(archive, "an archive");

        options(JAVA, jar);
        assertThat(archive).exists();

        // a rebuilt jar: the JVM would refuse the archive at every start without making it again
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(single(options(JAVA, jar).options(), "-XX:SharedArchiveFile=")).isEqualTo(archive.toString());
        assertThat(archive).doesNotExist();
    }

    @Test
    void aWorkerProcessStartsWithTheSmallerHeapAndGrowsToTheSameCap() throws Exception {
        Path jar = Files.writeString(dir.resolve("osint.jar"), "");

        List<String> server = options(JAVA, jar).options();
        List<String> worker = options(JAVA, jar, Map.of(), "worker").options();

        assertThat(single(server, "-Xms")).isEqualTo("64m");
        assertThat(single(worker, "-Xms")).isEqualTo("32m");
        assertThat(single(worker, "-Xmx")).isEqualTo(single(server, "-Xmx")).isEqualTo("224m");
        // no full collection when a warm server's classes pass the default metaspace threshold
        assertThat(single(server, "-XX:MetaspaceSize=")).isEqualTo(single(worker, "-XX:MetaspaceSize="))
                .isEqualTo("64m");
    }

    @Test
    void nativeHeapTrimmingOnlyWhereTheJdkHasIt() throws Exception {
        Path jar = Files.writeString(dir.resolve("osint.jar"), "");

        assertThat(options(fakeJdk("21"), jar).options()).noneMatch(o -> o.startsWith("-XX:TrimNativeHeap"))
                .contains("-XX:+AutoCreateSharedArchive");
        assertThat(options(fakeJdk("21.0.1"), jar).options()).contains("-XX:TrimNativeHeapInterval=5000");
        assertThat(options(fakeJdk("22.0.2"), jar).options()).contains("-XX:TrimNativeHeapInterval=5000");
    }

    @Test
    void theImagesEntryPointRunsTheJarWithTheSameOptionsPerCommand() throws Exception {
        // the image's layout: /opt/osint/{osint.jar, entrypoint.sh, bin/jdk.sh, bin/jvm-options.sh}
        Path home = Files.createDirectories(dir.resolve("opt/osint/bin"));
        for (String script : List.of("jdk.sh", "jvm-options.sh")) {
            Files.copy(ROOT.resolve("bin").resolve(script), home.resolve(script));
        }
        Path java = fakeJdk("21.0.5");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();

        List<String> server = entryPoint(home.getParent(), java, "server", "--port", "8000");
        List<String> worker = entryPoint(home.getParent(), java, "worker", "--concurrency", "64");

        assertThat(single(server, "-Xms")).isEqualTo("64m");
        assertThat(single(worker, "-Xms")).isEqualTo("32m");
        assertThat(worker).contains("-XX:+UseSerialGC", "-XX:TrimNativeHeapInterval=5000")
                .endsWith("-jar", home.getParent().resolve("osint.jar").toString(), "worker", "--concurrency", "64");
    }

    private List<String> entryPoint(Path osintHome, Path java, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("deploy/entrypoint.sh").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OSINT_HOME", osintHome.toString());
        builder.environment().put("PATH", java.getParent() + ":/usr/bin:/bin");
        builder.environment().put("OSINT_DATA_DIR", dir.resolve("data").toString());
        builder.environment().keySet().removeAll(List.of("OSINT_AOT_CACHE", "OSINT_HEAP_MAX", "OSINT_JAVA_OPTS"));
        Run run = run(builder);
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run.output().lines().toList();
    }

    /** A JDK directory with only a release file, which is what the script reads for the version. */
    private Path fakeJdk(String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve("jdk-" + version));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        return Files.createDirectories(home.resolve("bin")).resolve("java");
    }

    private record Options(List<String> options, String mallocArenaMax) {}

    /** Sources bin/jdk.sh and bin/jvm-options.sh in bash, as bin/osint does, for the server command. */
    private Options options(Path java, Path jar, Map<String, String> environment) throws Exception {
        return options(java, jar, environment, "server");
    }

    private Options options(Path java, Path jar, Map<String, String> environment, String command)
            throws Exception {
        String script = ". \"$3/bin/jdk.sh\"; . \"$3/bin/jvm-options.sh\"; osint_jvm_options \"$1\" \"$2\" \"$4\""
                + " && printf '%s\\n' \"${OSINT_JVM_OPTIONS[@]}\" \"MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX\"";
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script, "bash", java.toString(), jar.toString(),
                ROOT.toString(), command);
        builder.environment().keySet().removeAll(List.of("MALLOC_ARENA_MAX", "OSINT_AOT_CACHE", "OSINT_HEAP_MAX"));
        builder.environment().put("OSINT_DATA_DIR", dir.resolve("data").toString());
        builder.environment().putAll(environment);
        Run run = run(builder);
        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> lines = run.output().lines().toList();
        return new Options(lines.subList(0, lines.size() - 1),
                lines.getLast().substring("MALLOC_ARENA_MAX=".length()));
    }

    private Options options(Path java, Path jar) throws Exception {
        return options(java, jar, Map.of());
    }

    private static String single(List<String> options, String prefix) {
        List<String> values = options.stream().filter(o -> o.startsWith(prefix))
                .map(o -> o.substring(prefix.length())).toList();
        assertThat(values).as("%s in %s", prefix, options).hasSize(1);
        return values.getFirst();
    }

    private record Run(int exitCode, String output) {}

    private Run run(ProcessBuilder builder) throws Exception {
        Process process = builder.directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
