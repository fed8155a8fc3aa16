namespace AgentFlows.Cli.Api;

/// <summary>The server could not be reached: no connection, no answer in time, or an event stream that kept dropping.</summary>
internal sealed class AgentFlowsUnreachableException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="AgentFlowsUnreachableException"/> class.</summary>
    /// <param name="message">What went wrong, without the server address.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <param name="isConnectFailure">Whether no connection to the server could be made at all.</param>
    public AgentFlowsUnreachableException(string message, Exception? innerException, bool isConnectFailure = false)
        : base(message, innerException)
    {
        IsConnectFailure = isConnectFailure;
    }

    /// <summary>
    /// Gets a value indicating whether no connection could be made at all (refused, unknown host, TLS failure,
    /// timeout), as opposed to a connection that broke.
    /// </summary>
    public bool IsConnectFailure { get; }

    /// <summary>Wraps a transport failure of <see cref="HttpClient"/>, keeping its most telling message.</summary>
    /// <param name="ex">The failure.</param>
    /// <returns>The exception.</returns>
    public static AgentFlowsUnreachableException From(HttpRequestException ex)
    {
        var connect = ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;

        // A refused connection's own message names the endpoint; a broken one only says "an error occurred", so the
        // innermost cause (e.g. "Connection reset by peer") says more.
        var innermost = ex.GetBaseException();
        return new AgentFlowsUnreachableException(connect ? ex.Message : innermost.Message, ex, connect);
    }
}
