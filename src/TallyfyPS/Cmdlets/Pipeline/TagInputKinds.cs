using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The input kinds of the tag cmdlets, for <see cref="InputReader"/>.</summary>
    internal static class TagInputKinds
    {
        /// <summary>Runs to tag or untag: what <see cref="InputKind.Run"/> takes, and the results of the run-tag cmdlets (undo by piping them back).</summary>
        public static InputKind RunToTag { get; } = new InputKind(Noun.Run, InputKind.Run.IdNames, Ids.Normalize, (value, kind) => value switch
        {
            TallyfyRunTagResult tagged => KnownInput.Of(tagged.RunId, tagged.OrganizationId, new RecordState(KnownState.Unknown, tagged.RunName)),
            _ => InputKind.Run.Typed(value, kind),
        });

        /// <summary>Tags: ids, TallyfyTag objects, the results of Remove-TallyfyTag, and objects with an Id, TagId or tag_id property.</summary>
        public static InputKind Tag { get; } = new InputKind(Noun.Tag, new[] { "Id", "TagId", "tag_id" }, Ids.Normalize, (value, kind) => value switch
        {
            TallyfyTag tag => KnownInput.Of(tag.Id, string.IsNullOrEmpty(tag.OrganizationId) ? null : tag.OrganizationId, new RecordState(KnownState.Unknown, tag.Title)),
            TallyfyTagRemovalResult removed => KnownInput.Of(removed.TagId, removed.OrganizationId, new RecordState(KnownState.Unknown, removed.Title)),
            TallyfyTagCreationResult { Tag: TallyfyTag made } => kind.Typed(made, kind),
            TallyfyTagCreationResult other when other.TagId.Length > 0 => KnownInput.Of(other.TagId, other.OrganizationId, new RecordState(KnownState.Unknown, other.Title)),
            TallyfyTagCreationResult failed => KnownInput.Refused(failed.Title, Errors.New(ErrorIds.InvalidTagId, ErrorCategory.InvalidArgument, failed,
                $"'{failed.Title}' has no tag: its creation result is {failed.Status}. Nothing was sent for it.",
                "Pass the results that have a tag: ... | Where-Object Succeeded | ...")),
            _ => null,
        });
    }
}
