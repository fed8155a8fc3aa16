namespace AgentFlows.MultiHost.Tests.Infrastructure;

/// <summary>Every wait in these tests is bounded by one of these.</summary>
internal static class TestTimeouts
{
    /// <summary>One HTTP request.</summary>
    public static readonly TimeSpan Request = TimeSpan.FromSeconds(15);

    /// <summary>Between two reads of a state that is polled for.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
}
