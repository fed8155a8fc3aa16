using AgentFlows.Cli.Api;

namespace AgentFlows.Cli.Commands;

/// <summary>The output of the listing verbs: the server's JSON as it is with <c>--json</c>, otherwise a table of it.</summary>
internal static class JsonOrTable
{
    /// <summary>Writes <paramref name="text"/> as it is, or parsed and written by <paramref name="write"/>.</summary>
    /// <typeparam name="T">The shape of the server's answer.</typeparam>
    /// <param name="text">The server's JSON.</param>
    /// <param name="asJson">Whether <c>--json</c> was given.</param>
    /// <param name="request">The request that answered, for the error message (for example <c>GET /api/tools</c>).</param>
    /// <param name="output">Where to write.</param>
    /// <param name="write">Writes the parsed answer.</param>
    /// <returns>The exit code.</returns>
    /// <exception cref="InvalidDataException">The JSON does not have the expected shape.</exception>
    public static async Task<int> WriteAsync<T>(string text, bool asJson, string request, TextWriter output, Action<T, TextWriter> write)
        where T : class
    {
        if (asJson)
        {
            await output.WriteLineAsync(text);
            return ExitCodes.Success;
        }

        write(ApiJson.Parse<T>(text, request), output);
        return ExitCodes.Success;
    }
}
