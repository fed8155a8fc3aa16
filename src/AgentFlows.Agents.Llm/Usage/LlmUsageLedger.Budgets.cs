using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Llm.Usage;

/// <content>Reserving, committing and releasing a call's share of the budgets.</content>
public sealed partial class LlmUsageLedger
{
    /// <summary>Reserves a call's estimate, or refuses the call.</summary>
    /// <param name="context">Who the call is for.</param>
    /// <param name="model">The model.</param>
    /// <param name="inputTokens">The estimated input tokens.</param>
    /// <param name="outputTokens">The estimated output tokens.</param>
    /// <returns>The reservation.</returns>
    /// <exception cref="LlmBudgetExceededException">The call would go over a budget.</exception>
    internal LlmReservation Reserve(LlmCallContext context, string model, long inputTokens, long outputTokens)
    {
        var reservation = new LlmReservation(context, model, inputTokens, outputTokens, _prices.Cost(model, inputTokens, 0, outputTokens));
        lock (_gate)
        {
            if (context.RunId is { } run)
            {
                var held = _heldByRun.GetValueOrDefault(run);
                var used = _runs.GetValueOrDefault(run) ?? LlmUsage.None;
                Check("run", run, "tokens", _budget.MaxTokensPerRun, used.TotalTokens + held.Tokens, reservation.Tokens);
                Check("run", run, "USD", _budget.MaxCostPerRunUsd, used.CostUsd + held.CostUsd, reservation.CostUsd);
            }

            var tenantHeld = _heldByTenant.GetValueOrDefault(context.Tenant);
            var tenantUsed = Tenant(context.Tenant).Usage;
            Check("tenant", context.Tenant, "tokens", _budget.MaxTokensPerTenant, tenantUsed.TotalTokens + tenantHeld.Tokens, reservation.Tokens);
            Check("tenant", context.Tenant, "USD", _budget.MaxCostPerTenantUsd, tenantUsed.CostUsd + tenantHeld.CostUsd, reservation.CostUsd);
            Hold(reservation, 1);
        }

        return reservation;
    }

    /// <summary>Replaces a reservation by what the call really used.</summary>
    /// <param name="reservation">The reservation.</param>
    /// <param name="model">The model that answered, if known.</param>
    /// <param name="usage">The usage the provider reported; the estimate counts when it reported none.</param>
    /// <returns>What the call used.</returns>
    internal LlmUsage Commit(LlmReservation reservation, string? model, UsageDetails? usage)
    {
        model ??= reservation.Model;
        var input = usage?.InputTokenCount ?? reservation.InputTokens;
        var cached = usage?.CachedInputTokenCount ?? 0;
        var output = usage?.OutputTokenCount ?? 0;
        var used = new LlmUsage(1, input, cached, output, _prices.Cost(model, input, cached, output));
        lock (_gate)
        {
            if (reservation.Settled)
            {
                return used;
            }

            Hold(reservation, -1);
            if (reservation.Context.RunId is { } run)
            {
                AddToRun(run, used);
            }

            var tenant = Tenant(reservation.Context.Tenant);
            _tenants[reservation.Context.Tenant] = tenant with { Usage = tenant.Usage.Add(used) };
        }

        return used;
    }

    /// <summary>Gives a failed call's reservation back.</summary>
    /// <param name="reservation">The reservation.</param>
    internal void Release(LlmReservation reservation)
    {
        lock (_gate)
        {
            if (!reservation.Settled)
            {
                Hold(reservation, -1);
            }
        }
    }

    private static void Check(string scope, string subject, string unit, decimal? limit, decimal used, decimal requested)
    {
        // "Would exceed": over the limit with this call, or already at it (a call of unknown size still costs something).
        if (limit is { } max && (used + requested > max || used >= max))
        {
            throw new LlmBudgetExceededException(scope, subject, unit, max, used, requested);
        }
    }

    private void Hold(LlmReservation reservation, int sign)
    {
        reservation.Settled = sign < 0;
        var delta = new Held(sign * reservation.Tokens, sign * reservation.CostUsd);
        if (reservation.Context.RunId is { } run)
        {
            Adjust(_heldByRun, run, delta);
        }

        Adjust(_heldByTenant, reservation.Context.Tenant, delta);
    }

    private static void Adjust(Dictionary<string, Held> held, string key, Held delta)
    {
        var current = held.GetValueOrDefault(key);
        var next = new Held(current.Tokens + delta.Tokens, current.CostUsd + delta.CostUsd);
        if (next.Tokens == 0 && next.CostUsd == 0)
        {
            held.Remove(key);
        }
        else
        {
            held[key] = next;
        }
    }
}
