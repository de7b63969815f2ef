using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What updating one run did, with the run as the service answered.</summary>
    internal sealed class RunUpdateOutcome : ChangeOutcome<TallyfyRun>
    {
        protected override string DoneText => "Updated";
    }
}
