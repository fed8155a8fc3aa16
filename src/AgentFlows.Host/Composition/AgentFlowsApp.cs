using AgentFlows.Agents.Runs;
using AgentFlows.Agents.Lifecycle;
using AgentFlows.Host.Configuration;
using AgentFlows.Host.Lifecycle;
using AgentFlows.Host.Llm;
using AgentFlows.Host.Operations;
using AgentFlows.Host.Operations.Metrics;
using AgentFlows.Host.Operations.Retention;
using AgentFlows.Host.Operations.Tracing;
using AgentFlows.Host.Runs;
using AgentFlows.Host.Security;
using AgentFlows.Host.Samples;
using AgentFlows.Host.Todos;
using AgentFlows.Host.Tools;
using AgentFlows.Hosting;
using AgentFlows.Http;
using Microsoft.Extensions.Options;

namespace AgentFlows.Host.Composition;

/// <summary>Builds the service: configuration, store, runtime, APIs. Program.cs only runs it.</summary>
public static class AgentFlowsApp
{
    /// <summary>The default listening address, as the Functions host's local port.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>Builds the application; throws <see cref="SettingsException"/> when a setting is invalid.</summary>
    /// <param name="args">The command line; <c>--contentRoot</c> moves the content root (default: the working directory).</param>
    /// <param name="configure">Lets tests adjust the builder before it is built.</param>
    /// <returns>The application, not yet started.</returns>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The content root is --contentRoot (or ASPNETCORE_CONTENTROOT) when given — that is also how
        // WebApplicationFactory hands a test's content root to the app — and otherwise the nearest folder holding
        // host.json from the working directory up: `dotnet run --project src/AgentFlows.Host` runs in the project
        // folder, and the repository root is where host.json and local.settings.json live.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = DefaultContentRoot(args) });
        builder.Configuration.AddFunctionsSources(builder.Environment.ContentRootPath, args);
        configure?.Invoke(builder);
        var settings = AgentFlowsSettings.Load(builder.Configuration, builder.Environment.ContentRootPath);
        if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null)
        {
            var port = builder.Configuration["Host:LocalHttpPort"];
            builder.WebHost.UseUrls(port is null ? DefaultUrl : $"http://127.0.0.1:{port}");
        }

        ConfigureLogging(builder);
        builder.AddAgentFlowsSecurity();
        builder.Services.AddSingleton(settings);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        if (OtlpExport.IsConfigured(builder.Configuration))
        {
            // Before the worker: hosted services stop in reverse order, so the exporter flushes after the worker drained.
            builder.Services.AddHostedService<OtlpExport>();
        }

        builder.Services.AddConfiguredStore(settings);
        builder.Services.AddAgentLayer(settings, builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddLifecycle(builder.Configuration, settings, builder.Environment.ContentRootPath);
        builder.Services.AddAgentFlowsRuntime(r => r.AddSamples().AddAgentRuns().AddFineTuneLifecycle(), w => CopyWorker(settings.Worker, w));
        builder.Services.AddDurableTaskManagementApi(o =>
        {
            o.HubName = settings.HubName;
            o.ConnectionName = settings.ConnectionStringName;
            o.MaxRequestBodySize = SecurityRegistration.MaxRequestBodyBytes;

            // As Durable Functions appends its system key: the status URIs work as given to a caller that used a key.
            o.AppendCallerKeyAsCode = SecuritySettings.LoadKeys(builder.Configuration).HasKeys;
        });
        builder.Services.AddAgentFlowsMetrics();
        RetentionService.Register(builder.Services, builder.Configuration);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.Worker.GracefulStopTimeout + TimeSpan.FromSeconds(5));

        var app = builder.Build();
        app.UseMiddleware<RequestTelemetryMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDashboard();
        app.UseAgentFlowsSecurity();
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(AccessPolicies.Reader);
        app.MapHealth();
        app.MapMetrics();
        app.MapDurableTaskManagementApi().RequireAuthorization(AccessPolicies.Admin);
        app.MapRunsApi();
        app.MapTodosApi();
        app.MapToolsApi();
        app.MapSchedulesApi();
        app.MapLlmApi();
        app.MapCallerApi();
        app.MapModelsApi();
        return app;
    }

    private static string? DefaultContentRoot(string[] args)
    {
        var explicitRoot = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) ||
            Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 } ||
            Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is { Length: > 0 };
        if (explicitRoot)
        {
            return null;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "host.json")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (Console.IsOutputRedirected)
        {
            // Machines read the logs: one JSON object per line, with scopes (instance id, run id, step).
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
        }
    }

    private static void CopyWorker(DurableTaskWorkerOptions from, DurableTaskWorkerOptions to)
    {
        to.MaxConcurrentActivityFunctions = from.MaxConcurrentActivityFunctions;
        to.MaxConcurrentOrchestratorFunctions = from.MaxConcurrentOrchestratorFunctions;
        to.ExtendedSessionsEnabled = from.ExtendedSessionsEnabled;
        to.ExtendedSessionIdleTimeout = from.ExtendedSessionIdleTimeout;
        to.MaxQueuePollingInterval = from.MaxQueuePollingInterval;
        to.OrchestrationLease = from.OrchestrationLease;
        to.ActivityLease = from.ActivityLease;
        to.GracefulStopTimeout = from.GracefulStopTimeout;
        to.DefaultVersion = from.DefaultVersion;
        to.VersionMatchStrategy = from.VersionMatchStrategy;
        to.VersionFailureStrategy = from.VersionFailureStrategy;
    }
}
