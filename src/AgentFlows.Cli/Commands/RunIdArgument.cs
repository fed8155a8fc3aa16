using System.CommandLine;

namespace AgentFlows.Cli.Commands;

/// <summary>The <c>&lt;runId&gt;</c> argument shared by the verbs that act on one run.</summary>
internal static class RunIdArgument
{
    /// <summary>Creates the argument; an empty id is a usage error.</summary>
    /// <returns>The argument.</returns>
    public static Argument<string> Create()
    {
        var argument = new Argument<string>("runId") { Description = "The run's id, as printed by 'agentflows run'" };
        argument.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError("The run id must not be empty.");
            }
        });
        return argument;
    }
}
