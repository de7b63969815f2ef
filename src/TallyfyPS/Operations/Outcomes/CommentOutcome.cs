using System;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What adding one comment did, with the comment as the service answered.</summary>
    public sealed class CommentOutcome : ChangeOutcome<TallyfyComment>
    {
        /// <summary>Set when Tallyfy's comment limit refused it: when the limit frees up.</summary>
        public DateTimeOffset? LimitedUntil { get; set; }

        protected override string DoneText => "Added";
    }
}
