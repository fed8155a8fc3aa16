using AgentFlows.Agents.Plans;
using AgentFlows.Agents.Tools;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Planning.Llm;

/// <summary>
/// Chooses the planner for a run and records why: <c>pattern</c> always plans with the pattern planner; <c>llm</c>
/// asks the LLM; <c>auto</c> asks the LLM when one is configured and its breaker is not open, the pattern planner
/// otherwise. When the LLM fails or its plan stays invalid, the pattern planner plans instead.
/// </summary>
/// <remarks>
/// <c>auto</c> also asks the LLM when the breaker is half-open: that call is the trial that closes the breaker
/// again, and without it a breaker avoided by every planner would never close.
/// </remarks>
public sealed class PlannerRouter
{
    /// <summary>The LLM when configured and healthy, the pattern planner otherwise (the default).</summary>
    public const string Auto = "auto";

    /// <summary>The LLM planner (falling back to the pattern planner when it fails).</summary>
    public const string Llm = "llm";

    /// <summary>The pattern planner only.</summary>
    public const string Pattern = "pattern";

    private readonly bool _llmConfigured;
    private readonly ToolRegistry _tools;
    private readonly IChatClient? _chat;
    private readonly Func<string>? _breakerState;
    private readonly PlanValidatorOptions? _options;

    /// <summary>Initializes a new instance of the <see cref="PlannerRouter"/> class.</summary>
    /// <param name="llmConfigured">Whether an LLM is configured (the pattern planner then accepts LLM text steps).</param>
    /// <param name="tools">The tools.</param>
    /// <param name="chat">The chat client, or null when the LLM planner cannot run.</param>
    /// <param name="breakerState">Returns the breaker's state (<c>closed</c>, <c>open</c>, <c>half-open</c>), or null when unknown.</param>
    /// <param name="options">The plan limits.</param>
    public PlannerRouter(bool llmConfigured, ToolRegistry tools, IChatClient? chat = null, Func<string>? breakerState = null, PlanValidatorOptions? options = null)
    {
        _llmConfigured = llmConfigured || chat is not null;
        _tools = tools ?? throw new ArgumentNullException(nameof(tools));
        _chat = chat;
        _breakerState = breakerState;
        _options = options;
    }

    /// <summary>Checks a requested planner name.</summary>
    /// <param name="planner">The name; null means auto.</param>
    /// <returns>The name in lower case.</returns>
    /// <exception cref="PlanningException">The name is not known.</exception>
    public static string Normalize(string? planner)
    {
        var choice = (planner ?? Auto).Trim().ToLowerInvariant();
        return choice is Auto or Llm or Pattern ? choice : throw new PlanningException(string.Empty, $"Unknown planner '{planner}'; use auto, llm or pattern.");
    }

    /// <summary>Plans a prompt with the chosen planner.</summary>
    /// <param name="prompt">The prompt.</param>
    /// <param name="planner">The requested planner.</param>
    /// <param name="context">Who the LLM call is for.</param>
    /// <param name="cancellationToken">Cancels the LLM call.</param>
    /// <returns>The plan, the planner that made it and why.</returns>
    /// <exception cref="PlanningException">No planner could plan the prompt.</exception>
    public async Task<RoutedPlan> PlanAsync(string prompt, string? planner, LlmPlanningContext context, CancellationToken cancellationToken = default)
    {
        var choice = Normalize(planner);
        if (choice == Pattern)
        {
            return PlanWithPattern(prompt, "the pattern planner was requested");
        }

        if (_chat is null)
        {
            return choice == Llm
                ? throw new PlanningException(string.Empty, "The LLM planner was requested but no LLM is configured (set AgentFlows__Llm__Endpoint); use planner \"pattern\" or \"auto\".")
                : PlanWithPattern(prompt, "no LLM is configured, so the pattern planner planned");
        }

        if (choice == Auto && _breakerState?.Invoke() == "open")
        {
            return PlanWithPattern(prompt, "the LLM's circuit breaker is open after recent failures, so the pattern planner planned");
        }

        string why;
        try
        {
            var (plan, attempts) = await new LlmPlanner(_chat, _tools, _options).PlanAsync(prompt, context, cancellationToken).ConfigureAwait(false);
            var reason = choice == Llm ? "the LLM planner was requested" : "an LLM is configured and its circuit breaker is not open";
            return new RoutedPlan(plan, Llm, attempts == 1 ? reason : reason + "; its first plan was invalid and the corrected one passed validation");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (LlmPlanRejectedException ex)
        {
            why = $"the LLM's plan was invalid twice ({string.Join("; ", ex.Problems)})";
        }
        catch (Exception ex) when (ex is not PlanningException)
        {
            // Whatever failed the call (unavailable, budget, a provider error), the pattern planner costs nothing.
            why = $"the LLM planner failed ({ex.Message})";
        }

        try
        {
            return PlanWithPattern(prompt, why + ", so the pattern planner planned");
        }
        catch (PlanningException ex)
        {
            throw new PlanningException(ex.Fragment, $"{ex.Reason} (and {why})");
        }
    }

    private RoutedPlan PlanWithPattern(string prompt, string reason) =>
        new(new PatternPlanner(_llmConfigured, _tools, _options).Plan(prompt), Pattern, reason);
}

/// <summary>A plan and who made it.</summary>
/// <param name="Plan">The valid plan.</param>
/// <param name="Planner"><c>llm</c> or <c>pattern</c>.</param>
/// <param name="Reason">Why that planner planned.</param>
public sealed record RoutedPlan(Plan Plan, string Planner, string Reason);
