package dev.brisk.tfb;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(PostgresExtension.class)}: a throwaway {@link PgCluster} with TFB's schema, started
 * once for the whole test run (kept in the root context's store, so every test class shares it) and
 * stopped when the run ends. Test methods and constructors can take a {@code PgCluster} parameter.
 *
 * <p>Where no PostgreSQL can be started the tests are skipped with the reason; on CI ({@code CI} set)
 * they fail instead, since {@code .ci/run} installs it.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == PgCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return cluster(e);
    }

    private static PgCluster cluster(ExtensionContext context) {
        String reason = PgCluster.unavailable().orElse(null);
        if (reason != null) {
            if (System.getenv("CI") != null) throw new IllegalStateException("PostgreSQL is needed on CI: " + reason);
            Assumptions.abort("skipped: " + reason);
        }
        Shared shared = context.getRoot().getStore(NS).computeIfAbsent(Shared.class, k -> new Shared(PgCluster.start(300)), Shared.class);
        return shared.pg;
    }

    /** Closed by JUnit when the root context closes: the end of the run. */
    private record Shared(PgCluster pg) implements AutoCloseable {
        @Override
        public void close() {
            pg.close();
        }
    }
}
