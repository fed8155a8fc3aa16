namespace AgentFlows;

/// <summary>Thrown when a serialized input, output, event or status exceeds the configured payload limit.</summary>
public sealed class PayloadTooLargeException : ArgumentException
{
    /// <summary>Initializes a new instance of the <see cref="PayloadTooLargeException"/> class.</summary>
    /// <param name="what">What the payload is (input, output, event payload, custom status).</param>
    /// <param name="size">The serialized size in bytes.</param>
    /// <param name="limit">The limit in bytes.</param>
    public PayloadTooLargeException(string what, long size, long limit)
        : base($"The {what} is {size:N0} bytes when serialized, over the limit of {limit:N0} bytes.")
    {
        Size = size;
        Limit = limit;
    }

    /// <summary>Gets the serialized size in bytes.</summary>
    public long Size { get; }

    /// <summary>Gets the limit in bytes.</summary>
    public long Limit { get; }
}
