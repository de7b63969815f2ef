using System.Globalization;

namespace TallyfyPS.Model
{
    /// <summary>One entry of Tallyfy's activity feed (the audit log): who did what to which record, and when.</summary>
    public sealed class TallyfyActivity
    {
        public string Id { get; set; } = string.Empty;
        public TallyfyTimestamp? CreatedAt { get; set; }
        /// <summary>created, updated, completed, uncompleted, archived, unarchived, deleted, commented, tagged, ...</summary>
        public string? Verb { get; set; }
        /// <summary>Who did it, as a member of the organization; null for the service itself, or someone it no longer lists.</summary>
        public TallyfyUser? Actor { get; set; }
        /// <summary>The actor's user id, as the feed gives it (also when <see cref="Actor"/> could not be resolved).</summary>
        public long? ActorId { get; set; }
        /// <summary>The actor's email, where the actor was resolved.</summary>
        public string? ActorEmail => Actor?.Email;
        /// <summary>user, or system for what Tallyfy did by itself (automatic archiving).</summary>
        public string? ActorType { get; set; }
        /// <summary>What the entry is about, in the API's words: run, task, checklist (a blueprint), thread (a comment), tag.</summary>
        public string? SubjectType { get; set; }
        public string? SubjectId { get; set; }
        /// <summary>The subject's name (a run's name, a task's title) where the input named it; the feed itself gives none.</summary>
        public string? SubjectName { get; set; }
        public string? Description { get; set; }
        /// <summary>For an update: the field that changed.</summary>
        public string? Field { get; set; }
        public string? OldValue { get; set; }
        /// <summary>The new value (the feed's text).</summary>
        public string? NewValue { get; set; }
        public string OrganizationId { get; set; } = string.Empty;

        public override string ToString() =>
            $"{CreatedAt} {ActorEmail ?? ActorId?.ToString(CultureInfo.InvariantCulture) ?? ActorType} {Verb} {SubjectType} {SubjectId}";
    }
}
