using System.Text.Json;
using AgentFlows.Client;
using AgentFlows.Http.Payloads;

namespace AgentFlows.Http.Tests.Payloads;

public sealed class InstanceStatusPayloadTests
{
    private static readonly OrchestrationMetadata _instance = new()
    {
        Name = "Hello",
        InstanceId = "abc",
        RuntimeStatus = OrchestrationRuntimeStatus.Completed,
        CreatedAt = new DateTimeOffset(2024, 1, 2, 3, 4, 5, 999, TimeSpan.Zero),
        LastUpdatedAt = new DateTimeOffset(2024, 1, 2, 5, 4, 6, 1, TimeSpan.FromHours(2)),
        SerializedInput = "{\"city\":\"Tokyo\"}",
        SerializedOutput = "[1,2]",
        SerializedCustomStatus = "\"half way\"",
    };

    [Fact]
    public void Serialize_StatusPayload_WritesDurableFunctionsFieldsInOrder()
    {
        var json = JsonSerializer.Serialize(InstanceStatusPayload.From(_instance));

        TestJson.Equal(
            """
            { "name": "Hello", "instanceId": "abc", "runtimeStatus": "Completed", "input": { "city": "Tokyo" }, "customStatus": "half way",
              "output": [1, 2], "createdTime": "2024-01-02T03:04:05Z", "lastUpdatedTime": "2024-01-02T03:04:06Z" }
            """,
            System.Text.Json.Nodes.JsonNode.Parse(json));
        Assert.Equal(
            ["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"],
            TestJson.Names(JsonDocument.Parse(json).RootElement));
    }

    [Fact]
    public void Serialize_NullPayloads_StayPresentAsNull()
    {
        var json = JsonSerializer.Serialize(
            InstanceStatusPayload.From(_instance with { SerializedInput = null, SerializedOutput = null, SerializedCustomStatus = null }),
            new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });

        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("input").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("customStatus").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("output").ValueKind);
        Assert.False(root.TryGetProperty("historyEvents", out _));
    }

    [Fact]
    public void From_ShowInputFalse_InputIsNull()
    {
        Assert.Null(InstanceStatusPayload.From(_instance, showInput: false).Input);
    }

    [Theory]
    [InlineData("stopped by operator", "\"stopped by operator\"")]
    [InlineData("  ", "\"\"")]
    [InlineData(" {\"a\": 1} ", "{\"a\":1}")]
    [InlineData("null", "null")]
    public void From_OutputText_ParsedWhenJsonElseString(string stored, string expectedJson)
    {
        var payload = InstanceStatusPayload.From(_instance with { RuntimeStatus = OrchestrationRuntimeStatus.Terminated, SerializedOutput = stored });

        TestJson.Equal(expectedJson, payload.Output);
    }

    [Fact]
    public void From_FailedInstance_OutputIsErrorTypeAndMessage()
    {
        var failed = _instance with
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Failed,
            SerializedOutput = null,
            FailureDetails = new FailureDetails("System.InvalidOperationException", "Nope"),
        };

        Assert.Equal("System.InvalidOperationException: Nope", (string?)InstanceStatusPayload.From(failed).Output);
    }
}
