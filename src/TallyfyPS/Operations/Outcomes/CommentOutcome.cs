using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What adding one comment did, with the comment as the service answered.</summary>
    internal sealed class CommentOutcome : ChangeOutcome<TallyfyComment>
    {
        protected override string DoneText => "Added";
    }
}
