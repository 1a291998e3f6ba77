package io.mimamori.hub;

import io.mimamori.maintenance.MaintenanceCalendar;
import io.mimamori.pipeline.Pipeline;
import io.mimamori.tenant.DeliverySinks;
import io.mimamori.tenant.TenantDirectory;
import java.time.Clock;
import java.util.Properties;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/** Boots camel-main on the effective settings, with the core pipeline, the API and the route files. */
public final class HubRunner {
    private final HubSettings settings;
    private final Main main = new Main();

    /** @param sinks the delivery routes, for the tenants' routes and secrets */
    public HubRunner(HubSettings settings, DeliverySinks sinks) {
        this.settings = settings;
        TenantDirectory tenants = Deployment.tenants(settings, sinks);
        MaintenanceCalendar maintenance = Deployment.maintenance(settings, tenants, settings.dataDir(), Clock.systemUTC());
        Properties overrides = new Properties();
        overrides.putAll(settings.properties());
        overrides.put("camel.main.routesIncludePattern", "file:" + settings.routesDir() + "/*.yaml");
        main.setOverrideProperties(overrides);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                // Sources count and rate-limit-log their own failures (a full queue under a flood
                // would otherwise log one stack trace per message); nothing is retried here.
                m.getCamelContext().getCamelContextExtension().setErrorHandlerFactory(
                        new DefaultErrorHandlerDefinition().logExhausted(false).logStackTrace(false));
                Pipeline pipeline = Pipeline.install(m.getCamelContext(), settings.pipeline(), Clock.systemUTC(),
                        maintenance.gate(), tenants);
                m.getCamelContext().getComponent("platform-http", PlatformHttpComponent.class)
                        .setEngine(new ApiHttpEngine(Integer.parseInt(settings.get("camel.server.port"))));
                HealthCheckRegistry health = HealthCheckRegistry.get(m.getCamelContext());
                if (health != null) {
                    health.register(new ConnectorsHealthCheck(ConnectorCatalog.load()));
                }
                try {
                    m.getCamelContext().addRoutes(new ApiRoutes(pipeline.store(), tenants, maintenance,
                            settings.dataDir()));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot add the API routes: " + e.getMessage(), e);
                }
            }
        });
    }

    /** Runs until the JVM is asked to stop (SIGTERM/SIGINT); returns the exit code. */
    public int run() throws Exception {
        main.run();
        return main.getExitCode();
    }
}
