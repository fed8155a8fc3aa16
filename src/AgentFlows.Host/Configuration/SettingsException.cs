namespace AgentFlows.Host.Configuration;

/// <summary>A setting is missing or invalid; the message is the one line shown when start-up stops.</summary>
public sealed class SettingsException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="SettingsException"/> class.</summary>
    /// <param name="setting">The setting's name as a user writes it.</param>
    /// <param name="value">The value found.</param>
    /// <param name="accepted">What is accepted.</param>
    public SettingsException(string setting, string? value, string accepted)
        : base($"Invalid setting {setting}: '{value}'. Accepted: {accepted}.")
    {
        Setting = setting;
    }

    /// <summary>Gets the setting's name.</summary>
    public string Setting { get; }
}
