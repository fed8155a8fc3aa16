using AgentFlows.Cli.Api;
using System.CommandLine;

namespace AgentFlows.Cli.Commands;

/// <summary>
/// Runs a verb against the API and maps failures to one line on standard error and an exit code:
/// unreachable → 2, problem response → 1, interrupted → 130.
/// </summary>
/// <param name="context">The client's context.</param>
/// <param name="globals">The global options.</param>
internal sealed class CommandExecution(CliContext context, GlobalOptions globals)
{
    /// <summary>Gets the client's context.</summary>
    public CliContext Context { get; } = context;

    /// <summary>Runs <paramref name="body"/> with a client for the chosen service.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="body">The verb; returns its exit code.</param>
    /// <param name="cancellationToken">Interrupts the verb.</param>
    /// <returns>The exit code.</returns>
    public async Task<int> RunAsync(
        ParseResult parseResult,
        Func<AgentFlowsApiClient, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken)
    {
        var url = globals.GetUrl(parseResult);
        if (!GlobalOptions.TryParseUrl(url, out var baseAddress))
        {
            await Context.Error.WriteLineAsync($"invalid service address '{url}': give an absolute http:// or https:// URL with --url or ${GlobalOptions.UrlVariable}");
            return ExitCodes.Usage;
        }

        using var client = new AgentFlowsApiClient(baseAddress, globals.GetKey(parseResult), Context.RequestTimeout);
        try
        {
            return await body(client, cancellationToken);
        }
        catch (AgentFlowsUnreachableException ex)
        {
            await Context.Error.WriteLineAsync($"cannot reach AgentFlows at {url.TrimEnd('/')}: {ex.Message}");
            return ExitCodes.Unreachable;
        }
        catch (AgentFlowsApiException ex)
        {
            await Context.Error.WriteLineAsync(ex.Message);
            return ExitCodes.Failed;
        }
        catch (InvalidDataException ex)
        {
            await Context.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Context.Error.WriteLineAsync("interrupted");
            return ExitCodes.Interrupted;
        }
    }
}
