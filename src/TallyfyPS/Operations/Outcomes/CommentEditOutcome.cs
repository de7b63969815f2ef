using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What editing one comment did, with the comment as the service answered.</summary>
    internal sealed class CommentEditOutcome : ChangeOutcome<TallyfyComment>
    {
        protected override string DoneText => "Updated";
    }
}
