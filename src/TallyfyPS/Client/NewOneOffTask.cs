using System;

namespace TallyfyPS.Client
{
    /// <summary>What a new one-off task is made of.</summary>
    internal sealed class NewOneOffTask
    {
        public NewOneOffTask(string title)
        {
            Title = title ?? throw new ArgumentNullException(nameof(title));
        }

        public string Title { get; }

        /// <summary>task, approval, expiring, email, expiring_email.</summary>
        public string TaskType { get; set; } = "task";

        /// <summary>Who to assign it to.</summary>
        public ResolvedOwners? Owners { get; set; }

        public DateTimeOffset? Deadline { get; set; }

        public string? Description { get; set; }
    }
}
