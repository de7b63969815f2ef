using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What changing one template step's assignees did, with the step as the service answered.</summary>
    internal sealed class StepUpdateOutcome : ChangeOutcome<TallyfyStep>
    {
        /// <summary>With Existing: everyone to add was assigned already (AlreadyAssigned); false: no one to remove was (NotAssigned).</summary>
        public bool AlreadyAssigned { get; set; }

        protected override string DoneText => "Updated";
    }
}
