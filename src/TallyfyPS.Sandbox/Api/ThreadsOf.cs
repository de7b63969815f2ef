using System.Collections.Generic;

namespace TallyfyPS.Sandbox;

/// <summary>What threads are posted on: a task, or a run (process level).</summary>
internal sealed class ThreadsOf
{
    private ThreadsOf(List<Comment> threads, bool archived, string archivedMessage, string description, string? runId)
    {
        Threads = threads;
        Archived = archived;
        ArchivedMessage = archivedMessage;
        Description = description;
        RunId = runId;
    }

    public List<Comment> Threads { get; }

    public bool Archived { get; }

    public string ArchivedMessage { get; }

    /// <summary>How the activity feed names it: "the task 'X'", "the process 'Y'".</summary>
    public string Description { get; }

    public string? RunId { get; }

    public static ThreadsOf Task(TaskItem task) =>
        new ThreadsOf(task.Threads, task.ArchivedAt is not null, "Cannot comment on an archived task.", $"the task '{task.Title}'", task.Run?.Id);

    public static ThreadsOf Run(Run run) =>
        new ThreadsOf(run.Threads, run.ArchivedAt is not null, "Cannot comment on an archived process.", $"the process '{run.Name}'", run.Id);
}
