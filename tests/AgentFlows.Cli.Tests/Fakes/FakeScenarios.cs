namespace AgentFlows.Cli.Tests.Fakes;

/// <summary>The canned runs, chosen by the prompt of <c>POST /api/runs</c>.</summary>
internal static class FakeScenarios
{
    public const string Completes = "completes";
    public const string Fails = "fails";
    public const string Drops = "drops";
    public const string EndsEarly = "ends early";
    public const string NeverStreams = "never streams";
    public const string AsksApproval = "asks approval";

    public static readonly DateTimeOffset Epoch = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static bool IsKnown(string prompt) =>
        prompt is Completes or Fails or Drops or EndsEarly or NeverStreams or AsksApproval;

    public static FakeRun Create(string prompt, string runId, string? sessionId)
    {
        var plan = new[] { new FakeStep("s1", "calculator"), new FakeStep("s2", "todo.add") };
        var script = new Script();
        switch (prompt)
        {
            case Fails:
                script.Add("run.started").Add("plan.created")
                    .Add("step.started", "s1", new() { ["attempt"] = 1 }).Add("step.completed", "s1")
                    .Add("step.started", "s2", new() { ["attempt"] = 1 })
                    .Add("step.retrying", "s2", new() { ["attempt"] = 1, ["error"] = "disk full" })
                    .Add("step.started", "s2", new() { ["attempt"] = 2 })
                    .Add("step.failed", "s2", new() { ["attempts"] = 2, ["error"] = new Dictionary<string, object?> { ["message"] = "disk full" } })
                    .Add("run.failed", null, new() { ["error"] = "step s2 failed: disk full" });
                break;
            case AsksApproval:
                script.Add("run.started").Add("plan.created")
                    .Add("step.started", "s1").Add("step.failed", "s1", new() { ["error"] = "timeout" })
                    .Add("approval.requested", "s1")
                    .Add("approval.resolved", "s1", new() { ["decision"] = "retry" })
                    .Add("step.started", "s1").Add("step.completed", "s1")
                    .Add("step.started", "s2").Add("step.completed", "s2")
                    .Add("run.completed", null, new() { ["result"] = 24 });
                break;
            default:
                script.Add("run.started").Add("plan.created")
                    .Add("step.started", "s1").Add("step.completed", "s1")
                    .Add("step.started", "s2").Add("step.completed", "s2")
                    .Add("run.completed", null, new() { ["result"] = 24 });
                break;
        }

        return new FakeRun
        {
            RunId = runId,
            Prompt = prompt,
            SessionId = sessionId,
            Plan = plan,
            Events = script.Events,
            Result = 24,
            DropAfterSeq = prompt == Drops ? 2 : 3,
            Stream = prompt switch
            {
                Drops => StreamBehavior.AbortOnce,
                EndsEarly => StreamBehavior.EndEarlyOnce,
                NeverStreams => StreamBehavior.AlwaysAbort,
                AsksApproval => StreamBehavior.WaitForApproval,
                _ => StreamBehavior.Normal,
            },
        };
    }

    private sealed class Script
    {
        public List<FakeEvent> Events { get; } = [];

        public Script Add(string type, string? stepId = null, Dictionary<string, object?>? data = null)
        {
            var seq = Events.Count + 1;
            Events.Add(new FakeEvent(seq, type, Epoch.AddMilliseconds(250 * seq), stepId, data ?? new Dictionary<string, object?>()));
            return this;
        }
    }
}
