using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AgentFlows.Host.Operations.Tracing;

/// <summary>
/// Exports traces and metrics by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads the other
/// <c>OTEL_EXPORTER_OTLP_*</c> variables itself; <c>OTEL_SERVICE_NAME</c> names the service, default <c>agentflows</c>).
/// The providers are built by hand (the hosting extensions package is not available) and flushed and disposed when
/// the host stops: registered before the worker, this service stops after it, so the last spans are sent.
/// </summary>
/// <param name="configuration">The configuration (environment variables included).</param>
/// <param name="logger">The logger.</param>
internal sealed class OtlpExport(IConfiguration configuration, ILogger<OtlpExport> logger) : IHostedService, IDisposable
{
    // The runtime's and the host's sources and meters, and any other of the service's libraries.
    private const string AllSources = "AgentFlows.*";

    private TracerProvider? _tracer;
    private MeterProvider? _meter;

    /// <summary>Gets a value indicating whether export is configured.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>Whether OTLP export is on.</returns>
    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var service = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "agentflows";
        var resource = ResourceBuilder.CreateDefault().AddService(service);
        _tracer = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource)
            .AddSource(AllSources).AddOtlpExporter().Build();
        _meter = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource)
            .AddMeter(AllSources).AddOtlpExporter().Build();
        logger.OtlpExportStarted(service);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _tracer?.ForceFlush(5000);
        _meter?.ForceFlush(5000);
        Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _tracer?.Dispose();
        _meter?.Dispose();
        _tracer = null;
        _meter = null;
    }
}
