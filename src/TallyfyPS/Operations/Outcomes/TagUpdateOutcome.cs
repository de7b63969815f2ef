using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What renaming or recolouring one tag did, with the tag as the service answered.</summary>
    internal sealed class TagUpdateOutcome : ChangeOutcome<TallyfyTag>
    {
        protected override string DoneText => "Updated";
    }
}
