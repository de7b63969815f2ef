using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What updating one task did, with the task as the service answered.</summary>
    internal sealed class TaskUpdateOutcome : ChangeOutcome<TallyfyTask>
    {
        protected override string DoneText => "Updated";
    }
}
