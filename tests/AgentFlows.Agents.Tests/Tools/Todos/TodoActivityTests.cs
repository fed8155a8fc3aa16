using AgentFlows.Agents.Tests.Fakes;
using AgentFlows.Agents.Tools.Todos;

namespace AgentFlows.Agents.Tests.Tools.Todos;

public sealed class TodoActivityTests
{
    private readonly FakeTodoRepository _repository = new();

    // Wednesday 2025-01-01.
    private readonly FixedClock _clock = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Add_WithOptions_StoresTheTodoForTheTenant()
    {
        var output = await Activities.RunAsync(new TodoAddActivity(_repository, _clock), """{"title":" check 12 ","priority":"high","due":"tomorrow","tags":["a","a"," b "]}""", tenant: "t1");
        Assert.Equal(("check 12", "high", "2025-01-02"), (output!["title"]!.GetValue<string>(), output["priority"]!.GetValue<string>(), output["due"]!.GetValue<string>()));
        var stored = Assert.Single(_repository.Items("t1"));
        Assert.Equal(["a", "b"], stored.Tags);
        Assert.Empty(_repository.Items("default"));
    }

    [Fact]
    public async Task Add_DefaultPriorityAndNoDue()
    {
        var output = await Activities.RunAsync(new TodoAddActivity(_repository, _clock), """{"title":"x"}""");
        Assert.Equal("medium", output!["priority"]!.GetValue<string>());
        Assert.Null(output["due"]);
    }

    [Fact]
    public async Task Add_RepeatedAttemptOfOneStep_AddsOnce()
    {
        var activity = new TodoAddActivity(_repository, _clock);
        await Activities.RunAsync(activity, """{"title":"x"}""", runId: "r1", stepId: "step_1");
        await Activities.RunAsync(activity, """{"title":"x"}""", runId: "r1", stepId: "step_1");
        Assert.Single(_repository.Items("default"));
    }

    [Fact]
    public async Task Add_BadDueDate_FailsNonRetriably()
    {
        var e = await Assert.ThrowsAsync<NonRetriableException>(() => Activities.RunAsync(new TodoAddActivity(_repository, _clock), """{"title":"x","due":"someday"}"""));
        Assert.Contains("not a due date", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Filters_AreApplied()
    {
        var add = new TodoAddActivity(_repository, _clock);
        await Activities.RunAsync(add, """{"title":"buy milk","tags":["home"]}""");
        await Activities.RunAsync(add, """{"title":"write report","tags":["work"]}""");
        var all = await Activities.RunAsync(new TodoListActivity(_repository), "{}");
        var work = await Activities.RunAsync(new TodoListActivity(_repository), """{"tag":"work","done":false}""");
        Assert.Equal(2, all!.AsArray().Count);
        Assert.Equal("write report", Assert.Single(work!.AsArray())!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Complete_ByIdTitleNumberOrTodoObject_MarksDone()
    {
        var add = new TodoAddActivity(_repository, _clock);
        var first = await Activities.RunAsync(add, """{"title":"A"}""");
        await Activities.RunAsync(add, """{"title":"B"}""");
        await Activities.RunAsync(add, """{"title":"C"}""");
        var complete = new TodoCompleteActivity(_repository);
        Assert.True((await Activities.RunAsync(complete, $$"""{"id":{{first!.ToJsonString()}}}"""))!["done"]!.GetValue<bool>());
        Assert.Equal("B", (await Activities.RunAsync(complete, """{"title":"b"}"""))!["title"]!.GetValue<string>());
        Assert.Equal("C", (await Activities.RunAsync(complete, """{"id":3}"""))!["title"]!.GetValue<string>());
        Assert.All(_repository.Items("default"), t => Assert.True(t.Done));
    }

    [Fact]
    public async Task Complete_AlreadyDone_SucceedsAgain()
    {
        await Activities.RunAsync(new TodoAddActivity(_repository, _clock), """{"title":"A"}""");
        var complete = new TodoCompleteActivity(_repository);
        await Activities.RunAsync(complete, """{"title":"A"}""");
        var again = await Activities.RunAsync(complete, """{"title":"A"}""");
        Assert.True(again!["done"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("""{"id":"99"}""", "no todo with id '99'")]
    [InlineData("""{"title":"nope"}""", "no todo titled 'nope'")]
    [InlineData("""{"title":"dup"}""", "2 open todos are titled 'dup'")]
    [InlineData("""{"id":{"title":"x"}}""", "without an 'id'")]
    [InlineData("{}", "must include one of: id; or title")]
    public async Task Complete_UnknownOrAmbiguous_FailsNonRetriably(string args, string reason)
    {
        var add = new TodoAddActivity(_repository, _clock);
        await Activities.RunAsync(add, """{"title":"dup"}""");
        await Activities.RunAsync(add, """{"title":"dup"}""");
        var e = await Assert.ThrowsAsync<NonRetriableException>(() => Activities.RunAsync(new TodoCompleteActivity(_repository), args));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_OtherTenantsTodo_IsUnknown()
    {
        await Activities.RunAsync(new TodoAddActivity(_repository, _clock), """{"title":"A"}""", tenant: "t1");
        await Assert.ThrowsAsync<NonRetriableException>(() => Activities.RunAsync(new TodoCompleteActivity(_repository), """{"id":"1"}""", tenant: "t2"));
    }

    [Fact]
    public async Task AnyTodoTool_WithoutStore_FailsClearly()
    {
        var e = await Assert.ThrowsAsync<NonRetriableException>(() => Activities.RunAsync(new TodoListActivity(null), "{}"));
        Assert.Contains("needs a todo store", e.Message, StringComparison.Ordinal);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
