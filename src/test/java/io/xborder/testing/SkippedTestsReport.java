package io.xborder.testing;

import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Ends a test run with the tests it skipped and why (a missing shared corpus, no Chromium, no external
 * PostgreSQL, …), so that a run that passes without checking something says so; the build's own summary only
 * counts them. Registered for the JUnit Platform in {@code META-INF/services}.
 */
public class SkippedTestsReport implements TestExecutionListener {

    /** Test (class.method) → why it was skipped; parameterised invocations count once. */
    private final Map<String, String> skipped = new TreeMap<>();

    @Override
    public synchronized void executionSkipped(TestIdentifier test, String reason) {
        skipped.putIfAbsent(name(test), reason);
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            skipped.putIfAbsent(name(test),
                    result.getThrowable().map(Throwable::getMessage).orElse("aborted by an assumption"));
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (skipped.isEmpty()) {
            return;
        }
        StringBuilder report = new StringBuilder("\nSkipped, so not checked by this run (").append(skipped.size())
                .append("):\n");
        skipped.forEach((test, reason) -> report.append("  ").append(test).append(": ").append(reason).append('\n'));
        System.out.print(report);
        skipped.clear();
    }

    private static String name(TestIdentifier test) {
        TestSource source = test.getSource().orElse(null);
        if (source instanceof MethodSource m) {
            return simple(m.getClassName()) + "." + m.getMethodName();
        }
        if (source instanceof ClassSource c) {
            return simple(c.getClassName());
        }
        return test.getDisplayName();
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
