namespace AgentFlows;

/// <summary>Validation of orchestration instance ids, with the rules of Durable Functions.</summary>
public static class InstanceIds
{
    /// <summary>The maximum length of an instance id.</summary>
    public const int MaxLength = 256;

    /// <summary>Throws <see cref="ArgumentException"/> with a clear reason when <paramref name="instanceId"/> is not a valid id.</summary>
    /// <param name="instanceId">The id.</param>
    /// <param name="paramName">The parameter name to report.</param>
    /// <returns>The id, for chaining.</returns>
    public static string Validate(string? instanceId, string paramName = "instanceId")
    {
        var problem = FindProblem(instanceId);
        return problem is null ? instanceId! : throw new ArgumentException(problem, paramName);
    }

    /// <summary>Returns why <paramref name="instanceId"/> is invalid, or null when it is valid.</summary>
    /// <param name="instanceId">The id.</param>
    /// <returns>The reason, or null.</returns>
    public static string? FindProblem(string? instanceId)
    {
        if (string.IsNullOrWhiteSpace(instanceId))
        {
            return "The instance id must not be empty.";
        }

        if (instanceId.Length > MaxLength)
        {
            return $"The instance id is {instanceId.Length} characters long; the maximum is {MaxLength}.";
        }

        if (instanceId[0] == '@')
        {
            return "The instance id must not start with '@' (reserved for entities).";
        }

        foreach (var c in instanceId)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                return $"The instance id must not contain '/', '\\', '#', '?' or control characters; found {(char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'")}.";
            }
        }

        return null;
    }
}
