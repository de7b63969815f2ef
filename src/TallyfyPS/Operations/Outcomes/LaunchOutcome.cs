using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What launching one run did: the new run, or the live run of that name that was kept (Existing).</summary>
    internal sealed class LaunchOutcome : ChangeOutcome<TallyfyRun>
    {
        protected override string DoneText => "Launched";

        /// <summary>The run as the service described it (its JSON), for a journal to replay without a request.</summary>
        public string? RecordJson { get; set; }
    }
}
