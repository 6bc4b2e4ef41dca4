package io.skein.testnet.sim;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a test its simulation seed as a {@link SimSeed} parameter (from {@code -Dskein.sim.seed},
 * else a fixed default per test, see {@link SimSeeds}) and, if the test fails, logs {@code
 * seed=<n>} and the exact Maven command that replays it, and attaches the same lines to the failure
 * as a suppressed exception so they appear in the surefire report too.
 */
public final class SimSeedExtension implements ParameterResolver, TestExecutionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SimSeedExtension.class);

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SimSeedExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SimSeed.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    long seed = SimSeeds.seedFor(testName(context));
    context.getStore(NAMESPACE).put("seed", seed);
    return new SimSeed(seed);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    Long seed = context.getStore(NAMESPACE).get("seed", Long.class);
    if (seed != null) {
      String banner =
          SimSeeds.failureBanner(
              context.getRequiredTestClass().getSimpleName(),
              context.getRequiredTestMethod().getName(),
              seed,
              isSlow(context));
      LOG.error(banner);
      failure.addSuppressed(new ReplayInfo(banner));
    }
    throw failure;
  }

  private static String testName(ExtensionContext context) {
    return context.getRequiredTestClass().getSimpleName()
        + "#"
        + context.getRequiredTestMethod().getName();
  }

  private static boolean isSlow(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    return taggedSlow(method) || taggedSlow(context.getRequiredTestClass());
  }

  private static boolean taggedSlow(AnnotatedElement element) {
    for (Tag tag : element.getAnnotationsByType(Tag.class)) {
      if (tag.value().equals("slow")) {
        return true;
      }
    }
    return false;
  }

  /** Carries the replay banner in a failure's suppressed list. */
  static final class ReplayInfo extends Exception {
    private static final long serialVersionUID = 1L;

    ReplayInfo(String banner) {
      super(banner, null, false, false);
    }
  }
}
