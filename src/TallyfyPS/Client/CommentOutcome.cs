using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>What adding one comment did, with the comment as the service answered.</summary>
    public sealed class CommentOutcome : ChangeOutcome<TallyfyComment>
    {
        protected override string DoneText => "Added";
    }
}
