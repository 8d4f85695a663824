package dev.sslplane.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Checks a service's table of renamed environment variables against the service: Spring Boot runs the class that
 * reads the old names, and every new name is a variable the service's {@code application.yml} reads.
 */
public final class RenamedVariables {

    private RenamedVariables() {
    }

    /**
     * @param renames       old variable to new, as the service's post-processor holds them
     * @param postProcessor the service's {@code EnvironmentPostProcessor} that reads the old names
     */
    public static void assertWiredInto(Map<String, String> renames, Class<?> postProcessor) throws IOException {
        assertThat(renames).isNotEmpty();
        try (InputStream in = postProcessor.getResourceAsStream("/META-INF/spring.factories")) {
            assertThat(in).as("META-INF/spring.factories").isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("org.springframework.boot.env.EnvironmentPostProcessor=" + postProcessor.getName());
        }
        String yml = Files.readString(Path.of("src/main/resources/application.yml"));
        assertThat(renames.values()).as("new names read by application.yml")
                .allSatisfy(name -> assertThat(yml).contains("${" + name + ":"));
        assertThat(renames.keySet()).as("old names no longer read by application.yml")
                .allSatisfy(name -> assertThat(yml).doesNotContain("${" + name + ":"));
    }
}
