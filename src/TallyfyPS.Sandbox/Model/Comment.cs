using System;

namespace TallyfyPS.Sandbox;

/// <summary>A comment on a task (API name thread).</summary>
public sealed class Comment
{
    /// <summary>Every label of the contract (the default first).</summary>
    public static readonly string[] Labels = { "comment", "problem", "resolve", "improvement", "advice" };

    /// <summary>Every state of the contract (the server default first).</summary>
    public static readonly string[] States = { "hide-for-guests", "open", "collapsed" };

    /// <summary>The thread id: an integer.</summary>
    public required long Id { get; init; }
    public required string Content { get; set; }
    public string Label { get; set; } = "comment";
    public string State { get; set; } = "hide-for-guests";
    public int AuthorId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? UpdatedAt { get; set; }

    /// <summary>The id of the thread that resolved this problem (<c>resolve_id</c>); null while open.</summary>
    public long? ResolveId { get; set; }

    /// <summary>An open problem: label <c>problem</c> and no <c>resolve_id</c> (a <c>resolve</c> comment resolves nothing).</summary>
    public bool IsOpenProblem => Label == "problem" && ResolveId is null;
}
