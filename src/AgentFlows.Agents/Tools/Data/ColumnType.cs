namespace AgentFlows.Agents.Tools.Data;

/// <summary>The type inferred for a CSV column.</summary>
public enum ColumnType
{
    /// <summary>Whole numbers.</summary>
    Int,

    /// <summary>Numbers with fractions or exponents (and whole numbers mixed in).</summary>
    Float,

    /// <summary>true/false or yes/no.</summary>
    Bool,

    /// <summary>ISO-like dates, optionally with a time.</summary>
    Date,

    /// <summary>Anything else.</summary>
    String,
}
