using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Llm.Usage;

/// <summary>
/// Token usage and estimated cost per run and per tenant, and the budgets over them. A call first reserves its
/// estimate; one that would take its run or tenant over a budget is refused with <see cref="LlmBudgetExceededException"/>.
/// </summary>
/// <remarks>
/// In memory: the latest runs are kept (bounded), and a tenant's usage starts again every
/// <see cref="LlmBudgetOptions.TenantWindow"/>. The host persists what it shows in the run view.
/// </remarks>
public sealed partial class LlmUsageLedger
{
    private const int MaxRunsKept = 10_000;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LlmUsage> _runs = new(StringComparer.Ordinal);
    private readonly Queue<string> _runOrder = new();
    private readonly Dictionary<string, TenantWindow> _tenants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Held> _heldByRun = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Held> _heldByTenant = new(StringComparer.Ordinal);
    private readonly LlmBudgetOptions _budget;
    private readonly LlmPriceTable _prices;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="LlmUsageLedger"/> class.</summary>
    /// <param name="budget">The budgets.</param>
    /// <param name="prices">The price table.</param>
    /// <param name="time">The clock for the tenant window.</param>
    public LlmUsageLedger(LlmBudgetOptions budget, IReadOnlyDictionary<string, LlmPrice> prices, TimeProvider time)
    {
        _budget = budget ?? throw new ArgumentNullException(nameof(budget));
        _prices = new LlmPriceTable(prices ?? throw new ArgumentNullException(nameof(prices)));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Gets a run's usage.</summary>
    /// <param name="runId">The run.</param>
    /// <returns>The usage; none when the run made no call.</returns>
    public LlmUsage ForRun(string runId)
    {
        lock (_gate)
        {
            return _runs.GetValueOrDefault(runId) ?? LlmUsage.None;
        }
    }

    /// <summary>Gets a tenant's usage in the current window.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <returns>The usage.</returns>
    public LlmUsage ForTenant(string tenant)
    {
        lock (_gate)
        {
            return Tenant(tenant).Usage;
        }
    }

    /// <summary>Prices a call with the configured table.</summary>
    /// <param name="model">The model.</param>
    /// <param name="usage">The call's usage.</param>
    /// <returns>The cost in USD.</returns>
    public decimal Cost(string? model, UsageDetails? usage) =>
        _prices.Cost(model, usage?.InputTokenCount ?? 0, usage?.CachedInputTokenCount ?? 0, usage?.OutputTokenCount ?? 0);

    private TenantWindow Tenant(string tenant)
    {
        var now = _time.GetUtcNow();
        if (!_tenants.TryGetValue(tenant, out var window) || now - window.Start >= _budget.TenantWindow)
        {
            _tenants[tenant] = window = new TenantWindow(now, LlmUsage.None);
        }

        return window;
    }

    private void AddToRun(string runId, LlmUsage usage)
    {
        if (!_runs.TryGetValue(runId, out var total))
        {
            _runOrder.Enqueue(runId);
            while (_runOrder.Count > MaxRunsKept)
            {
                _runs.Remove(_runOrder.Dequeue());
            }
        }

        _runs[runId] = (total ?? LlmUsage.None).Add(usage);
    }

    /// <summary>A tenant's usage since its window started.</summary>
    /// <param name="Start">When the window started.</param>
    /// <param name="Usage">The usage.</param>
    private sealed record TenantWindow(DateTimeOffset Start, LlmUsage Usage);

    /// <summary>What calls under way hold.</summary>
    /// <param name="Tokens">Tokens.</param>
    /// <param name="CostUsd">Cost.</param>
    private readonly record struct Held(long Tokens, decimal CostUsd);
}
