namespace AgentFlows.MultiHost.Tests.Infrastructure;

/// <summary>Every wait in these tests is bounded by one of these.</summary>
internal static class TestTimeouts
{
    /// <summary>One HTTP request.</summary>
    public static readonly TimeSpan Request = TimeSpan.FromSeconds(15);

    /// <summary>A host process starting to listen, or exiting.</summary>
    public static readonly TimeSpan Process = TimeSpan.FromSeconds(45);

    /// <summary>Between two reads of a state that is polled for.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
}
