namespace TallyfyPS.Sandbox;

/// <summary>
/// The size of the seed (<c>POST /_sandbox/reset</c>). The knobs left null keep the default data; set, they make every
/// seeded run richer: exactly that many tasks per run, comments per task, form fields per task.
/// </summary>
public sealed record SeedSettings(int Runs, int Seed, int? TasksPerRun = null, int? CommentsPerTask = null, int? FormFieldsPerTask = null)
{
    public const int MaxTasksPerRun = 25;
    public const int MaxCommentsPerTask = 39;
    public const int MaxFormFieldsPerTask = 20;

    /// <summary>An error message, or null when the settings are usable.</summary>
    public string? Validate()
    {
        if (Runs < 0)
        {
            return "runs must be >= 0.";
        }

        if (TasksPerRun is < 1 or > MaxTasksPerRun)
        {
            return $"tasksPerRun must be between 1 and {MaxTasksPerRun}.";
        }

        if (CommentsPerTask is < 0 or > MaxCommentsPerTask)
        {
            return $"commentsPerTask must be between 0 and {MaxCommentsPerTask}.";
        }

        if (FormFieldsPerTask is < 1 or > MaxFormFieldsPerTask)
        {
            return $"formFieldsPerTask must be between 1 and {MaxFormFieldsPerTask}.";
        }

        return null;
    }
}
