package org.scratchnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library example, taken from README.md itself, compiled and run on real MNIST. */
class ReadmeExampleTest {

    @Test
    void readmeExampleCompilesRunsAndTrainsAUsefulModel(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int marker = readme.indexOf("<!-- readme-example -->");
        assertThat(marker).as("README marks its example").isPositive();
        int start = readme.indexOf("```java", marker) + "```java".length();
        int end = readme.indexOf("```", start);
        Path source = dir.resolve("Example.java");
        String example = readme.substring(start, end);
        assertThat(example).as("the example validates on a held-out part of the training set, never on the test set")
                .contains("Splits.stratified(mnist[0]").doesNotContain("fit(net, train, test)");
        Files.writeString(source, example);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"),
                "-d", dir.toString(), source.toString());
        assertThat(status).as("the README example compiles").isZero();

        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Method main = loader.loadClass("Example").getMethod("main", String[].class);
            main.invoke(null, (Object) new String[] {dir.resolve("example.safetensors").toString()});
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        List<String> lines = out.lines().toList();
        String first = lines.get(0);
        double accuracy = Double.parseDouble(first.substring(first.lastIndexOf(' ') + 1));
        assertThat(accuracy).as("one epoch of 784-128-10 with Adam").isGreaterThan(0.94);
        String last = lines.get(lines.size() - 1);
        assertThat(Double.parseDouble(last.substring(last.lastIndexOf(' ') + 1))).isEqualTo(accuracy);
        assertThat(out).contains("precision", "recall");
    }
}
