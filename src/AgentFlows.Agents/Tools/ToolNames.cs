namespace AgentFlows.Agents.Tools;

/// <summary>The names of the built-in tools, as they appear in plan steps.</summary>
public static class ToolNames
{
    /// <summary>The safe arithmetic parser.</summary>
    public const string Calculator = "calculator";

    /// <summary>Adds a todo.</summary>
    public const string TodoAdd = "todo.add";

    /// <summary>Lists todos.</summary>
    public const string TodoList = "todo.list";

    /// <summary>Marks a todo done.</summary>
    public const string TodoComplete = "todo.complete";

    /// <summary>Profiles a CSV file.</summary>
    public const string DataProfile = "data.profile";

    /// <summary>Cleans a CSV file.</summary>
    public const string DataClean = "data.clean";

    /// <summary>Cleans a CSV file in rounds until its checks pass.</summary>
    public const string DataLifecycle = "data.lifecycle";

    /// <summary>Summary statistics.</summary>
    public const string StatsDescribe = "stats.describe";

    /// <summary>Welch's two-sample t-test.</summary>
    public const string StatsTTest = "stats.ttest";

    /// <summary>Pearson's chi-square test.</summary>
    public const string StatsChiSquare = "stats.chisquare";

    /// <summary>Pearson correlation.</summary>
    public const string StatsCorrelation = "stats.correlation";

    /// <summary>Summarizes text with the LLM.</summary>
    public const string LlmSummarize = "llm.summarize";

    /// <summary>Writes text with the LLM.</summary>
    public const string LlmWrite = "llm.write";

    /// <summary>A durable timer.</summary>
    public const string Wait = "wait";

    /// <summary>Python in the sandbox.</summary>
    public const string CodePython = "code.python";
}
