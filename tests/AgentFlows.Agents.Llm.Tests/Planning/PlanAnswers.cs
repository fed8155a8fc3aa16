using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace AgentFlows.Agents.Llm.Tests.Planning;

/// <summary>Plans in the shape the LLM answers with (arguments as JSON strings).</summary>
internal static class PlanAnswers
{
    public static string Of(params (string Id, string Tool, string Args, string[] DependsOn)[] steps) =>
        JsonSerializer.Serialize(new { steps = steps.Select(s => new { id = s.Id, tool = s.Tool, args = s.Args, dependsOn = s.DependsOn }) });

    /// <summary>2 + 3, then ten times that: a prompt the pattern planner cannot read.</summary>
    public static string Arithmetic() => Of(
        ("step_1", "calculator", """{"expression":"2 + 3"}""", []),
        ("step_2", "calculator", """{"expression":"{steps.step_1.output} * 10"}""", ["step_1"]));

    public const string ArithmeticPrompt = "add two and three, and multiply what you get by ten";

    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
