namespace AgentFlows.Host.Api;

/// <summary>Limits of the run and todo APIs (configuration section <c>AgentFlows:Api</c>).</summary>
internal sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "AgentFlows:Api";

    /// <summary>Gets or sets the largest request body accepted, in bytes; larger ones are answered 413 (default 1 MiB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
