using AgentFlows.Agents.Tests.Fakes;
using AgentFlows.Agents.Tools.Llm;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Tests.Tools.Llm;

public sealed class LlmActivityTests
{
    private readonly FakeChatClient _chat = new() { Respond = messages => $"summary of {messages[^1].Text}" };

    [Fact]
    public async Task Summarize_Text_AsksTheModelAndReturnsItsText()
    {
        var output = await Activities.RunAsync(new LlmSummarizeActivity(_chat), """{"text":"a long story","maxWords":20}""");
        Assert.Equal("summary of a long story", output!.GetValue<string>());
        var call = Assert.Single(_chat.Calls);
        Assert.Equal(ChatRole.System, call[0].Role);
        Assert.Contains("at most 20 words", call[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summarize_ObjectFromReference_IsSentAsJson()
    {
        var output = await Activities.RunAsync(new LlmSummarizeActivity(_chat), """{"text":{"mean":2}}""");
        Assert.Equal("summary of {\"mean\":2}", output!.GetValue<string>());
    }

    [Fact]
    public async Task Write_InstructionsAndContext_AreSent()
    {
        await Activities.RunAsync(new LlmWriteActivity(_chat), """{"instructions":"write a haiku","context":"autumn"}""");
        Assert.Contains("autumn", _chat.Calls[0][1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyLlmTool_WithoutClient_FailsNonRetriablySayingNoLlmIsConfigured()
    {
        var e = await Assert.ThrowsAsync<NonRetriableException>(() => Activities.RunAsync(new LlmSummarizeActivity(null), """{"text":"x"}"""));
        Assert.Contains("no LLM is configured", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summarize_EmptyAnswer_FailsRetriably()
    {
        _chat.Respond = _ => " ";
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Activities.RunAsync(new LlmSummarizeActivity(_chat), """{"text":"x"}"""));
        Assert.IsNotAssignableFrom<NonRetriableException>(e);
    }
}
