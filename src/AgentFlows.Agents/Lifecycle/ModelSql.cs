using AgentFlows.Agents.Data;
using AgentFlows.Agents.Tools.Todos;

namespace AgentFlows.Agents.Lifecycle;

/// <summary>The model registry's SQL per dialect (embedded under <c>Lifecycle/Sql/&lt;dialect&gt;/</c>).</summary>
internal static class ModelSql
{
    private static readonly SqlScripts _sqlite = SqlScripts.Load("AgentFlows.Agents.Lifecycle.Sql.sqlite.", "model registry");
    private static readonly SqlScripts _postgres = SqlScripts.Load("AgentFlows.Agents.Lifecycle.Sql.postgres.", "model registry");

    /// <summary>Gets the scripts of a dialect.</summary>
    /// <param name="dialect">The dialect.</param>
    /// <returns>The scripts.</returns>
    public static SqlScripts For(TodoSqlDialect dialect) => dialect == TodoSqlDialect.PostgreSql ? _postgres : _sqlite;
}
