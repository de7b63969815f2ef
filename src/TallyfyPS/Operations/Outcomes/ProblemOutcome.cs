using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What resolving one problem did: Done (Resolved, with the resolution thread) or Existing (resolved already).</summary>
    internal sealed class ProblemOutcome : ChangeOutcome<TallyfyComment>
    {
        /// <summary>The thread that resolved it, where known (the new one, or the earlier one of a problem resolved already).</summary>
        public string? ResolutionId { get; set; }

        protected override string DoneText => "Resolved";
    }
}
