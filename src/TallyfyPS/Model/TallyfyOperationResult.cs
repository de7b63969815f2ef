using System;

namespace TallyfyPS.Model
{
    /// <summary>What every per-item result carries besides its id, name, action and status.</summary>
    public abstract class TallyfyOperationResult
    {
        /// <summary>The HTTP status of the last answer for this item; null when none was needed or none came.</summary>
        public int? HttpStatus { get; set; }
        public string? Message { get; set; }
        /// <summary>Requests sent for this item, retries and verification included.</summary>
        public int Attempts { get; set; }
        /// <summary>When the item was settled (ISO 8601 in exports).</summary>
        public TallyfyTimestamp CompletedAt { get; set; } = new TallyfyTimestamp(DateTimeOffset.Now);
        public string OrganizationId { get; set; } = string.Empty;
        /// <summary>The service's X-Request-Id of the last answer, for support tickets.</summary>
        public string? RequestId { get; set; }
        /// <summary>
        /// Who did it: the email of the session's user (from GET /me at Connect-Tallyfy), so an exported result
        /// says who acted; the user's username or id where the service gave no email.
        /// </summary>
        public string? PerformedBy { get; set; }

        /// <summary>True when the item ended as the caller asked.</summary>
        public abstract bool Succeeded { get; }

        /// <summary>
        /// True when running the call again could not change this item's outcome, so a journal replays the result
        /// instead of sending anything: success, and answers that will not change (the record does not exist).
        /// </summary>
        internal virtual bool Settled => Succeeded;

        /// <summary>
        /// True when the change was sent and whether it was applied is unknown (Status Unknown): a journal keeps the steps
        /// sent before it, so a rerun looks for the change before sending it again, as after a call that was killed.
        /// </summary>
        internal bool OutcomeUnknown => string.Equals(StatusText, "Unknown", StringComparison.Ordinal);

        /// <summary>The result's status as a word (for summaries): its Status property where it has one.</summary>
        internal virtual string StatusText => GetType().GetProperty("Status")?.GetValue(this)?.ToString() ?? (Succeeded ? "Succeeded" : "Failed");
    }
}
