using System;

namespace TallyfyPS.Model
{
    /// <summary>What a removal or restore call did to one item.</summary>
    public enum TallyfyAction
    {
        Archive,
        Delete,
        Restore,
    }

    /// <summary>The outcome of Remove-TallyfyRun / Remove-TallyfyTask for one item.</summary>
    public enum TallyfyRemovalStatus
    {
        Archived,
        Deleted,
        AlreadyArchived,
        NotFound,
        Forbidden,
        Failed,
        Skipped,
    }

    /// <summary>The outcome of Restore-TallyfyRun / Restore-TallyfyTask for one item.</summary>
    public enum TallyfyRestoreStatus
    {
        Restored,
        NotArchived,
        NotFound,
        Forbidden,
        Failed,
        Skipped,
    }

    /// <summary>What every per-item result carries besides its id, name, action and status.</summary>
    public abstract class TallyfyOperationResult
    {
        /// <summary>The HTTP status of the last answer for this item; null when none was needed or none came.</summary>
        public int? HttpStatus { get; set; }
        public string? Message { get; set; }
        /// <summary>Requests sent for this item, retries and verification included.</summary>
        public int Attempts { get; set; }
        public DateTimeOffset CompletedAt { get; set; }
        public string OrganizationId { get; set; } = string.Empty;
        /// <summary>The service's X-Request-Id of the last answer, for support tickets.</summary>
        public string? RequestId { get; set; }

        /// <summary>True when the item ended as the caller asked.</summary>
        public abstract bool Succeeded { get; }
    }

    public sealed class TallyfyRunRemovalResult : TallyfyOperationResult
    {
        public string RunId { get; set; } = string.Empty;
        public string? Name { get; set; }
        public TallyfyAction Action { get; set; }
        public TallyfyRemovalStatus Status { get; set; }

        public override bool Succeeded =>
            Status == TallyfyRemovalStatus.Archived || Status == TallyfyRemovalStatus.Deleted ||
            Status == TallyfyRemovalStatus.AlreadyArchived;

        public override string ToString() => $"{RunId} {Status}";
    }

    public sealed class TallyfyRunRestoreResult : TallyfyOperationResult
    {
        public string RunId { get; set; } = string.Empty;
        public string? Name { get; set; }
        public TallyfyAction Action { get; set; } = TallyfyAction.Restore;
        public TallyfyRestoreStatus Status { get; set; }

        public override bool Succeeded =>
            Status == TallyfyRestoreStatus.Restored || Status == TallyfyRestoreStatus.NotArchived;

        public override string ToString() => $"{RunId} {Status}";
    }

    public sealed class TallyfyTaskRemovalResult : TallyfyOperationResult
    {
        public string TaskId { get; set; } = string.Empty;
        public string? Title { get; set; }
        public TallyfyAction Action { get; set; }
        public TallyfyRemovalStatus Status { get; set; }

        public override bool Succeeded =>
            Status == TallyfyRemovalStatus.Archived || Status == TallyfyRemovalStatus.Deleted ||
            Status == TallyfyRemovalStatus.AlreadyArchived;

        public override string ToString() => $"{TaskId} {Status}";
    }

    public sealed class TallyfyTaskRestoreResult : TallyfyOperationResult
    {
        public string TaskId { get; set; } = string.Empty;
        public string? Title { get; set; }
        public TallyfyAction Action { get; set; } = TallyfyAction.Restore;
        public TallyfyRestoreStatus Status { get; set; }

        public override bool Succeeded =>
            Status == TallyfyRestoreStatus.Restored || Status == TallyfyRestoreStatus.NotArchived;

        public override string ToString() => $"{TaskId} {Status}";
    }
}
