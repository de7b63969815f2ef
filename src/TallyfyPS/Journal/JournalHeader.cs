using System;

namespace TallyfyPS.Journal
{
    /// <summary>What a journal is for: the first line of its file. A journal is replayed only by the same kind of call.</summary>
    public sealed class JournalHeader
    {
        public JournalHeader(string command, string action, string organizationId, DateTimeOffset createdAt)
        {
            Command = command;
            Action = action;
            OrganizationId = organizationId;
            CreatedAt = createdAt;
        }

        /// <summary>The cmdlet that writes it (Remove-TallyfyRun).</summary>
        public string Command { get; }

        /// <summary>What it does to each item (Archive, Permanently delete, Restore, ...).</summary>
        public string Action { get; }

        public string OrganizationId { get; }

        public DateTimeOffset CreatedAt { get; }

        /// <summary>Why this journal cannot be used by a call described by <paramref name="call"/>, or null when it can.</summary>
        public string? Mismatch(JournalHeader call)
        {
            if (!string.Equals(Command, call.Command, StringComparison.OrdinalIgnoreCase) || !string.Equals(Action, call.Action, StringComparison.OrdinalIgnoreCase))
            {
                return $"it records {Command} ({Action}), not {call.Command} ({call.Action})";
            }

            return string.Equals(OrganizationId, call.OrganizationId, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"it records work in organization {OrganizationId}, not {call.OrganizationId}";
        }
    }
}
