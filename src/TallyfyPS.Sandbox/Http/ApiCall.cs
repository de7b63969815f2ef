using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace TallyfyPS.Sandbox;

/// <summary>One API call as a handler sees it (handlers run under the state lock).</summary>
internal sealed class ApiCall
{
    public required HttpContext Http { get; init; }
    public required SandboxRuntime Rt { get; init; }
    public required User User { get; init; }
    public JsonNode? Body { get; init; }
    public SandboxState State => Rt.State;
    public SwitchSettings Switches { get; init; } = new SwitchSettings();

    /// <summary>The organization of the path; set for organization routes once access is checked.</summary>
    public Organization Org { get; set; } = null!;

    public ApiJson Json { get; set; } = null!;

    public string Route(string name) => Http.Request.RouteValues[name]?.ToString() ?? "";

    /// <summary>The last value of a query parameter, or null when absent.</summary>
    public string? Query(string name)
    {
        var v = Http.Request.Query[name];
        return v.Count == 0 ? null : v[v.Count - 1];
    }

    /// <summary>The relations asked for with <c>with=</c> (comma-separated, repeatable), lower-cased.</summary>
    public ISet<string> With()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? w in Http.Request.Query["with"])
        {
            if (w is null)
            {
                continue;
            }

            foreach (string part in w.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                set.Add(part.ToLowerInvariant());
            }
        }

        return set;
    }

    /// <summary>Records a change the call applied in the organization's activity feed.</summary>
    public void Record(string verb, string auditableType, string auditableId, string description,
        string? field = null, string? oldValue = null, string? text = null, string? runId = null) =>
        Org.Activity.Add(Activity.Entry(State.NextActivityId(), User, verb, auditableType, auditableId, $"{User.FullName} {description}", SandboxClock.Now(), field, oldValue, text, runId));

    /// <summary>The refusal for light members, or null for others.</summary>
    public string? LightDenied(string what) =>
        User.Role == Role.Light ? $"Light members cannot {what}." : null;
}
