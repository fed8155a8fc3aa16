using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentFlows.Agents.Plans;
using AgentFlows.Agents.Tools;
using AgentFlows.Agents.Tools.Calculator;

namespace AgentFlows.Agents.Planning;

/// <summary>Turns one request of the grammar into a tool call; each family of requests has its own partial file.</summary>
internal static partial class RequestParser
{
    public static PlannedRequest Parse(string request, bool llmConfigured)
    {
        if (Match(RequestPatterns.Calculate(), request) is { } calc)
        {
            return Calculate(request, calc.Groups["expr"].Value);
        }

        if (Match(RequestPatterns.TodoAdd(), request) is { } add)
        {
            return TodoAdd(request, add.Groups["rest"].Value);
        }

        if (Match(RequestPatterns.TodoList(), request) is { } list)
        {
            return TodoList(request, list.Groups["state"].Value, list.Groups["rest"].Value);
        }

        if (Match(RequestPatterns.TodoComplete(), request) is { } complete)
        {
            return TodoComplete(request, complete.Groups["target"].Value);
        }

        if (Match(RequestPatterns.Data(), request) is { } data)
        {
            return Data(request, data);
        }

        return ParseOther(request, llmConfigured);
    }

    private static PlannedRequest ParseOther(string request, bool llmConfigured)
    {
        if (Match(RequestPatterns.Python(), request) is { } python)
        {
            var code = Quoting.Unquote(python.Groups["code"].Value);
            return code.Length == 0
                ? throw new PlanningException(request, "run python needs the code to run, as in: run python `print(1 + 1)`")
                : new PlannedRequest(ToolNames.CodePython, new JsonObject { ["code"] = code });
        }

        if (Match(RequestPatterns.Wait(), request) is { } wait)
        {
            return Wait(request, wait.Groups["rest"].Value);
        }

        if (Match(RequestPatterns.Summarize(), request) is { } summarize)
        {
            RequireLlm(request, llmConfigured, ToolNames.LlmSummarize);
            var text = Quoting.Unquote(summarize.Groups["text"].Value);
            return text.Length == 0
                ? throw new PlanningException(request, "summarize needs the text to summarize, or a reference such as {step_1_output}")
                : new PlannedRequest(ToolNames.LlmSummarize, new JsonObject { ["text"] = text });
        }

        if (Match(RequestPatterns.Write(), request) is not null)
        {
            RequireLlm(request, llmConfigured, ToolNames.LlmWrite);
            return new PlannedRequest(ToolNames.LlmWrite, new JsonObject { ["instructions"] = request });
        }

        throw new PlanningException(request, $"this is not a request the pattern planner knows. It understands: {RequestPatterns.KnownRequests}. Quote titles or text that contain 'then', ';' or 'and' followed by one of these verbs.");
    }

    private static PlannedRequest Calculate(string request, string text)
    {
        var expression = Quoting.Unquote(text).TrimEnd('=', ' ');
        if (expression.Length == 0)
        {
            throw new PlanningException(request, "there is no expression to calculate");
        }

        try
        {
            Calculator.Validate(Placeholders(expression));
        }
        catch (CalculatorException e)
        {
            throw new PlanningException(request, $"'{expression}' is not an expression the calculator understands: {e.Reason} (at position {e.Position} of the expression)");
        }

        return new PlannedRequest(ToolNames.Calculator, new JsonObject { ["expression"] = expression });
    }

    // A reference stands for a number when the syntax is checked; padding keeps error positions true.
    private static string Placeholders(string expression)
    {
        var chars = expression.ToCharArray();
        foreach (var reference in StepReferences.Find(expression))
        {
            Array.Fill(chars, ' ', reference.Start, reference.Length);
            chars[reference.Start] = '(';
            chars[reference.Start + 1] = '1';
            chars[reference.Start + reference.Length - 1] = ')';
        }

        return new string(chars);
    }

    private static void RequireLlm(string request, bool llmConfigured, string tool)
    {
        if (!llmConfigured)
        {
            throw new PlanningException(request, $"this needs an LLM (tool {tool}), and no LLM is configured. Configure one (AgentFlows__Llm__Endpoint, AgentFlows__Llm__ApiKey, AgentFlows__Llm__Model) or leave this request out.");
        }
    }

    private static Match? Match(Regex regex, string text)
    {
        var match = regex.Match(text);
        return match.Success ? match : null;
    }
}
