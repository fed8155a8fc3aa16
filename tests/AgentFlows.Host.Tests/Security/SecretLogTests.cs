using System.Net;
using AgentFlows.Host.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentFlows.Host.Tests.Security;

/// <summary>The host with keys, an LLM key and a connection string with a password configured.</summary>
public sealed class SecretsFactory() : AgentFlowsFactory(new Dictionary<string, string?>(TestKeys.Settings())
{
    ["AgentFlows:Llm:ApiKey"] = SecretLogTests.LlmKey,
    ["AgentFlows:Llm:Endpoint"] = "http://127.0.0.1:9/v1",
    ["AgentFlows:Llm:Model"] = "test-model",
    ["AgentFlows:Llm:Resilience:MaxRetryAttempts"] = "0",
    ["ConnectionStrings:Reports"] = "Host=db.internal;Username=reports;Password=" + SecretLogTests.DbPassword,
});

/// <summary>No secret reaches any log line, whatever logs it: the framework, the runtime or the service's own code.</summary>
public sealed class SecretLogTests(SecretsFactory factory) : IClassFixture<SecretsFactory>
{
    public const string LlmKey = "sk-llm-0123456789abcdef";
    public const string DbPassword = "pg-Passw0rd-0123456789";

    [Fact]
    public async Task FullRun_WithKeysAndSecretsConfigured_NoLogLineContainsAnySecret()
    {
        using var http = factory.CreateApiClient(TestKeys.OperatorA);
        using var anonymous = factory.CreateApiClient();
        var runId = await http.StartRunAsync("calculate 2+3 then add a todo buy milk then list todos");
        await factory.CompletionAsync(runId);
        var events = await EventStreams.ReadNdjsonAsync(http, $"/api/runs/{runId}/events");

        // Lines that would carry secrets without redaction: a key in the query string (the framework logs request
        // lines), a refused key, and the service's own code logging values that hold secrets.
        var status = await anonymous.ApiGetAsync($"/runtime/webhooks/durabletask/instances/{runId}?code={TestKeys.AdminA}");
        await anonymous.ApiGetAsync("/api/runs?code=" + TestKeys.ReaderB);
        var logger = factory.Services.GetRequiredService<ILogger<SecretLogTests>>();
        using (logger.BeginScope("calling {Endpoint} with key {Key}", "https://llm", LlmKey))
        {
            logger.LogWarning(new InvalidOperationException("login failed for Password=" + DbPassword), "LLM call with api-key: {Key} over {Connection}", LlmKey, "Host=db;Password=" + DbPassword);
        }

        Assert.Equal("run.completed", events[^1].Type());
        Assert.Equal(HttpStatusCode.OK, status.Status);
        var lines = factory.Logs.Lines;
        Assert.Contains(lines, l => l.Contains("code=***", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("LLM call with api-key: ***", StringComparison.Ordinal));
        foreach (var secret in new[] { TestKeys.AdminA, TestKeys.OperatorA, TestKeys.ReaderB, LlmKey, DbPassword })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("Host=h;Password=hunter2secret;Database=d", "Host=h;Password=***;Database=d")]
    [InlineData("GET /x?code=abcdef123456&top=5", "GET /x?code=***&top=5")]
    [InlineData("x-api-key: abcdef123456", "x-api-key: ***")]
    [InlineData("Authorization: Bearer eyJhbGciOi.JIUzI1", "Authorization: Bearer ***")]
    [InlineData("nothing secret here", "nothing secret here")]
    public void Redact_CredentialShapedText_IsMaskedByPattern(string text, string expected)
    {
        Assert.Equal(expected, new SecretRedactor([]).Redact(text));
    }

    [Fact]
    public void Redact_ConfiguredSecret_IsMaskedAnywhere()
    {
        var redactor = new SecretRedactor(["very-secret-value"]);

        Assert.Equal("a *** b", redactor.Redact("a very-secret-value b"));
    }
}
