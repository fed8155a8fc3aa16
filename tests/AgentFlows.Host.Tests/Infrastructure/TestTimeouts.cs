namespace AgentFlows.Host.Tests.Infrastructure;

/// <summary>Every wait in these tests is bounded by one of these.</summary>
internal static class TestTimeouts
{
    /// <summary>One HTTP request.</summary>
    public static readonly TimeSpan Request = TimeSpan.FromSeconds(30);

    /// <summary>A run reaching a state.</summary>
    public static readonly TimeSpan Run = TimeSpan.FromSeconds(30);

    /// <summary>A token that ends a run wait.</summary>
    /// <returns>The source.</returns>
    public static CancellationTokenSource ForRun() => new(Run);
}
